/**
 * A policy from the retry settings of the environment (`retryConfig.ts`): the mode's policy
 * with the attempts asked for, or `fallback` when nothing was asked.
 */
import * as Option from "effect/Option"
import { makeAdaptivePolicy, makeStandardPolicy } from "./backoffPolicy.js"
import type { RetrySettings } from "./retryConfig.js"
import type { RetryPolicyService } from "./RetryPolicyService.js"

export const policyFromSettings = (settings: RetrySettings, fallback: () => RetryPolicyService): RetryPolicyService => {
  if (Option.isNone(settings.maxAttempts) && Option.isNone(settings.mode)) return fallback()
  const options = { maxAttempts: Option.getOrUndefined(settings.maxAttempts) }
  return Option.getOrElse(settings.mode, () => "standard" as const) === "adaptive"
    ? makeAdaptivePolicy(options)
    : makeStandardPolicy(options)
}
