import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, TestClock } from "effect"
import { errorOf, EU_POOL, fakeModel, handlerWith, IDENTITY, json, NOW_MILLIS, POOL, rawRequest, signed } from "./support.js"

const getId = (pool = POOL) => rawRequest("GetId", JSON.stringify({ IdentityPoolId: pool }))

const outcomes = (responses: ReadonlyArray<unknown>) =>
  responses.map((r) => {
    const body = json(r as never)
    return typeof body["__type"] === "string" ? body["__type"] : "ok"
  })

describe("throttling (docs/service-behaviour.md §12)", () => {
  it.effect("GetId: 25 calls in a second pass, the 26th is TooManyRequestsException, a second later 25 pass again", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const model = fakeModel(() => Either.right({ IdentityId: IDENTITY }))
      const handle = handlerWith({ model, rateLimits: true })
      const first = yield* Effect.forEach(Array.from({ length: 25 }), () => handle(getId()))
      expect(outcomes(first)).toEqual(Array(25).fill("ok"))
      const throttled = errorOf(yield* handle(getId()))
      expect(throttled).toEqual({
        status: 400,
        code: "TooManyRequestsException",
        message: "Rate exceeded",
        errorType: "TooManyRequestsException:",
        errorMessage: "Rate exceeded"
      })
      expect(model.calls).toHaveLength(25)
      // The bucket refills continuously: one token every 40 ms.
      yield* TestClock.adjust("40 millis")
      expect(outcomes([yield* handle(getId()), yield* handle(getId())])).toEqual(["ok", "TooManyRequestsException"])
      yield* TestClock.adjust("1 second")
      const second = yield* Effect.forEach(Array.from({ length: 26 }), () => handle(getId()))
      expect(outcomes(second)).toEqual([...Array(25).fill("ok"), "TooManyRequestsException"])
      expect(handle.stats().operations["GetId"]?.outcomes).toEqual({ Success: 51, TooManyRequestsException: 3 })
    }))

  it.effect("buckets are per operation and per region", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const handle = handlerWith({ model: fakeModel(() => Either.right({ IdentityId: IDENTITY })), rateLimits: true })
      yield* Effect.forEach(Array.from({ length: 25 }), () => handle(getId()))
      expect(errorOf(yield* handle(getId())).code).toBe("TooManyRequestsException")
      // Another region's bucket is full.
      expect(json(yield* handle(getId(EU_POOL)))).toEqual({ IdentityId: IDENTITY })
      // Another operation's bucket (200/s) is full.
      expect(json(yield* handle(rawRequest("GetOpenIdToken", JSON.stringify({ IdentityId: IDENTITY }))))).toEqual({ IdentityId: IDENTITY })
    }))

  it.effect("buckets are per account for signed calls; TagResource allows 5 per second", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const handle = handlerWith({
        rateLimits: true,
        accessKeys: [
          { accessKeyId: "AKIDACCOUNTA00000001", secretAccessKey: "a", accountId: "111111111111" },
          { accessKeyId: "AKIDACCOUNTB00000001", secretAccessKey: "b", accountId: "222222222222" }
        ]
      })
      const tag = (accessKeyId: string, secretAccessKey: string) =>
        Effect.flatMap(
          signed(
            rawRequest("TagResource", JSON.stringify({ ResourceArn: `arn:aws:cognito-identity:us-east-1:111111111111:identitypool/${POOL}`, Tags: { a: "b" } })),
            { accessKeyId, secretAccessKey }
          ),
          handle
        )
      const a = yield* Effect.forEach(Array.from({ length: 6 }), () => tag("AKIDACCOUNTA00000001", "a"))
      expect(outcomes(a)).toEqual([...Array(5).fill("ok"), "TooManyRequestsException"])
      const b = yield* tag("AKIDACCOUNTB00000001", "b")
      expect(outcomes([b])).toEqual(["ok"])
    }))

  it.effect("limits are overridable per operation, and off unless asked for", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const pool = JSON.stringify({ IdentityPoolId: POOL })
      const describe = () => Effect.flatMap(signed(rawRequest("DescribeIdentityPool", pool)), handle)
      const model = fakeModel(() => Either.left({ code: "ResourceNotFoundException", message: "x" }))
      const handle = handlerWith({ model, rateLimits: { perSecond: { DescribeIdentityPool: 2, GetId: Infinity } } })
      const codes = (yield* Effect.forEach(Array.from({ length: 3 }), describe)).map((r) => errorOf(r).code)
      expect(codes).toEqual(["ResourceNotFoundException", "ResourceNotFoundException", "TooManyRequestsException"])
      const many = yield* Effect.forEach(Array.from({ length: 40 }), () => handle(getId()))
      expect(many.every((r) => errorOf(r).code === "ResourceNotFoundException")).toBe(true)

      const unlimited = handlerWith({ model })
      const all = yield* Effect.forEach(Array.from({ length: 100 }), () => unlimited(getId()))
      expect(all.every((r) => errorOf(r).code === "ResourceNotFoundException")).toBe(true)

      // Switched on at run time; validation still wins over throttling.
      unlimited.setRateLimits({ perSecond: { GetId: 1 }, useDefaults: false })
      expect(errorOf(yield* unlimited(getId())).code).toBe("ResourceNotFoundException")
      expect(errorOf(yield* unlimited(getId())).code).toBe("TooManyRequestsException")
      expect(errorOf(yield* unlimited(getId("bad"))).code).toBe("ValidationException")
      // A limit of 0 throttles every call.
      unlimited.setRateLimits({ perSecond: { GetId: 0 } })
      expect(errorOf(yield* unlimited(getId())).code).toBe("TooManyRequestsException")
    }))
})
