/**
 * Shared pieces of the resilience tests: a client over the recording HttpClient
 * (test/support/RecordingHttp.ts), a credentials service that counts invalidations, and drivers
 * of virtual time (TestClock, and a faster virtual clock for load tests).
 */
import { Chunk, Clock, Duration, Effect, Exit, Fiber, Layer, Option, Redacted, TestClock } from "effect"
import type { AwsCredentialIdentity, CognitoIdentityClientOptions, RetryPolicyService } from "../../src/index.js"
import { AwsCredentials, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import type { RecordedRequest, Responder } from "../support/RecordingHttp.js"
import { makeRecordingHttp } from "../support/RecordingHttp.js"
import { testCredentials } from "../support/layers.js"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../support/fixtures.js"

export { awsError, json } from "../support/RecordingHttp.js"
export type { RecordedRequest, Reply, Responder } from "../support/RecordingHttp.js"

export { POOL } from "../support/fixtures.js"

const isPolicyValue = (policy: RetryPolicyService | Layer.Layer<RetryPolicy>): policy is RetryPolicyService =>
  "run" in policy && "maxAttempts" in policy

/** A client over `script`, with the example credentials and the given policy. */
export const scriptedClient = (
  script: Responder,
  policy: RetryPolicyService | Layer.Layer<RetryPolicy>,
  options: CognitoIdentityClientOptions = { region: "us-east-1" },
  credentials: Layer.Layer<AwsCredentials> = testCredentials
) => {
  const http = makeRecordingHttp(script)
  const layer = Layer.mergeAll(
    CognitoIdentityClient.layer(options).pipe(Layer.provide(http.layer)),
    credentials,
    isPolicyValue(policy) ? Layer.succeed(RetryPolicy, policy) : policy
  )
  return { requests: http.requests, interrupted: http.interrupted, layer }
}

/**
 * Credentials that change with every invalidation (the session token names the generation),
 * so a test sees both that `invalidate` ran and that the retry signed with the new ones.
 */
export const rotatingCredentials = () => {
  let generation = 1
  let invalidations = 0
  const current = (): AwsCredentialIdentity => ({
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: Redacted.make(SECRET_ACCESS_KEY),
    sessionToken: Redacted.make(`session-${generation}`)
  })
  return {
    layer: Layer.succeed(AwsCredentials, {
      get: Effect.sync(current),
      invalidate: Effect.sync(() => {
        invalidations += 1
        generation += 1
      })
    }),
    invalidations: () => invalidations
  }
}

/** The code of the JSON error body of a request's reply is not needed: these read what was sent. */
export const target = (request: RecordedRequest): string => request.headers["x-amz-target"] ?? ""

/** `YYYYMMDDTHHMMSSZ` (x-amz-date) → epoch ms. */
export const amzDateMillis = (request: RecordedRequest): number => {
  const value = request.headers["x-amz-date"] ?? ""
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  return m === null ? Number.NaN : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
}

/** Lets fibers and the promises they wait on (response bodies) run: yields, then a macrotask. */
const settle = Effect.gen(function*() {
  for (let round = 0; round < 1; round++) {
    for (let i = 0; i < 10; i++) yield* Effect.yieldNow()
    yield* Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))
  }
})

/**
 * Drives TestClock for a forked effect: once everything runnable has run, jumps to the
 * earliest pending sleep, so virtual time passes exactly as the code under test asks (and no
 * fiber is overtaken by a jump while it still works). Bounded: it stops when nothing sleeps
 * any more for a while (a hang) or after `maxMillis` of virtual time; the caller then finds
 * the fiber still running.
 */
export const runClock = <A, E>(fiber: Fiber.Fiber<A, E>, maxMillis = 10 * 60_000) =>
  Effect.gen(function*() {
    const start = yield* Clock.currentTimeMillis
    let idle = 0
    while (idle < 100) {
      yield* settle
      if (Option.isSome(yield* fiber.poll)) return
      const sleeps = yield* TestClock.sleeps()
      if (Chunk.isEmpty(sleeps)) {
        idle += 1
        continue
      }
      idle = 0
      const next = Math.min(...sleeps)
      if (next - start > maxMillis) return
      yield* TestClock.setTime(next)
    }
  })

/** Runs `effect` on TestClock to completion (see `runClock`); the result as an Exit. */
export const withTestClock = <A, E, R>(effect: Effect.Effect<A, E, R>, maxMillis?: number) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    yield* runClock(fiber, maxMillis)
    const done = yield* fiber.poll
    if (Option.isNone(done)) yield* Fiber.interrupt(fiber)
    return Option.getOrElse(done, () => Exit.die(new Error("still running: the effect hung")))
  })

/**
 * A virtual clock for load tests, where TestClock is too slow (each of its jumps waits for
 * every fiber of the test to suspend, ~15 ms of real time, and a load test has thousands of
 * distinct wake-up times). Sleeps are queued; when the runtime has gone quiet (Effect resumes
 * fibers on microtasks, so two `setImmediate` turns drain them), time jumps to the earliest
 * wake-up. With nothing asleep, it waits on real timers before calling the effect hung. Only
 * for code that does not wait on real I/O (the in-process emulator, a script).
 */
export const makeVirtualClock = (startMillis = Date.UTC(2025, 0, 1)) => {
  let now = startMillis
  const sleepers = new Set<{ readonly at: number; readonly wake: () => void }>()
  const clock: Clock.Clock = {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => now,
    currentTimeMillis: Effect.sync(() => now),
    unsafeCurrentTimeNanos: () => BigInt(Math.round(now * 1_000_000)),
    currentTimeNanos: Effect.sync(() => BigInt(Math.round(now * 1_000_000))),
    sleep: (duration) =>
      Effect.async<void>((resume) => {
        const entry = { at: now + Duration.toMillis(duration), wake: () => resume(Effect.void) }
        sleepers.add(entry)
        return Effect.sync(() => {
          sleepers.delete(entry)
        })
      })
  }
  const quiet = Effect.promise(() => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve))))
  const pause = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 2)))

  /** Runs `effect` on the virtual clock to completion; a hang ends as a defect after `maxMillis`. */
  const run = <A, E, R>(effect: Effect.Effect<A, E, R>, maxMillis = 60 * 60_000) =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(Effect.withClock(effect, clock))
      let idle = 0
      while (idle < 100 && now - startMillis <= maxMillis) {
        yield* quiet
        const done = yield* fiber.poll
        if (Option.isSome(done)) return done.value
        if (sleepers.size === 0) {
          idle += 1
          yield* pause
          continue
        }
        idle = 0
        let next = Infinity
        for (const sleeper of sleepers) next = Math.min(next, sleeper.at)
        now = Math.max(now, next)
        for (const sleeper of [...sleepers]) {
          if (sleeper.at <= now) {
            sleepers.delete(sleeper)
            sleeper.wake()
          }
        }
      }
      yield* Fiber.interrupt(fiber)
      return Exit.die(new Error(`still running after ${now - startMillis} virtual ms: the effect hung`)) as Exit.Exit<A, E>
    })

  return { clock, run, now: () => now }
}
