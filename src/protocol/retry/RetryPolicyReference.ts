/**
 * The `RetryPolicy` service as the operations read it: the same key and the same default as the
 * public `RetryPolicy` class (`layers/RetryPolicy.ts`), without the class. Effect finds a
 * service by its tag's key, so a policy provided with any of the class's layers is the one this
 * reference reads, and the default value, cached by key once per process, is the same object
 * through either. The class's static layers (adaptive, schedule, `Config`) are never tree-shaken
 * away (a bundler keeps every static member of a class it keeps), so the operations import this
 * reference instead: a program that provides no policy bundles the standard one alone.
 */
import * as Context from "effect/Context"
import { makeStandardPolicy } from "./backoffPolicy.js"
import type { RetryPolicyService } from "./RetryPolicyService.js"

export const RETRY_POLICY_KEY = "effect-cognito-identity/RetryPolicy"

/** The built-in default: the AWS SDKs' standard mode, created once per process (Effect caches it by key). */
export const defaultRetryPolicy = (): RetryPolicyService => makeStandardPolicy()

export class RetryPolicyReference extends /*#__PURE__*/ Context.Reference<RetryPolicyReference>()(RETRY_POLICY_KEY, {
  defaultValue: defaultRetryPolicy
}) {}
