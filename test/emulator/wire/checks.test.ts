/**
 * The checks AWS makes before an operation runs, against the answers documented in
 * docs/emulator.md: the credential scope's region must exist, the Content-Type must be awsJson,
 * and the authentication errors go out with HTTP 400 (as Coral JSON services send them) — which
 * the client's retry classification, by error code, still handles.
 */
import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Redacted, TestClock } from "effect"
import { Emulator } from "../../../src/emulator/Emulator.js"
import { makeInProcessHttpClient } from "../../../src/emulator/wire/inProcessHttpClient.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../../src/index.js"
import { clientLayer, errorOf, fakeModel, handlerWith, json, NOW_MILLIS as NOW, POOL, rawRequest, signed } from "./support.js"

const describePool = JSON.stringify({ IdentityPoolId: POOL })
const POOL_OUTPUT = { IdentityPoolId: POOL, IdentityPoolName: "p", AllowUnauthenticatedIdentities: true, IdentityPoolTags: {} }
const handler = () => handlerWith({ model: fakeModel(() => Either.right(POOL_OUTPUT)) })

describe("the region of the credential scope", () => {
  it.effect("a region that does not exist is InvalidSignatureException, signature verified or not", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW)
      for (const verifySignatures of [true, false]) {
        const served = handlerWith({ model: fakeModel(() => Either.right(POOL_OUTPUT)), verifySignatures })
        for (const region of ["mars-1", "aws-global", "us-east-1-", "xx"]) {
          const response = yield* served(yield* signed(rawRequest("DescribeIdentityPool", describePool), { region }))
          expect(errorOf(response), `${region}, verifySignatures ${verifySignatures}`).toMatchObject({
            status: 400,
            code: "InvalidSignatureException",
            message: `Credential should be scoped to a valid region, not '${region}'.`,
            errorType: "InvalidSignatureException:"
          })
        }
      }
    }))

  it.effect("every region of AWS's partitions is valid, including ones that do not exist yet", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW)
      const served = handler()
      for (const region of ["us-east-1", "eu-central-2", "ap-southeast-7", "cn-north-1", "us-gov-west-1", "us-isob-east-1", "eusc-de-east-1", "ca-west-9"]) {
        const response = yield* served(yield* signed(rawRequest("DescribeIdentityPool", describePool), { region }))
        expect(json(response), region).toEqual(POOL_OUTPUT)
      }
    }))

  it.effect("the real client configured for mars-1 gets the same answer", () =>
    Effect.gen(function*() {
      const layer = Layer.mergeAll(
        CognitoIdentityClient.layer({ region: "mars-1", endpoint: "http://emulator.local" }).pipe(
          Layer.provide(Layer.succeed(HttpClient.HttpClient, makeInProcessHttpClient(handler())))
        ),
        AwsCredentials.static({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }),
        RetryPolicy.layerNone
      )
      const error = yield* Effect.flip(CognitoIdentity.listIdentityPools({ MaxResults: 10 }).pipe(Effect.provide(layer)))
      expect(error).toMatchObject({ _tag: "InvalidSignatureException", status: 400, message: "Credential should be scoped to a valid region, not 'mars-1'." })
    }))
})

describe("the Content-Type", () => {
  it.effect("anything but awsJson 1.1 or 1.0 is UnknownOperationException, before authentication", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW)
      const served = handler()
      const cases: ReadonlyArray<readonly [string | undefined, string]> = [
        ["application/json", "Content-Type 'application/json'"],
        ["text/plain", "Content-Type 'text/plain'"],
        ["application/x-amz-json-1.2", "Content-Type 'application/x-amz-json-1.2'"],
        ["application/octet-stream", "Content-Type 'application/octet-stream'"],
        [undefined, "no Content-Type header"]
      ]
      for (const [contentType, shown] of cases) {
        const request = rawRequest("DescribeIdentityPool", describePool)
        const { "content-type": _, ...others } = request.headers
        const headers = contentType === undefined ? others : { ...others, "content-type": contentType }
        // Signed, or not signed at all: the Content-Type decides first.
        for (const candidate of [{ ...request, headers }, yield* signed({ ...request, headers })]) {
          expect(errorOf(yield* served(candidate)), String(contentType)).toEqual({
            status: 400,
            code: "UnknownOperationException",
            message: `Unknown operation: the service answers requests of Content-Type application/x-amz-json-1.1 (or 1.0), not ${shown}`,
            errorType: "UnknownOperationException:",
            errorMessage: `Unknown operation: the service answers requests of Content-Type application/x-amz-json-1.1 (or 1.0), not ${shown}`
          })
        }
      }
    }))

  it.effect("parameters and case are ignored; awsJson 1.0 is accepted", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW)
      const served = handler()
      for (const contentType of ["application/x-amz-json-1.1; charset=utf-8", "APPLICATION/X-AMZ-JSON-1.1", "application/x-amz-json-1.0"]) {
        const response = yield* served(yield* signed(rawRequest("DescribeIdentityPool", describePool, { "content-type": contentType })))
        expect(json(response), contentType).toEqual(POOL_OUTPUT)
      }
    }))
})

describe("HTTP status of the authentication errors", () => {
  it.effect("MissingAuthenticationToken, UnrecognizedClient and ExpiredToken are HTTP 400, as on Coral JSON services", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW)
      const served = handlerWith({
        model: fakeModel(() => Either.right(POOL_OUTPUT)),
        issuedKey: (accessKeyId) =>
          accessKeyId === "ASIAEXPIREDEXAMPLE01"
            ? { accessKeyId, secretAccessKey: "secret", accountId: "123456789012", sessionToken: "token", expiration: new Date(NOW - 1) }
            : undefined
      })
      const unsigned = yield* served(rawRequest("DescribeIdentityPool", describePool))
      const unknown = yield* served(yield* signed(rawRequest("DescribeIdentityPool", describePool), { accessKeyId: "AKIAI44QH8DHBEXAMPLE" }))
      const expired = yield* served(
        yield* signed(rawRequest("DescribeIdentityPool", describePool), {
          accessKeyId: "ASIAEXPIREDEXAMPLE01",
          secretAccessKey: "secret",
          sessionToken: "token"
        })
      )
      expect(errorOf(unsigned)).toMatchObject({ status: 400, code: "MissingAuthenticationTokenException", message: "Request is missing Authentication Token" })
      expect(errorOf(unknown)).toMatchObject({ status: 400, code: "UnrecognizedClientException", message: "The security token included in the request is invalid." })
      expect(errorOf(expired)).toMatchObject({ status: 400, code: "ExpiredTokenException", message: "The security token included in the request is expired" })
    }))

  it.effect("the client still recognises a 400 ExpiredTokenException: it drops the credentials and retries once with fresh ones", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW)
      const emulator = yield* Emulator.make({})
      const http = Layer.succeed(HttpClient.HttpClient, makeInProcessHttpClient(emulator.handler))
      const base = Layer.mergeAll(
        CognitoIdentityClient.layer({ region: "us-east-1", endpoint: "http://emulator.local" }).pipe(Layer.provide(http)),
        RetryPolicy.layerStandard()
      )
      const admin = Layer.merge(base, AwsCredentials.static({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }))
      const pool = yield* CognitoIdentity.createIdentityPool({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: true }).pipe(Effect.provide(admin))
      yield* CognitoIdentity.setIdentityPoolRoles({ IdentityPoolId: pool.IdentityPoolId, Roles: { unauthenticated: "arn:aws:iam::123456789012:role/U" } })
        .pipe(Effect.provide(admin))
      const issue = Effect.gen(function*() {
        const { IdentityId = "" } = yield* CognitoIdentity.getId({ IdentityPoolId: pool.IdentityPoolId })
        const { Credentials } = yield* CognitoIdentity.getCredentialsForIdentity({ IdentityId })
        return {
          accessKeyId: Credentials?.AccessKeyId ?? "",
          secretAccessKey: Redacted.value(Credentials?.SecretKey ?? Redacted.make("")),
          sessionToken: Redacted.value(Credentials?.SessionToken ?? Redacted.make(""))
        }
      }).pipe(Effect.provide(base))
      const stale = yield* issue
      // An hour and a minute later the first credentials have expired; new ones are fresh.
      yield* TestClock.adjust("61 minutes")
      const fresh = yield* issue
      const handed: Array<string> = []
      const provider = AwsCredentials.fromProvider(() => {
        // The stale ones claim a future expiry, so only the service can tell they are expired.
        const next = handed.length === 0 ? stale : fresh
        handed.push(next.accessKeyId)
        return Promise.resolve({ ...next, expiration: new Date(NOW + 24 * 3600_000) })
      })
      const described = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool.IdentityPoolId }).pipe(
        Effect.provide(Layer.merge(base, provider))
      )
      expect(described.IdentityPoolName).toBe("p")
      expect(handed).toEqual([stale.accessKeyId, fresh.accessKeyId])
      expect(emulator.stats().operations["DescribeIdentityPool"]?.outcomes).toEqual({ ExpiredTokenException: 1, Success: 1 })
    }).pipe(Effect.scoped))

  it.effect("the real client reads the 400 authentication errors as their tags", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW)
      const layer = clientLayer(handler(), { credentials: { accessKeyId: "AKIAI44QH8DHBEXAMPLE", secretAccessKey: "x" } })
      const error = yield* Effect.flip(CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL }).pipe(Effect.provide(layer)))
      expect(error).toMatchObject({ _tag: "UnrecognizedClientException", status: 400 })
    }))
})
