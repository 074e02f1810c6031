/**
 * `rpc.client.call.duration`: one measurement per call, labelled by operation, with `error.type`
 * on a failed call, whether the failure came from the service (over the in-process emulator and
 * over HTTP to the emulator server on 127.0.0.1) or was decided before sending (validation,
 * no region); labels from `Effect.tagMetrics` are added; the public `CognitoIdentityMetrics`
 * read the same registry entries the executor writes.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Metric, MetricLabel } from "effect"
import { Emulator } from "../../src/emulator/index.js"
import { CognitoIdentity, CognitoIdentityClient, CognitoIdentityMetrics, RetryPolicy } from "../../src/index.js"
import { NodeHttpClient, UndiciHttpClient } from "../../src/node/index.js"
import { testCredentials } from "../support/layers.js"
import { CALL_DURATION, emulatorClient, histogramStates, RETRIES, rpc, series, sorted, tagged, testCase, THROTTLES } from "./support.js"

const UNKNOWN_POOL = "us-east-1:00000000-0000-4000-8000-000000000000"

/** Makes a pool that allows guests; returns its id. */
const newPool = Effect.map(
  CognitoIdentity.createIdentityPool({ IdentityPoolName: "metrics", AllowUnauthenticatedIdentities: true }),
  (pool) => pool.IdentityPoolId
)

describe("rpc.client.call.duration", () => {
  it.live("one measurement per call by operation; failures carry the error's tag as error.type", () => {
    const test = testCase()
    return Effect.gen(function*() {
      const emulator = yield* Emulator
      const pool = yield* newPool
      for (let i = 0; i < 3; i++) yield* CognitoIdentity.getId({ IdentityPoolId: pool })
      yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool })
      const notFound = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: UNKNOWN_POOL }).pipe(Effect.flip)
      const invalid = yield* CognitoIdentity.getId({ IdentityPoolId: "not a pool id" }).pipe(Effect.flip)
      expect(notFound._tag).toBe("ResourceNotFoundException")
      expect(invalid._tag).toBe("ValidationError")
      // What the service saw: the invalid call never left the process.
      const requests = emulator.stats().operations
      expect([requests["GetId"]?.requests, requests["DescribeIdentityPool"]?.requests]).toEqual([3, 2])

      expect(yield* series(CALL_DURATION, test)).toEqual(sorted([
        { labels: { ...rpc("CreateIdentityPool"), ...test }, value: 1 },
        { labels: { ...rpc("DescribeIdentityPool"), ...test }, value: 1 },
        { labels: { ...rpc("DescribeIdentityPool"), "error.type": "ResourceNotFoundException", ...test }, value: 1 },
        { labels: { ...rpc("GetId"), ...test }, value: 3 },
        { labels: { ...rpc("GetId"), "error.type": "ValidationError", ...test }, value: 1 }
      ]))
      // Durations are seconds: positive and far below a second against the in-process emulator.
      for (const state of yield* histogramStates(CALL_DURATION, test)) {
        expect(state.min).toBeGreaterThanOrEqual(0)
        expect(state.max).toBeLessThan(30)
        expect(state.sum).toBeGreaterThan(0)
      }
      // Nothing was retried or throttled.
      expect(yield* series(RETRIES, test)).toEqual([])
      expect(yield* series(THROTTLES, test)).toEqual([])
    }).pipe(tagged(test), Effect.provide(emulatorClient()))
  })

  it.live("a call refused before sending (no region to sign with) is measured with its error", () => {
    const test = testCase()
    const noRegion = Layer.mergeAll(
      CognitoIdentityClient.layer({ endpoint: "http://127.0.0.1:9" }),
      testCredentials,
      RetryPolicy.layerNone
    ).pipe(Layer.provide(Emulator.layer()))
    return Effect.gen(function*() {
      const error = yield* CognitoIdentity.listIdentityPools({ MaxResults: 10 }).pipe(Effect.flip)
      expect(error._tag).toBe("EndpointError")
      expect(yield* series(CALL_DURATION, test)).toEqual(sorted([
        { labels: { ...rpc("ListIdentityPools"), "error.type": "EndpointError", ...test }, value: 1 }
      ]))
    }).pipe(tagged(test), Effect.provide(noRegion))
  })

  it.live("labels of Effect.tagMetrics are added, each set its own series", () => {
    const test = testCase()
    return Effect.gen(function*() {
      const pool = yield* newPool
      const signIn = CognitoIdentity.getId({ IdentityPoolId: pool })
      yield* Effect.all([signIn, signIn], { concurrency: 2 }).pipe(Effect.tagMetrics("app.tenant", "acme"))
      yield* signIn.pipe(Effect.tagMetrics({ "app.tenant": "globex", "app.job": "nightly" }))
      expect(yield* series(CALL_DURATION, { ...test, ...rpc("GetId") })).toEqual(sorted([
        { labels: { ...rpc("GetId"), ...test, "app.tenant": "acme" }, value: 2 },
        { labels: { ...rpc("GetId"), ...test, "app.tenant": "globex", "app.job": "nightly" }, value: 1 }
      ]))
    }).pipe(tagged(test), Effect.provide(emulatorClient()))
  })

  it.live("the public Metrics read the entries the client writes", () => {
    const test = testCase()
    return Effect.gen(function*() {
      const pool = yield* newPool
      yield* CognitoIdentity.getId({ IdentityPoolId: pool })
      yield* CognitoIdentity.getId({ IdentityPoolId: pool })
      const labels = Object.entries({ ...rpc("GetId"), ...test }).map(([key, value]) => MetricLabel.make(key, value))
      const state = yield* Metric.value(Metric.taggedWithLabels(CognitoIdentityMetrics.callDuration, labels))
      expect(state.count).toBe(2)
    }).pipe(tagged(test), Effect.provide(emulatorClient()))
  })
})

describe("rpc.client.call.duration over HTTP to the emulator server", () => {
  for (const [name, transport] of [["UndiciHttpClient", UndiciHttpClient.layer], ["NodeHttpClient", NodeHttpClient.layer]] as const) {
    it.live(`${name}: successes and a service error, by operation`, () => {
      const test = testCase()
      return Effect.gen(function*() {
        const served = yield* Emulator.serve({ port: 0 })
        const client = Layer.mergeAll(
          CognitoIdentityClient.layer({ region: "us-east-1", endpoint: served.url }).pipe(Layer.provide(transport)),
          testCredentials,
          RetryPolicy.layerNone
        )
        yield* Effect.gen(function*() {
          const pool = yield* newPool
          yield* CognitoIdentity.getId({ IdentityPoolId: pool })
          served.emulator.setFaults({ throttlingRate: 1, operations: ["GetId"] })
          const refused = yield* CognitoIdentity.getId({ IdentityPoolId: pool }).pipe(Effect.flip)
          expect(refused._tag).toBe("TooManyRequestsException")
        }).pipe(tagged(test), Effect.provide(client))
        expect(served.emulator.stats().operations["GetId"]?.outcomes).toEqual({ Success: 1, TooManyRequestsException: 1 })
        expect(yield* series(CALL_DURATION, test)).toEqual(sorted([
          { labels: { ...rpc("CreateIdentityPool"), ...test }, value: 1 },
          { labels: { ...rpc("GetId"), ...test }, value: 1 },
          { labels: { ...rpc("GetId"), "error.type": "TooManyRequestsException", ...test }, value: 1 }
        ]))
        // One throttled response, and no retry (RetryPolicy.layerNone).
        expect(yield* series(THROTTLES, test)).toEqual([{ labels: { ...rpc("GetId"), ...test }, value: 1 }])
        expect(yield* series(RETRIES, test)).toEqual([])
      }).pipe(Effect.scoped)
    }, 30_000)
  }
})
