/**
 * `abortableAsync`: the stop registered by the work runs when the fiber is interrupted while
 * it waits, never after the work has resumed, and a resumed value comes through unchanged.
 */
import { it } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber } from "effect"
import { describe, expect } from "vitest"
import { abortableAsync } from "../../src/protocol/abortableAsync.js"

describe("abortableAsync", () => {
  it.effect("an interruption while waiting runs the last stop given, once", () =>
    Effect.gen(function*() {
      const registered = yield* Deferred.make<void>()
      const stops: Array<string> = []
      const fiber = yield* Effect.fork(abortableAsync<number>((_resume, onStop) => {
        onStop(() => stops.push("first"))
        onStop(() => stops.push("second"))
        Deferred.unsafeDone(registered, Exit.void)
      }))
      yield* Deferred.await(registered)
      const exit = yield* Fiber.interrupt(fiber)
      expect(Exit.isInterrupted(exit)).toBe(true)
      expect(stops).toEqual(["second"])
    }))

  it.effect("after a resume, an interruption has nothing to stop", () =>
    Effect.gen(function*() {
      const stops: Array<string> = []
      const value = yield* abortableAsync<number>((resume, onStop) => {
        onStop(() => stops.push("stop"))
        resume(Effect.succeed(42))
      })
      expect(value).toBe(42)
      expect(stops).toEqual([])
    }))

  it.effect("a failure resumed later comes through as the failure", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(abortableAsync<number, string>((resume) => {
        setTimeout(() => resume(Effect.fail("refused")), 1)
      }))
      expect(exit).toEqual(Exit.fail("refused"))
    }))
})
