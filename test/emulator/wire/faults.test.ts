import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Fiber, Random, TestClock } from "effect"
import { CognitoIdentity, RetryPolicy } from "../../../src/index.js"
import type { FaultOptions } from "../../../src/emulator/wire/FaultInjector.js"
import type { WireResponse } from "../../../src/emulator/wire/WireMessage.js"
import { asReply, clientLayer, errorOf, fakeModel, handlerWith, header, IDENTITY, NOW_MILLIS, POOL, rawRequest, text } from "./support.js"
import { Layer } from "effect"

const getId = () => rawRequest("GetId", JSON.stringify({ IdentityPoolId: POOL }))

const outcome = (response: WireResponse): string => {
  if ("_tag" in response) return "drop"
  if (response.status === 503) return "503"
  const body = JSON.parse(text(response)) as Record<string, unknown>
  return typeof body["__type"] === "string" ? body["__type"] : "ok"
}

const mixed: FaultOptions = {
  throttlingRate: 0.2,
  internalErrorRate: 0.2,
  serviceUnavailableRate: 0.1,
  dropConnectionRate: 0.1
}

const run = (options: FaultOptions, n: number) =>
  Effect.gen(function*() {
    const handle = handlerWith({ model: fakeModel(() => Either.right({ IdentityId: IDENTITY })), faults: options })
    const responses = yield* Effect.forEach(Array.from({ length: n }), () => handle(getId()))
    return { outcomes: responses.map(outcome), handle }
  })

describe("fault injection", () => {
  it.effect("a seed replays the same faults in the same order", () =>
    Effect.gen(function*() {
      const a = yield* run({ ...mixed, seed: 42 }, 200)
      const b = yield* run({ ...mixed, seed: 42 }, 200)
      const c = yield* run({ ...mixed, seed: 7 }, 200)
      expect(a.outcomes).toEqual(b.outcomes)
      expect(a.outcomes).not.toEqual(c.outcomes)
      // Every kind shows up, in roughly the configured proportions.
      const count = (kind: string) => a.outcomes.filter((o) => o === kind).length
      expect(count("TooManyRequestsException")).toBeGreaterThan(20)
      expect(count("InternalErrorException")).toBeGreaterThan(20)
      expect(count("503")).toBeGreaterThan(5)
      expect(count("drop")).toBeGreaterThan(5)
      expect(count("ok")).toBeGreaterThan(50)
      expect(a.handle.stats().operations["GetId"]?.outcomes).toEqual({
        Success: count("ok"),
        TooManyRequestsException: count("TooManyRequestsException"),
        InternalErrorException: count("InternalErrorException"),
        ServiceUnavailable: count("503"),
        DropConnection: count("drop")
      })
    }))

  it.effect("without a seed the caller's Random decides: Effect.withRandom makes it deterministic", () =>
    Effect.gen(function*() {
      const a = yield* Effect.withRandom(run(mixed, 100), Random.make("fixed"))
      const b = yield* Effect.withRandom(run(mixed, 100), Random.make("fixed"))
      expect(a.outcomes).toEqual(b.outcomes)
    }))

  it.effect("each fault's wire form", () =>
    Effect.gen(function*() {
      const throttled = (yield* run({ throttlingRate: 1 }, 1)).handle
      const r1 = yield* throttled(getId())
      expect(errorOf(r1)).toMatchObject({ status: 400, code: "TooManyRequestsException", message: "Rate exceeded" })

      const internal = (yield* run({ internalErrorRate: 1 }, 1)).handle
      expect(errorOf(yield* internal(getId()))).toMatchObject({ status: 500, code: "InternalErrorException", errorType: "InternalErrorException:" })

      const unavailable = (yield* run({ serviceUnavailableRate: 1 }, 1)).handle
      const r3 = yield* unavailable(getId())
      expect(asReply(r3).status).toBe(503)
      expect(header(r3, "content-type")).toBe("text/html")
      expect(text(r3)).toContain("503 Service Temporarily Unavailable")
      expect(header(r3, "x-amzn-RequestId")).toBeDefined()

      const dropping = (yield* run({ dropConnectionRate: 1 }, 1)).handle
      expect(yield* dropping(getId())).toEqual({ _tag: "DropConnection" })
    }))

  it.effect("the operation filter limits faults to the operations named; the model is not called for a fault", () =>
    Effect.gen(function*() {
      const model = fakeModel(() => Either.right({ IdentityId: IDENTITY }))
      const handle = handlerWith({ model, faults: { internalErrorRate: 1, operations: ["GetCredentialsForIdentity"] } })
      expect(outcome(yield* handle(getId()))).toBe("ok")
      const credentials = yield* handle(rawRequest("GetCredentialsForIdentity", JSON.stringify({ IdentityId: IDENTITY })))
      expect(outcome(credentials)).toBe("InternalErrorException")
      expect(model.calls.map((c) => c.operation)).toEqual(["GetId"])
      handle.setFaults(undefined)
      expect(outcome(yield* handle(rawRequest("GetCredentialsForIdentity", JSON.stringify({ IdentityId: IDENTITY }))))).toBe("ok")
    }))

  it.effect("latency is slept on Effect's Clock, fixed or drawn from a range", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const handle = handlerWith({ model: fakeModel(() => Either.right({ IdentityId: IDENTITY })), faults: { latency: "2 seconds" } })
      const fiber = yield* Effect.fork(handle(getId()))
      yield* TestClock.adjust("1999 millis")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 millis")
      expect(outcome(yield* Fiber.join(fiber))).toBe("ok")

      const ranged = handlerWith({ faults: { latency: { min: "100 millis", max: "200 millis" }, seed: 1 } })
      const second = yield* Effect.fork(ranged(getId()))
      yield* TestClock.adjust("99 millis")
      expect(second.unsafePoll()).toBeNull()
      yield* TestClock.adjust("101 millis")
      expect(second.unsafePoll()).not.toBeNull()
    }))

  it.effect("through the in-process client: a dropped connection is a TransportError, the 503 page an unknown error", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const dropping = handlerWith({ faults: { dropConnectionRate: 1 } })
      const dropped = yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.provide(clientLayer(dropping)), Effect.flip)
      expect(dropped._tag).toBe("TransportError")
      const unavailable = handlerWith({ faults: { serviceUnavailableRate: 1 } })
      const page = yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.provide(clientLayer(unavailable)), Effect.flip)
      expect(page).toMatchObject({ _tag: "UnknownServiceError", status: 503 })
    }))

  it.live("the client's standard retry policy rides out injected faults", () =>
    Effect.gen(function*() {
      const model = fakeModel(() => Either.right({ IdentityId: IDENTITY }))
      const handle = handlerWith({ model, faults: { internalErrorRate: 0.5, throttlingRate: 0.2, seed: 3 } })
      const layer = Layer.merge(
        clientLayer(handle),
        RetryPolicy.layerStandard({ maxAttempts: 10, baseDelay: "1 millis", throttlingBaseDelay: "1 millis" })
      )
      const results = yield* Effect.forEach(
        Array.from({ length: 10 }),
        () => CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.provide(layer))
      )
      expect(results).toEqual(Array(10).fill({ IdentityId: IDENTITY }))
      expect(model.calls).toHaveLength(10)
      const stats = handle.stats().operations["GetId"]
      expect(stats?.requests).toBeGreaterThan(10)
      expect(stats?.outcomes["Success"]).toBe(10)
    }))
})
