/**
 * A policy from any Effect `Schedule`: the schedule sees each retryable failure as its input
 * and decides whether and when to try again. The schedule's state is threaded through the
 * call's own loop (no driver or Ref is allocated), so one schedule value serves every call.
 */
import type { Schedule } from "effect"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as ScheduleIntervals from "effect/ScheduleIntervals"
import { classify, correctionBit, retryAfterOf } from "../classify.js"
import type { RetryPolicyService } from "./RetryPolicyService.js"

export interface ScheduleOptions {
  /** The longest `Retry-After` honoured; a longer one returns the error at once. Default 20 s. */
  readonly maxRetryAfter?: Duration.DurationInput | undefined
}

/** Throttling and transient failures: what the standard policy backs off from. */
export const isRetryableByDefault = (error: unknown): boolean => {
  const failure = classify(error)
  return failure === "throttling" || failure === "transient"
}

export const makeSchedulePolicy = <Out>(
  schedule: Schedule.Schedule<Out, unknown>,
  isRetryable: (error: unknown) => boolean = isRetryableByDefault,
  options: ScheduleOptions = {}
): RetryPolicyService => {
  const maxRetryAfter = options.maxRetryAfter === undefined ? 20_000 : Duration.toMillis(options.maxRetryAfter)

  const run = <A, E, R>(attempt: (n: number) => Effect.Effect<A, E, R>): Effect.Effect<A, E, R> => {
    const retryOrFail = (error: E, n: number, state: unknown, corrected: number): Effect.Effect<A, E, R> => {
      const failure = classify(error)
      const bit = failure === undefined ? 0 : correctionBit(failure)
      if (bit !== 0 && (corrected & bit) === 0) return loop(n + 1, state, corrected | bit)
      if (!isRetryable(error)) return Effect.fail(error)
      const hint = retryAfterOf(error)
      if (hint !== undefined && hint > maxRetryAfter) return Effect.fail(error)
      return Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.flatMap(schedule.step(now, error, state), ([nextState, _out, decision]) => {
          if (ScheduleDecision.isDone(decision)) return Effect.fail(error)
          const wait = Math.max(0, ScheduleIntervals.start(decision.intervals) - now, hint ?? 0)
          const next = loop(n + 1, nextState, corrected)
          return wait > 0 ? Effect.zipRight(Effect.sleep(Duration.millis(wait)), next) : next
        }))
    }

    const loop = (n: number, state: unknown, corrected: number): Effect.Effect<A, E, R> =>
      Effect.catchAll(attempt(n), (error) => retryOrFail(error, n, state, corrected))

    return loop(1, schedule.initial, 0)
  }

  return { maxAttempts: Infinity, run }
}
