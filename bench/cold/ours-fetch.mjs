// Cold start: one GetId with this client on FetchHttpClient (global fetch).
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { CognitoIdentity, CognitoIdentityClient } from "../../dist/index.js"
import { answer, endpoint, POOL_ID } from "./answer.mjs"

CognitoIdentity.getId({ IdentityPoolId: POOL_ID }).pipe(
  Effect.provide(CognitoIdentityClient.layer({ region: "us-east-1", endpoint }).pipe(Layer.provide(FetchHttpClient.layer))),
  Effect.runPromise
).then((out) => answer(out.IdentityId))
