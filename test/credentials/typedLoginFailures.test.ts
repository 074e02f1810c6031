/**
 * A login that fails is not flattened into text: the `CredentialsError` of an identity pool
 * keeps what is behind it, typed, as its `cause` — the `LoginsError` holding the page's own
 * failure (the same value), or the service's `NotAuthorizedException` for a token it refused
 * (expired ones included) — through `credentials.get`, a signed call (which adds its attempts),
 * a chain, and the SDK provider. Messages still name only tags, never a token.
 */
import { describe, expect, it } from "@effect/vitest"
import { Data, Effect, Either, Layer, Predicate } from "effect"
import { Emulator, EmulatorLogins } from "../../src/emulator/index.js"
import type { CredentialsError, Logins } from "../../src/index.js"
import {
  AwsCredentials,
  CognitoIdentity,
  CognitoIdentityClient,
  LoginsError,
  NotAuthorizedException,
  SdkCredentialProvider
} from "../../src/index.js"
import { currentUser } from "../../examples/signInAgain.js"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../support/fixtures.js"
import { expectNoSecrets, renderings } from "./support.js"

const USER_POOL_ID = "us-east-1_TypedFailures"
const CLIENT_ID = "pageclient"
const AUTH_ROLE = "arn:aws:iam::123456789012:role/SignedIn"

/** The page's own failure: its session could not be refreshed (it carries a secret of its own). */
class SessionExpired extends Data.TaggedError("SessionExpired")<{ readonly refreshToken: string }> {}

const admin = AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY })
const asAdmin = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, admin)
const client = CognitoIdentityClient.layer({ region: "us-east-1" })
const service = Layer.provideMerge(client, Emulator.layer())

const createPool = asAdmin(Effect.gen(function*() {
  const pool = yield* CognitoIdentity.createIdentityPool({
    IdentityPoolName: "typed",
    AllowUnauthenticatedIdentities: false,
    CognitoIdentityProviders: [{ ProviderName: `cognito-idp.us-east-1.amazonaws.com/${USER_POOL_ID}`, ClientId: CLIENT_ID }],
    DeveloperProviderName: "login.example.com"
  })
  yield* CognitoIdentity.setIdentityPoolRoles({ IdentityPoolId: pool.IdentityPoolId, Roles: { authenticated: AUTH_ROLE } })
  return pool.IdentityPoolId
}))

const requests = (operation: string) => Effect.map(Emulator, (e) => e.stats().operations[operation]?.requests ?? 0)

const failedGet = <E, R>(layer: Layer.Layer<AwsCredentials, E, R>) =>
  Effect.flip(Effect.flatMap(AwsCredentials, (credentials) => credentials.get).pipe(Effect.provide(layer)))

/** The page's failure behind a CredentialsError, narrowed with the page's own guard. */
const sessionExpiredIn = (error: CredentialsError): SessionExpired | undefined =>
  error.cause?._tag === "LoginsError" && error.cause.error instanceof SessionExpired ? error.cause.error : undefined

describe("typed login failures", () => {
  it.effect("a logins effect that fails: its own failure is the cause's `error`, the same value, and nothing is sent", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const failure = new SessionExpired({ refreshToken: "refresh-SECRET-41" })
      const error = yield* failedGet(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, logins: Effect.fail(failure) }))
      expect(error.message).toBe(`identity pool ${poolId}: the logins could not be obtained (SessionExpired)`)
      expect(error.cause).toBeInstanceOf(LoginsError)
      expect(sessionExpiredIn(error)).toBe(failure)
      expect(yield* requests("GetId")).toBe(0)
      expectNoSecrets(renderings(error), ["refresh-SECRET-41"])
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("the developer identity effect that fails is kept the same way", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const failure = new SessionExpired({ refreshToken: "refresh-SECRET-42" })
      const error = yield* failedGet(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, developerIdentity: Effect.fail(failure) }))
      expect(error.message).toBe(`identity pool ${poolId}: the developer identity could not be obtained (SessionExpired)`)
      expect(sessionExpiredIn(error)).toBe(failure)
    }).pipe(Effect.provide(service)), 20_000)

  it.live("an expired login token: the cause is the service's NotAuthorizedException, with a hint", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const expired = EmulatorLogins.userPool({ userPoolId: USER_POOL_ID, clientId: CLIENT_ID, sub: "bob", expiresInSeconds: -60 })
      const error = yield* failedGet(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, logins: expired.logins }))
      expect(error.cause).toBeInstanceOf(NotAuthorizedException)
      expect(error.cause?._tag === "NotAuthorizedException" && error.cause.message).toMatch(
        /^Invalid login token\. Token expired: \d+ >= \d+$/
      )
      expect(error.hint).toMatch(/^the login token has expired/)
      expect(error.message).toMatch(new RegExp(`^identity pool ${poolId}: GetId failed with NotAuthorizedException: `))
      expectNoSecrets(renderings(error), [expired.token])
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("through a signed call: the call's CredentialsError keeps the cause and adds its attempts", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const failure = new SessionExpired({ refreshToken: "refresh-SECRET-43" })
      const error = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: poolId }).pipe(
        Effect.provide(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, logins: Effect.fail(failure) })),
        Effect.flip
      )
      expect(error._tag).toBe("CredentialsError")
      if (error._tag !== "CredentialsError") return
      expect(error.attempts).toBe(1)
      expect(sessionExpiredIn(error)).toBe(failure)
      expect(yield* requests("DescribeIdentityPool")).toBe(0)
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("a chain of one identity pool keeps its cause", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const failure = new SessionExpired({ refreshToken: "refresh-SECRET-44" })
      const error = yield* failedGet(
        AwsCredentials.chain(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, logins: Effect.fail(failure) }))
      )
      expect(error.message).toMatch(/^no AWS credentials from any source: /)
      expect(sessionExpiredIn(error)).toBe(failure)
    }).pipe(Effect.provide(service)), 20_000)

  it.live("the SDK provider rejects with the CredentialsError itself, cause included", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const expired = EmulatorLogins.userPool({ userPoolId: USER_POOL_ID, clientId: CLIENT_ID, sub: "carol", expiresInSeconds: -1 })
      const provider = yield* SdkCredentialProvider.scoped(
        AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, logins: expired.logins })
      )
      const rejection = yield* Effect.either(Effect.tryPromise({ try: () => provider(), catch: (cause) => cause }))
      expect(Either.isLeft(rejection)).toBe(true)
      const error: unknown = Either.isLeft(rejection) ? rejection.left : undefined
      expect(Predicate.isTagged(error, "CredentialsError")).toBe(true)
      expect(Predicate.hasProperty(error, "cause") && Predicate.isTagged(error.cause, "NotAuthorizedException")).toBe(true)
    }).pipe(Effect.scoped, Effect.provide(service)), 20_000)

  it.live("the README's page: a refused or failed login sends the user to sign in, anything else stays an error", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const page = (logins: Logins | Effect.Effect<Logins, SessionExpired>, identityPoolId = poolId) =>
        currentUser.pipe(Effect.provide(AwsCredentials.fromCognitoIdentityPool({ identityPoolId, logins })))
      const login = (expiresInSeconds: number) =>
        EmulatorLogins.userPool({ userPoolId: USER_POOL_ID, clientId: CLIENT_ID, sub: "dave", expiresInSeconds }).logins

      expect(yield* page(login(-1))).toEqual({
        _tag: "SignIn",
        reason: "NotAuthorizedException",
        hint: expect.stringMatching(/^the login token has expired/)
      })
      expect(yield* page(Effect.fail(new SessionExpired({ refreshToken: "r" })))).toEqual({
        _tag: "SignIn",
        reason: "LoginsError",
        hint: undefined
      })
      expect(yield* page(login(3600))).toEqual({ _tag: "SignedIn", identityId: expect.stringMatching(/^us-east-1:/) })
      // Anything else is not the user's to fix: it stays an error, with its hint.
      const missing = yield* Effect.flip(page(login(3600), "us-east-1:00000000-0000-4000-8000-000000000000"))
      expect(missing.cause?._tag).toBe("ResourceNotFoundException")
      expect(missing.hint).toMatch(/^no such identity pool in this account and region/)
    }).pipe(Effect.provide(service)), 20_000)
})
