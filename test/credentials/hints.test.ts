/**
 * Hints for the classic misconfigurations: each one is provoked for real against the emulator
 * (whose messages are the service's, docs/service-behaviour.md), and the error the client
 * returns says what to change in `hint` — on the service's error, on the `CredentialsError` of
 * an identity pool built on it, and on the command's one-line output. A hint never quotes a
 * value; an error without a known cause has none.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Emulator, EmulatorLogins } from "../../src/emulator/index.js"
import { serviceHint } from "../../src/errors/hints.js"
import {
  AwsCredentials,
  CognitoIdentity,
  CognitoIdentityClient,
  hintOf,
  NotAuthorizedException,
  RetryPolicy
} from "../../src/index.js"
import { built, cliEnv, runCli } from "../cli/runCli.js"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../support/fixtures.js"

const USER_POOL_ID = "us-east-1_HintsPool1"
const USER_POOL_PROVIDER = `cognito-idp.us-east-1.amazonaws.com/${USER_POOL_ID}`
const MISSING_POOL = "us-east-1:00000000-0000-4000-8000-000000000000"

const admin = AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY })
const service = Layer.mergeAll(
  Layer.provideMerge(CognitoIdentityClient.layer({ region: "us-east-1" }), Emulator.layer()),
  admin,
  RetryPolicy.layerNone
)

const pool = (options: { readonly guests: boolean; readonly roles: boolean }) =>
  Effect.gen(function*() {
    const created = yield* CognitoIdentity.createIdentityPool({
      IdentityPoolName: "hints",
      AllowUnauthenticatedIdentities: options.guests,
      CognitoIdentityProviders: [{ ProviderName: USER_POOL_PROVIDER, ClientId: "client1" }]
    })
    if (options.roles) {
      yield* CognitoIdentity.setIdentityPoolRoles({
        IdentityPoolId: created.IdentityPoolId,
        Roles: { unauthenticated: "arn:aws:iam::123456789012:role/U", authenticated: "arn:aws:iam::123456789012:role/A" }
      })
    }
    return created.IdentityPoolId
  })

const requests = Effect.map(Emulator, (e) => Object.values(e.stats().operations).reduce((n, o) => n + (o?.requests ?? 0), 0))

describe("hints on the service's errors, provoked against the emulator", () => {
  it.effect("a pool that does not allow guests", () =>
    Effect.gen(function*() {
      const poolId = yield* pool({ guests: false, roles: true })
      const error = yield* Effect.flip(CognitoIdentity.getId({ IdentityPoolId: poolId }))
      expect(error._tag).toBe("NotAuthorizedException")
      expect(hintOf(error)).toMatch(/^this identity pool does not allow guests: .*AllowUnauthenticatedIdentities: true/)
      // The identity pool credentials carry their cause's hint.
      const credentials = yield* Effect.flip(
        Effect.flatMap(AwsCredentials, (c) => c.get).pipe(Effect.provide(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId })))
      )
      expect(credentials.hint).toBe(hintOf(error))
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("a pool with no role for the caller", () =>
    Effect.gen(function*() {
      const poolId = yield* pool({ guests: true, roles: false })
      const { IdentityId } = yield* CognitoIdentity.getId({ IdentityPoolId: poolId })
      const error = yield* Effect.flip(CognitoIdentity.getCredentialsForIdentity({ IdentityId: IdentityId ?? "" }))
      expect(error._tag).toBe("InvalidIdentityPoolConfigurationException")
      expect(hintOf(error)).toMatch(/^the pool has no IAM role for this caller: set one with SetIdentityPoolRoles/)
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("a login provider the pool does not trust, and a user pool token for another app client", () =>
    Effect.gen(function*() {
      const poolId = yield* pool({ guests: true, roles: true })
      const google = yield* Effect.flip(CognitoIdentity.getId({ IdentityPoolId: poolId, Logins: { "accounts.google.com": "g-1" } }))
      const otherClient = EmulatorLogins.userPool({ userPoolId: USER_POOL_ID, clientId: "another-client", sub: "u" })
      const wrongAud = yield* Effect.flip(CognitoIdentity.getId({ IdentityPoolId: poolId, Logins: otherClient.logins }))
      for (const error of [google, wrongAud]) {
        expect(error.message).toBe("Token is not from a supported provider of this identity pool.")
        expect(hintOf(error)).toMatch(/^the Logins key must be a provider the pool trusts: .*app client id/)
      }
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("a developer token given to GetId, and an authenticated identity asked for without its login", () =>
    Effect.gen(function*() {
      const poolId = yield* pool({ guests: true, roles: true })
      const cognito = yield* Effect.flip(
        CognitoIdentity.getId({ IdentityPoolId: poolId, Logins: { "cognito-identity.amazonaws.com": "eyJ.token.x" } })
      )
      expect(hintOf(cognito)).toMatch(/is not a login for GetId: call GetCredentialsForIdentity/)
      const login = EmulatorLogins.userPool({ userPoolId: USER_POOL_ID, clientId: "client1", sub: "erin" })
      const { IdentityId } = yield* CognitoIdentity.getId({ IdentityPoolId: poolId, Logins: login.logins })
      const bare = yield* Effect.flip(CognitoIdentity.getCredentialsForIdentity({ IdentityId: IdentityId ?? "" }))
      expect(hintOf(bare)).toMatch(/^this identity has linked logins, so the call must carry one of them/)
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("a pool that does not exist here: check the region and the kind of id", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(CognitoIdentity.describeIdentityPool({ IdentityPoolId: MISSING_POOL }))
      expect(error._tag).toBe("ResourceNotFoundException")
      expect(hintOf(error)).toMatch(/a pool lives in the region its id starts with/)
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("a role mapping for a provider the pool does not have, and a user pool given by its id", () =>
    Effect.gen(function*() {
      const poolId = yield* pool({ guests: true, roles: false })
      const mapping = yield* Effect.flip(CognitoIdentity.setIdentityPoolRoles({
        IdentityPoolId: poolId,
        Roles: {},
        RoleMappings: { "accounts.google.com": { Type: "Token", AmbiguousRoleResolution: "Deny" } }
      }))
      expect(hintOf(mapping)).toMatch(/^a role-mapping key must be a provider the pool already has/)
      const provider = yield* Effect.flip(CognitoIdentity.createIdentityPool({
        IdentityPoolName: "wrong provider",
        AllowUnauthenticatedIdentities: false,
        CognitoIdentityProviders: [{ ProviderName: USER_POOL_ID, ClientId: "client1" }]
      }))
      expect(hintOf(provider)).toMatch(/^CognitoIdentityProviders\[\]\.ProviderName must be cognito-idp\./)
    }).pipe(Effect.provide(service)), 20_000)
})

describe("a user pool id where an identity pool id belongs (client-side)", () => {
  it.effect("a ValidationError with the hint, and nothing sent", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(CognitoIdentity.getId({ IdentityPoolId: USER_POOL_ID }))
      expect(error._tag).toBe("ValidationError")
      expect(hintOf(error)).toMatch(/^this is a user pool id \(<region>_<id>\); IdentityPoolId takes the identity pool's id/)
      expect(hintOf(error)).not.toContain(USER_POOL_ID)
      const credentials = yield* Effect.flip(
        Effect.flatMap(AwsCredentials, (c) => c.get).pipe(Effect.provide(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: USER_POOL_ID })))
      )
      expect(credentials.hint).toBe(hintOf(error))
      expect(yield* requests).toBe(0)
      // An identity pool id that is merely malformed gets no such hint.
      expect(hintOf(yield* Effect.flip(CognitoIdentity.getId({ IdentityPoolId: "us-east-1:NOT-HEX" })))).toBeUndefined()
    }).pipe(Effect.provide(service)), 20_000)
})

describe("serviceHint", () => {
  it("answers only the messages it knows", () => {
    expect(serviceHint("NotAuthorizedException", "Access to Identity 'x' is forbidden.")).toBeUndefined()
    expect(serviceHint("ResourceNotFoundException", "Identity 'us-east-1:x' not found.")).toBeUndefined()
    expect(serviceHint("InternalErrorException", "Unauthenticated access is not supported for this identity pool.")).toBeUndefined()
    expect(new NotAuthorizedException({ message: "Unauthenticated access is not supported for this identity pool.", status: 400 }).hint)
      .toMatch(/^this identity pool does not allow guests/)
    expect(hintOf(new Error("plain"))).toBeUndefined()
  })
})

describe.skipIf(!built)("the command's one-line output", () => {
  it.live("a user pool id given to export --pool-id: one line with the hint, exit 1, nothing sent", () =>
    Effect.gen(function*() {
      const run = yield* runCli(["export", "--pool-id", USER_POOL_ID, "--endpoint", "http://127.0.0.1:9"], { env: cliEnv() })
      expect(run.code).toBe(1)
      expect(run.stderr.split("\n")).toEqual([
        "cognito-identity: ValidationError: ListIdentities: invalid input: IdentityPoolId must satisfy regular expression " +
        "pattern: [\\w-]+:[0-9a-f-]+ (hint: this is a user pool id (<region>_<id>); IdentityPoolId takes the identity pool's " +
        "id, <region>:<uuid> (Cognito console, Identity pools, Identity pool ID))",
        ""
      ])
    }), 30_000)

  it.live("unknown credentials against the emulator: the service's error and its hint on one line", () =>
    Effect.gen(function*() {
      const served = yield* Emulator.serve({ port: 0 })
      const run = yield* runCli(["pools", "--endpoint", served.url], {
        env: cliEnv({ AWS_ACCESS_KEY_ID: "AKIAUNKNOWNKEY000000", AWS_SECRET_ACCESS_KEY: "x".repeat(40) })
      })
      expect(run.code).toBe(1)
      const lines = run.stderr.split("\n").filter((line) => line !== "")
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^cognito-identity: UnrecognizedClientException: .* \(hint: AWS does not know these credentials: /)
    }).pipe(Effect.scoped), 30_000)
})
