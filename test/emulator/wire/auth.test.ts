import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, TestClock } from "effect"
import { CognitoIdentity } from "../../../src/index.js"
import {
  ACCOUNT,
  clientLayer,
  errorOf,
  EU_POOL,
  fakeModel,
  handlerWith,
  IDENTITY,
  json,
  NOW_MILLIS,
  POOL,
  rawRequest,
  signed
} from "./support.js"

const MINUTE = 60_000
const describePool = JSON.stringify({ IdentityPoolId: POOL })
const POOL_OUTPUT = { IdentityPoolId: POOL, IdentityPoolName: "p", AllowUnauthenticatedIdentities: true, IdentityPoolTags: {} }

describe("authentication", () => {
  it.effect("public operations are served unsigned; the region is the addressed id's", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const model = fakeModel(() => Either.right({ IdentityId: "eu-west-1:abc" }))
      const handle = handlerWith({ model })
      const response = yield* handle(rawRequest("GetId", JSON.stringify({ IdentityPoolId: EU_POOL })))
      expect(json(response)).toEqual({ IdentityId: "eu-west-1:abc" })
      yield* handle(rawRequest("GetCredentialsForIdentity", JSON.stringify({ IdentityId: IDENTITY })))
      expect(model.calls.map((c) => [c.operation, c.context.accountId, c.context.region, c.context.now.getTime()])).toEqual([
        ["GetId", undefined, "eu-west-1", NOW_MILLIS],
        ["GetCredentialsForIdentity", undefined, "us-east-1", NOW_MILLIS]
      ])
    }))

  it.effect("a public operation that carries a signature has it verified", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const model = fakeModel(() => Either.right({ IdentityId: IDENTITY }))
      const handle = handlerWith({ model })
      const body = JSON.stringify({ IdentityPoolId: EU_POOL })
      const good = yield* handle(yield* signed(rawRequest("GetId", body), { region: "us-west-2" }))
      expect(json(good)).toEqual({ IdentityId: IDENTITY })
      // Signed calls take the scope's region and the key's account.
      expect(model.calls[0]?.context).toMatchObject({ accountId: ACCOUNT, region: "us-west-2" })
      const bad = yield* handle(yield* signed(rawRequest("GetId", body), { secretAccessKey: "wrong" }))
      expect(errorOf(bad)).toMatchObject({ status: 400, code: "InvalidSignatureException" })
      expect(String(errorOf(bad).message)).toContain("The request signature we calculated does not match")
      expect(model.calls).toHaveLength(1)
    }))

  it.effect("a signed operation without Authorization is MissingAuthenticationTokenException", () =>
    Effect.gen(function*() {
      const model = fakeModel()
      const response = yield* handlerWith({ model })(rawRequest("DescribeIdentityPool", describePool))
      expect(errorOf(response)).toEqual({
        status: 400,
        code: "MissingAuthenticationTokenException",
        message: "Request is missing Authentication Token",
        errorType: "MissingAuthenticationTokenException:",
        errorMessage: "Request is missing Authentication Token"
      })
      expect(model.calls).toHaveLength(0)
    }))

  it.effect("an unknown access key is UnrecognizedClientException; a malformed header IncompleteSignatureException", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const handle = handlerWith()
      const unknown = yield* handle(yield* signed(rawRequest("DescribeIdentityPool", describePool), { accessKeyId: "AKIDUNKNOWN000000000" }))
      expect(errorOf(unknown)).toMatchObject({
        code: "UnrecognizedClientException",
        message: "The security token included in the request is invalid."
      })
      for (
        const authorization of [
          "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261126/us-east-1/cognito-identity/aws4_request",
          "Bearer abc",
          "AWS4-HMAC-SHA256",
          "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature="
        ]
      ) {
        const response = yield* handle(
          rawRequest("DescribeIdentityPool", describePool, { authorization, "x-amz-date": "20261126T120000Z" })
        )
        expect(errorOf(response).code).toBe("IncompleteSignatureException")
      }
    }))

  it.effect("the clock window is ±5 minutes, measured with Effect's Clock", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const handle = handlerWith({ model: fakeModel(() => Either.right(POOL_OUTPUT)) })
      const at = (offset: number) => signed(rawRequest("DescribeIdentityPool", describePool), { date: new Date(NOW_MILLIS + offset) })
      const late = errorOf(yield* handle(yield* at(-6 * MINUTE)))
      expect(late.code).toBe("InvalidSignatureException")
      expect(String(late.message)).toContain("Signature expired")
      const early = errorOf(yield* handle(yield* at(6 * MINUTE)))
      expect(early.code).toBe("InvalidSignatureException")
      expect(String(early.message)).toContain("Signature not yet current")
      expect(json(yield* handle(yield* at(-4 * MINUTE)))).toEqual(POOL_OUTPUT)
      // The same request becomes acceptable when the emulator's clock moves to it.
      const future = yield* at(6 * MINUTE)
      yield* TestClock.adjust("2 minutes")
      expect(json(yield* handle(future))).toEqual(POOL_OUTPUT)
    }))

  it.effect("configured access keys carry their account; temporary keys need their session token", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const model = fakeModel()
      const handle = handlerWith({
        model,
        accessKeys: [
          { accessKeyId: "AKIDTEAM0000000000001", secretAccessKey: "teamSecret", accountId: "111122223333" },
          {
            accessKeyId: "ASIATEMP0000000000001",
            secretAccessKey: "tempSecret",
            accountId: "444455556666",
            sessionToken: "session-token-1",
            expiration: new Date(NOW_MILLIS + 10 * MINUTE)
          }
        ]
      })
      yield* handle(yield* signed(rawRequest("DescribeIdentityPool", describePool), { accessKeyId: "AKIDTEAM0000000000001", secretAccessKey: "teamSecret", region: "eu-central-1" }))
      expect(model.calls[0]?.context).toMatchObject({ accountId: "111122223333", region: "eu-central-1" })
      // The default example key is not known unless listed.
      const example = yield* handle(yield* signed(rawRequest("DescribeIdentityPool", describePool)))
      expect(errorOf(example).code).toBe("UnrecognizedClientException")

      const temp = { accessKeyId: "ASIATEMP0000000000001", secretAccessKey: "tempSecret" }
      const noToken = yield* handle(yield* signed(rawRequest("DescribeIdentityPool", describePool), temp))
      expect(errorOf(noToken).code).toBe("UnrecognizedClientException")
      yield* handle(yield* signed(rawRequest("DescribeIdentityPool", describePool), { ...temp, sessionToken: "session-token-1" }))
      expect(model.calls[1]?.context.accountId).toBe("444455556666")
      yield* TestClock.adjust("11 minutes")
      const expired = yield* handle(yield* signed(rawRequest("DescribeIdentityPool", describePool), { ...temp, sessionToken: "session-token-1" }))
      expect(errorOf(expired).code).toBe("ExpiredTokenException")
    }))

  it.effect("verifySignatures: false accepts any well-formed signature, still refuses malformed ones", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const model = fakeModel()
      const handle = handlerWith({ model, verifySignatures: false, defaultAccountId: "999988887777" })
      yield* handle(yield* signed(rawRequest("DescribeIdentityPool", describePool), { accessKeyId: "AKIDANYTHING", secretAccessKey: "anything", region: "ap-south-1" }))
      yield* handle(yield* signed(rawRequest("DescribeIdentityPool", describePool), { secretAccessKey: "wrong", date: new Date(NOW_MILLIS - 60 * MINUTE) }))
      expect(model.calls.map((c) => [c.context.accountId, c.context.region])).toEqual([
        ["999988887777", "ap-south-1"],
        [ACCOUNT, "us-east-1"]
      ])
      const malformed = yield* handle(rawRequest("DescribeIdentityPool", describePool, { authorization: "AWS4-HMAC-SHA256 nonsense" }))
      expect(errorOf(malformed).code).toBe("IncompleteSignatureException")
      const missing = yield* handle(rawRequest("DescribeIdentityPool", describePool))
      expect(errorOf(missing).code).toBe("MissingAuthenticationTokenException")
    }))

  it.effect("the real client: signed calls verify, public calls go unsigned, a wrong secret is InvalidSignatureException", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const model = fakeModel((operation) =>
        Either.right(operation === "GetId" ? { IdentityId: IDENTITY } : POOL_OUTPUT)
      )
      const handle = handlerWith({ model })
      const pool = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL }).pipe(Effect.provide(clientLayer(handle)))
      expect(pool).toMatchObject({ IdentityPoolId: POOL, IdentityPoolName: "p" })
      const id = yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.provide(clientLayer(handle)))
      expect(id).toEqual({ IdentityId: IDENTITY })
      expect(model.calls.map((c) => [c.operation, c.context.accountId])).toEqual([
        ["DescribeIdentityPool", ACCOUNT],
        ["GetId", undefined]
      ])
      const error = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL }).pipe(
        Effect.provide(clientLayer(handle, { credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "not-the-secret" } })),
        Effect.flip
      )
      expect(error).toMatchObject({ _tag: "InvalidSignatureException", status: 400 })
    }))
})

describe("processing order (docs/service-behaviour.md §2.1)", () => {
  it.effect("unknown operation beats a bad signature; a bad signature beats a malformed body", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const handle = handlerWith()
      const unknownAndBadSig = yield* handle(yield* signed(rawRequest("Frobnicate", "not json"), { secretAccessKey: "wrong" }))
      expect(errorOf(unknownAndBadSig).code).toBe("UnknownOperationException")
      // Signed over a valid body, then the body is replaced: both the signature and the body are bad.
      const good = yield* signed(rawRequest("DescribeIdentityPool", describePool), { secretAccessKey: "wrong" })
      const badSigAndBody = yield* handle({ ...good, body: new TextEncoder().encode("not json") })
      expect(errorOf(badSigAndBody).code).toBe("InvalidSignatureException")
      const missingAndBadBody = yield* handle(rawRequest("DescribeIdentityPool", "not json"))
      expect(errorOf(missingAndBadBody).code).toBe("MissingAuthenticationTokenException")
    }))

  it.effect("a malformed body beats validation; validation beats the model (not found)", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const model = fakeModel(() => Either.left({ code: "ResourceNotFoundException", message: "not found" }))
      const handle = handlerWith({ model })
      expect(errorOf(yield* handle(rawRequest("GetId", "[1,2]"))).code).toBe("SerializationException")
      const invalid = yield* handle(rawRequest("GetId", JSON.stringify({ IdentityPoolId: "us-east-1:NOT-HEX" })))
      expect(errorOf(invalid).code).toBe("ValidationException")
      expect(model.calls).toHaveLength(0)
      const valid = yield* handle(rawRequest("GetId", JSON.stringify({ IdentityPoolId: POOL })))
      expect(errorOf(valid).code).toBe("ResourceNotFoundException")
    }))
})
