/**
 * The policies against a scripted transport on TestClock: what is retried, exactly when, how
 * the budget empties and refills, Retry-After, clock skew and expired credentials.
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Option, Random, Ref, Schedule } from "effect"
import { CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import type { RetryPolicyService } from "../../src/index.js"
import { makeStandardPolicy } from "../../src/protocol/retry/backoffPolicy.js"
import { makeSchedulePolicy } from "../../src/protocol/retry/schedulePolicy.js"
import type { ScriptedResponse } from "../support/RecordingHttp.js"
import type { Reply, Responder } from "./support.js"
import { amzDateMillis, awsError, json, POOL, rotatingCredentials, scriptedClient, withTestClock } from "./support.js"

const ok = json({ IdentityPoolId: POOL, IdentityPoolName: "pool", AllowUnauthenticatedIdentities: true })
const describePool = CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL })

/** Full jitter draws exactly half of the ceiling. */
const halfJitter = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.withRandom(effect, Random.fixed([0.5]))

const withHeaders = (reply: ScriptedResponse, headers: Record<string, string>): ScriptedResponse => ({
  ...reply,
  headers: { ...reply.headers, ...headers }
})

const failures = (reply: Reply, count: number): Responder => (_request, index) => index < count ? reply : ok

const run = (script: Responder, policy: RetryPolicyService | Layer.Layer<RetryPolicy>, options?: Parameters<typeof scriptedClient>[2]) => {
  const client = scriptedClient(script, policy, options)
  return { requests: client.requests, exit: withTestClock(halfJitter(describePool.pipe(Effect.provide(client.layer)))) }
}

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const failure = Cause.failureOption(exit.cause)
  if (Option.isNone(failure)) throw new Error(`expected a typed failure, got ${Cause.pretty(exit.cause)}`)
  return failure.value
}

const retryable: ReadonlyArray<readonly [string, Reply, "throttling" | "transient"]> = [
  ["TooManyRequestsException (HTTP 400)", awsError("TooManyRequestsException", "Rate exceeded"), "throttling"],
  ["ThrottlingException", awsError("ThrottlingException", "Rate exceeded"), "throttling"],
  ["HTTP 429 without a body", { status: 429, body: "" }, "throttling"],
  ["InternalErrorException (HTTP 500)", awsError("InternalErrorException", "oops", 500), "transient"],
  ["an HTML 502", { status: 502, headers: { "content-type": "text/html" }, body: "<html><h1>502 Bad Gateway</h1></html>" }, "transient"],
  ["HTTP 503", { status: 503, body: "Service Unavailable" }, "transient"],
  ["HTTP 504", { status: 504, body: "" }, "transient"],
  ["a reset connection", "reset", "transient"]
]

const notRetryable: ReadonlyArray<readonly [string, Reply]> = [
  ["ResourceNotFoundException", awsError("ResourceNotFoundException", "IdentityPool not found")],
  ["NotAuthorizedException", awsError("NotAuthorizedException", "no")],
  ["LimitExceededException", awsError("LimitExceededException", "too many pools")],
  ["ValidationException", awsError("ValidationException", "1 validation error detected")],
  ["InvalidSignatureException (mismatch)", awsError("InvalidSignatureException", "The request signature we calculated does not match")],
  ["AccessDeniedException", awsError("AccessDeniedException", "denied")],
  ["an HTTP 400 without a code", { status: 400, body: "" }],
  ["a malformed 200", { status: 200, body: "{not json" }]
]

describe("standard policy: what is retried", () => {
  for (const [name, reply, kind] of retryable) {
    it.effect(`${name}: retried, and succeeds at the third attempt`, () =>
      Effect.gen(function*() {
        const { exit, requests } = run(failures(reply, 2), RetryPolicy.layerStandard())
        expect(Exit.isSuccess(yield* exit)).toBe(true)
        expect(requests).toHaveLength(3)
        // One invocation, numbered attempts (SDK headers).
        expect(new Set(requests.map((r) => r.headers["amz-sdk-invocation-id"])).size).toBe(1)
        expect(requests.map((r) => r.headers["amz-sdk-request"])).toEqual([
          "attempt=1; max=3",
          "attempt=2; max=3",
          "attempt=3; max=3"
        ])
        // Backoff (full jitter at 0.5): base 500 ms for throttling, 100 ms otherwise.
        const base = kind === "throttling" ? 500 : 100
        expect(requests.map((r) => r.at)).toEqual([0, base / 2, base / 2 + base])
      }))

    it.effect(`${name}: gives up after 3 attempts and says so`, () =>
      Effect.gen(function*() {
        const { exit, requests } = run(() => reply, RetryPolicy.layerStandard())
        const error = failureOf(yield* exit)
        expect(requests).toHaveLength(3)
        expect(error).toMatchObject({ attempts: 3 })
      }))
  }

  for (const [name, reply] of notRetryable) {
    it.effect(`${name}: returned at once`, () =>
      Effect.gen(function*() {
        const { exit, requests } = run(() => reply, RetryPolicy.layerStandard())
        expect(failureOf(yield* exit)).toMatchObject({ attempts: 1 })
        expect(requests).toHaveLength(1)
      }))
  }

  it.effect("exact schedule with more attempts: doubling, capped at maxDelay", () =>
    Effect.gen(function*() {
      const { exit, requests } = run(
        () => awsError("InternalErrorException", "oops", 500),
        RetryPolicy.layerStandard({ maxAttempts: 7, baseDelay: "100 millis", maxDelay: "1 second" })
      )
      expect(failureOf(yield* exit)).toMatchObject({ _tag: "InternalErrorException", attempts: 7 })
      const gaps = requests.slice(1).map((r, i) => r.at - (requests[i]?.at ?? 0))
      // Ceilings 100, 200, 400, 800, 1000 (cap), 1000; half of each.
      expect(gaps).toEqual([50, 100, 200, 400, 500, 500])
    }))

  it.effect("none: one attempt, whatever the failure", () =>
    Effect.gen(function*() {
      const { exit, requests } = run(() => awsError("TooManyRequestsException", "Rate exceeded"), RetryPolicy.layerNone)
      expect(failureOf(yield* exit)).toMatchObject({ _tag: "TooManyRequestsException", attempts: 1 })
      expect(requests).toHaveLength(1)
    }))

  it.effect("retryOn narrows what is retried", () =>
    Effect.gen(function*() {
      const { exit, requests } = run(() => awsError("TooManyRequestsException", "Rate exceeded"), RetryPolicy.layerStandard({ retryOn: ["transient"] }))
      expect(failureOf(yield* exit)).toMatchObject({ attempts: 1 })
      expect(requests).toHaveLength(1)
    }))
})

describe("retry budget", () => {
  it.effect("empties under failures, then a retryable failure is returned at once; successes refill it", () =>
    Effect.gen(function*() {
      const policy = makeStandardPolicy({ budget: { capacity: 12 } })
      let failing = true
      const { layer, requests } = scriptedClient(() => (failing ? awsError("InternalErrorException", "down", 500) : ok), policy)
      const call = withTestClock(halfJitter(describePool.pipe(Effect.provide(layer))))

      // 2 retries × 5 tokens: 12 → 2.
      expect(failureOf(yield* call)).toMatchObject({ attempts: 3 })
      expect(yield* policy.retryTokens).toBe(2)
      expect(requests).toHaveLength(3)

      // Fewer than 5 tokens: no retry at all.
      expect(failureOf(yield* call)).toMatchObject({ _tag: "InternalErrorException", attempts: 1 })
      expect(requests).toHaveLength(4)
      expect(yield* policy.retryTokens).toBe(2)

      // Each first-try success refunds 1 token: 3 successes → 5 tokens, one retry's worth.
      failing = false
      for (let i = 0; i < 3; i++) expect(Exit.isSuccess(yield* call)).toBe(true)
      expect(yield* policy.retryTokens).toBe(5)
      failing = true
      expect(failureOf(yield* call)).toMatchObject({ attempts: 2 })
      expect(yield* policy.retryTokens).toBe(0)
    }))

  it.effect("a success after a retry refunds what the retry drew; no response costs 10", () =>
    Effect.gen(function*() {
      const policy = makeStandardPolicy()
      const first = run(failures("reset", 1), policy)
      expect(Exit.isSuccess(yield* first.exit)).toBe(true)
      // 500 − 10 (a reset is charged the timeout cost) + 10 refunded.
      expect(yield* policy.retryTokens).toBe(500)

      const second = run(() => "reset", policy)
      failureOf(yield* second.exit)
      expect(yield* policy.retryTokens).toBe(480)

      const third = run(failures(awsError("TooManyRequestsException", "Rate exceeded"), 2), policy)
      expect(Exit.isSuccess(yield* third.exit)).toBe(true)
      // Two retries at 5, the last one refunded.
      expect(yield* policy.retryTokens).toBe(475)
    }))

  it.effect("budget: false never runs out", () =>
    Effect.gen(function*() {
      const policy = makeStandardPolicy({ budget: false, maxAttempts: 200, maxDelay: "1 millis" })
      const { exit, requests } = run(() => "reset", policy)
      expect(failureOf(yield* exit)).toMatchObject({ _tag: "TransportError", attempts: 200 })
      expect(requests).toHaveLength(200)
    }))

  it.effect("layerStandard builds a fresh budget each time", () =>
    Effect.gen(function*() {
      const layer = RetryPolicy.layerStandard({ budget: { capacity: 5 } })
      const drain = run(() => awsError("InternalErrorException", "down", 500), layer)
      expect(failureOf(yield* drain.exit)).toMatchObject({ attempts: 2 })
      // A second build of the same layer value starts full again.
      const again = run(() => awsError("InternalErrorException", "down", 500), layer)
      expect(failureOf(yield* again.exit)).toMatchObject({ attempts: 2 })
      // Whereas one value shares its budget across calls.
      const shared = makeStandardPolicy({ budget: { capacity: 5 } })
      failureOf(yield* run(() => awsError("InternalErrorException", "down", 500), shared).exit)
      expect(failureOf(yield* run(() => awsError("InternalErrorException", "down", 500), shared).exit)).toMatchObject({ attempts: 1 })
    }))
})

describe("Retry-After", () => {
  it.effect("seconds: waited for at least that long", () =>
    Effect.gen(function*() {
      const throttled = withHeaders(awsError("TooManyRequestsException", "Rate exceeded"), { "retry-after": "3" })
      const { exit, requests } = run(failures(throttled, 1), RetryPolicy.layerStandard())
      expect(Exit.isSuccess(yield* exit)).toBe(true)
      expect(requests.map((r) => r.at)).toEqual([0, 3000])
    }))

  it.effect("an HTTP date, measured against the response's Date", () =>
    Effect.gen(function*() {
      const script: Responder = (request, index) =>
        index > 0 ? ok : {
          status: 503,
          headers: {
            date: new Date(request.at + 600_000).toUTCString(),
            "retry-after": new Date(request.at + 600_000 + 2000).toUTCString()
          },
          body: ""
        }
      const { exit, requests } = run(script, RetryPolicy.layerStandard())
      expect(Exit.isSuccess(yield* exit)).toBe(true)
      expect(requests.map((r) => r.at)).toEqual([0, 2000])
    }))

  it.effect("shorter than the backoff: the backoff wins", () =>
    Effect.gen(function*() {
      const throttled = withHeaders(awsError("TooManyRequestsException", "Rate exceeded"), { "retry-after": "0" })
      const { exit, requests } = run(failures(throttled, 1), RetryPolicy.layerStandard())
      expect(Exit.isSuccess(yield* exit)).toBe(true)
      expect(requests.map((r) => r.at)).toEqual([0, 250])
    }))

  it.effect("longer than maxRetryAfter: returned at once", () =>
    Effect.gen(function*() {
      const throttled = { status: 429, headers: { "retry-after": "120" }, body: "" }
      const { exit, requests } = run(failures(throttled, 1), RetryPolicy.layerStandard())
      expect(failureOf(yield* exit)).toMatchObject({ _tag: "UnknownServiceError", status: 429, attempts: 1 })
      expect(requests).toHaveLength(1)
    }))

  it.effect("fromSchedule honours it too", () =>
    Effect.gen(function*() {
      const throttled = { status: 429, headers: { "retry-after": "2" }, body: "" }
      const { exit, requests } = run(failures(throttled, 1), RetryPolicy.layerFromSchedule(Schedule.spaced("100 millis")))
      expect(Exit.isSuccess(yield* exit)).toBe(true)
      expect(requests.map((r) => r.at)).toEqual([0, 2000])
    }))
})

/** A service whose clock is `skewMillis` ahead of ours, refusing requests outside ±5 minutes. */
const skewedService = (skewMillis: number, answer: Reply = ok): Responder => (request) => {
  const serviceNow = request.at + skewMillis
  const signedAt = amzDateMillis(request)
  if (Math.abs(signedAt - serviceNow) <= 5 * 60_000) return answer
  const message = signedAt < serviceNow
    ? "Signature expired: 19700101T000000Z is now earlier than 19700101T000500Z (19700101T001000Z - 5 min.)"
    : "Signature not yet current: 19700101T001000Z is still later than 19700101T000500Z (19700101T000000Z + 5 min.)"
  return withHeaders(awsError("InvalidSignatureException", message), { date: new Date(serviceNow).toUTCString() })
}

describe("clock skew", () => {
  for (const skew of [10 * 60_000, -10 * 60_000]) {
    it.effect(`service clock ${skew > 0 ? "+" : "−"}10 min: corrected after one retry, the offset kept for later calls`, () =>
      Effect.gen(function*() {
        const { layer, requests } = scriptedClient(skewedService(skew), RetryPolicy.layerStandard())
        const offset = yield* Effect.gen(function*() {
          const first = yield* withTestClock(describePool)
          expect(Exit.isSuccess(first)).toBe(true)
          // The correction is immediate: no backoff.
          expect(requests.map((r) => r.at)).toEqual([0, 0])
          const second = yield* withTestClock(describePool)
          expect(Exit.isSuccess(second)).toBe(true)
          return yield* Ref.get((yield* CognitoIdentityClient).clockOffset)
        }).pipe(Effect.provide(layer))
        expect(requests).toHaveLength(3)
        expect(offset).toBe(skew)
        expect(amzDateMillis(requests[2]!)).toBe(skew)
      }))
  }

  it.effect("retried once only: a service that keeps refusing gets two attempts", () =>
    Effect.gen(function*() {
      const always: Responder = () => awsError("InvalidSignatureException", "Signature expired: 1 is now earlier than 2")
      const { exit, requests } = run(always, RetryPolicy.layerStandard({ maxAttempts: 5 }))
      expect(failureOf(yield* exit)).toMatchObject({ _tag: "InvalidSignatureException", attempts: 2 })
      expect(requests).toHaveLength(2)
    }))

  it.effect("with none: not retried, but the next call signs with the learned clock", () =>
    Effect.gen(function*() {
      const { layer, requests } = scriptedClient(skewedService(10 * 60_000), RetryPolicy.layerNone)
      const [first, second] = yield* Effect.all([withTestClock(describePool), withTestClock(describePool)]).pipe(Effect.provide(layer))
      expect(failureOf(first)).toMatchObject({ _tag: "InvalidSignatureException", attempts: 1 })
      expect(Exit.isSuccess(second)).toBe(true)
      expect(requests).toHaveLength(2)
    }))

  it.effect("systemClockOffset: a known offset is used from the first call", () =>
    Effect.gen(function*() {
      const { exit, requests } = run(skewedService(-10 * 60_000), RetryPolicy.layerNone, { region: "us-east-1", systemClockOffset: -10 * 60_000 })
      expect(Exit.isSuccess(yield* exit)).toBe(true)
      expect(requests).toHaveLength(1)
    }))
})

describe("expired credentials", () => {
  const expiringService: Responder = (request) =>
    request.headers["x-amz-security-token"] === "session-1"
      ? awsError("ExpiredTokenException", "The security token included in the request is expired")
      : ok

  it.effect("ExpiredTokenException: invalidate once, retry once with the new credentials", () =>
    Effect.gen(function*() {
      const credentials = rotatingCredentials()
      const { layer, requests } = scriptedClient(expiringService, RetryPolicy.layerStandard(), undefined, credentials.layer)
      const exit = yield* withTestClock(describePool.pipe(Effect.provide(layer)))
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(credentials.invalidations()).toBe(1)
      expect(requests.map((r) => r.headers["x-amz-security-token"])).toEqual(["session-1", "session-2"])
      expect(requests.map((r) => r.at)).toEqual([0, 0])
    }))

  it.effect("still expired after the refresh: two attempts, then the error", () =>
    Effect.gen(function*() {
      const credentials = rotatingCredentials()
      const { layer, requests } = scriptedClient(
        () => awsError("ExpiredTokenException", "expired"),
        RetryPolicy.layerStandard({ maxAttempts: 5 }),
        undefined,
        credentials.layer
      )
      const exit = yield* withTestClock(describePool.pipe(Effect.provide(layer)))
      expect(failureOf(exit)).toMatchObject({ _tag: "ExpiredTokenException", attempts: 2 })
      expect(requests).toHaveLength(2)
    }))

  it.effect("the corrections do not use up backoff retries' budget and combine with them", () =>
    Effect.gen(function*() {
      const credentials = rotatingCredentials()
      const script: Responder = (request, index) =>
        index === 0 ? awsError("TooManyRequestsException", "Rate exceeded") : expiringService(request, index)
      const policy = makeStandardPolicy()
      const { layer, requests } = scriptedClient(script, policy, undefined, credentials.layer)
      const exit = yield* withTestClock(halfJitter(describePool.pipe(Effect.provide(layer))))
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(requests.map((r) => r.at)).toEqual([0, 250, 250])
      expect(yield* policy.retryTokens).toBe(500)
    }))
})

describe("fromSchedule", () => {
  it.effect("waits as the schedule says and stops when it stops", () =>
    Effect.gen(function*() {
      const schedule = Schedule.intersect(Schedule.exponential("200 millis"), Schedule.recurs(3))
      const { exit, requests } = run(() => awsError("TooManyRequestsException", "Rate exceeded"), RetryPolicy.layerFromSchedule(schedule))
      expect(failureOf(yield* exit)).toMatchObject({ attempts: 4 })
      expect(requests.map((r) => r.at)).toEqual([0, 200, 600, 1400])
      expect(requests[0]?.headers["amz-sdk-request"]).toBe("attempt=1")
    }))

  it.effect("isRetryable chooses the failures", () =>
    Effect.gen(function*() {
      const policy = makeSchedulePolicy(Schedule.recurs(2), (error) => typeof error === "object" && error !== null && "_tag" in error && error._tag === "ResourceNotFoundException")
      const notFound = run(() => awsError("ResourceNotFoundException", "nope"), policy)
      expect(failureOf(yield* notFound.exit)).toMatchObject({ attempts: 3 })
      const throttled = run(() => awsError("TooManyRequestsException", "Rate exceeded"), policy)
      expect(failureOf(yield* throttled.exit)).toMatchObject({ attempts: 1 })
    }))

  it.effect("layerFromSchedule", () =>
    Effect.gen(function*() {
      const { exit, requests } = run(failures("reset", 2), RetryPolicy.layerFromSchedule(Schedule.spaced("1 second")))
      expect(Exit.isSuccess(yield* exit)).toBe(true)
      expect(requests.map((r) => r.at)).toEqual([0, 1000, 2000])
    }))
})
