/**
 * Caching and refresh (`AwsCredentials.cached`, which every expiring source goes through),
 * driven by TestClock: when a refresh happens, that only one is ever in flight, what
 * `invalidate` does, and what happens when a refresh fails.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Context, Duration, Effect, Exit, Fiber, Layer, Random, Scope, TestClock } from "effect"
import type { AwsCredentialIdentity } from "../../src/index.js"
import { AwsCredentials, CredentialsError } from "../../src/index.js"
import { captureTelemetry, credentialsAt, expectNoSecrets, makeFakeSource, renderings, settle } from "./support.js"

const HOUR = Duration.toMillis("1 hour")
const MINUTE = 60_000

/** Credentials n, valid for `lifetime` from now (by the TestClock). */
const expiringIn = (lifetime: number) => (n: number) =>
  Effect.map(Clock.currentTimeMillis, (now) => credentialsAt(n, new Date(now + lifetime)))

const failing = (n: number) =>
  Effect.fail(new CredentialsError({ message: `fake source: refusal ${n}`, sources: ["fake source"] }))

const withCredentials = <A, E, R>(
  source: { readonly name: string; readonly fetch: Effect.Effect<AwsCredentialIdentity, CredentialsError> },
  options: Parameters<typeof AwsCredentials.cached>[1],
  body: (credentials: Effect.Effect.Success<typeof AwsCredentials>) => Effect.Effect<A, E, R>
) => Effect.flatMap(AwsCredentials, body).pipe(Effect.provide(AwsCredentials.cached(source, options)))

describe("AwsCredentials.cached", () => {
  it.effect("fetches nothing before the first get, then caches credentials that do not expire", () =>
    Effect.gen(function*() {
      const fake = yield* makeFakeSource((n) => Effect.succeed(credentialsAt(n)))
      yield* withCredentials(fake.source, {}, (credentials) =>
        Effect.gen(function*() {
          expect(fake.fetches()).toBe(0)
          const first = yield* credentials.get
          yield* TestClock.adjust("365 days")
          const again = yield* Effect.all([credentials.get, credentials.get, credentials.get])
          expect(fake.fetches()).toBe(1)
          expect(again.map((c) => c.accessKeyId)).toEqual([first.accessKeyId, first.accessKeyId, first.accessKeyId])
        }))
    }), 10_000)

  it.effect("refreshes once inside the window and not before", () =>
    Effect.gen(function*() {
      const fake = yield* makeFakeSource(expiringIn(HOUR))
      yield* withCredentials(fake.source, { refreshWindow: "5 minutes", jitter: 0 }, (credentials) =>
        Effect.gen(function*() {
          expect((yield* credentials.get).accessKeyId).toBe("AKIDFAKE1")
          yield* TestClock.adjust(HOUR - 5 * MINUTE - 1)
          expect((yield* credentials.get).accessKeyId).toBe("AKIDFAKE1")
          yield* settle
          expect(fake.fetches()).toBe(1)

          yield* TestClock.adjust(1) // exactly 5 minutes before expiration
          // The current credentials are still valid: served at once, refreshed in the background.
          expect((yield* credentials.get).accessKeyId).toBe("AKIDFAKE1")
          yield* settle
          expect(fake.fetches()).toBe(2)
          expect((yield* credentials.get).accessKeyId).toBe("AKIDFAKE2")
          // The new credentials are good for another hour (less the window).
          yield* TestClock.adjust(HOUR - 5 * MINUTE - 1)
          yield* credentials.get
          yield* settle
          expect(fake.fetches()).toBe(2)
        }))
    }), 10_000)

  it.effect("current answers what get would answer at once, and nothing when get would wait", () =>
    Effect.gen(function*() {
      const fake = yield* makeFakeSource(expiringIn(HOUR))
      yield* withCredentials(fake.source, { refreshWindow: "5 minutes", jitter: 0 }, (credentials) =>
        Effect.gen(function*() {
          const at = yield* Clock.currentTimeMillis
          // Nothing fetched yet: get would wait.
          expect(credentials.current?.(at)).toBeUndefined()
          const first = yield* credentials.get
          expect(credentials.current?.(at)?.accessKeyId).toBe(first.accessKeyId)
          // From the refresh point on, get starts a refresh: not "at once" any more.
          expect(credentials.current?.(at + HOUR - 5 * MINUTE - 1)?.accessKeyId).toBe(first.accessKeyId)
          expect(credentials.current?.(at + HOUR - 5 * MINUTE)).toBeUndefined()
          yield* credentials.invalidate
          expect(credentials.current?.(at)).toBeUndefined()
        }))
    }), 10_000)

  it.effect("jitter moves each refresh point later, but never out of the window", () =>
    Effect.gen(function*() {
      const points = new Set<number>()
      for (let seed = 0; seed < 12; seed++) {
        const start = yield* Clock.currentTimeMillis
        const fake = yield* makeFakeSource(expiringIn(HOUR))
        yield* withCredentials(fake.source, { refreshWindow: "5 minutes", jitter: "1 minute" }, (credentials) =>
          Effect.gen(function*() {
            yield* credentials.get
            yield* TestClock.adjust(HOUR - 5 * MINUTE - 1)
            yield* credentials.get
            yield* settle
            expect(fake.fetches(), "refreshed before the window").toBe(1)
            // Step through the jitter span one second at a time to find the refresh point.
            for (let second = 0; second <= 60 && fake.fetches() === 1; second++) {
              yield* TestClock.adjust(second === 0 ? 1 : 1000)
              yield* credentials.get
              yield* settle
            }
            expect(fake.fetches(), "refreshed within the jitter span").toBe(2)
            const at = (yield* Clock.currentTimeMillis) - start
            expect(at).toBeGreaterThanOrEqual(HOUR - 5 * MINUTE)
            expect(at).toBeLessThanOrEqual(HOUR - 4 * MINUTE)
            points.add(at)
          })).pipe(Effect.withRandom(Random.make(`seed-${seed}`)))
      }
      expect(points.size, "every client would refresh at the same instant").toBeGreaterThan(3)
    }), 20_000)

  it.effect("100 concurrent gets with nothing cached wait for exactly one fetch", () =>
    Effect.gen(function*() {
      const fake = yield* makeFakeSource(expiringIn(HOUR))
      yield* withCredentials(fake.source, {}, (credentials) =>
        Effect.gen(function*() {
          yield* fake.hold
          const fiber = yield* Effect.fork(Effect.all(Array.from({ length: 100 }, () => credentials.get), { concurrency: "unbounded" }))
          yield* settle
          expect(fake.fetches()).toBe(1)
          expect(fiber.unsafePoll(), "a get returned before the fetch completed").toBeNull()
          yield* fake.release
          const all = yield* Fiber.join(fiber)
          expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(["AKIDFAKE1"]))
          expect(fake.fetches()).toBe(1)
        }))
    }), 10_000)

  it.effect("100 concurrent gets during a refresh: one fetch, and the current credentials meanwhile", () =>
    Effect.gen(function*() {
      const fake = yield* makeFakeSource(expiringIn(HOUR))
      yield* withCredentials(fake.source, { jitter: 0 }, (credentials) =>
        Effect.gen(function*() {
          yield* credentials.get
          yield* TestClock.adjust(HOUR - 2 * MINUTE)
          yield* fake.hold
          const during = yield* Effect.all(Array.from({ length: 100 }, () => credentials.get), { concurrency: "unbounded" })
          expect(new Set(during.map((c) => c.accessKeyId))).toEqual(new Set(["AKIDFAKE1"]))
          expect(fake.fetches()).toBe(2)
          yield* fake.release
          yield* settle
          const after = yield* Effect.all(Array.from({ length: 100 }, () => credentials.get), { concurrency: "unbounded" })
          expect(new Set(after.map((c) => c.accessKeyId))).toEqual(new Set(["AKIDFAKE2"]))
          expect(fake.fetches()).toBe(2)
        }))
    }), 10_000)

  it.effect("expired credentials are never served: gets wait for the refresh", () =>
    Effect.gen(function*() {
      const fake = yield* makeFakeSource(expiringIn(HOUR))
      yield* withCredentials(fake.source, {}, (credentials) =>
        Effect.gen(function*() {
          yield* credentials.get
          yield* TestClock.adjust(HOUR)
          yield* fake.hold
          const fiber = yield* Effect.fork(credentials.get)
          yield* settle
          expect(fiber.unsafePoll()).toBeNull()
          yield* fake.release
          expect((yield* Fiber.join(fiber)).accessKeyId).toBe("AKIDFAKE2")
        }))
    }), 10_000)

  it.effect("invalidate forces exactly one refresh, however many gets follow", () =>
    Effect.gen(function*() {
      const fake = yield* makeFakeSource((n) => Effect.succeed(credentialsAt(n)))
      yield* withCredentials(fake.source, {}, (credentials) =>
        Effect.gen(function*() {
          yield* credentials.invalidate // before anything was fetched: harmless
          yield* credentials.get
          yield* credentials.invalidate
          yield* credentials.invalidate
          const all = yield* Effect.all(Array.from({ length: 20 }, () => credentials.get), { concurrency: "unbounded" })
          expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(["AKIDFAKE2"]))
          yield* credentials.get
          expect(fake.fetches()).toBe(2)
        }))
    }), 10_000)

  it.effect("a failed background refresh keeps the current credentials until they expire, retrying now and then", () =>
    Effect.gen(function*() {
      const fake = yield* makeFakeSource((n) => n === 1 ? expiringIn(HOUR)(n) : failing(n))
      const { result, telemetry } = yield* captureTelemetry(
        withCredentials(fake.source, { jitter: 0 }, (credentials) =>
          Effect.gen(function*() {
            yield* credentials.get
            yield* TestClock.adjust(HOUR - 5 * MINUTE)
            expect((yield* credentials.get).accessKeyId).toBe("AKIDFAKE1")
            yield* settle
            expect(fake.fetches()).toBe(2)
            // Not again at every signing...
            for (let i = 0; i < 10; i++) yield* credentials.get
            yield* settle
            expect(fake.fetches()).toBe(2)
            // ...but some seconds later.
            yield* TestClock.adjust("10 seconds")
            expect((yield* credentials.get).accessKeyId).toBe("AKIDFAKE1")
            yield* settle
            expect(fake.fetches()).toBe(3)
            // Once expired, the failure is the caller's.
            yield* TestClock.adjust("5 minutes")
            return yield* Effect.flip(credentials.get)
          }))
      )
      expect(Exit.isSuccess(result)).toBe(true)
      if (Exit.isSuccess(result)) {
        expect(result.value).toBeInstanceOf(CredentialsError)
        expect(result.value.message).toBe("fake source: refusal 4")
      }
      expect(telemetry.logs.join("\n")).toContain("refreshing AWS credentials failed; the current ones are used until they expire")
      expectNoSecrets([telemetry.text()], ["secret-1-DO-NOT-PRINT", "token-1-DO-NOT-PRINT"])
    }), 10_000)

  it.effect("credentials shorter-lived than the window are used for half their remaining life", () =>
    Effect.gen(function*() {
      const fake = yield* makeFakeSource(expiringIn(2 * MINUTE))
      yield* withCredentials(fake.source, { refreshWindow: "5 minutes" }, (credentials) =>
        Effect.gen(function*() {
          yield* credentials.get
          yield* TestClock.adjust(MINUTE - 1)
          yield* credentials.get
          yield* settle
          expect(fake.fetches()).toBe(1)
          yield* TestClock.adjust(1)
          yield* credentials.get
          yield* settle
          expect(fake.fetches()).toBe(2)
        }))
    }), 10_000)

  it.effect("credentials that arrive already expired are an error naming the source", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(HOUR)
      const fake = yield* makeFakeSource((n) => Effect.succeed(credentialsAt(n, new Date(0))))
      const error = yield* withCredentials(fake.source, {}, (credentials) => Effect.flip(credentials.get))
      expect(error.message).toBe(
        "fake source: the credentials obtained had already expired (at 1970-01-01T00:00:00.000Z); check the system clock"
      )
      expect(error.sources).toEqual(["fake source"])
      expectNoSecrets(renderings(error), ["secret-1-DO-NOT-PRINT", "token-1-DO-NOT-PRINT"])
    }), 10_000)

  it.effect("a failed fetch reaches every waiter, and the next get tries again", () =>
    Effect.gen(function*() {
      const fake = yield* makeFakeSource((n) => n === 1 ? failing(n) : Effect.succeed(credentialsAt(n)))
      yield* withCredentials(fake.source, {}, (credentials) =>
        Effect.gen(function*() {
          yield* fake.hold
          const fiber = yield* Effect.fork(
            Effect.all(Array.from({ length: 10 }, () => Effect.either(credentials.get)), { concurrency: "unbounded" })
          )
          yield* settle
          yield* fake.release
          const outcomes = yield* Fiber.join(fiber)
          expect(outcomes.every((o) => o._tag === "Left" && o.left.message === "fake source: refusal 1")).toBe(true)
          expect(fake.fetches()).toBe(1)
          expect((yield* credentials.get).accessKeyId).toBe("AKIDFAKE2")
        }))
    }), 10_000)

  it.effect("closing the layer during a fetch does not leave a get hanging", () =>
    Effect.gen(function*() {
      const fake = yield* makeFakeSource((n) => Effect.succeed(credentialsAt(n)))
      const scope = yield* Scope.make()
      const credentials = Context.get(yield* Layer.buildWithScope(AwsCredentials.cached(fake.source), scope), AwsCredentials)
      yield* fake.hold
      const fiber = yield* Effect.fork(credentials.get)
      yield* settle
      expect(fiber.unsafePoll()).toBeNull()
      yield* Scope.close(scope, Exit.void)
      const exit = yield* Fiber.await(fiber)
      expect(Exit.isInterrupted(exit)).toBe(true)
    }), 10_000)
})
