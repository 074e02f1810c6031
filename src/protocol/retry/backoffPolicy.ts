/**
 * The standard and adaptive policies: the AWS SDKs' standard retry mode (3 attempts,
 * exponential backoff with full jitter capped at 20 s, base 100 ms and 500 ms for throttling,
 * a 500-token retry budget; AWS SDKs and Tools Reference Guide, "Retry behavior", and SDK v3
 * `@smithy/util-retry` `constants.js`), optionally fronted by the adaptive send-rate limiter.
 * (The @smithy/core 3.41 in this repository's devDependencies already computes with a newer
 * "retries 2026" set: base 50 ms, throttling 1 s, retry cost 14, throttling retry cost 5. The
 * numbers of the reference guide are kept here; each is an option.)
 *
 * One policy value holds the state shared by every call that uses it (budget, limiter);
 * `run` allocates nothing beyond the closures of the call's own retry loop, and a call that
 * succeeds at once costs one refund of the budget.
 */
import type { Option } from "effect"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type { FailureClass } from "../classify.js"
import * as Random from "effect/Random"
import { classify, correctionBit, isNoResponse, retryAfterOf } from "../classify.js"
import type { RetryBudgetOptions } from "./RetryBudget.js"
import { makeRetryBudget } from "./RetryBudget.js"
import type { RetryPolicyService } from "./RetryPolicyService.js"
import type { SendRateLimiter, SendRateLimiterOptions } from "./SendRateLimiter.js"
import { makeSendRateLimiter } from "./SendRateLimiter.js"

export interface StandardOptions {
  /** Attempts in all, the first included. AWS SDK default: 3. */
  readonly maxAttempts?: number | undefined
  /** Backoff base for transient failures. AWS SDK default: 100 ms. */
  readonly baseDelay?: Duration.DurationInput | undefined
  /** Backoff base for throttling. AWS SDK default: 500 ms. */
  readonly throttlingBaseDelay?: Duration.DurationInput | undefined
  /** Cap on a single backoff wait. AWS SDK default: 20 s. */
  readonly maxDelay?: Duration.DurationInput | undefined
  /**
   * The longest `Retry-After` honoured. A response asking for a longer wait is returned at
   * once: retrying sooner would ignore the service, waiting longer would hold the caller for
   * longer than it probably wants. Default: `maxDelay`.
   */
  readonly maxRetryAfter?: Duration.DurationInput | undefined
  /**
   * Which failure classes are retried. Default: all four; clockSkew and expiredCredentials
   * are retried at most once per call, at once (see `correctionBit` in `classify.ts`).
   */
  readonly retryOn?: ReadonlyArray<FailureClass> | undefined
  /** The retry budget shared by every call of this policy; `false` disables it. Default: SDK numbers. */
  readonly budget?: RetryBudgetOptions | false | undefined
}

export interface AdaptiveOptions extends StandardOptions, SendRateLimiterOptions {}

/** A standard policy value, with its budget open to inspection. */
export interface StandardRetryPolicy extends RetryPolicyService {
  readonly mode: "standard" | "adaptive"
  /** Tokens left in the retry budget (`Infinity` without a budget). */
  readonly retryTokens: Effect.Effect<number>
}

export interface AdaptiveRetryPolicy extends StandardRetryPolicy {
  readonly mode: "adaptive"
  /** The client-side limit in requests per second; none until the service first throttles. */
  readonly sendRate: Effect.Effect<Option.Option<number>>
}

const ALL_CLASSES: ReadonlyArray<FailureClass> = ["throttling", "transient", "clockSkew", "expiredCredentials"]

const millis = (input: Duration.DurationInput | undefined, fallback: number): number => {
  if (input === undefined) return fallback
  const value = Duration.toMillis(input)
  return Number.isNaN(value) ? fallback : Math.max(0, value)
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter", 2015; the AWS SDKs' standard mode): the wait before retry `i` (0 for the first) is
 * uniform in [0, min(cap, base · 2^i)), whole milliseconds as the SDKs compute it. Random
 * comes from Effect's `Random`, so a test fixes the draws with `Effect.withRandom`.
 */
const fullJitter = (baseMillis: number, capMillis: number, retry: number): Effect.Effect<number> =>
  Effect.map(Random.next, (r) => Math.floor(r * Math.min(capMillis, baseMillis * 2 ** retry)))

const make = (options: StandardOptions, limiter: SendRateLimiter | undefined): Omit<StandardRetryPolicy, "mode"> => {
  const requested = options.maxAttempts ?? 3
  const maxAttempts = Number.isNaN(requested) ? 3 : Math.max(1, Math.floor(requested))
  const base = millis(options.baseDelay, 100)
  const throttlingBase = millis(options.throttlingBaseDelay, 500)
  const cap = millis(options.maxDelay, 20_000)
  const maxRetryAfter = millis(options.maxRetryAfter, cap)
  const retryOn: ReadonlySet<FailureClass> = new Set(options.retryOn ?? ALL_CLASSES)
  const budget = makeRetryBudget(options.budget)

  const run = <A, E, R>(attempt: (n: number) => Effect.Effect<A, E, R>): Effect.Effect<A, E, R> => {
    const retryOrFail = (error: E, n: number, lastCost: number, corrected: number): Effect.Effect<A, E, R> => {
      const failure = classify(error)
      if (failure === undefined || !retryOn.has(failure) || n >= maxAttempts) return Effect.fail(error)
      const bit = correctionBit(failure)
      if (bit !== 0) return (corrected & bit) !== 0 ? Effect.fail(error) : loop(n + 1, lastCost, corrected | bit)
      const hint = retryAfterOf(error)
      if (hint !== undefined && hint > maxRetryAfter) return Effect.fail(error)
      return Effect.suspend(() => {
        const cost = budget.draw(isNoResponse(error))
        if (cost === undefined) return Effect.fail(error)
        return Effect.flatMap(fullJitter(failure === "throttling" ? throttlingBase : base, cap, n - 1), (jitter) => {
          const wait = Math.max(jitter, hint ?? 0)
          const next = loop(n + 1, cost, corrected)
          return wait > 0 ? Effect.zipRight(Effect.sleep(Duration.millis(wait)), next) : next
        })
      })
    }

    // `lastCost`: what this call's latest backoff retry drew, refunded if it succeeds.
    const loop = (n: number, lastCost: number, corrected: number): Effect.Effect<A, E, R> =>
      limiter === undefined
        ? Effect.matchEffect(attempt(n), {
          // A continuation runs when the attempt has succeeded: the refund needs no step of its own.
          onSuccess: (value) => {
            budget.refund(lastCost)
            return Effect.succeed(value)
          },
          onFailure: (error) => retryOrFail(error, n, lastCost, corrected)
        })
        : Effect.flatMap(limiter.acquire, (epoch) =>
          Effect.matchEffect(attempt(n), {
            onSuccess: (value) =>
              Effect.map(limiter.record(false, epoch), () => {
                budget.refund(lastCost)
                return value
              }),
            onFailure: (error) =>
              Effect.zipRight(
                limiter.record(classify(error) === "throttling", epoch),
                Effect.suspend(() => retryOrFail(error, n, lastCost, corrected))
              )
          }))

    return loop(1, 0, 0)
  }

  return { maxAttempts, run, retryTokens: Effect.sync(budget.available) }
}

/** A fresh standard policy: its own budget. */
export const makeStandardPolicy = (options: StandardOptions = {}): StandardRetryPolicy => ({
  mode: "standard",
  ...make(options, undefined)
})

/** A fresh adaptive policy: its own budget and its own send-rate limiter. */
export const makeAdaptivePolicy = (options: AdaptiveOptions = {}): AdaptiveRetryPolicy => {
  const limiter = makeSendRateLimiter(options)
  return { mode: "adaptive", ...make(options, limiter), sendRate: limiter.sendRate }
}
