/** A RetryPolicy that counts the retries of the one it wraps (a long job's progress shows them). */
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import type { RetryPolicyService } from "./RetryPolicyService.js"

export const countingRetries = (policy: RetryPolicyService, retries: Ref.Ref<number>): RetryPolicyService => ({
  maxAttempts: policy.maxAttempts,
  run: (attempt) => policy.run((n) => (n > 1 ? Effect.zipRight(Ref.update(retries, (r) => r + 1), attempt(n)) : attempt(n)))
})
