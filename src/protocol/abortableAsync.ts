/**
 * `Effect.async` for work that an interruption must stop (a request to abort, a waiter to
 * forget), with the stop registered around the `Effect.async` rather than returned from it.
 *
 * Why not return a canceller from `Effect.async`: on Node 20 that canceller shares a closure
 * context with the value the async resumes with, so each response stayed reachable from garbage
 * that had already been promoted, survived the next minor GCs and was promoted in turn. Measured
 * on the sequential GetId loop (`node --trace-gc-nvp`, the benchmark's server): ~2 MB promoted per
 * scavenge against ~0.3 MB this way, and three to four times the GC time per call.
 *
 * `register` gets `resume` and `onStop`: what `onStop` was last given runs if the fiber is
 * interrupted before `resume`; resuming forgets it, so nothing the work held outlives it.
 *
 * With `timeout`, a timer (the platform's, not the fiber's `Clock`) resumes with
 * `timeout.onTimeout()` after `timeout.millis` and then runs the last stop: a deadline on the
 * work without the two fibers `Effect.timeoutFail` forks for its race (~60 µs per call, measured
 * in-process). The first of resume, timeout and interruption wins; the timer is cleared by the
 * others. A `millis` that is not finite, or beyond what `setTimeout` can wait, sets no timer.
 */
import * as Effect from "effect/Effect"

/** The longest delay `setTimeout` honours (2^31 - 1 ms); a longer one would fire at once. */
const MAX_TIMER_MILLIS = 2_147_483_647

export interface AbortableTimeout<E> {
  readonly millis: number
  readonly onTimeout: () => E
}

export const abortableAsync = <A, E = never>(
  register: (resume: (effect: Effect.Effect<A, E>) => void, onStop: (stop: (() => void) | undefined) => void) => void,
  timeout?: AbortableTimeout<E> | undefined
): Effect.Effect<A, E> =>
  Effect.suspend(() => {
    let stop: (() => void) | undefined
    let timer: ReturnType<typeof setTimeout> | undefined
    const clearTimer = () => {
      if (timer !== undefined) {
        clearTimeout(timer)
        timer = undefined
      }
    }
    return Effect.onInterrupt(
      Effect.async<A, E>((resume) => {
        let done = false
        const settle = (effect: Effect.Effect<A, E>) => {
          if (done) return
          done = true
          clearTimer()
          stop = undefined
          resume(effect)
        }
        if (timeout !== undefined && Number.isFinite(timeout.millis) && timeout.millis <= MAX_TIMER_MILLIS) {
          timer = setTimeout(() => {
            timer = undefined
            const current = stop
            settle(Effect.fail(timeout.onTimeout()))
            current?.()
          }, Math.max(0, timeout.millis))
        }
        register(settle, (next) => {
          stop = next
        })
      }),
      () =>
        Effect.sync(() => {
          clearTimer()
          const current = stop
          stop = undefined
          current?.()
        })
    )
  })
