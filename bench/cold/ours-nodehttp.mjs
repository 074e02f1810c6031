// Cold start: one GetId with this client on node:http (experiment).
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { CognitoIdentity, CognitoIdentityClient, CognitoIdentityTransport } from "../../dist/index.js"
import { makeNodeAgents, nodeHttpTransport } from "../../dist/node/NodeHttpTransport.js"
import { answer, endpoint, POOL_ID } from "./answer.mjs"

CognitoIdentity.getId({ IdentityPoolId: POOL_ID }).pipe(
  Effect.provide(CognitoIdentityClient.layer({ region: "us-east-1", endpoint }).pipe(Layer.provide(Layer.merge(FetchHttpClient.layer, Layer.succeed(CognitoIdentityTransport, nodeHttpTransport(makeNodeAgents())))))),
  Effect.runPromise
).then((out) => answer(out.IdentityId))
