/**
 * What the emulator exports for test authors: login tokens in the form it accepts
 * (`EmulatorLogins`), verification of the OpenID tokens it issues against its published JWKS
 * (`verifyOpenIdToken`, independent of its signer), and the role a pool gives a set of logins,
 * or why none (`Emulator.roleFor`, the resolution GetCredentialsForIdentity runs). Through the
 * real client, in-process and (for the JWKS) over HTTP.
 */
import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted, TestClock } from "effect"
import { Emulator, EmulatorLogins, OpenIdTokenError, verifyOpenIdToken } from "../../src/emulator/index.js"
import type { Jwks } from "../../src/emulator/index.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient } from "../../src/index.js"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../support/fixtures.js"

const USER_POOL_ID = "us-east-1_Helpers01"
const AUTH_ROLE = "arn:aws:iam::123456789012:role/User"
const GUEST_ROLE = "arn:aws:iam::123456789012:role/Guest"
const ADMIN_ROLE = "arn:aws:iam::123456789012:role/Admin"
const GOOGLE = "accounts.google.com"
const FACEBOOK = "graph.facebook.com"

const service = Layer.mergeAll(
  Layer.provideMerge(CognitoIdentityClient.layer({ region: "us-east-1" }), Emulator.layer()),
  AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY })
)

const web = (sub: string, options: { readonly claims?: Record<string, unknown>; readonly expiresInSeconds?: number } = {}) =>
  EmulatorLogins.userPool({ userPoolId: USER_POOL_ID, clientId: "web", sub, ...options })

const createPool = (options: { readonly guests?: boolean; readonly roles?: boolean } = {}) =>
  Effect.gen(function*() {
    const { IdentityPoolId } = yield* CognitoIdentity.createIdentityPool({
      IdentityPoolName: "helpers",
      AllowUnauthenticatedIdentities: options.guests ?? true,
      CognitoIdentityProviders: [web("x").cognitoIdentityProvider],
      SupportedLoginProviders: { [GOOGLE]: "google-app", [FACEBOOK]: "facebook-app" }
    })
    if (options.roles ?? true) {
      yield* CognitoIdentity.setIdentityPoolRoles({
        IdentityPoolId,
        Roles: { authenticated: AUTH_ROLE, unauthenticated: GUEST_ROLE },
        RoleMappings: {
          [web("x").roleMappingKey]: {
            Type: "Rules",
            AmbiguousRoleResolution: "Deny",
            RulesConfiguration: {
              Rules: [{ Claim: "cognito:groups", MatchType: "Contains", Value: "admin", RoleARN: ADMIN_ROLE }]
            }
          }
        }
      })
    }
    return IdentityPoolId
  })

const identityOf = (IdentityPoolId: string, logins: Readonly<Record<string, string>>) =>
  Effect.map(CognitoIdentity.getId({ IdentityPoolId, Logins: logins }), (out) => out.IdentityId ?? "")

describe("EmulatorLogins: tokens the emulator accepts", () => {
  it.effect("a user pool ID token: iss, aud, sub, exp; the same user is the same identity", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool()
      const alice = web("alice")
      expect(alice.provider).toBe(`cognito-idp.us-east-1.amazonaws.com/${USER_POOL_ID}`)
      expect(alice.logins).toEqual({ [alice.provider]: alice.token })
      const [header = "", payload = "", signature] = alice.token.split(".")
      expect(JSON.parse(Buffer.from(header, "base64url").toString())).toEqual({ alg: "none", typ: "JWT" })
      expect(signature).toBe("")
      expect(JSON.parse(Buffer.from(payload, "base64url").toString())).toMatchObject({
        iss: `https://${alice.provider}`,
        aud: "web",
        sub: "alice",
        token_use: "id"
      })
      const first = yield* identityOf(poolId, alice.logins)
      expect(yield* identityOf(poolId, web("alice").logins)).toBe(first)
      expect(yield* identityOf(poolId, web("bob").logins)).not.toBe(first)
    }).pipe(Effect.provide(service)))

  it.live("expired, or for an app client the pool does not list: refused as the service refuses them", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool()
      const expired = yield* Effect.flip(identityOf(poolId, web("carol", { expiresInSeconds: -5 }).logins))
      expect(expired.message).toMatch(/^Invalid login token\. Token expired: /)
      const other = EmulatorLogins.userPool({ userPoolId: USER_POOL_ID, clientId: "mobile", sub: "carol" })
      expect((yield* Effect.flip(identityOf(poolId, other.logins))).message).toBe("Token is not from a supported provider of this identity pool.")
    }).pipe(Effect.provide(service)))

  it.effect("an OpenID token and an opaque token: their user is `sub`, or the token itself", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool()
      const google = EmulatorLogins.openId({ provider: GOOGLE, sub: "g-123", aud: "google-app" })
      expect(google.provider).toBe(GOOGLE)
      const viaJwt = yield* identityOf(poolId, google.logins)
      // An opaque token is the user's id: the same user as the JWT's `sub`.
      expect(yield* identityOf(poolId, EmulatorLogins.opaque(GOOGLE, "g-123").logins)).toBe(viaJwt)
      const facebook = EmulatorLogins.opaque(FACEBOOK, "fb-9")
      expect(facebook).toEqual({ provider: FACEBOOK, token: "fb-9", logins: { [FACEBOOK]: "fb-9" } })
      expect(yield* identityOf(poolId, facebook.logins)).not.toBe(viaJwt)
    }).pipe(Effect.provide(service)))
})

describe("verifyOpenIdToken: against the emulator's JWKS", () => {
  const openIdToken = (poolId: string) =>
    Effect.gen(function*() {
      const alice = web("alice")
      const identityId = yield* identityOf(poolId, alice.logins)
      const { Token } = yield* CognitoIdentity.getOpenIdToken({ IdentityId: identityId, Logins: alice.logins })
      return { identityId, token: Token === undefined ? "" : Redacted.value(Token), redacted: Token }
    })

  it.effect("a token it issued verifies, with its claims; the expectations are checked", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool()
      const { identityId, redacted, token } = yield* openIdToken(poolId)
      const jwks = (yield* Emulator).jwks()
      const claims = yield* verifyOpenIdToken(token, jwks, { identityPoolId: poolId, identityId })
      expect(claims).toMatchObject({
        iss: "https://cognito-identity.amazonaws.com",
        aud: poolId,
        sub: identityId,
        amr: ["authenticated", web("x").provider]
      })
      expect(claims.exp - claims.iat).toBe(600)
      if (redacted !== undefined) expect((yield* verifyOpenIdToken(redacted, jwks)).sub).toBe(identityId)
      const reason = (expected: Parameters<typeof verifyOpenIdToken>[2]) =>
        Effect.map(Effect.flip(verifyOpenIdToken(token, jwks, expected)), (error) => error.reason)
      expect(yield* reason({ identityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000" })).toBe("aud is not the identity pool")
      expect(yield* reason({ identityId: "us-east-1:00000000-0000-4000-8000-000000000001" })).toBe("sub is not the identity")
    }).pipe(Effect.provide(service)))

  it.effect("refused: tampered claims, another emulator's keys, expired, not a JWT", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool()
      const { token } = yield* openIdToken(poolId)
      const jwks = (yield* Emulator).jwks()
      const failure = (candidate: string, keys: Jwks = jwks) => Effect.flip(verifyOpenIdToken(candidate, keys))

      const [header, payload = "", signature] = token.split(".")
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: "us-east-1:00000000-0000-4000-8000-00000000beef" })).toString("base64url")
      expect((yield* failure(`${header}.${forged}.${signature}`)).reason).toBe("the signature does not match the key")

      const stranger = yield* Effect.scoped(Effect.map(Emulator.make(), (other) => other.jwks()))
      expect((yield* failure(token, stranger)).reason).toBe("no key of the JWKS has its kid")
      const sameKid = { keys: stranger.keys.map((key) => ({ ...key, kid: jwks.keys[0]?.["kid"] })) }
      expect((yield* failure(token, sameKid)).reason).toBe("the signature does not match the key")

      expect((yield* failure(web("x").token)).reason).toBe("alg none is not RS256")
      expect((yield* failure("not-a-token")).reason).toBe("not a JWT")

      yield* TestClock.adjust("10 minutes")
      const expired = yield* failure(token)
      expect(expired).toBeInstanceOf(OpenIdTokenError)
      expect(expired.reason).toMatch(/^expired at \d+ \(now \d+\)$/)
      expect(expired.message).toBe(`the OpenID token is not valid: ${expired.reason}`)
    }).pipe(Effect.provide(service)))

  it.live("over HTTP: the JWKS served at /.well-known/jwks.json verifies the token", () =>
    Effect.gen(function*() {
      const served = yield* Emulator.serve({ port: 0 })
      const client = Layer.mergeAll(
        CognitoIdentityClient.layer({ region: "us-east-1", endpoint: served.url }).pipe(Layer.provide(FetchHttpClient.layer)),
        AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }),
        Layer.succeed(Emulator, served.emulator)
      )
      const { identityId, poolId, token } = yield* Effect.provide(
        Effect.gen(function*() {
          const poolId = yield* createPool()
          return { poolId, ...(yield* openIdToken(poolId)) }
        }),
        client
      )
      const jwks = yield* Effect.promise(() => fetch(`${served.url}/.well-known/jwks.json`).then((r) => r.json() as Promise<Jwks>))
      expect((yield* verifyOpenIdToken(token, jwks, { identityPoolId: poolId, identityId })).sub).toBe(identityId)
    }).pipe(Effect.scoped), 20_000)
})

describe("Emulator.roleFor: the role a pool gives a set of logins, or why none", () => {
  it.effect("guests, users, a rule that matches, and the reasons when there is no role", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool()
      const emulator = yield* Emulator
      const roleFor = (logins?: Readonly<Record<string, string>>) => emulator.roleFor({ identityPoolId: poolId, logins })

      expect(yield* roleFor()).toEqual({ _tag: "Role", roleArn: GUEST_ROLE, authenticated: false })
      expect(yield* roleFor(EmulatorLogins.opaque(FACEBOOK, "fb-1").logins)).toEqual({ _tag: "Role", roleArn: AUTH_ROLE, authenticated: true })
      expect(yield* roleFor(web("root", { claims: { "cognito:groups": ["admin", "ops"] } }).logins))
        .toEqual({ _tag: "Role", roleArn: ADMIN_ROLE, authenticated: true })
      expect(yield* roleFor(web("user", { claims: { "cognito:groups": ["readers"] } }).logins)).toEqual({
        _tag: "NoRole",
        code: "NotAuthorizedException",
        reason: `The role mapping for ${web("x").provider} did not resolve to a role for this token.`
      })
      expect(yield* roleFor({ "login.unknown.example": "u" })).toEqual({
        _tag: "NoRole",
        code: "NotAuthorizedException",
        reason: "Token is not from a supported provider of this identity pool."
      })
      // Asking creates nothing and is not a request.
      expect(emulator.stats().operations["GetCredentialsForIdentity"]).toBeUndefined()
      const listed = yield* CognitoIdentity.listIdentities({ IdentityPoolId: poolId, MaxResults: 60 })
      expect(listed.Identities).toEqual([])
    }).pipe(Effect.provide(service)))

  it.effect("a pool without roles, one without guests, and no such pool", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator
      const bare = yield* createPool({ roles: false })
      expect(yield* emulator.roleFor({ identityPoolId: bare })).toEqual({
        _tag: "NoRole",
        code: "InvalidIdentityPoolConfigurationException",
        reason: "Invalid identity pool configuration. Check assigned IAM roles for this pool."
      })
      const closed = yield* createPool({ guests: false })
      expect(yield* emulator.roleFor({ identityPoolId: closed })).toMatchObject({
        _tag: "NoRole",
        reason: "Unauthenticated access is not supported for this identity pool."
      })
      const missing = "us-east-1:00000000-0000-4000-8000-000000000000"
      expect(yield* emulator.roleFor({ identityPoolId: missing })).toEqual({
        _tag: "NoRole",
        code: "ResourceNotFoundException",
        reason: `IdentityPool '${missing}' not found.`
      })
    }).pipe(Effect.provide(service)))

  it.effect("agrees with GetCredentialsForIdentity: a login roleFor denies is refused by the call too", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool()
      const reader = web("reader", { claims: { "cognito:groups": ["readers"] } })
      const answer = yield* (yield* Emulator).roleFor({ identityPoolId: poolId, logins: reader.logins })
      const identityId = yield* identityOf(poolId, reader.logins)
      const refused = yield* Effect.flip(CognitoIdentity.getCredentialsForIdentity({ IdentityId: identityId, Logins: reader.logins }))
      expect(answer).toEqual({ _tag: "NoRole", code: refused._tag, reason: refused.message })
    }).pipe(Effect.provide(service)))
})
