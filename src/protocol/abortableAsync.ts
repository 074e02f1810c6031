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
 */
import * as Effect from "effect/Effect"

export const abortableAsync = <A, E = never>(
  register: (resume: (effect: Effect.Effect<A, E>) => void, onStop: (stop: (() => void) | undefined) => void) => void
): Effect.Effect<A, E> =>
  Effect.suspend(() => {
    let stop: (() => void) | undefined
    return Effect.onInterrupt(
      Effect.async<A, E>((resume) => {
        register((effect) => {
          stop = undefined
          resume(effect)
        }, (next) => {
          stop = next
        })
      }),
      () =>
        Effect.sync(() => {
          const current = stop
          stop = undefined
          current?.()
        })
    )
  })
