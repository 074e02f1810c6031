/**
 * Decomposition step 1: the floor's calls, each wrapped in `Effect.tryPromise` and run by
 * `Effect.forEach`. Its cost over the floor is the Effect runtime alone (fibers, scheduling).
 */
import * as Effect from "effect/Effect"
import { create as createFloor } from "../contenders/floor.mjs"

export const create = async (options) => {
  const floor = await createFloor(options)
  return {
    runCalls: (kind, n, concurrency) =>
      Effect.runPromise(
        Effect.forEach(Array.from({ length: n }), () => Effect.tryPromise(() => floor.call(kind)), { concurrency, discard: true })
      ),
    close: floor.close
  }
}
