/**
 * `abortableAsync`: the stop registered by the work runs when the fiber is interrupted while
 * it waits, never after the work has resumed, and a resumed value comes through unchanged.
 * With a timeout (a real timer), the first of resume, timeout and interruption wins.
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

  describe("with a timeout", () => {
    const sleep = (millis: number) => Effect.promise(() => new Promise((resolve) => setTimeout(resolve, millis)))

    it.live("no answer in time: fails with onTimeout's error, then runs the stop", () =>
      Effect.gen(function*() {
        const events: Array<string> = []
        const started = Date.now()
        const exit = yield* Effect.exit(abortableAsync<number, string>((_resume, onStop) => {
          onStop(() => events.push("stop"))
        }, { millis: 30, onTimeout: () => (events.push("timeout"), "timed out") }))
        expect(exit).toEqual(Exit.fail("timed out"))
        expect(events).toEqual(["timeout", "stop"])
        expect(Date.now() - started).toBeGreaterThanOrEqual(25)
      }))

    it.live("an answer in time clears the timer: the timeout never fires, a late resume is ignored", () =>
      Effect.gen(function*() {
        const events: Array<string> = []
        let resumeLater: ((effect: Effect.Effect<number, string>) => void) | undefined
        const value = yield* abortableAsync<number, string>((resume, onStop) => {
          onStop(() => events.push("stop"))
          resumeLater = resume
          setTimeout(() => resume(Effect.succeed(7)), 5)
        }, { millis: 40, onTimeout: () => (events.push("timeout"), "timed out") })
        expect(value).toBe(7)
        resumeLater?.(Effect.fail("too late"))
        yield* sleep(80)
        expect(events).toEqual([])
      }))

    it.live("an interruption clears the timer and runs the stop once", () =>
      Effect.gen(function*() {
        const events: Array<string> = []
        const registered = yield* Deferred.make<void>()
        const fiber = yield* Effect.fork(abortableAsync<number, string>((_resume, onStop) => {
          onStop(() => events.push("stop"))
          Deferred.unsafeDone(registered, Exit.void)
        }, { millis: 40, onTimeout: () => (events.push("timeout"), "timed out") }))
        yield* Deferred.await(registered)
        expect(Exit.isInterrupted(yield* Fiber.interrupt(fiber))).toBe(true)
        yield* sleep(80)
        expect(events).toEqual(["stop"])
      }))

    it.live("a deadline setTimeout cannot wait for (or none) sets no timer", () =>
      Effect.gen(function*() {
        for (const millis of [Number.POSITIVE_INFINITY, 2 ** 31]) {
          const events: Array<string> = []
          const value = yield* abortableAsync<number, string>((resume) => {
            setTimeout(() => resume(Effect.succeed(1)), 20)
          }, { millis, onTimeout: () => (events.push("timeout"), "timed out") })
          expect(value).toBe(1)
          expect(events).toEqual([])
        }
      }))
  })
})
