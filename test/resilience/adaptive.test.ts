/**
 * The adaptive policy's send-rate limiter on TestClock: nothing is limited until the service
 * throttles; a throttle cuts the rate (once per round of requests in flight); successes grow
 * it back along the cubic curve, past the rate that was throttled.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Exit, Option, TestClock } from "effect"
import { CognitoIdentity, RetryPolicy } from "../../src/index.js"
import { makeAdaptivePolicy } from "../../src/protocol/retry/backoffPolicy.js"
import { makeSendRateLimiter } from "../../src/protocol/retry/SendRateLimiter.js"
import type { Responder } from "./support.js"
import { awsError, json, makeVirtualClock, POOL, scriptedClient, withTestClock } from "./support.js"

const rateOf = (option: Option.Option<number>) => Option.getOrElse(option, () => Number.NaN)

describe("send-rate limiter", () => {
  it.effect("no limit before the first throttle", () =>
    Effect.gen(function*() {
      const limiter = makeSendRateLimiter()
      for (let i = 0; i < 100; i++) {
        const epoch = yield* limiter.acquire
        yield* limiter.record(false, epoch)
      }
      expect(yield* limiter.sendRate).toEqual(Option.none())
      expect(yield* TestClock.currentTimeMillis).toBe(0)
    }))

  it.effect("a throttle cuts the rate to 0.7 × the measured rate, once per round in flight", () =>
    Effect.gen(function*() {
      const limiter = makeSendRateLimiter()
      // 40 requests in flight at once, all answered at t=1s: measured 40/s (1 s time constant).
      const epochs: Array<number> = []
      for (let i = 0; i < 40; i++) epochs.push(yield* limiter.acquire)
      yield* TestClock.adjust("1 second")
      for (const epoch of epochs.slice(0, 20)) yield* limiter.record(false, epoch)
      for (const epoch of epochs.slice(20)) yield* limiter.record(true, epoch)
      // The first throttle cut the rate; the other 19 were answers to the same round.
      const rate = rateOf(yield* limiter.sendRate)
      expect(rate).toBeGreaterThan(0.7 * 20)
      expect(rate).toBeLessThan(0.7 * 40)
    }))

  it.effect("while limited, sends are spaced at the limit", () =>
    Effect.gen(function*() {
      const limiter = makeSendRateLimiter()
      for (let i = 0; i < 10; i++) yield* limiter.record(false, yield* limiter.acquire)
      yield* limiter.record(true, yield* limiter.acquire)
      const rate = rateOf(yield* limiter.sendRate)
      const fiber = yield* Effect.fork(Effect.forEach(Array.from({ length: 10 }), () => limiter.acquire, { discard: true }))
      yield* withTestClock(fiber.await)
      const elapsed = yield* TestClock.currentTimeMillis
      // Ten tokens at `rate` per second, from an empty bucket.
      expect(elapsed).toBeGreaterThanOrEqual(Math.floor((10 / rate) * 1000) - 10)
      expect(elapsed).toBeLessThanOrEqual(Math.ceil((10 / rate) * 1000) + 20)
    }))

  it.live("recovers when throttling stops: back above the throttled rate, never lowered by a success", () =>
    Effect.gen(function*() {
      const limiter = makeSendRateLimiter()
      const virtual = makeVirtualClock()
      const exit = yield* virtual.run(Effect.gen(function*() {
        // A steady 20 requests/s for 2 s, then a throttle.
        for (let i = 0; i < 40; i++) {
          yield* limiter.record(false, yield* limiter.acquire)
          yield* Effect.sleep("50 millis")
        }
        yield* limiter.record(true, yield* limiter.acquire)
        const cut = rateOf(yield* limiter.sendRate)
        // Then successes only, sending as fast as the limiter allows, for 10 s.
        const rates: Array<number> = []
        const started = yield* Clock.currentTimeMillis
        while ((yield* Clock.currentTimeMillis) - started < 10_000) {
          yield* limiter.record(false, yield* limiter.acquire)
          rates.push(rateOf(yield* limiter.sendRate))
        }
        return { cut, rates }
      }))
      expect(Exit.isSuccess(exit)).toBe(true)
      if (Exit.isFailure(exit)) return
      const { cut, rates } = exit.value
      expect(cut).toBeLessThan(20 * 0.75)
      expect(cut).toBeGreaterThan(20 * 0.6)
      for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThanOrEqual(rates[i - 1] ?? 0)
      expect(rates.at(-1)).toBeGreaterThan(20)
    }))
})

/** A service that takes `perSecond` requests a second (a token bucket holding one second's worth). */
const quotaService = (perSecond: number): { readonly script: Responder; readonly throttled: () => number } => {
  let tokens = perSecond
  let at = 0
  let throttled = 0
  const ok = json({ IdentityId: "us-east-1:11111111-2222-4333-8444-555555555555" })
  return {
    script: (request) => {
      tokens = Math.min(perSecond, tokens + ((request.at - at) * perSecond) / 1000)
      at = request.at
      if (tokens < 1) {
        throttled += 1
        return awsError("TooManyRequestsException", "Rate exceeded")
      }
      tokens -= 1
      return ok
    },
    throttled: () => throttled
  }
}

describe("adaptive policy values and layers", () => {
  it.effect("the policy reports its limit; layerAdaptive starts each build unlimited", () =>
    Effect.gen(function*() {
      const throttleOnce: Responder = (_request, index) =>
        index === 0 ? awsError("TooManyRequestsException", "Rate exceeded") : json({ IdentityId: "us-east-1:11111111-2222-4333-8444-555555555555" })
      const policy = makeAdaptivePolicy()
      expect(yield* policy.sendRate).toEqual(Option.none())
      const { layer } = scriptedClient(throttleOnce, policy)
      expect(Exit.isSuccess(yield* withTestClock(CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.provide(layer))))).toBe(true)
      expect(Option.isSome(yield* policy.sendRate)).toBe(true)

      const fromLayer = Effect.gen(function*() {
        const { layer: client } = scriptedClient(throttleOnce, RetryPolicy.layerAdaptive())
        return yield* Effect.gen(function*() {
          const before = yield* RetryPolicy
          yield* CognitoIdentity.getId({ IdentityPoolId: POOL })
          return before
        }).pipe(Effect.provide(client))
      })
      const first = yield* withTestClock(fromLayer)
      const second = yield* withTestClock(fromLayer)
      expect(Exit.isSuccess(first) && Exit.isSuccess(second)).toBe(true)
      if (Exit.isSuccess(first) && Exit.isSuccess(second)) expect(first.value).not.toBe(second.value)
    }))

  it("RetryPolicy.classify is the executor's classification", () => {
    expect(RetryPolicy.classify({ _tag: "TooManyRequestsException", status: 400, message: "Rate exceeded" })).toBe("throttling")
    expect(RetryPolicy.classify({ _tag: "ResourceNotFoundException", status: 400, message: "" })).toBeUndefined()
  })
})

describe("adaptive against a 10 requests/s quota (scripted, virtual clock)", () => {
  const load = (policy: Parameters<typeof scriptedClient>[1]) =>
    Effect.gen(function*() {
      const virtual = makeVirtualClock()
      const service = quotaService(10)
      const { layer } = scriptedClient(service.script, policy)
      // 10 workers, 20 calls each, 50 ms of work between calls: 200 calls offered at up to ~200/s.
      const worker = Effect.forEach(
        Array.from({ length: 20 }),
        () => Effect.zipRight(CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.exit), Effect.sleep("50 millis")),
        { discard: true }
      )
      const exit = yield* virtual.run(Effect.all(Array.from({ length: 10 }, () => worker), { concurrency: "unbounded" }).pipe(Effect.provide(layer)))
      expect(Exit.isSuccess(exit)).toBe(true)
      return service.throttled()
    })

  it.live("far fewer throttled responses than standard for the same load", () =>
    Effect.gen(function*() {
      const standard = yield* load(RetryPolicy.layerStandard({ budget: false }))
      const adaptive = yield* load(RetryPolicy.layerAdaptive({ budget: false }))
      expect(standard).toBeGreaterThan(100)
      expect(adaptive).toBeLessThan(standard / 2)
    }))
})
