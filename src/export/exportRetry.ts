/**
 * How an export retries. A single call gives up after 3 attempts (the AWS SDKs' standard
 * mode), which is right for a request a user waits on; an export makes thousands of calls
 * (16,667 pages for a million identities), so three unlucky faults on any one page would end
 * it. By default an export therefore retries throttling and transient failures (InternalError,
 * 5xx, broken connections, attempt timeouts) without a limit on attempts, with capped
 * exponential backoff and the adaptive client-side rate limiter, and gives up only when it has
 * made no progress at all for `giveUpAfter` (5 minutes), or at once on a failure no retry can
 * change (a missing pool, a refused signature, bad input).
 *
 * Whose policy applies: `retry` options given to the export build the export policy with them;
 * otherwise a `RetryPolicy` the caller provided (any layer or value other than the built-in
 * default, which is one value per process) is used as it is: a caller who chose a policy keeps
 * it. With neither, the export policy with its defaults.
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { RetryPolicy } from "../layers/RetryPolicy.js"
import type { RetryPolicyService } from "../layers/RetryPolicy.js"
import { makeAdaptivePolicy, makeStandardPolicy } from "../protocol/retry/backoffPolicy.js"
import { withProgressDeadline } from "../protocol/retry/progressDeadline.js"
import type { RetryMode } from "../protocol/retry/retryConfig.js"

export interface ExportRetryOptions {
  /** `adaptive` (default: slows down when the service throttles) or `standard`. */
  readonly mode?: RetryMode | undefined
  /** Attempts per request, the first included. Default: no limit (see `giveUpAfter`). */
  readonly maxAttempts?: number | undefined
  /** Give up after this long without one successful request. Default 5 minutes. */
  readonly giveUpAfter?: Duration.DurationInput | undefined
}

export const DEFAULT_GIVE_UP_AFTER: Duration.Duration = Duration.minutes(5)

/** A fresh export policy: its own rate limiter and progress clock, no retry budget. */
export const makeExportRetryPolicy = (options: ExportRetryOptions = {}): RetryPolicyService => {
  const giveUpAfter = Duration.decode(options.giveUpAfter ?? DEFAULT_GIVE_UP_AFTER)
  const settings = {
    maxAttempts: options.maxAttempts ?? Infinity,
    // The retry budget protects a service from many callers at once; one export, retrying one
    // request at a time with backoff and the rate limiter, is bounded by `giveUpAfter` instead.
    budget: false,
    // Waits the service asks for (Retry-After) are honoured up to the time the export would wait anyway.
    maxRetryAfter: giveUpAfter
  } as const
  const inner = options.mode === "standard" ? makeStandardPolicy(settings) : makeAdaptivePolicy(settings)
  return withProgressDeadline(inner, Duration.toMillis(giveUpAfter))
}

/** The built-in default policy: the value `RetryPolicy` has when nobody provided one. */
const builtInDefault = (): RetryPolicyService => Context.get(Context.empty(), RetryPolicy)

/** The policy an export runs under (see the module comment). */
export const resolveExportRetryPolicy = (options: ExportRetryOptions | undefined): Effect.Effect<RetryPolicyService> =>
  options !== undefined
    ? Effect.sync(() => makeExportRetryPolicy(options))
    : Effect.map(RetryPolicy, (current) => (current === builtInDefault() ? makeExportRetryPolicy() : current))
