import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { CognitoIdentity } from "../../src/index.js"
import { operationTable } from "../../src/operations/table.js"
import type { ScriptedResponse } from "../support/RecordingHttp.js"
import { awsError, json } from "../support/RecordingHttp.js"
import { recordingClient } from "../support/layers.js"
import { operationCases, POOL } from "../support/operationCases.js"

const commonForAll = ["ValidationException", "SerializationException", "UnknownOperationException", "ThrottlingException"]
const commonSigned = [
  "MissingAuthenticationTokenException",
  "IncompleteSignatureException",
  "InvalidSignatureException",
  "UnrecognizedClientException",
  "ExpiredTokenException",
  "AccessDeniedException"
]

/** Runs DescribeIdentityPool (signed) against one scripted response and returns the failure. */
const describeFailure = (response: ScriptedResponse) => {
  const { layer } = recordingClient(() => response)
  return CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL }).pipe(Effect.flip, Effect.provide(layer))
}

describe("error responses", () => {
  for (const testCase of operationCases) {
    const op = testCase.operation
    const own = op.errors.map((e) => e._tag)
    const expected = [...own, ...commonForAll, ...(op.auth === "sigv4" ? commonSigned : [])]
    it.effect(`${op.name}: each of its ${expected.length} errors decodes to its tagged class`, () =>
      Effect.gen(function*() {
        for (const code of expected) {
          const { layer } = recordingClient(() => awsError(code, `boom ${code}`))
          const error = yield* testCase.call(testCase.input as never).pipe(Effect.flip, Effect.provide(layer))
          expect(error).toMatchObject({ _tag: code, message: `boom ${code}`, status: 400, requestId: "req-err-1" })
        }
      }))

    it.effect(`${op.name}: an error outside its model list stays an UnknownServiceError`, () =>
      Effect.gen(function*() {
        const foreign = [...operationTable.values()].flatMap((o) => o.errors.map((e) => e._tag))
          .concat(op.auth === "none" ? commonSigned : [])
          .filter((code) => !expected.includes(code))
        for (const code of new Set(foreign)) {
          const { layer } = recordingClient(() => awsError(code, "nope"))
          const error = yield* testCase.call(testCase.input as never).pipe(Effect.flip, Effect.provide(layer))
          expect(error).toMatchObject({ _tag: "UnknownServiceError", code, message: "nope", status: 400 })
        }
      }))
  }

  it.effect("namespaced __type (com.amazon…#Code) is normalised", () =>
    Effect.gen(function*() {
      const error = yield* describeFailure(
        json({ __type: "com.amazonaws.cognitoidentity#ResourceNotFoundException", message: "IdentityPool 'x' not found." }, 400)
      )
      expect(error).toMatchObject({ _tag: "ResourceNotFoundException", message: "IdentityPool 'x' not found." })
    }))

  it.effect("Coral framework codes with a namespace and a ':' suffix are normalised", () =>
    Effect.gen(function*() {
      const error = yield* describeFailure(
        json({ __type: "com.amazon.coral.validate#ValidationException:http://internal.amazon.com/coral/", message: "1 validation error detected" }, 400)
      )
      expect(error).toMatchObject({ _tag: "ValidationException", message: "1 validation error detected" })
    }))

  it.effect("a header-only error (x-amzn-ErrorType with trailing ':') and Message in capitals", () =>
    Effect.gen(function*() {
      const error = yield* describeFailure({
        status: 400,
        headers: { "x-amzn-errortype": "NotAuthorizedException:", "x-amzn-requestid": "hdr-1" },
        body: JSON.stringify({ Message: "Access to Identity 'x' is forbidden." })
      })
      expect(error).toMatchObject({
        _tag: "NotAuthorizedException",
        message: "Access to Identity 'x' is forbidden.",
        requestId: "hdr-1"
      })
    }))

  it.effect("the message can come from x-amzn-ErrorMessage alone", () =>
    Effect.gen(function*() {
      const error = yield* describeFailure({
        status: 400,
        headers: { "x-amzn-errortype": "TooManyRequestsException:", "x-amzn-errormessage": "Rate exceeded" }
      })
      expect(error).toMatchObject({ _tag: "TooManyRequestsException", message: "Rate exceeded", status: 400 })
    }))

  it.effect("an unknown code becomes UnknownServiceError carrying it", () =>
    Effect.gen(function*() {
      const error = yield* describeFailure(json({ __type: "BrandNewException", message: "new" }, 409))
      expect(error).toMatchObject({ _tag: "UnknownServiceError", code: "BrandNewException", message: "new", status: 409 })
    }))

  it.effect("an HTML 502 from a proxy is an UnknownServiceError with the status as code", () =>
    Effect.gen(function*() {
      const error = yield* describeFailure({
        status: 502,
        headers: { "content-type": "text/html" },
        body: "<html><body><h1>502 Bad Gateway</h1></body></html>"
      })
      expect(error).toMatchObject({ _tag: "UnknownServiceError", code: "502", status: 502 })
      expect(error.message).toContain("502")
    }))

  it.effect("an empty 500 body is an UnknownServiceError", () =>
    Effect.gen(function*() {
      const error = yield* describeFailure({ status: 500 })
      expect(error).toMatchObject({ _tag: "UnknownServiceError", code: "500", status: 500 })
    }))

  it.effect("malformed JSON in an error body is an UnknownServiceError, not a defect", () =>
    Effect.gen(function*() {
      const error = yield* describeFailure({ status: 400, body: "{\"__type\": \"ResourceNotFound" })
      expect(error).toMatchObject({ _tag: "UnknownServiceError", code: "400", status: 400 })
    }))

  it.effect("malformed JSON in a 200 body is a DecodeError", () =>
    Effect.gen(function*() {
      const error = yield* describeFailure({ status: 200, headers: { "x-amzn-requestid": "ok-1" }, body: "{\"IdentityPoolId\":" })
      expect(error).toMatchObject({ _tag: "DecodeError", status: 200, requestId: "ok-1" })
    }))

  it.effect("a 200 body of the wrong shape is a DecodeError naming the member, without its value", () =>
    Effect.gen(function*() {
      const error = yield* describeFailure(
        json({ IdentityPoolId: POOL, IdentityPoolName: 12345, AllowUnauthenticatedIdentities: "secret-looking" })
      )
      expect(error._tag).toBe("DecodeError")
      expect(error.message).toContain("IdentityPoolName")
      expect(error.message).toContain("AllowUnauthenticatedIdentities")
      expect(error.message).not.toContain("secret-looking")
    }))

  it.effect("invalid UTF-8 in a body is a DecodeError", () =>
    Effect.gen(function*() {
      const error = yield* describeFailure({ status: 200, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) })
      expect(error).toMatchObject({ _tag: "DecodeError" })
      expect(error.message).toContain("UTF-8")
    }))

  it.effect("a body larger than maxResponseBytes is refused", () =>
    Effect.gen(function*() {
      const { layer } = recordingClient(() => json({ IdentityPoolId: POOL, padding: "x".repeat(5000) }), {
        region: "us-east-1",
        maxResponseBytes: 1000
      })
      const error = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL }).pipe(
        Effect.flip,
        Effect.provide(layer)
      )
      expect(error).toMatchObject({ _tag: "DecodeError" })
      expect(error.message).toContain("maxResponseBytes")
    }))
})
