import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, TestClock } from "effect"
import {
  asReply,
  errorOf,
  fakeModel,
  handlerWith,
  header,
  json,
  NOW_MILLIS,
  POOL,
  rawRequest,
  signed,
  text
} from "./support.js"

const EXPOSE = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe("routing and the common response format", () => {
  it.effect("a CORS pre-flight is answered 200 with the allowed methods, echoed headers and the expose list", () =>
    Effect.gen(function*() {
      const handle = handlerWith()
      const response = yield* handle(rawRequest(undefined, "", {
        origin: "http://localhost:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-amz-target,x-amz-user-agent,x-custom-thing"
      }, { method: "OPTIONS" }))
      expect(asReply(response).status).toBe(200)
      expect(asReply(response).body.byteLength).toBe(0)
      expect(header(response, "access-control-allow-origin")).toBe("*")
      expect(header(response, "access-control-allow-methods")).toBe("POST, OPTIONS")
      expect(header(response, "access-control-allow-headers")).toBe("content-type,x-amz-target,x-amz-user-agent,x-custom-thing")
      expect(header(response, "access-control-expose-headers")).toBe(EXPOSE)
      expect(handle.stats().outcomes).toEqual({ Preflight: 1 })
    }))

  it.effect("a pre-flight without a header list allows everything the SDKs send", () =>
    Effect.gen(function*() {
      const response = yield* handlerWith()(rawRequest(undefined, "", {}, { method: "OPTIONS" }))
      const allowed = (header(response, "access-control-allow-headers") ?? "").split(",")
      expect(allowed).toEqual(expect.arrayContaining([
        "content-type",
        "x-amz-target",
        "x-amz-date",
        "x-amz-security-token",
        "authorization",
        "x-amz-user-agent",
        "amz-sdk-invocation-id",
        "amz-sdk-request"
      ]))
    }))

  it.effect("every response carries a uuid request id, Date from the Clock and the CORS headers", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const handle = handlerWith({ model: fakeModel(() => Either.right({ IdentityId: "us-east-1:abc" })) })
      const ok = yield* handle(rawRequest("GetId", JSON.stringify({ IdentityPoolId: POOL })))
      const bad = yield* handle(rawRequest("Nope", "{}"))
      for (const response of [ok, bad]) {
        expect(header(response, "x-amzn-RequestId")).toMatch(UUID)
        expect(header(response, "Date")).toBe("Thu, 26 Nov 2026 12:00:00 GMT")
        expect(header(response, "access-control-allow-origin")).toBe("*")
        expect(header(response, "access-control-expose-headers")).toBe(EXPOSE)
        expect(header(response, "content-type")).toBe("application/x-amz-json-1.1")
      }
      expect(header(ok, "x-amzn-RequestId")).not.toBe(header(bad, "x-amzn-RequestId"))
      expect(json(ok)).toEqual({ IdentityId: "us-east-1:abc" })
    }))

  it.effect("an unknown or missing X-Amz-Target is UnknownOperationException (400)", () =>
    Effect.gen(function*() {
      const model = fakeModel()
      const handle = handlerWith({ model })
      const unknown = errorOf(yield* handle(rawRequest("GetIdentity", "{}")))
      expect(unknown).toMatchObject({ status: 400, code: "UnknownOperationException", errorType: "UnknownOperationException:" })
      const missing = errorOf(yield* handle(rawRequest(undefined, "{}")))
      expect(missing).toMatchObject({ status: 400, code: "UnknownOperationException" })
      const wrongService = errorOf(
        yield* handle(rawRequest(undefined, "{}", { "x-amz-target": "AWSCognitoIdentityProviderService.GetId" }))
      )
      expect(wrongService.code).toBe("UnknownOperationException")
      expect(model.calls).toHaveLength(0)
    }))

  it.effect("only POST / is served", () =>
    Effect.gen(function*() {
      const handle = handlerWith()
      const get = errorOf(yield* handle(rawRequest("GetId", "", {}, { method: "GET" })))
      expect(get).toMatchObject({ status: 405, code: "MethodNotAllowedException" })
      expect(get.message).toContain("Only POST /")
      const elsewhere = errorOf(yield* handle(rawRequest("GetId", JSON.stringify({ IdentityPoolId: POOL }), {}, { path: "/v1/getid" })))
      expect(elsewhere).toMatchObject({ status: 404, code: "NotFoundException" })
    }))

  it.effect("GET /.well-known/jwks.json answers the configured key set", () =>
    Effect.gen(function*() {
      const keys = { keys: [{ kty: "RSA", kid: "k1", n: "abc", e: "AQAB", alg: "RS256", use: "sig" }] }
      const response = yield* handlerWith({ jwks: () => keys })(rawRequest(undefined, "", {}, { method: "GET", path: "/.well-known/jwks.json" }))
      expect(asReply(response).status).toBe(200)
      expect(header(response, "content-type")).toBe("application/json")
      expect(json(response)).toEqual(keys)
    }))

  it.effect("error replies: x-amzn-ErrorType ends with ':' and x-amzn-ErrorMessage repeats the message", () =>
    Effect.gen(function*() {
      const handle = handlerWith({
        model: fakeModel(() => Either.left({ code: "ResourceNotFoundException", message: `IdentityPool '${POOL}' not found.` }))
      })
      yield* TestClock.setTime(NOW_MILLIS)
      const response = yield* handle(yield* signed(rawRequest("DescribeIdentityPool", JSON.stringify({ IdentityPoolId: POOL }))))
      expect(errorOf(response)).toEqual({
        status: 400,
        code: "ResourceNotFoundException",
        message: `IdentityPool '${POOL}' not found.`,
        errorType: "ResourceNotFoundException:",
        errorMessage: `IdentityPool '${POOL}' not found.`
      })
      expect(Object.keys(json(response)).sort()).toEqual(["__type", "message"])
    }))

  it.effect("modelled client errors are 400, InternalErrorException is 500", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      for (
        const [code, status] of [
          ["NotAuthorizedException", 400],
          ["ResourceConflictException", 400],
          ["TooManyRequestsException", 400],
          ["LimitExceededException", 400],
          ["InternalErrorException", 500]
        ] as const
      ) {
        const handle = handlerWith({ model: fakeModel(() => Either.left({ code, message: "m" })) })
        const response = yield* handle(rawRequest("GetId", JSON.stringify({ IdentityPoolId: POOL })))
        expect(errorOf(response)).toMatchObject({ status, code })
      }
    }))

  it.effect("a message with characters a header cannot carry is sanitised in the header, kept whole in the body", () =>
    Effect.gen(function*() {
      const message = "bad\r\nX-Injected: 1 — é " + "x".repeat(3000)
      const handle = handlerWith({ model: fakeModel(() => Either.left({ code: "InvalidParameterException", message })) })
      const response = yield* handle(rawRequest("GetId", JSON.stringify({ IdentityPoolId: POOL })))
      const error = errorOf(response)
      expect(error.message).toBe(message)
      expect(error.errorMessage).toMatch(/^[\x20-\x7e]+$/)
      expect((error.errorMessage ?? "").length).toBeLessThanOrEqual(1024)
      expect(text(response)).toContain("X-Injected")
    }))
})
