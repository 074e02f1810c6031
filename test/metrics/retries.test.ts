/**
 * `cognito_identity.client.retries` (by `retry.reason`) and `cognito_identity.client.throttles`
 * (by operation), through the executor and the real retry policies: against the emulator's
 * injected faults and its per-operation rate limits (counts judged by the emulator's own ledger
 * of what it answered), and against a scripted service for the reasons the emulator does not
 * produce on demand (clock skew, expired credentials, HTTP 429, a custom policy's `other`).
 * Virtual time drives every backoff (test/resilience/support.ts).
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Schedule } from "effect"
import { Emulator } from "../../src/emulator/index.js"
import { CognitoIdentity, RetryPolicy } from "../../src/index.js"
import { awsError, json, makeVirtualClock, POOL, rotatingCredentials, scriptedClient, withTestClock } from "../resilience/support.js"
import type { Responder } from "../resilience/support.js"
import { CALL_DURATION, emulatorClient, RETRIES, rpc, series, sorted, tagged, testCase, THROTTLES } from "./support.js"
import type { EmulatorClient } from "./support.js"

type Outcomes = Readonly<Record<string, number>>

const outcomesOf = (operation: string) => Effect.map(Emulator, (emulator): Outcomes => emulator.stats().operations[operation]?.outcomes ?? {})

/** Runs `effect` on the virtual clock with the emulator and a client of it under `policy`. */
const onEmulator = <A, E>(
  effect: Effect.Effect<A, E, EmulatorClient | RetryPolicy>,
  policy: Layer.Layer<RetryPolicy>,
  options: Parameters<typeof emulatorClient>[0] = {}
) =>
  Effect.flatMap(
    makeVirtualClock().run(effect.pipe(Effect.provide(Layer.merge(emulatorClient(options), policy)))),
    (exit) => Exit.isSuccess(exit) ? Effect.succeed(exit.value) : Effect.dieMessage(Cause.pretty(exit.cause))
  )

describe("retries and throttles against the emulator", () => {
  it.live("throttled at every attempt: three throttles, two retries for throttling, one failed call", () => {
    const test = testCase()
    return Effect.gen(function*() {
      const { error, outcomes } = yield* onEmulator(
        Effect.gen(function*() {
          const emulator = yield* Emulator
          const [pool = ""] = yield* emulator.seed({ pools: 1, identitiesPerPool: 1 })
          emulator.setFaults({ throttlingRate: 1, operations: ["DescribeIdentityPool"] })
          const error = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool }).pipe(Effect.flip, tagged(test))
          return { error, outcomes: yield* outcomesOf("DescribeIdentityPool") }
        }),
        RetryPolicy.layerStandard()
      )
      expect(error).toMatchObject({ _tag: "TooManyRequestsException", attempts: 3 })
      expect(outcomes).toEqual({ TooManyRequestsException: 3 })
      expect(yield* series(THROTTLES, test)).toEqual([{ labels: { ...rpc("DescribeIdentityPool"), ...test }, value: 3 }])
      expect(yield* series(RETRIES, test)).toEqual([
        { labels: { ...rpc("DescribeIdentityPool"), "retry.reason": "throttling", ...test }, value: 2 }
      ])
      expect(yield* series(CALL_DURATION, test)).toEqual([
        { labels: { ...rpc("DescribeIdentityPool"), "error.type": "TooManyRequestsException", ...test }, value: 1 }
      ])
    })
  })

  it.live("faults on two operations (30% of attempts): each metric equals what the emulator answered, per operation", () => {
    const test = testCase()
    const operations = ["GetId", "DescribeIdentityPool"] as const
    return Effect.gen(function*() {
      const outcomes = yield* onEmulator(
        Effect.gen(function*() {
          const emulator = yield* Emulator
          const [pool = ""] = yield* emulator.seed({ pools: 1, identitiesPerPool: 0 })
          emulator.setFaults({ throttlingRate: 0.15, internalErrorRate: 0.1, serviceUnavailableRate: 0.05, seed: 13 })
          const calls = Array.from({ length: 40 }, (_, i) =>
            i % 2 === 0 ? CognitoIdentity.getId({ IdentityPoolId: pool }) : CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool }))
          yield* Effect.all(calls, { concurrency: 4, discard: true }).pipe(tagged(test))
          return { GetId: yield* outcomesOf("GetId"), DescribeIdentityPool: yield* outcomesOf("DescribeIdentityPool") }
        }),
        RetryPolicy.layerStandard({ maxAttempts: 10 })
      )
      for (const operation of operations) {
        const seen = outcomes[operation]
        const throttled = seen["TooManyRequestsException"] ?? 0
        const transient = (seen["InternalErrorException"] ?? 0) + (seen["ServiceUnavailable"] ?? 0)
        // Every call succeeded in the end, so every failed attempt was retried.
        expect(seen["Success"]).toBe(20)
        expect(throttled, `${operation}: the seed throttles some attempts`).toBeGreaterThan(0)
        expect(transient, `${operation}: the seed fails some attempts`).toBeGreaterThan(0)
        const labels = { ...rpc(operation), ...test }
        expect(yield* series(THROTTLES, labels)).toEqual([{ labels, value: throttled }])
        expect(yield* series(RETRIES, labels)).toEqual(sorted([
          { labels: { ...labels, "retry.reason": "throttling" }, value: throttled },
          { labels: { ...labels, "retry.reason": "transient" }, value: transient }
        ]))
        expect(yield* series(CALL_DURATION, labels)).toEqual([{ labels, value: 20 }])
      }
    })
  })

  it.live("the GetId quota (25/s): throttles counted for GetId only, as many as the emulator refused", () => {
    const test = testCase()
    return Effect.gen(function*() {
      const { getId, describe, failedGetIds } = yield* onEmulator(
        Effect.gen(function*() {
          const emulator = yield* Emulator
          const [pool = ""] = yield* emulator.seed({ pools: 1, identitiesPerPool: 0 })
          // 10 callers, each 6 GetId and one DescribeIdentityPool, all at once: far over 25/s.
          const caller = Effect.gen(function*() {
            const exits = yield* Effect.forEach(Array.from({ length: 6 }), () => Effect.exit(CognitoIdentity.getId({ IdentityPoolId: pool })))
            yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool })
            return exits.filter(Exit.isFailure).length
          })
          const failed = yield* Effect.all(Array.from({ length: 10 }, () => caller), { concurrency: "unbounded" }).pipe(tagged(test))
          return {
            getId: yield* outcomesOf("GetId"),
            describe: yield* outcomesOf("DescribeIdentityPool"),
            failedGetIds: failed.reduce((a, b) => a + b, 0)
          }
        }),
        RetryPolicy.layerStandard(),
        { rateLimits: { perSecond: { GetId: 25 }, useDefaults: false } }
      )
      const throttled = getId["TooManyRequestsException"] ?? 0
      expect(throttled).toBeGreaterThan(0)
      expect(describe).toEqual({ Success: 10 })
      expect(yield* series(THROTTLES, test)).toEqual([{ labels: { ...rpc("GetId"), ...test }, value: throttled }])
      // A call that failed was throttled at its last attempt, which no retry followed.
      expect(yield* series(RETRIES, test)).toEqual([
        { labels: { ...rpc("GetId"), "retry.reason": "throttling", ...test }, value: throttled - failedGetIds }
      ])
      const calls = yield* series(CALL_DURATION, { ...rpc("GetId"), ...test })
      expect(calls.reduce((total, s) => total + s.value, 0)).toBe(60)
      expect(calls.find((s) => s.labels["error.type"] === "TooManyRequestsException")?.value ?? 0).toBe(failedGetIds)
    })
  })
})

describe("retry reasons against a scripted service", () => {
  const ok = json({ IdentityPoolId: POOL, IdentityPoolName: "pool", AllowUnauthenticatedIdentities: true })
  const describePool = CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL })

  it.effect("throttling (400 and 429), transient, clock skew and expired credentials, each its own reason", () => {
    const test = testCase()
    return Effect.gen(function*() {
      const script: Responder = (request, index) => {
        switch (index) {
          case 0:
            return awsError("TooManyRequestsException", "Rate exceeded")
          case 1:
            return { status: 429, body: "" }
          case 2:
            return "reset"
          case 3: {
            // The service's clock is 10 minutes ahead; its Date header teaches the client.
            const skewed = awsError("InvalidSignatureException", "Signature expired: 19700101T000000Z is now earlier than 19700101T000500Z")
            return { ...skewed, headers: { ...skewed.headers, date: new Date(request.at + 10 * 60_000).toUTCString() } }
          }
          case 4:
            return awsError("ExpiredTokenException", "The security token included in the request is expired")
          default:
            return ok
        }
      }
      const credentials = rotatingCredentials()
      const { layer, requests } = scriptedClient(script, RetryPolicy.layerStandard({ maxAttempts: 8 }), undefined, credentials.layer)
      const exit = yield* withTestClock(describePool.pipe(Effect.provide(layer), tagged(test)))
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(requests).toHaveLength(6)
      const labels = { ...rpc("DescribeIdentityPool"), ...test }
      expect(yield* series(RETRIES, test)).toEqual(sorted([
        { labels: { ...labels, "retry.reason": "throttling" }, value: 2 },
        { labels: { ...labels, "retry.reason": "transient" }, value: 1 },
        { labels: { ...labels, "retry.reason": "clockSkew" }, value: 1 },
        { labels: { ...labels, "retry.reason": "expiredCredentials" }, value: 1 }
      ]))
      expect(yield* series(THROTTLES, test)).toEqual([{ labels, value: 2 }])
      expect(yield* series(CALL_DURATION, test)).toEqual([{ labels, value: 1 }])
    })
  })

  it.effect("a failure outside the classes that a custom policy retries: retry.reason other", () => {
    const test = testCase()
    return Effect.gen(function*() {
      const policy = RetryPolicy.layerFromSchedule(Schedule.recurs(2), () => true)
      const { layer, requests } = scriptedClient(() => awsError("NotAuthorizedException", "no"), policy)
      const exit = yield* withTestClock(describePool.pipe(Effect.provide(layer), tagged(test)))
      expect(Exit.isFailure(exit)).toBe(true)
      expect(requests).toHaveLength(3)
      const labels = { ...rpc("DescribeIdentityPool"), ...test }
      expect(yield* series(RETRIES, test)).toEqual([{ labels: { ...labels, "retry.reason": "other" }, value: 2 }])
      expect(yield* series(THROTTLES, test)).toEqual([])
      expect(yield* series(CALL_DURATION, test)).toEqual([{ labels: { ...labels, "error.type": "NotAuthorizedException" }, value: 1 }])
    })
  })
})
