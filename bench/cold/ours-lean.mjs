// Cold start: one GetId with this client on node:http, deep imports (experiment).
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { getId } from "../../dist/CognitoIdentity.js"
import { CognitoIdentityClient } from "../../dist/layers/CognitoIdentityClient.js"
import { CognitoIdentityTransport } from "../../dist/protocol/transport.js"
import { makeNodeAgents, nodeHttpTransport } from "../../dist/node/NodeHttpTransport.js"
import { answer, endpoint, POOL_ID } from "./answer.mjs"

getId({ IdentityPoolId: POOL_ID }).pipe(
  Effect.provide(CognitoIdentityClient.layer({ region: "us-east-1", endpoint }).pipe(Layer.provide(Layer.merge(FetchHttpClient.layer, Layer.succeed(CognitoIdentityTransport, nodeHttpTransport(makeNodeAgents())))))),
  Effect.runPromise
).then((out) => answer(out.IdentityId))
