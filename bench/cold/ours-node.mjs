// Cold start: one GetId with this client on UndiciHttpClient, imported as the README shows.
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { CognitoIdentity, CognitoIdentityClient } from "../../dist/index.js"
import { UndiciHttpClient } from "../../dist/node/index.js"
import { answer, endpoint, POOL_ID } from "./answer.mjs"

CognitoIdentity.getId({ IdentityPoolId: POOL_ID }).pipe(
  Effect.provide(CognitoIdentityClient.layer({ region: "us-east-1", endpoint }).pipe(Layer.provide(UndiciHttpClient.layer))),
  Effect.runPromise
).then((out) => answer(out.IdentityId))
