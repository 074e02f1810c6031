/**
 * All 23 operations of the real client against the real emulator over a real socket
 * (FetchHttpClient → node:http on 127.0.0.1), the error paths, and the order in which errors win.
 */
import { createPublicKey, verify as cryptoVerify } from "node:crypto"
import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Layer, Redacted } from "effect"
import type { ServeOptions } from "../../../src/emulator/Emulator.js"
import { Emulator } from "../../../src/emulator/Emulator.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../../src/index.js"
import { operationTable } from "../../../src/operations/table.js"
import { ACCESS_KEY_ID, rawRequest, SECRET_ACCESS_KEY, signed } from "../../emulator/wire/support.js"

const ACCOUNT = "123456789012"
const ROLE_AUTH = "arn:aws:iam::123456789012:role/Cognito_Auth"
const ROLE_UNAUTH = "arn:aws:iam::123456789012:role/Cognito_Unauth"
const MISSING_POOL = "us-east-1:00000000-0000-4000-8000-000000000000"

const serve = (options: ServeOptions = {}) =>
  Effect.gen(function*() {
    const served = yield* Emulator.serve({ port: 0, ...options })
    const context = yield* Layer.build(
      Layer.mergeAll(
        CognitoIdentityClient.layer({ region: "us-east-1", endpoint: served.url }).pipe(Layer.provide(FetchHttpClient.layer)),
        AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }),
        RetryPolicy.layerNone
      )
    )
    const call = <A, E>(effect: Effect.Effect<A, E, CognitoIdentityClient | AwsCredentials>) => Effect.provide(effect, context)
    return { ...served, call }
  })

/** Sends a wire request as built by the support helpers to the server, with fetch. */
const send = (url: string, request: ReturnType<typeof rawRequest>) =>
  Effect.promise(async () => {
    const { host: _host, ...headers } = request.headers
    const response = await fetch(`${url}/`, { method: request.method, headers, body: new Uint8Array(request.body) })
    const text = await response.text()
    return { status: response.status, headers: response.headers, text, json: text === "" ? undefined : JSON.parse(text) as Record<string, unknown> }
  })

/** Signs for the server's own host, as a client pointed at it would. */
const signedFor = (url: string, request: ReturnType<typeof rawRequest>, options: Parameters<typeof signed>[1] = {}) =>
  signed({ ...request, headers: { ...request.headers, host: new URL(url).host } }, options)

const verifyJwt = (token: string, jwks: { readonly keys: ReadonlyArray<Record<string, unknown>> }) => {
  const [head = "", payload = "", signature = ""] = token.split(".")
  const header = JSON.parse(Buffer.from(head, "base64url").toString("utf8")) as { kid: string }
  const jwk = jwks.keys.find((key) => key["kid"] === header.kid)
  if (jwk === undefined) return { valid: false, claims: {} }
  const key = createPublicKey({ key: jwk as import("node:crypto").JsonWebKey, format: "jwk" })
  return {
    valid: cryptoVerify("RSA-SHA256", Buffer.from(`${head}.${payload}`), key, Buffer.from(signature, "base64url")),
    claims: JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>
  }
}

describe("every operation through the real client, over a socket", () => {
  it.live("the 23 operations, in a realistic order", () =>
    Effect.scoped(Effect.gen(function*() {
      const { call, emulator, url } = yield* serve()
      const pool = yield* call(CognitoIdentity.createIdentityPool({
        IdentityPoolName: "integration pool",
        AllowUnauthenticatedIdentities: true,
        SupportedLoginProviders: { "graph.facebook.com": "7346241598935555" },
        DeveloperProviderName: "login.example.app",
        IdentityPoolTags: { team: "identity" }
      }))
      const poolId = pool.IdentityPoolId
      expect(poolId).toMatch(/^us-east-1:[0-9a-f-]+$/)
      expect(pool.IdentityPoolTags).toEqual({ team: "identity" })
      expect(pool.AllowClassicFlow).toBeUndefined()
      expect(yield* call(CognitoIdentity.describeIdentityPool({ IdentityPoolId: poolId }))).toEqual(pool)

      const { IdentityPoolId: _id, ...settings } = pool
      const updated = yield* call(CognitoIdentity.updateIdentityPool({ ...settings, IdentityPoolId: poolId, IdentityPoolName: "renamed" }))
      expect(updated.IdentityPoolName).toBe("renamed")
      const pools = yield* call(CognitoIdentity.listIdentityPools({ MaxResults: 10 }))
      expect(pools.IdentityPools).toEqual([{ IdentityPoolId: poolId, IdentityPoolName: "renamed" }])

      yield* call(CognitoIdentity.setIdentityPoolRoles({ IdentityPoolId: poolId, Roles: { authenticated: ROLE_AUTH, unauthenticated: ROLE_UNAUTH } }))
      expect(yield* call(CognitoIdentity.getIdentityPoolRoles({ IdentityPoolId: poolId }))).toMatchObject({
        IdentityPoolId: poolId,
        Roles: { authenticated: ROLE_AUTH, unauthenticated: ROLE_UNAUTH }
      })

      // Public operations, unsigned.
      const unauth = (yield* call(CognitoIdentity.getId({ IdentityPoolId: poolId }))).IdentityId ?? ""
      expect(unauth).toMatch(/^us-east-1:/)
      const openId = yield* call(CognitoIdentity.getOpenIdToken({ IdentityId: unauth }))
      const jwks = yield* Effect.promise(() => fetch(`${url}/.well-known/jwks.json`).then((r) => r.json() as Promise<{ keys: Array<Record<string, unknown>> }>))
      const verified = verifyJwt(Redacted.value(openId.Token ?? Redacted.make("")), jwks)
      expect(verified.valid).toBe(true)
      expect(verified.claims).toMatchObject({ sub: unauth, aud: poolId, iss: "https://cognito-identity.amazonaws.com" })
      const now = yield* Clock.currentTimeMillis
      const credentials = yield* call(CognitoIdentity.getCredentialsForIdentity({ IdentityId: unauth }))
      expect(credentials.IdentityId).toBe(unauth)
      expect(credentials.Credentials?.AccessKeyId).toBeTruthy()
      expect(Math.abs((credentials.Credentials?.Expiration?.getTime() ?? 0) - (now + 3_600_000))).toBeLessThan(5_000)

      const facebook = (yield* call(CognitoIdentity.getId({ IdentityPoolId: poolId, Logins: { "graph.facebook.com": "fb-user-1" } }))).IdentityId
      expect(yield* call(CognitoIdentity.getId({ IdentityPoolId: poolId, Logins: { "graph.facebook.com": "fb-user-1" } }))).toEqual({ IdentityId: facebook })

      // Developer identities.
      const developer = yield* call(CognitoIdentity.getOpenIdTokenForDeveloperIdentity({ IdentityPoolId: poolId, Logins: { "login.example.app": "dev-user-1" } }))
      const devIdentity = developer.IdentityId ?? ""
      expect(verifyJwt(Redacted.value(developer.Token ?? Redacted.make("")), jwks).valid).toBe(true)
      expect(yield* call(CognitoIdentity.lookupDeveloperIdentity({ IdentityPoolId: poolId, DeveloperUserIdentifier: "dev-user-1" }))).toMatchObject({
        IdentityId: devIdentity,
        DeveloperUserIdentifierList: ["dev-user-1"]
      })
      yield* call(CognitoIdentity.getOpenIdTokenForDeveloperIdentity({ IdentityPoolId: poolId, Logins: { "login.example.app": "dev-user-2" } }))
      const merged = yield* call(CognitoIdentity.mergeDeveloperIdentities({
        IdentityPoolId: poolId,
        DeveloperProviderName: "login.example.app",
        SourceUserIdentifier: "dev-user-2",
        DestinationUserIdentifier: "dev-user-1"
      }))
      expect(merged.IdentityId).toBe(devIdentity)
      const described = yield* call(CognitoIdentity.describeIdentity({ IdentityId: devIdentity }))
      expect(described.IdentityId).toBe(devIdentity)
      expect(described.Logins).toContain("login.example.app")
      const listed = yield* call(CognitoIdentity.listIdentities({ IdentityPoolId: poolId, MaxResults: 60, HideDisabled: true }))
      expect(listed.Identities?.map((i) => i.IdentityId)).toEqual(expect.arrayContaining([unauth, facebook, devIdentity]))
      yield* call(CognitoIdentity.unlinkDeveloperIdentity({
        IdentityId: devIdentity,
        IdentityPoolId: poolId,
        DeveloperProviderName: "login.example.app",
        DeveloperUserIdentifier: "dev-user-2"
      }))
      yield* call(CognitoIdentity.unlinkIdentity({
        IdentityId: facebook ?? "",
        Logins: { "graph.facebook.com": "fb-user-1" },
        LoginsToRemove: ["graph.facebook.com"]
      }))

      // Principal tags and resource tags.
      const tagMap = { IdentityPoolId: poolId, IdentityProviderName: "graph.facebook.com", UseDefaults: false, PrincipalTags: { app: "aud" } }
      expect(yield* call(CognitoIdentity.setPrincipalTagAttributeMap(tagMap))).toMatchObject(tagMap)
      expect(yield* call(CognitoIdentity.getPrincipalTagAttributeMap({ IdentityPoolId: poolId, IdentityProviderName: "graph.facebook.com" }))).toMatchObject(tagMap)
      const arn = `arn:aws:cognito-identity:us-east-1:${ACCOUNT}:identitypool/${poolId}`
      yield* call(CognitoIdentity.tagResource({ ResourceArn: arn, Tags: { env: "test" } }))
      expect((yield* call(CognitoIdentity.listTagsForResource({ ResourceArn: arn }))).Tags).toMatchObject({ env: "test" })
      yield* call(CognitoIdentity.untagResource({ ResourceArn: arn, TagKeys: ["env"] }))
      expect((yield* call(CognitoIdentity.listTagsForResource({ ResourceArn: arn }))).Tags?.["env"]).toBeUndefined()

      expect(yield* call(CognitoIdentity.deleteIdentities({ IdentityIdsToDelete: [unauth] }))).toEqual({ UnprocessedIdentityIds: [] })
      yield* call(CognitoIdentity.deleteIdentityPool({ IdentityPoolId: poolId }))
      const gone = yield* call(CognitoIdentity.describeIdentityPool({ IdentityPoolId: poolId })).pipe(Effect.flip)
      expect(gone).toMatchObject({ _tag: "ResourceNotFoundException", message: `IdentityPool '${poolId}' not found.`, status: 400 })

      const stats = emulator.stats()
      for (const name of operationTable.keys()) expect(stats.operations[name]?.requests ?? 0, name).toBeGreaterThan(0)
      expect(stats.operations["GetCredentialsForIdentity"]).toEqual({ requests: 1, outcomes: { Success: 1 } })
    })))
})

describe("error paths", () => {
  it.live("modelled errors: ResourceNotFound, NotAuthorized, ResourceConflict, DeveloperUserAlreadyRegistered, LimitExceeded", () =>
    Effect.scoped(Effect.gen(function*() {
      const { call } = yield* serve({ poolQuota: 2 })
      const notFound = yield* call(CognitoIdentity.describeIdentityPool({ IdentityPoolId: MISSING_POOL })).pipe(Effect.flip)
      expect(notFound).toMatchObject({ _tag: "ResourceNotFoundException", message: `IdentityPool '${MISSING_POOL}' not found.` })

      const closed = yield* call(CognitoIdentity.createIdentityPool({ IdentityPoolName: "closed", AllowUnauthenticatedIdentities: false }))
      const unauthorized = yield* call(CognitoIdentity.getId({ IdentityPoolId: closed.IdentityPoolId })).pipe(Effect.flip)
      expect(unauthorized).toMatchObject({
        _tag: "NotAuthorizedException",
        message: "Unauthenticated access is not supported for this identity pool.",
        status: 400
      })

      const social = yield* call(CognitoIdentity.createIdentityPool({
        IdentityPoolName: "social",
        AllowUnauthenticatedIdentities: false,
        SupportedLoginProviders: { "graph.facebook.com": "111", "accounts.google.com": "222" },
        DeveloperProviderName: "login.example.app"
      }))
      const poolId = social.IdentityPoolId
      yield* call(CognitoIdentity.getId({ IdentityPoolId: poolId, Logins: { "graph.facebook.com": "fb-1", "accounts.google.com": "g-1" } }))
      yield* call(CognitoIdentity.getId({ IdentityPoolId: poolId, Logins: { "graph.facebook.com": "fb-2" } }))
      // Merging the two would give one identity two Facebook users.
      const conflict = yield* call(CognitoIdentity.getId({ IdentityPoolId: poolId, Logins: { "graph.facebook.com": "fb-2", "accounts.google.com": "g-1" } })).pipe(Effect.flip)
      expect(conflict._tag).toBe("ResourceConflictException")

      yield* call(CognitoIdentity.getOpenIdTokenForDeveloperIdentity({ IdentityPoolId: poolId, Logins: { "login.example.app": "dev-1" } }))
      const other = yield* call(CognitoIdentity.getOpenIdTokenForDeveloperIdentity({ IdentityPoolId: poolId, Logins: { "login.example.app": "dev-2" } }))
      const registered = yield* call(CognitoIdentity.getOpenIdTokenForDeveloperIdentity({
        IdentityPoolId: poolId,
        IdentityId: other.IdentityId ?? "",
        Logins: { "login.example.app": "dev-1" }
      })).pipe(Effect.flip)
      expect(registered._tag).toBe("DeveloperUserAlreadyRegisteredException")

      const limit = yield* call(CognitoIdentity.createIdentityPool({ IdentityPoolName: "third", AllowUnauthenticatedIdentities: false })).pipe(Effect.flip)
      expect(limit).toMatchObject({ _tag: "LimitExceededException", status: 400 })
    })))

  it.live("ValidationException from the server, sent raw (the client validates before sending)", () =>
    Effect.scoped(Effect.gen(function*() {
      const { url } = yield* serve()
      const listed = yield* send(url, yield* signedFor(url, rawRequest("ListIdentityPools", JSON.stringify({ MaxResults: 61 }))))
      expect(listed.status).toBe(400)
      expect(listed.json).toEqual({
        __type: "ValidationException",
        message: "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60"
      })
      expect(listed.headers.get("x-amzn-errortype")).toBe("ValidationException:")
      const getId = yield* send(url, rawRequest("GetId", JSON.stringify({ IdentityPoolId: "us-east-1:ABC" })))
      expect(getId.json?.["message"]).toBe(
        "1 validation error detected: Value 'us-east-1:ABC' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+"
      )
      const serialization = yield* send(url, rawRequest("GetId", "{not json"))
      expect(serialization.json?.["__type"]).toBe("SerializationException")
    })))

  it.live("authentication errors: MissingAuthenticationToken, InvalidSignature, UnrecognizedClient, IncompleteSignature, clock skew", () =>
    Effect.scoped(Effect.gen(function*() {
      const { url } = yield* serve()
      const body = JSON.stringify({ IdentityPoolId: MISSING_POOL })
      const code = (r: { readonly json: Record<string, unknown> | undefined }) => r.json?.["__type"]
      expect(code(yield* send(url, rawRequest("DescribeIdentityPool", body)))).toBe("MissingAuthenticationTokenException")
      expect(code(yield* send(url, yield* signedFor(url, rawRequest("DescribeIdentityPool", body), { secretAccessKey: "wrong" })))).toBe("InvalidSignatureException")
      expect(code(yield* send(url, yield* signedFor(url, rawRequest("DescribeIdentityPool", body), { accessKeyId: "AKIDNOTKNOWN0000000" })))).toBe("UnrecognizedClientException")
      expect(code(yield* send(url, rawRequest("DescribeIdentityPool", body, { authorization: "AWS4-HMAC-SHA256 Credential=x", "x-amz-date": "20260101T000000Z" })))).toBe("IncompleteSignatureException")
      const now = yield* Clock.currentTimeMillis
      const stale = yield* send(url, yield* signedFor(url, rawRequest("DescribeIdentityPool", body), { date: new Date(now - 6 * 60_000) }))
      expect(code(stale)).toBe("InvalidSignatureException")
      expect(String(stale.json?.["message"])).toContain("Signature expired")
      const early = yield* send(url, yield* signedFor(url, rawRequest("DescribeIdentityPool", body), { date: new Date(now + 6 * 60_000) }))
      expect(String(early.json?.["message"])).toContain("Signature not yet current")
      // The right signature reaches the model: the pool does not exist.
      expect(code(yield* send(url, yield* signedFor(url, rawRequest("DescribeIdentityPool", body))))).toBe("ResourceNotFoundException")
    })))

  it.live("processing order: unknown op > bad signature > malformed body; validation > not found", () =>
    Effect.scoped(Effect.gen(function*() {
      const { url } = yield* serve()
      const code = (r: { readonly json: Record<string, unknown> | undefined }) => r.json?.["__type"]
      expect(code(yield* send(url, yield* signedFor(url, rawRequest("Frobnicate", "{"), { secretAccessKey: "wrong" })))).toBe("UnknownOperationException")
      const goodBody = yield* signedFor(url, rawRequest("DescribeIdentityPool", JSON.stringify({ IdentityPoolId: MISSING_POOL })), { secretAccessKey: "wrong" })
      expect(code(yield* send(url, { ...goodBody, body: new TextEncoder().encode("{") }))).toBe("InvalidSignatureException")
      expect(code(yield* send(url, yield* signedFor(url, rawRequest("DescribeIdentityPool", "{"))))).toBe("SerializationException")
      expect(code(yield* send(url, yield* signedFor(url, rawRequest("DescribeIdentityPool", JSON.stringify({ IdentityPoolId: "us-east-1:XYZ" })))))).toBe("ValidationException")
      expect(code(yield* send(url, yield* signedFor(url, rawRequest("DescribeIdentityPool", JSON.stringify({ IdentityPoolId: MISSING_POOL })))))).toBe("ResourceNotFoundException")
    })))
})
