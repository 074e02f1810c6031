/**
 * `AwsCredentials.fromCognitoIdentityPool` against the in-process emulator (real wire protocol,
 * request counts taken at the emulator), plus scripted answers for the eviction rules that the
 * emulator cannot easily produce.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, Redacted, TestClock } from "effect"
import { expectTypeOf } from "vitest"
import { Emulator } from "../../src/emulator/index.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, CredentialsError } from "../../src/index.js"
import { CognitoIdentityCredentials } from "../../src/layers/credentials/CognitoIdentityCredentials.js"
import { IdentityIdStore } from "../../src/layers/credentials/IdentityIdStore.js"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../support/fixtures.js"
import { awsError, json, makeRecordingHttp } from "../support/RecordingHttp.js"
import type { RecordedRequest } from "../support/RecordingHttp.js"
import { captureTelemetry, eventually, expectNoSecrets, renderings } from "./support.js"

const HOUR = 3_600_000
const UNAUTH_ROLE = "arn:aws:iam::123456789012:role/Unauthenticated"
const AUTH_ROLE = "arn:aws:iam::123456789012:role/Authenticated"
const DEVELOPER_PROVIDER = "login.example.com"
const FACEBOOK = "graph.facebook.com"

/** The pool's administrator signs with the AWS documentation key pair; the flow under test never does. */
const admin = AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY })
const asAdmin = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, admin)

/** A fresh emulator per test, and a client of it; no AwsCredentials in there. */
const service = Layer.provideMerge(CognitoIdentityClient.layer({ region: "us-east-1" }), Emulator.layer())

const createPool = asAdmin(Effect.gen(function*() {
  const pool = yield* CognitoIdentity.createIdentityPool({
    IdentityPoolName: "credentials",
    AllowUnauthenticatedIdentities: true,
    DeveloperProviderName: DEVELOPER_PROVIDER,
    SupportedLoginProviders: { [FACEBOOK]: "1234567890" }
  })
  yield* CognitoIdentity.setIdentityPoolRoles({
    IdentityPoolId: pool.IdentityPoolId,
    Roles: { unauthenticated: UNAUTH_ROLE, authenticated: AUTH_ROLE }
  })
  return pool.IdentityPoolId
}))

const requestsTo = (operation: string) => Effect.map(Emulator, (e) => e.stats().operations[operation]?.requests ?? 0)
const outcomesOf = (operation: string) => Effect.map(Emulator, (e) => e.stats().operations[operation]?.outcomes ?? {})
const counts = Effect.all({
  GetId: requestsTo("GetId"),
  GetCredentialsForIdentity: requestsTo("GetCredentialsForIdentity")
})

/** Advances the TestClock a second at a time (the emulator's injected latency) until `done`. */
const advanceUntil = <E, R>(done: Effect.Effect<boolean, E, R>, what: string) =>
  eventually(Effect.zipRight(TestClock.adjust("1 second"), done), what)

/** Runs `body` with the pool layer's two services. */
const withPool = <A, E, R, LE, LR>(
  layer: Layer.Layer<AwsCredentials | CognitoIdentityCredentials, LE, LR>,
  body: (
    credentials: Effect.Effect.Success<typeof AwsCredentials>,
    identity: Effect.Effect.Success<typeof CognitoIdentityCredentials>
  ) => Effect.Effect<A, E, R>
) =>
  Effect.gen(function*() {
    return yield* body(yield* AwsCredentials, yield* CognitoIdentityCredentials)
  }).pipe(Effect.provide(layer))

describe("fromCognitoIdentityPool: types", () => {
  it("requires CognitoIdentityClient and never AwsCredentials", () => {
    const layer = AwsCredentials.fromCognitoIdentityPool({ identityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000" })
    expectTypeOf(layer).toEqualTypeOf<Layer.Layer<AwsCredentials | CognitoIdentityCredentials, never, CognitoIdentityClient>>()
    expectTypeOf<Extract<Layer.Layer.Context<typeof layer>, AwsCredentials>>().toBeNever()
    // What the logins effect needs is added, and nothing else.
    class Session extends Effect.Tag("test/Session")<Session, { readonly token: Effect.Effect<string> }>() {}
    const withSession = AwsCredentials.fromCognitoIdentityPool({
      identityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000",
      logins: Effect.map(Session.token, (token) => ({ [FACEBOOK]: token }))
    })
    expectTypeOf<Layer.Layer.Context<typeof withSession>>().toEqualTypeOf<CognitoIdentityClient | Session>()
  })
})

describe("fromCognitoIdentityPool against the emulator", () => {
  it.effect("unauthenticated: GetId, then GetCredentialsForIdentity, for the identity it exposes", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      yield* withPool(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId }), (credentials, identity) =>
        Effect.gen(function*() {
          expect(yield* counts).toEqual({ GetId: 0, GetCredentialsForIdentity: 0 })
          const c = yield* credentials.get
          expect(c.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
          expect(Redacted.value(c.secretAccessKey)).toHaveLength(40)
          expect(c.sessionToken).toBeDefined()
          expect(c.expiration).toEqual(new Date(HOUR))
          const identityId = yield* identity.identityId
          expect(identity.identityPoolId).toBe(poolId)
          const listed = yield* asAdmin(CognitoIdentity.listIdentities({ IdentityPoolId: poolId, MaxResults: 10 }))
          expect(listed.Identities?.map((i) => i.IdentityId)).toEqual([identityId])
          expect(yield* counts).toEqual({ GetId: 1, GetCredentialsForIdentity: 1 })
        }))
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("the identity id is reused across refreshes: GetId once", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      yield* withPool(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, jitter: 0 }), (credentials, identity) =>
        Effect.gen(function*() {
          let previous = (yield* credentials.get).accessKeyId
          const identityId = yield* identity.identityId
          for (let refresh = 1; refresh <= 3; refresh++) {
            yield* TestClock.adjust("56 minutes")
            expect((yield* credentials.get).accessKeyId, "still valid: served during the refresh").toBe(previous)
            yield* eventually(Effect.map(credentials.get, (c) => c.accessKeyId !== previous), `refresh ${refresh} landed`)
            previous = (yield* credentials.get).accessKeyId
          }
          yield* credentials.invalidate
          expect((yield* credentials.get).accessKeyId).not.toBe(previous)
          expect(yield* identity.identityId).toBe(identityId)
          expect(yield* counts).toEqual({ GetId: 1, GetCredentialsForIdentity: 5 })
        }))
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("a deleted identity is evicted and replaced by a new one", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const store = IdentityIdStore.memory()
      const key = IdentityIdStore.key(poolId, [])
      yield* withPool(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, store }), (credentials, identity) =>
        Effect.gen(function*() {
          yield* credentials.get
          const first = yield* identity.identityId
          expect(yield* store.get(key)).toEqual(Option.some(first))
          yield* asAdmin(CognitoIdentity.deleteIdentities({ IdentityIdsToDelete: [first] }))
          yield* credentials.invalidate
          yield* credentials.get
          const second = yield* identity.identityId
          expect(second).not.toBe(first)
          expect(yield* store.get(key)).toEqual(Option.some(second))
          expect(yield* counts).toEqual({ GetId: 2, GetCredentialsForIdentity: 3 })
          expect(yield* outcomesOf("GetCredentialsForIdentity")).toEqual({ Success: 2, ResourceNotFoundException: 1 })
        }))
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("authenticated logins: the logins effect is evaluated at every refresh, and keys the store", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const store = IdentityIdStore.memory()
      let evaluations = 0
      const logins = Effect.sync(() => {
        evaluations += 1
        return { [FACEBOOK]: "facebook-user-1" }
      })
      yield* withPool(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, logins, store }), (credentials, identity) =>
        Effect.gen(function*() {
          yield* credentials.get
          yield* credentials.invalidate
          yield* credentials.get
          expect(evaluations).toBe(2)
          const identityId = yield* identity.identityId
          expect(yield* store.get(IdentityIdStore.key(poolId, [FACEBOOK]))).toEqual(Option.some(identityId))
          expect(yield* store.get(IdentityIdStore.key(poolId, []))).toEqual(Option.none())
          const described = yield* asAdmin(CognitoIdentity.describeIdentity({ IdentityId: identityId }))
          expect(described.Logins).toEqual([FACEBOOK])
          expect(yield* counts).toEqual({ GetId: 1, GetCredentialsForIdentity: 2 })
        }))
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("developer-authenticated: the backend's IdentityId and token, no GetId", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      let backendCalls = 0
      // Stands for the developer's backend: it signs GetOpenIdTokenForDeveloperIdentity itself.
      const developerIdentity = Effect.suspend(() => {
        backendCalls += 1
        return asAdmin(CognitoIdentity.getOpenIdTokenForDeveloperIdentity({
          IdentityPoolId: poolId,
          Logins: { [DEVELOPER_PROVIDER]: "user-42" }
        }))
      })
      yield* withPool(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, developerIdentity }), (credentials, identity) =>
        Effect.gen(function*() {
          const c = yield* credentials.get
          expect(c.accessKeyId).toMatch(/^ASIA/)
          const identityId = yield* identity.identityId
          const lookedUp = yield* asAdmin(CognitoIdentity.lookupDeveloperIdentity({
            IdentityPoolId: poolId,
            DeveloperUserIdentifier: "user-42",
            MaxResults: 10
          }))
          expect(lookedUp.IdentityId).toBe(identityId)
          yield* credentials.invalidate
          yield* credentials.get
          expect(backendCalls).toBe(2)
          expect(yield* identity.identityId).toBe(identityId)
          expect(yield* counts).toEqual({ GetId: 0, GetCredentialsForIdentity: 2 })
          expect(yield* requestsTo("GetOpenIdTokenForDeveloperIdentity")).toBe(2)
        }))
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("a cognito-identity.amazonaws.com token in logins says to use developerIdentity", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const error = yield* withPool(
        AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, logins: { "cognito-identity.amazonaws.com": "eyJ.secret.token" } }),
        (credentials) => Effect.flip(credentials.get)
      )
      expect(error.message).toBe(
        `identity pool ${poolId}: GetId does not accept a cognito-identity.amazonaws.com token; ` +
          "pass developerIdentity (the IdentityId and Token from GetOpenIdTokenForDeveloperIdentity) instead"
      )
      expectNoSecrets(renderings(error), ["eyJ.secret.token"])
      expect(yield* counts).toEqual({ GetId: 0, GetCredentialsForIdentity: 0 })
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("a refused login is a CredentialsError naming the pool and the service's reason", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const error = yield* withPool(
        AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, logins: { "accounts.google.com": "google-token-SECRET-1" } }),
        (credentials) => Effect.flip(credentials.get)
      )
      expect(error).toBeInstanceOf(CredentialsError)
      expect(error.message).toMatch(new RegExp(`^identity pool ${poolId}: GetId failed with NotAuthorizedException: `))
      expect(error.sources).toEqual([`identity pool ${poolId}`])
      expectNoSecrets(renderings(error), ["google-token-SECRET-1"])
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("100 concurrent signings with nothing cached: one GetId, one GetCredentialsForIdentity at the emulator", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const emulator = yield* Emulator
      // GetCredentialsForIdentity takes a (TestClock) second: every signing arrives while it runs.
      emulator.setFaults({ latency: "1 second", operations: ["GetCredentialsForIdentity"] })
      emulator.resetStats()
      yield* withPool(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId }), () =>
        Effect.gen(function*() {
          const calls = yield* Effect.fork(Effect.all(
            Array.from({ length: 100 }, () => Effect.either(CognitoIdentity.describeIdentityPool({ IdentityPoolId: poolId }))),
            { concurrency: "unbounded" }
          ))
          yield* eventually(Effect.map(requestsTo("GetId"), (n) => n === 1), "GetId answered")
          yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 50)))
          // All 100 are waiting for the one fetch: none has been signed and sent yet.
          expect(yield* requestsTo("DescribeIdentityPool")).toBe(0)
          yield* advanceUntil(Effect.map(calls.poll, Option.isSome), "the signed calls completed")
          expect(yield* requestsTo("DescribeIdentityPool")).toBe(100)
          expect(yield* counts).toEqual({ GetId: 1, GetCredentialsForIdentity: 1 })
        }))
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("100 concurrent signings during a refresh: exactly one GetCredentialsForIdentity at the emulator", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const emulator = yield* Emulator
      yield* withPool(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, jitter: 0 }), (credentials) =>
        Effect.gen(function*() {
          const before = (yield* credentials.get).accessKeyId
          yield* TestClock.adjust("56 minutes")
          // The refresh's GetCredentialsForIdentity takes a (TestClock) second, so it cannot
          // complete until the clock moves: the 100 signings below all happen during it.
          emulator.setFaults({ latency: "1 second", operations: ["GetCredentialsForIdentity"] })
          emulator.resetStats()
          const results = yield* Effect.all(
            Array.from({ length: 100 }, () => Effect.either(CognitoIdentity.describeIdentityPool({ IdentityPoolId: poolId }))),
            { concurrency: "unbounded" }
          )
          expect(results).toHaveLength(100)
          expect(yield* requestsTo("DescribeIdentityPool")).toBe(100)
          expect((yield* credentials.get).accessKeyId, "the refresh is still in flight").toBe(before)
          yield* advanceUntil(Effect.map(credentials.get, (c) => c.accessKeyId !== before), "the refresh landed")
          expect(yield* counts).toEqual({ GetId: 0, GetCredentialsForIdentity: 1 })
        }))
    }).pipe(Effect.provide(service)), 20_000)

  // The emulator resolves the temporary credentials it issued, as STS-issued keys would be.
  it.effect("credentials it issued sign a request the emulator accepts", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const described = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: poolId }).pipe(
        Effect.provide(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId }))
      )
      expect(described.IdentityPoolId).toBe(poolId)
      expect(yield* outcomesOf("DescribeIdentityPool")).toEqual({ Success: 1 })
    }).pipe(Effect.provide(service)), 20_000)

  it.effect("no secret in any log, span or error of these flows", () =>
    Effect.gen(function*() {
      const poolId = yield* createPool
      const secrets: Array<string> = ["facebook-user-SECRET-9", "google-token-SECRET-2"]
      const collect = (c: { readonly secretAccessKey: Redacted.Redacted<string>; readonly sessionToken?: Redacted.Redacted<string> | undefined }) => {
        secrets.push(Redacted.value(c.secretAccessKey))
        if (c.sessionToken !== undefined) secrets.push(Redacted.value(c.sessionToken))
      }
      const errors: Array<unknown> = []
      const developerIdentity = asAdmin(CognitoIdentity.getOpenIdTokenForDeveloperIdentity({
        IdentityPoolId: poolId,
        Logins: { [DEVELOPER_PROVIDER]: "user-7" }
      })).pipe(Effect.tap((answer) => {
        if (answer.Token !== undefined) secrets.push(Redacted.value(answer.Token))
      }))
      const flows = Effect.gen(function*() {
        for (const layer of [
          AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, jitter: 0 }),
          AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, jitter: 0, logins: { [FACEBOOK]: "facebook-user-SECRET-9" } }),
          AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, jitter: 0, developerIdentity })
        ]) {
          yield* withPool(layer, (credentials, identity) =>
            Effect.gen(function*() {
              collect(yield* credentials.get)
              yield* TestClock.adjust("56 minutes")
              const before = (yield* credentials.get).accessKeyId
              yield* eventually(Effect.map(credentials.get, (c) => c.accessKeyId !== before), "the refresh landed")
              collect(yield* credentials.get)
              yield* identity.identityId
              const signed = yield* Effect.either(CognitoIdentity.describeIdentityPool({ IdentityPoolId: poolId }))
              if (signed._tag === "Left") errors.push(signed.left)
              yield* identity.forget
              collect(yield* credentials.get)
            }))
        }
        const refused = yield* withPool(
          AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId, logins: { "accounts.google.com": "google-token-SECRET-2" } }),
          (credentials) => Effect.flip(credentials.get)
        )
        errors.push(refused)
        yield* Effect.logError("the refused flow", refused)
      })
      const { result, telemetry } = yield* captureTelemetry(flows)
      expect(result._tag).toBe("Success")
      expect(secrets.length).toBeGreaterThan(15)
      expect(telemetry.spans.some((span) => span.includes("AwsCredentials.refresh"))).toBe(true)
      expect(telemetry.spans.some((span) => span.includes("CognitoIdentity.GetCredentialsForIdentity"))).toBe(true)
      expect(telemetry.logs.some((line) => line.includes("the refused flow"))).toBe(true)
      // Each request had its attempt span; the platform's http.client span (its exit holds the
      // signed request) is off for the client's requests.
      expect(telemetry.spans.some((span) => span.startsWith("span CognitoIdentity.DescribeIdentityPool.attempt"))).toBe(true)
      expect(telemetry.spans.some((span) => span.startsWith("span http.client"))).toBe(false)
      expectNoSecrets([telemetry.text(), ...errors.flatMap(renderings)], secrets)
    }).pipe(Effect.provide(service)), 30_000)
})

describe("fromCognitoIdentityPool: eviction rules (scripted answers)", () => {
  const POOL = "us-east-1:99999999-9999-9999-9999-999999999999"
  const STALE = "us-east-1:11111111-1111-1111-1111-111111111111"
  const FRESH = "us-east-1:22222222-2222-2222-2222-222222222222"

  const target = (request: RecordedRequest) => request.headers["x-amz-target"]?.replace("AWSCognitoIdentityService.", "")

  /** GetId answers FRESH; GetCredentialsForIdentity refuses the ids in `refused`. */
  const scripted = (refused: ReadonlySet<string>) => {
    const http = makeRecordingHttp((request) => {
      const body = request.json as { readonly IdentityId?: string }
      if (target(request) === "GetId") return json({ IdentityId: FRESH })
      if (body.IdentityId !== undefined && refused.has(body.IdentityId)) {
        return awsError("NotAuthorizedException", `Access to Identity '${body.IdentityId}' is forbidden.`)
      }
      return json({
        IdentityId: body.IdentityId,
        Credentials: { AccessKeyId: "ASIASCRIPTED00000000", SecretKey: "scripted-secret", SessionToken: "scripted-token", Expiration: 3600 }
      })
    })
    const client = CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(http.layer))
    return { requests: http.requests, client }
  }

  it.effect("a remembered id refused with NotAuthorizedException is evicted, and GetId asked once", () =>
    Effect.gen(function*() {
      const { client, requests } = scripted(new Set([STALE]))
      const store = IdentityIdStore.memory()
      const key = IdentityIdStore.key(POOL, [FACEBOOK])
      yield* store.set(key, STALE)
      const layer = AwsCredentials.fromCognitoIdentityPool({
        identityPoolId: POOL,
        logins: { [FACEBOOK]: "fb-token" },
        customRoleArn: AUTH_ROLE,
        store
      })
      yield* withPool(layer, (credentials, identity) =>
        Effect.gen(function*() {
          yield* credentials.get
          expect(yield* identity.identityId).toBe(FRESH)
        })).pipe(Effect.provide(client))
      expect(requests.map(target)).toEqual(["GetCredentialsForIdentity", "GetId", "GetCredentialsForIdentity"])
      expect(requests[0]?.json).toEqual({ IdentityId: STALE, Logins: { [FACEBOOK]: "fb-token" }, CustomRoleArn: AUTH_ROLE })
      expect(requests[1]?.json).toEqual({ IdentityPoolId: POOL, Logins: { [FACEBOOK]: "fb-token" } })
      expect(yield* store.get(key)).toEqual(Option.some(FRESH))
    }), 10_000)

  it.effect("retried once only: a new id refused the same way is an error, and forgotten", () =>
    Effect.gen(function*() {
      const { client, requests } = scripted(new Set([STALE, FRESH]))
      const store = IdentityIdStore.memory()
      const key = IdentityIdStore.key(POOL, [])
      yield* store.set(key, STALE)
      const error = yield* withPool(
        AwsCredentials.fromCognitoIdentityPool({ identityPoolId: POOL, store }),
        (credentials) => Effect.flip(credentials.get)
      ).pipe(Effect.provide(client))
      expect(requests.map(target)).toEqual(["GetCredentialsForIdentity", "GetId", "GetCredentialsForIdentity"])
      expect(error.message).toBe(
        `identity pool ${POOL}: GetCredentialsForIdentity failed with NotAuthorizedException: Access to Identity '${FRESH}' is forbidden.`
      )
      expect(yield* store.get(key)).toEqual(Option.none())
    }), 10_000)

  it.effect("an id GetId just returned is not retried", () =>
    Effect.gen(function*() {
      const { client, requests } = scripted(new Set([FRESH]))
      yield* withPool(
        AwsCredentials.fromCognitoIdentityPool({ identityPoolId: POOL }),
        (credentials) => Effect.flip(credentials.get)
      ).pipe(Effect.provide(client))
      expect(requests.map(target)).toEqual(["GetId", "GetCredentialsForIdentity"])
    }), 10_000)

  it.effect("forget removes the identity id from the store, and the next signing starts over", () =>
    Effect.gen(function*() {
      const { client, requests } = scripted(new Set())
      const store = IdentityIdStore.memory()
      yield* withPool(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: POOL, store }), (credentials, identity) =>
        Effect.gen(function*() {
          yield* credentials.get
          yield* identity.forget
          expect(yield* store.get(IdentityIdStore.key(POOL, []))).toEqual(Option.none())
          yield* credentials.get
        })).pipe(Effect.provide(client))
      expect(requests.map(target)).toEqual(["GetId", "GetCredentialsForIdentity", "GetId", "GetCredentialsForIdentity"])
    }), 10_000)
})

describe("IdentityIdStore", () => {
  it.effect("fromStorage keeps ids in a Web Storage under a prefix", () =>
    Effect.gen(function*() {
      const items = new Map<string, string>()
      const storage = {
        getItem: (key: string) => items.get(key) ?? null,
        setItem: (key: string, value: string) => void items.set(key, value),
        removeItem: (key: string) => void items.delete(key)
      }
      const store = IdentityIdStore.fromStorage(storage)
      yield* store.set("pool|", "us-east-1:1")
      expect([...items]).toEqual([["effect-cognito-identity.identity-id.pool|", "us-east-1:1"]])
      expect(yield* store.get("pool|")).toEqual(Option.some("us-east-1:1"))
      yield* store.remove("pool|")
      expect(yield* store.get("pool|")).toEqual(Option.none())
    }), 10_000)

  it.effect("a storage that throws behaves as empty", () =>
    Effect.gen(function*() {
      const broken = {
        getItem: (): string | null => {
          throw new Error("SecurityError")
        },
        setItem: () => {
          throw new Error("QuotaExceededError")
        },
        removeItem: () => {
          throw new Error("SecurityError")
        }
      }
      const store = IdentityIdStore.fromStorage(broken)
      yield* store.set("k", "v")
      expect(yield* store.get("k")).toEqual(Option.none())
      yield* store.remove("k")
    }), 10_000)

  it("keys sort the provider names", () => {
    expect(IdentityIdStore.key("us-east-1:p", ["b.example", "a.example"])).toBe("us-east-1:p|a.example,b.example")
    expect(IdentityIdStore.key("us-east-1:p", [])).toBe("us-east-1:p|")
  })
})
