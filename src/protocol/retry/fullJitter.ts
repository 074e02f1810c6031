/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter", 2015; the AWS SDKs' standard mode): the wait before retry `i` (0 for the first) is
 * uniform in [0, min(cap, base · 2^i)), whole milliseconds as the SDKs compute it. Random
 * comes from Effect's `Random`, so a test fixes the draws with `Effect.withRandom`.
 */
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"

export const fullJitter = (baseMillis: number, capMillis: number, retry: number): Effect.Effect<number> =>
  Effect.map(Random.next, (r) => Math.floor(r * Math.min(capMillis, baseMillis * 2 ** retry)))
