/**
 * A policy for long jobs: retries as the wrapped policy does, and gives up only when the job as
 * a whole has made no progress for `giveUpAfter`. Progress is any successful attempt of any call
 * that uses this policy value (an export creates one per run), so a page retried for minutes
 * while the service throttles goes on as long as something gets through, and an export whose
 * every request fails stops after `giveUpAfter` with the last failure (its `attempts` says how
 * many were made). The check runs before each retry; the wait before it (capped by the wrapped
 * policy, 20 s by default) may overrun the limit once.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { RetryPolicyService } from "./RetryPolicyService.js"

/** The last failure of a call that ran out of time; no policy classifies it as retryable. */
class GaveUp<E> {
  constructor(readonly error: E) {}
}

export const withProgressDeadline = (inner: RetryPolicyService, giveUpAfterMillis: number): RetryPolicyService => {
  let lastProgress = Number.NEGATIVE_INFINITY
  const run = <A, E, R>(attempt: (n: number) => Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(Clock.currentTimeMillis, (started) => {
      let last: { readonly error: E } | undefined
      const guarded = (n: number): Effect.Effect<A, E | GaveUp<E>, R> =>
        Effect.flatMap(Clock.currentTimeMillis, (now): Effect.Effect<A, E | GaveUp<E>, R> => {
          if (last !== undefined && now - Math.max(started, lastProgress) >= giveUpAfterMillis) {
            return Effect.fail(new GaveUp(last.error))
          }
          return Effect.matchEffect(attempt(n), {
            onSuccess: (value) =>
              Effect.map(Clock.currentTimeMillis, (at) => {
                lastProgress = Math.max(lastProgress, at)
                return value
              }),
            onFailure: (error) => {
              last = { error }
              return Effect.fail(error)
            }
          })
        })
      return Effect.catchAll(inner.run(guarded), (failure) => Effect.fail(failure instanceof GaveUp ? failure.error : failure))
    })
  return { maxAttempts: inner.maxAttempts, run }
}
