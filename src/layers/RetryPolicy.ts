/**
 * How a call is retried. The policy receives the whole attempt, so that it can decide how
 * long to wait, whether to wait before the first try (adaptive rate limiting) and when to
 * give up; failures are classified by `classify`, in one place.
 *
 * `RetryPolicy` has a default (`standard`), so it never appears in an operation's
 * requirements. The default value is created once per process, so its retry budget is shared
 * by every call that does not provide a policy of its own. Provide another with its layer
 * (`RetryPolicy.layerStandard()`, `layerAdaptive()`, `layerNone`, `layerFromSchedule()`):
 * each build of a layer has a budget and limiter state of its own.
 *
 * The operations read the policy through `RetryPolicyReference` (the same key and default,
 * without this class), so that a program that never names `RetryPolicy` does not bundle the
 * static layers below: a bundler keeps every static member of a class it keeps.
 */
import type { ConfigError, Schedule } from "effect"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { classify } from "../protocol/classify.js"
import type { AdaptiveOptions, StandardOptions } from "../protocol/retry/backoffPolicy.js"
import { makeAdaptivePolicy, makeStandardPolicy } from "../protocol/retry/backoffPolicy.js"
import { defaultRetryPolicy, RETRY_POLICY_KEY } from "../protocol/retry/RetryPolicyReference.js"
import type { RetryPolicyService } from "../protocol/retry/RetryPolicyService.js"
import { policyFromSettings } from "../protocol/retry/policyFromSettings.js"
import { retrySettings } from "../protocol/retry/retryConfig.js"
import type { ScheduleOptions } from "../protocol/retry/schedulePolicy.js"
import { makeSchedulePolicy } from "../protocol/retry/schedulePolicy.js"

export type { AdaptiveOptions, AdaptiveRetryPolicy, StandardOptions, StandardRetryPolicy } from "../protocol/retry/backoffPolicy.js"
export type { RetryBudgetOptions } from "../protocol/retry/RetryBudget.js"
export type { RetryPolicyService } from "../protocol/retry/RetryPolicyService.js"
export type { ScheduleOptions } from "../protocol/retry/schedulePolicy.js"

const none: RetryPolicyService = { maxAttempts: 1, run: (attempt) => attempt(1) }

export class RetryPolicy extends Context.Reference<RetryPolicy>()(RETRY_POLICY_KEY, {
  defaultValue: defaultRetryPolicy
}) {
  /**
   * The AWS SDKs' standard mode: 3 attempts, exponential backoff with full jitter (base
   * 100 ms, 500 ms for throttling, capped at 20 s), a retry budget of 500 tokens, of its own
   * for each build of the layer.
   */
  static readonly layerStandard = (options?: StandardOptions): Layer.Layer<RetryPolicy> =>
    Layer.sync(RetryPolicy, () => makeStandardPolicy(options))

  /**
   * `layerStandard`, plus a client-side send-rate limiter that slows down when the service
   * throttles and speeds up again when it stops (the AWS SDKs' adaptive mode). For callers
   * that share a low quota (GetId: 25 requests/s per account and region).
   */
  static readonly layerAdaptive = (options?: AdaptiveOptions): Layer.Layer<RetryPolicy> =>
    Layer.sync(RetryPolicy, () => makeAdaptivePolicy(options))

  /** One attempt, never retried. */
  static readonly layerNone: Layer.Layer<RetryPolicy> = Layer.succeed(RetryPolicy, none)

  /**
   * The class of a failure (throttling, transient, clockSkew, expiredCredentials), or
   * undefined for one a retry would not change: for `layerFromSchedule` predicates.
   */
  static readonly classify = classify

  /**
   * Retries the failures `isRetryable` accepts (default: throttling and transient) as long as
   * `schedule` continues, waiting as it says (at least as long as a `Retry-After`). Clock
   * skew and expired credentials still get their one immediate retry. No retry budget.
   */
  static readonly layerFromSchedule = <Out>(
    schedule: Schedule.Schedule<Out, unknown>,
    isRetryable?: (error: unknown) => boolean,
    options?: ScheduleOptions
  ): Layer.Layer<RetryPolicy> => Layer.sync(RetryPolicy, () => makeSchedulePolicy(schedule, isRetryable, options))

  /**
   * The policy the environment asks for, as the AWS CLI and SDKs read it: `AWS_RETRY_MODE`
   * (`standard`, `adaptive`; `legacy` is read as `standard`) and `AWS_MAX_ATTEMPTS`, through the
   * current `ConfigProvider`. With neither set it provides the built-in default itself, so that
   * code which tells "a policy the caller chose" from the default (exports do) sees no choice.
   * Use it alongside `CognitoIdentityClient.layerConfig()`.
   */
  static readonly layerConfig = (): Layer.Layer<RetryPolicy, ConfigError.ConfigError> =>
    Layer.effect(
      RetryPolicy,
      Effect.map(retrySettings, (settings) => policyFromSettings(settings, () => Context.get(Context.empty(), RetryPolicy)))
    )
}
