/**
 * A guest who signs in keeps the identity (docs/service-behaviour.md §6.6): the page's
 * `logins` effect first yields a login while a guest identity id is remembered, and
 * `fromCognitoIdentityPool` links the login to that identity (GetCredentialsForIdentity with the
 * guest's IdentityId and the Logins) instead of asking GetId for a new one. When the login
 * already has an identity, the service merges the guest into it and answers its id, which the
 * layer follows. Against the emulator, in-process and over HTTP; the counts are the emulator's.
 */
import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, Ref } from "effect"
import { Emulator, EmulatorLogins } from "../../src/emulator/index.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, CognitoIdentityCredentials, IdentityIdStore } from "../../src/index.js"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../support/fixtures.js"

const UNAUTH_ROLE = "arn:aws:iam::123456789012:role/Guest"
const AUTH_ROLE = "arn:aws:iam::123456789012:role/SignedIn"
const USER_POOL_ID = "us-east-1_GuestUpgrade"
const CLIENT_ID = "webclient"

const alice = EmulatorLogins.userPool({ userPoolId: USER_POOL_ID, clientId: CLIENT_ID, sub: "alice" })
const admin = AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY })
const asAdmin = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, admin)

/** The two ways a test reaches the emulator: in-process, or over a loopback socket with fetch. */
const transports = [
  {
    name: "in-process",
    layer: Layer.provideMerge(CognitoIdentityClient.layer({ region: "us-east-1" }), Emulator.layer())
  },
  {
    name: "over HTTP",
    layer: Layer.unwrapScoped(Effect.map(Emulator.serve({ port: 0 }), (served) =>
      Layer.mergeAll(
        CognitoIdentityClient.layer({ region: "us-east-1", endpoint: served.url }).pipe(Layer.provide(FetchHttpClient.layer)),
        Layer.succeed(Emulator, served.emulator)
      )))
  }
] as const

const createPool = asAdmin(Effect.gen(function*() {
  const pool = yield* CognitoIdentity.createIdentityPool({
    IdentityPoolName: "guests",
    AllowUnauthenticatedIdentities: true,
    CognitoIdentityProviders: [alice.cognitoIdentityProvider]
  })
  yield* CognitoIdentity.setIdentityPoolRoles({
    IdentityPoolId: pool.IdentityPoolId,
    Roles: { unauthenticated: UNAUTH_ROLE, authenticated: AUTH_ROLE }
  })
  return pool.IdentityPoolId
}))

const requests = (operation: string) => Effect.map(Emulator, (e) => e.stats().operations[operation]?.requests ?? 0)

const identities = (poolId: string, hideDisabled: boolean) =>
  Effect.map(
    asAdmin(CognitoIdentity.listIdentities({ IdentityPoolId: poolId, MaxResults: 60, HideDisabled: hideDisabled })),
    (page) => (page.Identities ?? []).map((identity) => identity.IdentityId)
  )

/** A page: its session holds a login token once the user has signed in. */
const makePage = (poolId: string, store: IdentityIdStore) =>
  Effect.gen(function*() {
    const session = yield* Ref.make(Option.none<string>())
    const logins = Effect.map(Ref.get(session), Option.match({ onNone: () => ({}), onSome: (token) => ({ [alice.provider]: token }) }))
    const context = yield* Layer.build(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, logins, store }))
    const credentials = yield* Effect.provide(AwsCredentials, context)
    const identity = yield* Effect.provide(CognitoIdentityCredentials, context)
    return {
      /** The credentials the page signs with now, and the identity they are for. */
      current: Effect.zipRight(credentials.get, identity.identityId),
      /** What a page does once its user signed in: the session has a token; credentials are fetched again. */
      signIn: (token: string) => Effect.zipRight(Ref.set(session, Option.some(token)), credentials.invalidate),
      /** Sign-out: the session is gone, and the identity id with it. */
      signOut: Effect.zipRight(Ref.set(session, Option.none()), identity.forget)
    }
  })

describe.each(transports)("guest sign-in ($name)", ({ layer }) => {
  it.scoped("one identity before and after sign-in: the login is linked to the guest's identity", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const store = IdentityIdStore.memory()
      const page = yield* makePage(poolId, store)

      const guest = yield* page.current
      expect(yield* identities(poolId, false)).toEqual([guest])

      yield* page.signIn(alice.token)
      expect(yield* page.current).toBe(guest)
      // No second GetId: GetCredentialsForIdentity carried the guest's id and the login.
      expect(yield* requests("GetId")).toBe(1)
      expect(yield* identities(poolId, false)).toEqual([guest])
      const described = yield* asAdmin(CognitoIdentity.describeIdentity({ IdentityId: guest }))
      expect(described.Logins).toEqual([alice.provider])
      // The store now knows the identity under the login, and no longer as a guest's.
      expect(yield* store.get(IdentityIdStore.key(poolId, [alice.provider]))).toEqual(Option.some(guest))
      expect(yield* store.get(IdentityIdStore.key(poolId, []))).toEqual(Option.none())

      // A fresh token for the same user later: the same identity, still no GetId.
      yield* page.signIn(EmulatorLogins.userPool({ userPoolId: USER_POOL_ID, clientId: CLIENT_ID, sub: "alice" }).token)
      expect(yield* page.current).toBe(guest)

      // After sign-out the page is a new guest; the signed-in identity is the user's.
      yield* page.signOut
      const next = yield* page.current
      expect(next).not.toBe(guest)
      expect(yield* requests("GetId")).toBe(2)
      expect(yield* identities(poolId, false)).toEqual([guest, next])
    }).pipe(Effect.provide(layer)), 30_000)

  it.scoped("a login that already has an identity: the guest is merged into it, and its id followed", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      // Alice signed in before, elsewhere: her login has an identity.
      const hers = (yield* CognitoIdentity.getId({ IdentityPoolId: poolId, Logins: alice.logins })).IdentityId ?? ""
      const store = IdentityIdStore.memory()
      const page = yield* makePage(poolId, store)

      const guest = yield* page.current
      expect(guest).not.toBe(hers)
      yield* page.signIn(alice.token)
      // The service answers the login's identity; the layer signs as it from now on.
      expect(yield* page.current).toBe(hers)
      expect(yield* store.get(IdentityIdStore.key(poolId, [alice.provider]))).toEqual(Option.some(hers))
      expect(yield* store.get(IdentityIdStore.key(poolId, []))).toEqual(Option.none())
      // The guest was merged away: disabled, listed only when disabled identities are.
      expect(yield* identities(poolId, true)).toEqual([hers])
      expect(yield* identities(poolId, false)).toEqual([hers, guest])
      expect(yield* requests("GetId")).toBe(2)
    }).pipe(Effect.provide(layer)), 30_000)
})

describe("guest sign-in: what the store remembers", () => {
  it.scoped("a returning user remembered on this device keeps their identity; the guest stays a guest", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const store = IdentityIdStore.memory()
      const hers = (yield* CognitoIdentity.getId({ IdentityPoolId: poolId, Logins: alice.logins })).IdentityId ?? ""
      yield* store.set(IdentityIdStore.key(poolId, [alice.provider]), hers)
      const page = yield* makePage(poolId, store)

      const guest = yield* page.current
      yield* page.signIn(alice.token)
      expect(yield* page.current).toBe(hers)
      // Not linked, not merged: the guest's identity is untouched and still remembered.
      expect((yield* asAdmin(CognitoIdentity.describeIdentity({ IdentityId: guest }))).Logins).toBeUndefined()
      expect(yield* identities(poolId, true)).toEqual([hers, guest])
      expect(yield* store.get(IdentityIdStore.key(poolId, []))).toEqual(Option.some(guest))
    }).pipe(Effect.provide(transports[0].layer)), 30_000)

  it.scoped("a guest identity deleted meanwhile: sign-in falls back to GetId, and the guest id is dropped", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const store = IdentityIdStore.memory()
      const page = yield* makePage(poolId, store)
      const guest = yield* page.current
      yield* asAdmin(CognitoIdentity.deleteIdentities({ IdentityIdsToDelete: [guest] }))

      yield* page.signIn(alice.token)
      const signedIn = yield* page.current
      expect(signedIn).not.toBe(guest)
      expect(yield* requests("GetId")).toBe(2)
      expect(yield* store.get(IdentityIdStore.key(poolId, []))).toEqual(Option.none())
      expect((yield* asAdmin(CognitoIdentity.describeIdentity({ IdentityId: signedIn }))).Logins).toEqual([alice.provider])
    }).pipe(Effect.provide(transports[0].layer)), 30_000)
})
