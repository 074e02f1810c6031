/**
 * Attempt and call timeouts, on TestClock with a transport that never answers, then over real
 * sockets: interrupting the caller (or a timeout) aborts the request, and the server sees its
 * connection closed.
 */
import { FetchHttpClient } from "@effect/platform"
import type { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Duration, Effect, Exit, Fiber, Layer, Random, Redacted } from "effect"
import * as net from "node:net"
import type { Transport } from "../../src/index.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, CognitoIdentityTransport, RetryPolicy } from "../../src/index.js"
import { NodeHttpClient, UndiciHttpClient } from "../../src/node/index.js"
import type { Responder } from "./support.js"
import { json, POOL, scriptedClient, withTestClock } from "./support.js"

const ok = json({ IdentityId: "us-east-1:11111111-2222-4333-8444-555555555555" })
const getId = CognitoIdentity.getId({ IdentityPoolId: POOL })
const halfJitter = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.withRandom(effect, Random.fixed([0.5]))

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit) || !Cause.isFailType(exit.cause)) throw new Error(`expected a typed failure, got ${String(exit)}`)
  return exit.cause.error
}

/**
 * A transport that enforces `timeoutMillis` itself (as the Node transports do): it records what
 * it was given and answers from the script, "timeout" standing for its own timer firing.
 */
const selfTimingClient = (script: (index: number) => "timeout" | "ok", options: { readonly timeouts: boolean }) => {
  const given: Array<number | undefined> = []
  const transport: Transport = {
    timeouts: options.timeouts,
    send: (request) =>
      Effect.suspend(() => {
        given.push(request.timeoutMillis)
        return script(given.length - 1) === "timeout"
          ? Effect.fail({ _tag: "Timeout" } as const)
          : Effect.succeed({ status: 200, headers: {}, body: new TextEncoder().encode(`{"IdentityId":"${POOL}"}`) })
      })
  }
  const layer = CognitoIdentityClient.layer({ region: "us-east-1", attemptTimeout: "1 second" }).pipe(
    Layer.provide(Layer.succeed(CognitoIdentityTransport, transport)),
    Layer.provide(FetchHttpClient.layer)
  )
  return { given, layer }
}

describe("attempt timeouts enforced by the transport", () => {
  it.effect("a transport that times itself gets the attempt timeout, and its Timeout is the attempt's TimeoutError, retried", () =>
    Effect.gen(function*() {
      const { given, layer } = selfTimingClient((i) => (i === 0 ? "timeout" : "ok"), { timeouts: true })
      const exit = yield* withTestClock(halfJitter(getId.pipe(Effect.provide(layer), Effect.provide(RetryPolicy.layerStandard()))))
      expect(Exit.isSuccess(exit)).toBe(true)
      // Nothing of the attempt was spent before the request went out (TestClock stands still).
      expect(given).toEqual([1000, 1000])
    }))

  it.effect("every attempt timing out: a TimeoutError for the attempt after maxAttempts", () =>
    Effect.gen(function*() {
      const { given, layer } = selfTimingClient(() => "timeout", { timeouts: true })
      const exit = yield* withTestClock(halfJitter(getId.pipe(Effect.provide(layer), Effect.provide(RetryPolicy.layerStandard()))))
      expect(failureOf(exit)).toMatchObject({ _tag: "TimeoutError", scope: "attempt", timeoutMillis: 1000, attempts: 3 })
      expect(given).toHaveLength(3)
    }))

  it.effect("a transport that does not time itself is given no deadline (the executor races it)", () =>
    Effect.gen(function*() {
      const { given, layer } = selfTimingClient(() => "ok", { timeouts: false })
      const exit = yield* withTestClock(getId.pipe(Effect.provide(layer), Effect.provide(RetryPolicy.layerStandard())))
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(given).toEqual([undefined])
    }))

  it.effect("signing that takes the whole attempt (slow credentials) times it out without sending; the time it took counts", () =>
    Effect.gen(function*() {
      const identity = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: Redacted.make("secret") }
      const waits = [2_000, 400]
      const slowCredentials = Layer.succeed(AwsCredentials, {
        get: Effect.suspend(() => Effect.as(Effect.sleep(Duration.millis(waits.shift() ?? 0)), identity)),
        invalidate: Effect.void
      })
      const { given, layer } = selfTimingClient(() => "ok", { timeouts: true })
      const exit = yield* withTestClock(halfJitter(
        CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL }).pipe(
          Effect.provide(layer),
          Effect.provide(slowCredentials),
          Effect.provide(RetryPolicy.layerStandard())
        )
      ))
      // The first attempt's 2 s of signing used its 1 s: nothing was sent. The second signed in
      // 400 ms and handed the transport the 600 ms left.
      expect(given).toEqual([600])
      // The canned answer is GetId's, not a pool: the second attempt is the one that decoded it.
      expect(failureOf(exit)).toMatchObject({ _tag: "DecodeError", attempts: 2 })
    }))

  it.effect("a transport that times itself: only a wait for credentials not in hand is raced", () =>
    Effect.gen(function*() {
      const identity = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: Redacted.make("secret") }
      const describe = CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL })
      const run = (credentials: Layer.Layer<AwsCredentials>) => {
        const { given, layer } = selfTimingClient(() => "ok", { timeouts: true })
        return Effect.map(
          withTestClock(describe.pipe(Effect.provide(layer), Effect.provide(credentials), Effect.provide(RetryPolicy.layerNone))),
          (exit) => ({ exit, given })
        )
      }
      // No `current`: signing would wait 5 s for credentials; the wait is cut at the attempt's
      // 1 s (interrupted, not left to finish), and nothing is sent.
      let cut = false
      const slow = yield* run(Layer.succeed(AwsCredentials, {
        get: Effect.onInterrupt(Effect.as(Effect.sleep("5 seconds"), identity), () => Effect.sync(() => (cut = true))),
        invalidate: Effect.void
      }))
      expect(failureOf(slow.exit)).toMatchObject({ _tag: "TimeoutError", scope: "attempt", attempts: 1 })
      expect(cut).toBe(true)
      expect(slow.given).toEqual([])
      // In hand (`current` answers): signed at once, and the transport is handed the whole second.
      const ready = yield* run(AwsCredentials.static({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }))
      expect(ready.given).toEqual([1_000])
    }))

  it.effect("a Timeout from a transport with no attempt timeout configured is a TransportError", () =>
    Effect.gen(function*() {
      const transport: Transport = { send: () => Effect.fail({ _tag: "Timeout" } as const) }
      const layer = CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(
        Layer.provide(Layer.succeed(CognitoIdentityTransport, transport)),
        Layer.provide(FetchHttpClient.layer)
      )
      const exit = yield* withTestClock(getId.pipe(Effect.provide(layer), Effect.provide(RetryPolicy.layerStandard({ maxAttempts: 1 }))))
      expect(failureOf(exit)).toMatchObject({ _tag: "TransportError", message: "GetId: the transport timed out" })
    }))
})

describe("timeouts on TestClock", () => {
  it.effect("an attempt that never answers times out, is retried, and the next one succeeds", () =>
    Effect.gen(function*() {
      const script: Responder = (_request, index) => (index === 0 ? "hang" : ok)
      const { layer, requests, interrupted } = scriptedClient(script, RetryPolicy.layerStandard(), { region: "us-east-1", attemptTimeout: "1 second" })
      const exit = yield* withTestClock(halfJitter(getId.pipe(Effect.provide(layer))))
      expect(Exit.isSuccess(exit)).toBe(true)
      // Timed out at 1 s (the hanging request was interrupted), backoff 50 ms.
      expect(requests.map((r) => r.at)).toEqual([0, 1050])
      expect(interrupted.count).toBe(1)
    }))

  it.effect("every attempt times out: a TimeoutError for the attempt, after maxAttempts", () =>
    Effect.gen(function*() {
      const { layer, requests, interrupted } = scriptedClient(() => "hang", RetryPolicy.layerStandard(), { region: "us-east-1", attemptTimeout: "1 second" })
      const exit = yield* withTestClock(halfJitter(getId.pipe(Effect.provide(layer))))
      expect(failureOf(exit)).toMatchObject({ _tag: "TimeoutError", scope: "attempt", timeoutMillis: 1000, attempts: 3 })
      expect(requests.map((r) => r.at)).toEqual([0, 1050, 2150])
      expect(interrupted.count).toBe(3)
    }))

  it.effect("the call timeout bounds everything, retries and backoff included", () =>
    Effect.gen(function*() {
      const { layer, requests, interrupted } = scriptedClient(() => "hang", RetryPolicy.layerStandard(), {
        region: "us-east-1",
        attemptTimeout: "1 second",
        callTimeout: "2500 millis"
      })
      const exit = yield* withTestClock(halfJitter(getId.pipe(Effect.provide(layer))))
      expect(failureOf(exit)).toMatchObject({ _tag: "TimeoutError", scope: "call", timeoutMillis: 2500, attempts: 3 })
      expect(requests).toHaveLength(3)
      expect(interrupted.count).toBe(3)
    }))

  it.effect("a call timeout is not retried", () =>
    Effect.gen(function*() {
      const { layer, requests } = scriptedClient(() => "hang", RetryPolicy.layerStandard(), { region: "us-east-1", callTimeout: "3 seconds" })
      const exit = yield* withTestClock(getId.pipe(Effect.provide(layer)))
      expect(failureOf(exit)).toMatchObject({ _tag: "TimeoutError", scope: "call", attempts: 1 })
      expect(requests).toHaveLength(1)
    }))

  it.effect("a slow answer within the attempt timeout is not cut", () =>
    Effect.gen(function*() {
      const { layer, requests } = scriptedClient(() => ok, RetryPolicy.layerStandard(), { region: "us-east-1", attemptTimeout: "1 second" })
      const exit = yield* withTestClock(getId.pipe(Effect.provide(layer)))
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(requests).toHaveLength(1)
    }))
})

interface SilentServer {
  readonly url: string
  /** Connections that sent a request, and those the client then closed. */
  readonly received: () => number
  readonly closed: () => number
}

/** Accepts connections, reads requests, never answers. */
const silentServer = Effect.acquireRelease(
  Effect.async<SilentServer & { readonly server: net.Server; readonly sockets: Set<net.Socket> }>((resume) => {
    let received = 0
    let closed = 0
    const sockets = new Set<net.Socket>()
    const server = net.createServer((socket) => {
      sockets.add(socket)
      let seen = false
      socket.on("data", () => {
        if (!seen) received += 1
        seen = true
      })
      socket.on("error", () => {})
      socket.on("close", () => {
        sockets.delete(socket)
        if (seen) closed += 1
      })
    })
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, received: () => received, closed: () => closed, server, sockets }))
    })
  }),
  ({ server, sockets }) =>
    Effect.async<void>((resume) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resume(Effect.void))
    })
)

/** Polls `condition` every 10 ms, for at most `within`. */
const eventually = (condition: () => boolean, within: Duration.DurationInput = "3 seconds") =>
  Effect.gen(function*() {
    const deadline = Date.now() + Duration.toMillis(within)
    while (!condition() && Date.now() < deadline) yield* Effect.sleep("10 millis")
    return condition()
  })

const transports: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["UndiciHttpClient", UndiciHttpClient.layer],
  ["NodeHttpClient", NodeHttpClient.layer],
  ["FetchHttpClient", FetchHttpClient.layer]
]

describe("aborting requests in flight (real sockets)", () => {
  for (const [name, transport] of transports) {
    it.live(`${name}: interrupting the caller closes the connection the server holds`, () =>
      Effect.gen(function*() {
        const server = yield* silentServer
        const client = CognitoIdentityClient.layer({ region: "us-east-1", endpoint: server.url }).pipe(Layer.provide(transport))
        const fiber = yield* getId.pipe(Effect.provide(client), Effect.provide(RetryPolicy.layerNone), Effect.fork)
        expect(yield* eventually(() => server.received() === 1)).toBe(true)
        expect(server.closed()).toBe(0)
        yield* Fiber.interrupt(fiber).pipe(Effect.timeoutFail({ duration: "2 seconds", onTimeout: () => new Error("interrupt hung") }))
        expect(yield* eventually(() => server.closed() === 1)).toBe(true)
      }).pipe(Effect.scoped), { timeout: 15_000 })

    it.live(`${name}: an attempt timeout is a typed TimeoutError and closes the connection`, () =>
      Effect.gen(function*() {
        const server = yield* silentServer
        const client = CognitoIdentityClient.layer({ region: "us-east-1", endpoint: server.url, attemptTimeout: "200 millis" }).pipe(
          Layer.provide(transport)
        )
        const started = Date.now()
        const exit = yield* getId.pipe(
          Effect.provide(client),
          Effect.provide(RetryPolicy.layerStandard({ maxAttempts: 2, baseDelay: "1 millis" })),
          Effect.exit
        )
        expect(failureOf(exit)).toMatchObject({ _tag: "TimeoutError", scope: "attempt", attempts: 2 })
        expect(Date.now() - started).toBeLessThan(2_000)
        expect(yield* eventually(() => server.closed() === 2)).toBe(true)
      }).pipe(Effect.scoped), { timeout: 15_000 })

    it.live(`${name}: a call timeout is a typed TimeoutError and closes the connection`, () =>
      Effect.gen(function*() {
        const server = yield* silentServer
        const client = CognitoIdentityClient.layer({ region: "us-east-1", endpoint: server.url, callTimeout: "300 millis" }).pipe(
          Layer.provide(transport)
        )
        const exit = yield* getId.pipe(Effect.provide(client), Effect.exit)
        expect(failureOf(exit)).toMatchObject({ _tag: "TimeoutError", scope: "call", attempts: 1 })
        expect(yield* eventually(() => server.closed() === 1)).toBe(true)
      }).pipe(Effect.scoped), { timeout: 15_000 })

    it.live(`${name}: credentials that never come end a signed attempt at its timeout, with nothing sent`, () =>
      Effect.gen(function*() {
        const server = yield* silentServer
        const client = CognitoIdentityClient.layer({ region: "us-east-1", endpoint: server.url, attemptTimeout: "200 millis" }).pipe(
          Layer.provide(transport)
        )
        const started = Date.now()
        const exit = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL }).pipe(
          Effect.provide(client),
          // An SDK provider that never settles (an unreachable metadata endpoint, say).
          Effect.provide(AwsCredentials.fromProvider(() => new Promise(() => {}))),
          Effect.provide(RetryPolicy.layerNone),
          Effect.exit
        )
        expect(failureOf(exit)).toMatchObject({ _tag: "TimeoutError", scope: "attempt", attempts: 1 })
        expect(Date.now() - started).toBeLessThan(2_000)
        expect(server.received()).toBe(0)
      }).pipe(Effect.scoped), { timeout: 15_000 })
  }
})
