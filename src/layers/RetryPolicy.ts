/**
 * How a call is retried. The policy receives the whole attempt, so that it can decide how
 * long to wait, whether to wait before the first try (adaptive rate limiting) and when to
 * give up; failures are classified by `classify`, in one place.
 *
 * `RetryPolicy` has a default (`standard`), so it never appears in an operation's
 * requirements; provide another with `Layer.succeed(RetryPolicy, RetryPolicy.none)`.
 */
import { Context, Duration, Effect, Random } from "effect"
import type { FailureClass } from "../protocol/classify.js"
import { classify } from "../protocol/classify.js"

export interface RetryPolicyService {
  /** The most attempts a call makes (reported in `amz-sdk-request`). */
  readonly maxAttempts: number
  /** Runs `attempt` (given the 1-based attempt number) until it succeeds or the policy gives up. */
  readonly run: <A, E, R>(attempt: (n: number) => Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

export interface StandardOptions {
  /** Attempts in all, the first included. AWS SDK default: 3. */
  readonly maxAttempts?: number
  /** Backoff base for transient failures. AWS SDK default: 100 ms. */
  readonly baseDelay?: Duration.DurationInput
  /** Backoff base for throttling. AWS SDK default: 500 ms. */
  readonly throttlingBaseDelay?: Duration.DurationInput
  /** Cap on a single wait. AWS SDK default: 20 s. */
  readonly maxDelay?: Duration.DurationInput
  /** Which failure classes are retried. Default: throttling and transient. */
  readonly retryOn?: ReadonlyArray<FailureClass>
}

const makeStandard = (options: StandardOptions = {}): RetryPolicyService => {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3)
  const base = Duration.toMillis(options.baseDelay ?? "100 millis")
  const throttlingBase = Duration.toMillis(options.throttlingBaseDelay ?? "500 millis")
  const cap = Duration.toMillis(options.maxDelay ?? "20 seconds")
  const retryOn = new Set<FailureClass>(options.retryOn ?? ["throttling", "transient"])
  return {
    maxAttempts,
    run: <A, E, R>(attempt: (n: number) => Effect.Effect<A, E, R>) => {
      const loop = (n: number): Effect.Effect<A, E, R> =>
        Effect.catchAll(attempt(n), (error) => {
          const failure = classify(error)
          if (failure === undefined || !retryOn.has(failure) || n >= maxAttempts) return Effect.fail(error)
          // Exponential backoff with full jitter, as the AWS SDKs do.
          const ceiling = Math.min(cap, (failure === "throttling" ? throttlingBase : base) * 2 ** (n - 1))
          return Effect.flatMap(Random.nextRange(0, ceiling), (delay) =>
            Effect.zipRight(Effect.sleep(Duration.millis(delay)), loop(n + 1)))
        })
      return loop(1)
    }
  }
}

const none: RetryPolicyService = { maxAttempts: 1, run: (attempt) => attempt(1) }

export class RetryPolicy extends Context.Reference<RetryPolicy>()("effect-cognito-identity/RetryPolicy", {
  defaultValue: (): RetryPolicyService => makeStandard()
}) {
  /** 3 attempts, exponential backoff with full jitter; retries throttling and transient failures. */
  static readonly standard = (options?: StandardOptions): RetryPolicyService => makeStandard(options)
  /** One attempt, never retried. */
  static readonly none: RetryPolicyService = none
}
