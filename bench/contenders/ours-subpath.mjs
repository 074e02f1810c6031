/**
 * Cold start only: one GetId with this client imported by subpath, as a short-lived process
 * that minds its start-up would (`effect-cognito-identity/CognitoIdentity` as a namespace,
 * `.../CognitoIdentityClient`, `.../node/NodeHttpClient`): it loads the operations and the
 * client, not the credentials chain, the exports or undici. Nothing but `getId` is measured.
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as CognitoIdentity from "../../dist/CognitoIdentity.js"
import { CognitoIdentityClient } from "../../dist/layers/CognitoIdentityClient.js"
import { NodeHttpClient } from "../../dist/node/NodeHttpClient.js"
import { POOL_ID, REGION } from "../lib/fixtures.mjs"

export const create = async ({ endpoint }) => {
  const client = CognitoIdentityClient.layer({ region: REGION, endpoint }).pipe(Layer.provide(NodeHttpClient.layer))
  return {
    getId: () =>
      CognitoIdentity.getId({ IdentityPoolId: POOL_ID }).pipe(
        Effect.map((out) => out.IdentityId),
        Effect.provide(client),
        Effect.runPromise
      )
  }
}
