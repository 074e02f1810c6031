/**
 * One suite, two endpoints: moto_server (moto 5.2, an independent implementation of 10 of the
 * 23 operations) and this project's emulator, both over a real loopback socket. Where moto
 * departs from the documented behaviour (docs/service-behaviour.md §13), the emulator follows the
 * documentation, and each expectation names which way each server goes.
 */
import { layer } from "@effect/vitest"
import { Effect, Layer, Redacted, Stream } from "effect"
import type { Scope } from "effect"
import { describe, expect } from "vitest"
import { CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import { Emulator } from "../../src/emulator/index.js"
import { UndiciHttpClient } from "../../src/node/index.js"
import { testCredentials } from "../support/layers.js"
import { hasMoto, requirePeer, skipMessage, startMoto } from "../support/peers.js"

interface Target {
  readonly name: string
  readonly available: boolean
  readonly skip: string
  readonly start: Effect.Effect<{ readonly url: string }, never, Scope.Scope>
  /** Behaviour that differs from the documentation (docs/service-behaviour.md §13 for moto). */
  readonly quirks: {
    /** GetId with the same login returns the same identity (documented); moto mints a new one. */
    readonly getIdIdempotentPerLogin: boolean
    /** ListIdentities honours MaxResults/NextToken (documented); moto returns one page. */
    readonly paginatesIdentities: boolean
    /** OpenID tokens are JWTs (documented); moto returns "<region>:<uuid>". */
    readonly tokensAreJwts: boolean
    /** GetOpenIdTokenForDeveloperIdentity creates an identity ListIdentities shows (documented); moto does not store it. */
    readonly developerIdentitiesListed: boolean
    /**
     * GetCredentialsForIdentity needs the pool's unauthenticated role, set by SetIdentityPoolRoles
     * (documented); moto implements neither the operation nor the check.
     */
    readonly rolesRequired: boolean
    /** ResourceNotFoundException says `IdentityPool '<id>' not found.` (documented); moto says the bare id. */
    readonly documentedNotFoundMessage: boolean
  }
}

const targets: ReadonlyArray<Target> = [
  {
    name: "moto_server",
    available: hasMoto(),
    skip: skipMessage("moto_server", "pip install 'moto[server]'"),
    start: startMoto,
    quirks: {
      getIdIdempotentPerLogin: false,
      paginatesIdentities: false,
      tokensAreJwts: false,
      developerIdentitiesListed: false,
      rolesRequired: false,
      documentedNotFoundMessage: false
    }
  },
  {
    name: "emulator server",
    available: true,
    skip: "",
    start: Effect.orDie(Emulator.serve({ port: 0 })),
    quirks: {
      getIdIdempotentPerLogin: true,
      paginatesIdentities: true,
      tokensAreJwts: true,
      developerIdentitiesListed: true,
      rolesRequired: true,
      documentedNotFoundMessage: true
    }
  }
]

const clientFor = (target: Target) =>
  Layer.unwrapScoped(
    Effect.map(target.start, ({ url }) =>
      Layer.mergeAll(
        CognitoIdentityClient.layer({ region: "us-east-1", endpoint: url }).pipe(Layer.provide(UndiciHttpClient.layer)),
        testCredentials,
        RetryPolicy.layerNone
      ))
  )

const isIdentityId = (id: string | undefined) => /^us-east-1:[0-9a-f-]{36}$/.test(id ?? "")

for (const target of targets) {
  requirePeer(target.available, target.name)
  if (!target.available) {
    describe.skip(`${target.name}: ${target.skip}`, () => {})
    continue
  }
  layer(clientFor(target), { excludeTestServices: true, timeout: 60_000 })(target.name, (it) => {
    const newPool = (name: string, extra: Partial<Parameters<typeof CognitoIdentity.createIdentityPool>[0]> = {}) =>
      CognitoIdentity.createIdentityPool({
        IdentityPoolName: name,
        AllowUnauthenticatedIdentities: true,
        SupportedLoginProviders: { "graph.facebook.com": "123456789012345" },
        DeveloperProviderName: "login.example.app",
        ...extra
      })

    it.effect("pool CRUD: create, describe, update, list, delete", () =>
      Effect.gen(function*() {
        const created = yield* newPool("crud pool")
        expect(created.IdentityPoolName).toBe("crud pool")
        expect(created.IdentityPoolId).toMatch(/^us-east-1:[0-9a-f-]+$/)
        const described = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: created.IdentityPoolId })
        expect(described).toMatchObject({
          IdentityPoolId: created.IdentityPoolId,
          IdentityPoolName: "crud pool",
          AllowUnauthenticatedIdentities: true,
          SupportedLoginProviders: { "graph.facebook.com": "123456789012345" },
          DeveloperProviderName: "login.example.app"
        })
        const updated = yield* CognitoIdentity.updateIdentityPool({
          ...described,
          AllowUnauthenticatedIdentities: false
        })
        expect(updated.AllowUnauthenticatedIdentities).toBe(false)
        const listed = yield* CognitoIdentity.listIdentityPoolsStream().pipe(Stream.runCollect)
        expect([...listed].map((p) => p.IdentityPoolId)).toContain(created.IdentityPoolId)
        yield* CognitoIdentity.deleteIdentityPool({ IdentityPoolId: created.IdentityPoolId })
        const afterDelete = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: created.IdentityPoolId }).pipe(
          Effect.flip
        )
        expect(afterDelete._tag).toBe("ResourceNotFoundException")
      }))

    it.effect("unauthenticated GetId (unsigned), then credentials and an OpenID token", () =>
      Effect.gen(function*() {
        const pool = yield* newPool("unauth pool")
        const { IdentityId } = yield* CognitoIdentity.getId({ IdentityPoolId: pool.IdentityPoolId })
        expect(isIdentityId(IdentityId)).toBe(true)
        const identityId = IdentityId ?? ""
        const token = yield* CognitoIdentity.getOpenIdToken({ IdentityId: identityId })
        expect(token.IdentityId).toBe(identityId)
        const raw = Redacted.value(token.Token ?? Redacted.make(""))
        expect(raw.split(".").length === 3).toBe(target.quirks.tokensAreJwts)
        if (target.quirks.rolesRequired) {
          const refused = yield* CognitoIdentity.getCredentialsForIdentity({ IdentityId: identityId }).pipe(Effect.flip)
          expect(refused._tag).toBe("InvalidIdentityPoolConfigurationException")
          yield* CognitoIdentity.setIdentityPoolRoles({
            IdentityPoolId: pool.IdentityPoolId,
            Roles: { unauthenticated: "arn:aws:iam::123456789012:role/Cognito_Unauth" }
          })
        }
        const credentials = yield* CognitoIdentity.getCredentialsForIdentity({ IdentityId: identityId })
        expect(credentials.IdentityId).toBe(identityId)
        expect(credentials.Credentials?.AccessKeyId).toMatch(/^[A-Z0-9]{16,}$/)
        expect(Redacted.value(credentials.Credentials?.SecretKey ?? Redacted.make(""))).not.toBe("")
        expect(credentials.Credentials?.Expiration).toBeInstanceOf(Date)
      }))

    it.effect("GetId with a login: same login, same identity (documented)", () =>
      Effect.gen(function*() {
        const pool = yield* newPool("login pool")
        const login = { "graph.facebook.com": "facebook-user-1" }
        const first = yield* CognitoIdentity.getId({ IdentityPoolId: pool.IdentityPoolId, Logins: login })
        const second = yield* CognitoIdentity.getId({ IdentityPoolId: pool.IdentityPoolId, Logins: login })
        expect(first.IdentityId === second.IdentityId).toBe(target.quirks.getIdIdempotentPerLogin)
      }))

    it.effect("developer identities: GetOpenIdTokenForDeveloperIdentity, then ListIdentities sees it", () =>
      Effect.gen(function*() {
        const pool = yield* newPool("developer pool")
        const issued = yield* CognitoIdentity.getOpenIdTokenForDeveloperIdentity({
          IdentityPoolId: pool.IdentityPoolId,
          Logins: { "login.example.app": "user-1" },
          TokenDuration: 900
        })
        expect(isIdentityId(issued.IdentityId)).toBe(true)
        const listed = yield* CognitoIdentity.listIdentitiesStream({ IdentityPoolId: pool.IdentityPoolId }).pipe(
          Stream.runCollect
        )
        expect([...listed].map((i) => i.IdentityId).includes(issued.IdentityId)).toBe(
          target.quirks.developerIdentitiesListed
        )
      }))

    it.effect("ListIdentities pages of 2 over 5 identities", () =>
      Effect.gen(function*() {
        const pool = yield* newPool("paged pool")
        const created = yield* Effect.forEach([1, 2, 3, 4, 5], () => CognitoIdentity.getId({ IdentityPoolId: pool.IdentityPoolId }))
        const pages = yield* CognitoIdentity.listIdentitiesPages({ IdentityPoolId: pool.IdentityPoolId, MaxResults: 2 }).pipe(
          Stream.runCollect
        )
        const seen = [...pages].flatMap((p) => (p.Identities ?? []).map((i) => i.IdentityId))
        expect(new Set(seen)).toEqual(new Set(created.map((c) => c.IdentityId)))
        expect(seen).toHaveLength(5)
        expect(pages.length).toBe(target.quirks.paginatesIdentities ? 3 : 1)
      }))

    it.effect("an unknown pool", () =>
      Effect.gen(function*() {
        const error = yield* CognitoIdentity.describeIdentityPool({
          IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000"
        }).pipe(Effect.flip)
        if (error._tag !== "ResourceNotFoundException") return yield* Effect.dieMessage(`unexpected ${error._tag}`)
        expect(error._tag).toBe("ResourceNotFoundException")
        expect(error.message).toBe(
          target.quirks.documentedNotFoundMessage
            ? "IdentityPool 'us-east-1:00000000-0000-4000-8000-000000000000' not found."
            : "us-east-1:00000000-0000-4000-8000-000000000000"
        )
      }))
  })
}
