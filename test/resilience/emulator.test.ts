/**
 * Resilience against the emulator, over the real wire protocol: injected faults retried or
 * not, a skewed clock corrected after one retry (the emulator verifies SigV4 with a ±5 min
 * window), and adaptive mode against the GetId quota of 25 requests/s.
 *
 * The in-process emulator runs in the caller's fiber, so the virtual clock (see support.ts)
 * drives the client's backoff, the emulator's rate limiter and its `Date` alike.
 */
import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Clock, Effect, Exit, Layer, Ref } from "effect"
import type { EmulatorOptions } from "../../src/emulator/index.js"
import { Emulator, makeInProcessHttpClient } from "../../src/emulator/index.js"
import { CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import { UndiciHttpClient } from "../../src/node/index.js"
import { testCredentials } from "../support/layers.js"
import { makeVirtualClock } from "./support.js"

const ENDPOINT = "http://emulator.local"

const clientOn = (emulator: EmulatorOptions, policy: Layer.Layer<RetryPolicy>) =>
  Layer.mergeAll(CognitoIdentityClient.layer({ region: "us-east-1", endpoint: ENDPOINT }), testCredentials, policy).pipe(Layer.provideMerge(Emulator.layer(emulator)))

const outcomes = (stats: ReturnType<Emulator["Type"]["stats"]>, operation: string) => stats.operations[operation]?.outcomes ?? {}

const typedFailure = <A, E>(exit: Exit.Exit<A, E>): E | undefined =>
  Exit.isFailure(exit) && Cause.isFailType(exit.cause) ? exit.cause.error : undefined

describe("injected faults against the emulator", () => {
  const faults = [
    ["throttling", { throttlingRate: 1 }, "TooManyRequestsException", "TooManyRequestsException"],
    ["InternalErrorException", { internalErrorRate: 1 }, "InternalErrorException", "InternalErrorException"],
    ["HTML 503", { serviceUnavailableRate: 1 }, "ServiceUnavailable", "UnknownServiceError"],
    ["dropped connection", { dropConnectionRate: 1 }, "DropConnection", "TransportError"]
  ] as const

  for (const [name, fault, outcome, tag] of faults) {
    it.live(`${name}: retried up to maxAttempts, then the typed error`, () =>
      Effect.gen(function*() {
        const virtual = makeVirtualClock()
        const exit = yield* virtual.run(Effect.gen(function*() {
          const emulator = yield* Emulator
          const [pool] = yield* emulator.seed({ pools: 1, identitiesPerPool: 1 })
          emulator.setFaults(fault)
          const result = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool ?? "" }).pipe(Effect.exit)
          return { result, stats: emulator.stats() }
        }).pipe(Effect.provide(clientOn({}, RetryPolicy.layerStandard()))))
        if (Exit.isFailure(exit)) return expect.fail(Cause.pretty(exit.cause))
        const { result, stats } = exit.value
        expect(typedFailure(result)).toMatchObject({ _tag: tag, attempts: 3 })
        expect(outcomes(stats, "DescribeIdentityPool")).toEqual({ [outcome]: 3 })
      }))

    it.live(`${name} at 30%: every call succeeds, some after retries`, () =>
      Effect.gen(function*() {
        const virtual = makeVirtualClock()
        const rate = Object.fromEntries(Object.entries(fault).map(([key]) => [key, 0.3]))
        const exit = yield* virtual.run(Effect.gen(function*() {
          const emulator = yield* Emulator
          const [pool] = yield* emulator.seed({ pools: 1, identitiesPerPool: 1 })
          emulator.setFaults({ ...rate, seed: 7 })
          const results = yield* Effect.forEach(Array.from({ length: 30 }), () =>
            CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool ?? "" }).pipe(Effect.exit))
          return { results, stats: emulator.stats() }
        }).pipe(Effect.provide(clientOn({}, RetryPolicy.layerStandard({ maxAttempts: 8 })))))
        if (Exit.isFailure(exit)) return expect.fail(Cause.pretty(exit.cause))
        const { results, stats } = exit.value
        expect(results.every(Exit.isSuccess)).toBe(true)
        const seen = outcomes(stats, "DescribeIdentityPool")
        expect(seen["Success"]).toBe(30)
        expect(seen[outcome]).toBeGreaterThan(0)
      }))
  }

  it.live("a fault that is not transient (ResourceNotFoundException) is returned at once", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.gen(function*() {
        const emulator = yield* Emulator
        const result = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000" }).pipe(
          Effect.exit
        )
        return { result, stats: emulator.stats() }
      }).pipe(Effect.provide(clientOn({}, RetryPolicy.layerStandard())), Effect.exit)
      if (Exit.isFailure(exit)) return expect.fail(Cause.pretty(exit.cause))
      expect(typedFailure(exit.value.result)).toMatchObject({ _tag: "ResourceNotFoundException", attempts: 1 })
      expect(outcomes(exit.value.stats, "DescribeIdentityPool")).toEqual({ ResourceNotFoundException: 1 })
    }))
})

/** The real clock, shifted: what a host whose clock is `offsetMillis` off would read. */
const shiftedClock = (offsetMillis: number): Clock.Clock => ({
  [Clock.ClockTypeId]: Clock.ClockTypeId,
  unsafeCurrentTimeMillis: () => Date.now() + offsetMillis,
  currentTimeMillis: Effect.sync(() => Date.now() + offsetMillis),
  unsafeCurrentTimeNanos: () => BigInt(Date.now() + offsetMillis) * 1_000_000n,
  currentTimeNanos: Effect.sync(() => BigInt(Date.now() + offsetMillis) * 1_000_000n),
  sleep: (duration) => Effect.sleep(duration).pipe(Effect.withClock(Clock.make()))
})

describe("clock skew against the emulator", () => {
  for (const skew of [10 * 60_000, -10 * 60_000]) {
    const label = `${skew > 0 ? "emulator" : "local"} clock 10 minutes ahead`
    it.live(`${label} (in-process): one corrected retry, then the offset is reused`, () =>
      Effect.gen(function*() {
        // The emulator keeps the real time; the client's clock is shifted by −skew.
        const emulator = yield* Emulator.make({})
        const [pool] = yield* emulator.seed({ pools: 1, identitiesPerPool: 1 })
        const http = Layer.succeed(HttpClient.HttpClient, makeInProcessHttpClient((request) => emulator.handler(request).pipe(Effect.withClock(Clock.make()))))
        const client = Layer.mergeAll(
          CognitoIdentityClient.layer({ region: "us-east-1", endpoint: ENDPOINT }).pipe(Layer.provide(http)),
          testCredentials,
          RetryPolicy.layerStandard()
        )
        const describe = CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool ?? "" })
        const offset = yield* Effect.gen(function*() {
          yield* describe
          expect(outcomes(emulator.stats(), "DescribeIdentityPool")).toEqual({ InvalidSignatureException: 1, Success: 1 })
          yield* describe
          expect(outcomes(emulator.stats(), "DescribeIdentityPool")).toEqual({ InvalidSignatureException: 1, Success: 2 })
          return yield* Ref.get((yield* CognitoIdentityClient).clockOffset)
        }).pipe(Effect.provide(client), Effect.withClock(shiftedClock(-skew)))
        // Learned from a Date header with one-second resolution.
        expect(Math.abs(offset - skew)).toBeLessThanOrEqual(2_000)
      }).pipe(Effect.scoped))
  }

  it.live("over a real socket (Emulator.serve + UndiciHttpClient): local clock 10 minutes behind", () =>
    Effect.gen(function*() {
      const served = yield* Emulator.serve({ host: "127.0.0.1", port: 0 })
      const [pool] = yield* served.emulator.seed({ pools: 1, identitiesPerPool: 1 })
      const client = Layer.mergeAll(
        CognitoIdentityClient.layer({ region: "us-east-1", endpoint: served.url }).pipe(Layer.provide(UndiciHttpClient.layer)),
        testCredentials,
        RetryPolicy.layerStandard()
      )
      const describe = CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool ?? "" })
      yield* Effect.zipRight(describe, describe).pipe(Effect.provide(client), Effect.withClock(shiftedClock(-10 * 60_000)))
      expect(outcomes(served.emulator.stats(), "DescribeIdentityPool")).toEqual({ InvalidSignatureException: 1, Success: 2 })
    }).pipe(Effect.scoped), { timeout: 20_000 })
})

describe("adaptive mode against the GetId quota (25 requests/s)", () => {
  /** 20 callers, 15 GetId each, 20 ms apart: far more than 25/s offered. Returns the throttled responses. */
  const load = (policy: Layer.Layer<RetryPolicy>) =>
    Effect.gen(function*() {
      const virtual = makeVirtualClock()
      const exit = yield* virtual.run(Effect.gen(function*() {
        const emulator = yield* Emulator
        const [pool] = yield* emulator.seed({ pools: 1, identitiesPerPool: 0 })
        const caller = Effect.forEach(
          Array.from({ length: 15 }),
          () => Effect.zipRight(CognitoIdentity.getId({ IdentityPoolId: pool ?? "" }).pipe(Effect.exit), Effect.sleep("20 millis")),
          { discard: true }
        )
        yield* Effect.all(Array.from({ length: 20 }, () => caller), { concurrency: "unbounded", discard: true })
        return outcomes(emulator.stats(), "GetId")
      }).pipe(Effect.provide(clientOn({ rateLimits: { perSecond: { GetId: 25 }, useDefaults: false } }, policy))))
      if (Exit.isFailure(exit)) return yield* Effect.dieMessage(Cause.pretty(exit.cause))
      return exit.value
    })

  it.live("far fewer throttled responses than standard mode for the same load", () =>
    Effect.gen(function*() {
      const standard = yield* load(RetryPolicy.layerStandard())
      const adaptive = yield* load(RetryPolicy.layerAdaptive())
      const throttledStandard = standard["TooManyRequestsException"] ?? 0
      const throttledAdaptive = adaptive["TooManyRequestsException"] ?? 0
      expect(throttledStandard).toBeGreaterThan(150)
      expect(throttledAdaptive).toBeLessThan(throttledStandard / 2)
      // And adaptive got more calls through.
      expect(adaptive["Success"] ?? 0).toBeGreaterThan(standard["Success"] ?? 0)
    }), { timeout: 60_000 })
})
