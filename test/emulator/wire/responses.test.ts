import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Redacted, TestClock } from "effect"
import { CognitoIdentity } from "../../../src/index.js"
import { operationCases } from "../../support/operationCases.js"
import {
  asReply,
  clientLayer,
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

/** Redacted values compare by identity; compare what they hold instead. */
const reveal = (value: unknown): unknown => {
  if (Redacted.isRedacted(value)) return { redacted: Redacted.value(value) }
  if (value instanceof Date) return value
  if (Array.isArray(value)) return value.map(reveal)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]))
  }
  return value
}

const UNIT_OUTPUTS = ["DeleteIdentityPool", "SetIdentityPoolRoles", "UnlinkDeveloperIdentity", "UnlinkIdentity"]

describe("success responses", () => {
  for (const testCase of operationCases) {
    const name = testCase.operation.name
    it.effect(`${name}: the real client's call reaches the model decoded and the output comes back intact`, () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(NOW_MILLIS)
        const model = fakeModel(() => Either.right(testCase.output))
        const handle = handlerWith({ model })
        const output = yield* testCase.call(testCase.input as never).pipe(Effect.provide(clientLayer(handle)))
        expect(reveal(output)).toEqual(reveal(testCase.output))
        expect(model.calls.map((c) => c.operation)).toEqual([name])
        expect(handle.stats().operations[name]).toEqual({ requests: 1, outcomes: { Success: 1 } })
      }))
  }

  it.effect("operations whose output is Unit answer 200 with an empty body", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const handle = handlerWith({ model: fakeModel(() => Either.right(undefined)) })
      for (const testCase of operationCases.filter((c) => UNIT_OUTPUTS.includes(c.operation.name))) {
        const raw = rawRequest(testCase.operation.name, JSON.stringify(testCase.wire))
        const response = yield* handle(testCase.operation.auth === "none" ? raw : yield* signed(raw))
        expect(asReply(response).status).toBe(200)
        expect(asReply(response).body.byteLength).toBe(0)
        expect(header(response, "content-length")).toBe("0")
      }
    }))

  it.effect("absent members are omitted, never null; dates are epoch seconds; secrets are plain strings on the wire", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const handle = handlerWith({
        model: fakeModel((operation) =>
          Either.right(
            operation === "CreateIdentityPool"
              ? { IdentityPoolId: POOL, IdentityPoolName: "p", AllowUnauthenticatedIdentities: false, AllowClassicFlow: undefined, IdentityPoolTags: {} }
              : {
                IdentityId: "us-east-1:abc",
                Credentials: {
                  AccessKeyId: "ASIAEXAMPLE",
                  SecretKey: Redacted.make("secret-key"),
                  SessionToken: Redacted.make("session-token"),
                  Expiration: new Date(NOW_MILLIS + 3_600_500)
                }
              }
          )
        )
      })
      const created = yield* handle(yield* signed(rawRequest("CreateIdentityPool", JSON.stringify({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: false }))))
      expect(text(created)).toBe(`{"IdentityPoolId":"${POOL}","IdentityPoolName":"p","AllowUnauthenticatedIdentities":false,"IdentityPoolTags":{}}`)
      const credentials = yield* handle(rawRequest("GetCredentialsForIdentity", JSON.stringify({ IdentityId: "us-east-1:abc" })))
      expect(json(credentials)).toEqual({
        IdentityId: "us-east-1:abc",
        Credentials: {
          AccessKeyId: "ASIAEXAMPLE",
          SecretKey: "secret-key",
          SessionToken: "session-token",
          Expiration: (NOW_MILLIS + 3_600_500) / 1000
        }
      })
    }))
})

describe("unexpected failures are InternalFailure (500), never a crash or a stack trace", () => {
  const cases = {
    "the model throws": fakeModel(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'pools')\n    at handle (model.ts:1:1)")
    }),
    "the model answers a value that does not match the output shape": fakeModel(() => Either.right({ IdentityId: 42 })),
    "the model answers something that is not an object": fakeModel(() => Either.right("nonsense"))
  }
  for (const [title, model] of Object.entries(cases)) {
    it.effect(title, () =>
      Effect.gen(function*() {
        const handle = handlerWith({ model })
        const response = yield* handle(rawRequest("GetId", JSON.stringify({ IdentityPoolId: POOL })))
        const error = errorOf(response)
        expect(error).toMatchObject({ status: 500, code: "InternalFailure", errorType: "InternalFailure:" })
        expect(text(response)).not.toMatch(/\sat\s|Error:|\.ts:\d/)
        expect(handle.stats().operations["GetId"]).toEqual({ requests: 1, outcomes: { InternalFailure: 1 } })
        // The emulator is still answering.
        const next = yield* handle(rawRequest("Nope", "{}"))
        expect(errorOf(next).code).toBe("UnknownOperationException")
      }))
  }

  it.effect("the real client sees InternalFailure as an unknown 500 error", () =>
    Effect.gen(function*() {
      const handle = handlerWith({ model: fakeModel(() => Either.right({ IdentityId: 42 })) })
      const error = yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.provide(clientLayer(handle)), Effect.flip)
      expect(error).toMatchObject({ _tag: "UnknownServiceError", code: "InternalFailure", status: 500 })
    }))
})
