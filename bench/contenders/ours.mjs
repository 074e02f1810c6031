/**
 * This client, as an Effect program would use it: one runtime built from the layers, and each
 * measured loop written in Effect (`Effect.forEach` with the wanted concurrency). The HTTP
 * layer is the only thing that differs between the `ours-node` and `ours-fetch` contenders.
 * Effect is imported by module, not from the "effect" barrel, so that cold starts and memory
 * measure what the client itself loads.
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, exportIdentities } from "../../dist/index.js"
import { CREDENTIALS, expectEqual, GETID_IDENTITY, POOL_ID, POOL_NAME, REGION } from "../lib/fixtures.mjs"

/**
 * `extraLayer` is for experiments (e.g. `Layer.setTracerEnabled(false)`); the contenders use none.
 * `loop: "workers"` (an experiment too) runs a concurrent loop as the Promise contenders do:
 * `concurrency` fibers, each making call after call, instead of `Effect.forEach`'s fiber per call.
 */
export const createOurs = async (httpLayer, { endpoint }, extraLayer = Layer.empty, { loop = "forEach" } = {}) => {
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(
      CognitoIdentityClient.layer({ region: REGION, endpoint }).pipe(Layer.provide(httpLayer)),
      AwsCredentials.static(CREDENTIALS),
      extraLayer
    )
  )
  await runtime.runPromise(Effect.void) // build the layers before anything is measured

  const calls = {
    signed: Effect.map(CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL_ID }), (pool) =>
      expectEqual("DescribeIdentityPool.IdentityPoolName", pool.IdentityPoolName, POOL_NAME)),
    unsigned: Effect.map(CognitoIdentity.getId({ IdentityPoolId: POOL_ID }), (out) =>
      expectEqual("GetId.IdentityId", out.IdentityId, GETID_IDENTITY))
  }

  // Counting is a pure fold, the cheapest way to consume a Stream.
  const countInto = (check) => Stream.runFold(check, (c, item) => (c.item(item.IdentityId), c))

  const exports = {
    stream: (poolId, check) => countInto(check)(CognitoIdentity.listIdentitiesStream({ IdentityPoolId: poolId })),
    records: (poolId, check) => Effect.scoped(countInto(check)(exportIdentities({ pools: [poolId] })))
  }

  const workers = (call, n, concurrency) =>
    Effect.suspend(() => {
      let started = 0
      const next = () => started >= n ? Effect.void : (started++, Effect.zipRight(call, Effect.suspend(next)))
      const count = Math.max(1, Math.min(concurrency, n))
      return Effect.forEach(Array.from({ length: count }), () => Effect.suspend(next), { concurrency: "unbounded", discard: true })
    })

  return {
    getId: () => runtime.runPromise(Effect.map(CognitoIdentity.getId({ IdentityPoolId: POOL_ID }), (out) => out.IdentityId)),
    runCalls: (kind, n, concurrency) =>
      runtime.runPromise(
        loop === "workers"
          ? workers(calls[kind], n, concurrency)
          : Effect.forEach(Array.from({ length: n }), () => calls[kind], { concurrency, discard: true })
      ),
    prepare: async () => {},
    exportCount: (variant, poolId, check) => runtime.runPromise(exports[variant](poolId, check)),
    close: () => runtime.dispose()
  }
}
