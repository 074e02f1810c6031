/**
 * Safe pool updates against an independent implementation, moto_server (whose UpdateIdentityPool
 * merges instead of replacing, keeps tags left out, and, in moto 5.2, never changes a pool's
 * name): the update keeps tags and providers, and never reports success for a write the pool
 * does not show.
 */
import { layer } from "@effect/vitest"
import { Context, Effect, Layer } from "effect"
import { expect } from "vitest"
import { CognitoIdentity, CognitoIdentityClient, safeUpdateIdentityPool } from "../../src/index.js"
import { UndiciHttpClient } from "../../src/node/index.js"
import { testCredentials } from "../support/layers.js"
import { hasMoto, requirePeer, skipMessage, startMoto } from "../support/peers.js"

requirePeer(hasMoto(), "moto_server")

class Moto extends Context.Tag("test/SafeUpdateMoto")<Moto, { readonly url: string }>() {}

const client = Layer.unwrapEffect(Effect.map(Moto, ({ url }) =>
  Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1", endpoint: url }).pipe(Layer.provide(UndiciHttpClient.layer)),
    testCredentials
  )))

const suite = Layer.provideMerge(client, Layer.scoped(Moto, startMoto))

if (!hasMoto()) {
  layer(Layer.empty)(`safe pool updates on moto_server: ${skipMessage("moto_server", "pip install 'moto[server]'")}`, (it) => {
    it.skip("skipped", () => Effect.void)
  })
} else {
  layer(suite, { timeout: 60_000 })("safe pool updates on moto_server", (it) => {
    it.effect("a one-member change keeps the tags and the providers; a write the pool does not show is never a success", () =>
      Effect.gen(function*() {
        const created = yield* CognitoIdentity.createIdentityPool({
          IdentityPoolName: "moto-app",
          AllowUnauthenticatedIdentities: true,
          SupportedLoginProviders: { "graph.facebook.com": "1234567890" },
          DeveloperProviderName: "login.example",
          IdentityPoolTags: { team: "identity" }
        })
        const id = created.IdentityPoolId
        const result = yield* safeUpdateIdentityPool({ identityPoolId: id, change: { AllowUnauthenticatedIdentities: false } })
        expect(result.written).toBe(true)
        const now = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: id })
        expect(now).toMatchObject({
          AllowUnauthenticatedIdentities: false,
          SupportedLoginProviders: { "graph.facebook.com": "1234567890" },
          DeveloperProviderName: "login.example",
          IdentityPoolTags: { team: "identity" }
        })

        // moto 5.2 never renames a pool (`pool.identity_pool_name or identity_pool_name`): the
        // read-back says so instead of a false success. (A moto that renames would pass the
        // first branch: the point is that success and the pool agree.)
        const renamed = yield* Effect.either(safeUpdateIdentityPool({ identityPoolId: id, change: { IdentityPoolName: "moto-app-v2" } }))
        const name = (yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: id })).IdentityPoolName
        if (renamed._tag === "Right") {
          expect(name).toBe("moto-app-v2")
        } else {
          expect(renamed.left).toMatchObject({ _tag: "PoolUpdateError", reason: "Unverified", fields: ["IdentityPoolName"], written: true })
          expect(name).toBe("moto-app")
        }
      }))
  })
}
