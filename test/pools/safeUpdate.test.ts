/**
 * Safe pool updates. On the in-process emulator (which replaces the whole configuration, as
 * the service does, and clears tags left out of an update): a one-member change keeps every
 * other member, the developer provider and the tags; a dry run returns the difference member by
 * member and writes nothing; a change to the developer provider is refused with nothing sent;
 * a pool that moved since it was reviewed is refused. On a scripted server: a
 * ConcurrentModificationException starts over from the new configuration, and a read-back
 * that disagrees is reported. And the diff itself: order-free lists, absent = empty.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { Emulator } from "../../src/emulator/index.js"
import type { IdentityPool, PoolConfiguration } from "../../src/index.js"
import { CognitoIdentity, CognitoIdentityClient, diffPool, RetryPolicy, safeUpdateIdentityPool } from "../../src/index.js"
import { awsError, json } from "../support/RecordingHttp.js"
import { testCredentials } from "../support/layers.js"
import type { Responder } from "../resilience/support.js"
import { POOL, scriptedClient, target } from "../resilience/support.js"

const inProcess = () => {
  const emulator = Emulator.layer()
  return Layer.mergeAll(CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(emulator)), testCredentials, emulator)
}

const USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1"

const createFullPool = CognitoIdentity.createIdentityPool({
  IdentityPoolName: "app",
  AllowUnauthenticatedIdentities: true,
  AllowClassicFlow: true,
  SupportedLoginProviders: { "graph.facebook.com": "1234567890", "accounts.google.com": "app.apps.googleusercontent.com" },
  DeveloperProviderName: "login.example",
  OpenIdConnectProviderARNs: ["arn:aws:iam::123456789012:oidc-provider/issuer.example.com"],
  CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: "client0123456789", ServerSideTokenCheck: true }],
  SamlProviderARNs: ["arn:aws:iam::123456789012:saml-provider/corp"],
  IdentityPoolTags: { team: "identity", cost: "42" }
})

const withoutId = ({ IdentityPoolId: _, ...configuration }: IdentityPool): PoolConfiguration => configuration

describe("safeUpdateIdentityPool on the emulator", () => {
  it.effect("a patch of one member keeps every other, the developer provider and the tags; verified by a read-back", () =>
    Effect.gen(function*() {
      const created = yield* createFullPool
      const emulator = yield* Emulator
      emulator.resetStats()
      const result = yield* safeUpdateIdentityPool({ identityPoolId: created.IdentityPoolId, change: { AllowUnauthenticatedIdentities: false } })
      expect(result.written).toBe(true)
      expect(result.changes).toEqual([{ field: "AllowUnauthenticatedIdentities", before: true, after: false }])
      // Read, write, read back.
      const operations = emulator.stats().operations
      expect(operations["DescribeIdentityPool"]?.requests).toBe(2)
      expect(operations["UpdateIdentityPool"]?.requests).toBe(1)
      const now = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: created.IdentityPoolId })
      expect(now).toEqual({ ...created, AllowUnauthenticatedIdentities: false })
    }).pipe(Effect.provide(inProcess())))

  it.effect("why it sends the tags: a plain UpdateIdentityPool that leaves them out clears them here; the safe one keeps them", () =>
    Effect.gen(function*() {
      const created = yield* createFullPool
      yield* safeUpdateIdentityPool({ identityPoolId: created.IdentityPoolId, change: (pool) => ({ ...pool, IdentityPoolName: "renamed" }) })
      const kept = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: created.IdentityPoolId })
      expect(kept.IdentityPoolTags).toEqual({ team: "identity", cost: "42" })
      const { IdentityPoolTags: _, ...withoutTags } = kept
      yield* CognitoIdentity.updateIdentityPool(withoutTags)
      expect((yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: created.IdentityPoolId })).IdentityPoolTags).toEqual({})
    }).pipe(Effect.provide(inProcess())))

  it.effect("a change function: members it leaves out are removed, except tags and the developer provider; `{}` removes the tags", () =>
    Effect.gen(function*() {
      const created = yield* createFullPool
      const id = created.IdentityPoolId
      const minimal = yield* safeUpdateIdentityPool({
        identityPoolId: id,
        change: (pool) => ({ IdentityPoolName: pool.IdentityPoolName, AllowUnauthenticatedIdentities: pool.AllowUnauthenticatedIdentities })
      })
      expect(minimal.changes.map((c) => c.field)).toEqual([
        "AllowClassicFlow",
        "SupportedLoginProviders",
        "OpenIdConnectProviderARNs",
        "CognitoIdentityProviders",
        "SamlProviderARNs"
      ])
      expect(yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: id })).toEqual({
        IdentityPoolId: id,
        IdentityPoolName: "app",
        AllowUnauthenticatedIdentities: true,
        DeveloperProviderName: "login.example",
        IdentityPoolTags: { team: "identity", cost: "42" }
      })
      const untagged = yield* safeUpdateIdentityPool({ identityPoolId: id, change: (pool) => ({ ...pool, IdentityPoolTags: {} }) })
      expect(untagged.changes).toEqual([{ field: "IdentityPoolTags", before: { team: "identity", cost: "42" }, after: {} }])
      expect((yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: id })).IdentityPoolTags).toEqual({})
    }).pipe(Effect.provide(inProcess())))

  it.effect("a patch member given as undefined is removed; a change that changes nothing writes nothing", () =>
    Effect.gen(function*() {
      const created = yield* createFullPool
      const id = created.IdentityPoolId
      yield* safeUpdateIdentityPool({ identityPoolId: id, change: { SamlProviderARNs: undefined, IdentityPoolTags: { team: "identity" } } })
      const now = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: id })
      expect(now.SamlProviderARNs).toBeUndefined()
      expect(now.IdentityPoolTags).toEqual({ team: "identity" })
      expect(now.SupportedLoginProviders).toEqual(created.SupportedLoginProviders)
      const emulator = yield* Emulator
      emulator.resetStats()
      const same = yield* safeUpdateIdentityPool({ identityPoolId: id, change: { IdentityPoolName: "app", OpenIdConnectProviderARNs: [...(created.OpenIdConnectProviderARNs ?? [])] } })
      expect(same).toMatchObject({ written: false, changes: [] })
      expect(emulator.stats().operations["UpdateIdentityPool"]).toBeUndefined()
    }).pipe(Effect.provide(inProcess())))

  it.effect("dry run: the difference member by member, nothing written; `expected` refuses a pool that moved since", () =>
    Effect.gen(function*() {
      const created = yield* createFullPool
      const id = created.IdentityPoolId
      const emulator = yield* Emulator
      emulator.resetStats()
      const change = { IdentityPoolName: "app-v2", SupportedLoginProviders: { "accounts.google.com": "app.apps.googleusercontent.com" } }
      const preview = yield* safeUpdateIdentityPool({ identityPoolId: id, change, dryRun: true })
      expect(preview.written).toBe(false)
      expect(preview.before).toEqual(withoutId(created))
      expect(preview.changes).toEqual([
        { field: "IdentityPoolName", before: "app", after: "app-v2" },
        { field: "SupportedLoginProviders", before: created.SupportedLoginProviders, after: change.SupportedLoginProviders }
      ])
      expect(emulator.stats().operations["UpdateIdentityPool"]).toBeUndefined()
      expect(yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: id })).toEqual(created)

      // Someone else changes the pool after the review: applying the reviewed change is refused.
      yield* CognitoIdentity.updateIdentityPool({ ...created, AllowClassicFlow: false })
      const refused = yield* safeUpdateIdentityPool({ identityPoolId: id, change, expected: preview.before }).pipe(Effect.flip)
      expect(refused).toMatchObject({ _tag: "PoolUpdateError", reason: "Changed", fields: ["AllowClassicFlow"], written: false })
      expect(emulator.stats().operations["UpdateIdentityPool"]?.requests).toBe(1)
      const applied = yield* safeUpdateIdentityPool({ identityPoolId: id, change, expected: { ...preview.before, AllowClassicFlow: false } })
      expect(applied.written).toBe(true)
    }).pipe(Effect.provide(inProcess())))

  it.effect("the developer provider cannot be changed or removed: refused, nothing sent; setting one on a pool without is allowed", () =>
    Effect.gen(function*() {
      const created = yield* createFullPool
      const emulator = yield* Emulator
      emulator.resetStats()
      for (const change of [{ DeveloperProviderName: "login.other" }, { DeveloperProviderName: undefined }]) {
        const error = yield* safeUpdateIdentityPool({ identityPoolId: created.IdentityPoolId, change }).pipe(Effect.flip)
        expect(error).toMatchObject({ _tag: "PoolUpdateError", reason: "ImmutableField", fields: ["DeveloperProviderName"], written: false })
      }
      expect(emulator.stats().operations["UpdateIdentityPool"]).toBeUndefined()
      const bare = yield* CognitoIdentity.createIdentityPool({ IdentityPoolName: "bare", AllowUnauthenticatedIdentities: false })
      const set = yield* safeUpdateIdentityPool({ identityPoolId: bare.IdentityPoolId, change: { DeveloperProviderName: "login.example" } })
      expect(set.changes).toEqual([{ field: "DeveloperProviderName", before: undefined, after: "login.example" }])
    }).pipe(Effect.provide(inProcess())))
})

const scripted = (script: Responder) => scriptedClient(script, RetryPolicy.layerNone)
const pool = (name: string, extra: Record<string, unknown> = {}) =>
  json({ IdentityPoolId: POOL, IdentityPoolName: name, AllowUnauthenticatedIdentities: true, IdentityPoolTags: { t: "1" }, ...extra })

describe("safeUpdateIdentityPool: conflicts and verification", () => {
  it.live("ConcurrentModificationException: read again, apply the change to what another writer left, write that", () => {
    const { layer, requests } = scripted((request, index) => {
      const name = target(request).split(".")[1]
      if (index === 0) return pool("v1")
      if (index === 1) return awsError("ConcurrentModificationException", "parallel requests")
      if (name === "DescribeIdentityPool" && index === 2) return pool("v2")
      if (name === "UpdateIdentityPool") return json(request.json)
      return pool("v2", { AllowUnauthenticatedIdentities: false })
    })
    return Effect.gen(function*() {
      const result = yield* safeUpdateIdentityPool({ identityPoolId: POOL, change: (p) => ({ ...p, AllowUnauthenticatedIdentities: false }) })
      expect(result).toMatchObject({ written: true, conflicts: 1 })
      expect(requests.map((r) => target(r).split(".")[1])).toEqual([
        "DescribeIdentityPool",
        "UpdateIdentityPool",
        "DescribeIdentityPool",
        "UpdateIdentityPool",
        "DescribeIdentityPool"
      ])
      // The second write carries the other writer's name: the change was applied again to v2.
      expect(requests[3]?.json).toEqual({ IdentityPoolId: POOL, IdentityPoolName: "v2", AllowUnauthenticatedIdentities: false, IdentityPoolTags: { t: "1" } })
    }).pipe(Effect.provide(layer))
  })

  it.live("conflicts every time: gives up after maxConflictAttempts with the service's error", () => {
    const { layer, requests } = scripted((request) =>
      target(request).endsWith("UpdateIdentityPool") ? awsError("ConcurrentModificationException", "parallel requests") : pool("v1")
    )
    return Effect.gen(function*() {
      const error = yield* safeUpdateIdentityPool({ identityPoolId: POOL, change: { IdentityPoolName: "x" }, maxConflictAttempts: 3 }).pipe(Effect.flip)
      expect(error._tag).toBe("ConcurrentModificationException")
      expect(requests.filter((r) => target(r).endsWith("UpdateIdentityPool"))).toHaveLength(3)
    }).pipe(Effect.provide(layer))
  })

  it.live("a read-back that disagrees (a server that ignores a member) is an Unverified error naming it; the write happened", () => {
    const { layer } = scripted((request) =>
      target(request).endsWith("UpdateIdentityPool") ? json(request.json) : pool("v1")
    )
    return Effect.gen(function*() {
      const error = yield* safeUpdateIdentityPool({ identityPoolId: POOL, change: { IdentityPoolName: "v2" } }).pipe(Effect.flip)
      expect(error).toMatchObject({ _tag: "PoolUpdateError", reason: "Unverified", fields: ["IdentityPoolName"], written: true })
      expect(error.message).toContain("reading it back shows other values for IdentityPoolName")
    }).pipe(Effect.provide(layer))
  })
})

describe("diffPool", () => {
  const base: PoolConfiguration = { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false }
  it("lists are sets, absent is empty, false-by-default booleans are absent when false", () => {
    expect(diffPool(
      { ...base, OpenIdConnectProviderARNs: ["arn:a", "arn:b"], SupportedLoginProviders: {}, AllowClassicFlow: false },
      { ...base, OpenIdConnectProviderARNs: ["arn:b", "arn:a"], CognitoIdentityProviders: [] }
    )).toEqual([])
    expect(diffPool(
      { ...base, CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: "c", ServerSideTokenCheck: false }] },
      { ...base, CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: "c" }] }
    )).toEqual([])
    expect(diffPool(base, { ...base, SamlProviderARNs: ["arn:s"] })).toEqual([{ field: "SamlProviderARNs", before: undefined, after: ["arn:s"] }])
  })

  it("a Redacted value is compared by its content and stays redacted in the diff", () => {
    const secret = (value: string) => Redacted.make(value) as unknown as string
    const same = diffPool({ ...base, IdentityPoolTags: { k: secret("a") } }, { ...base, IdentityPoolTags: { k: secret("a") } })
    expect(same).toEqual([])
    const changed = diffPool({ ...base, IdentityPoolTags: { k: secret("a") } }, { ...base, IdentityPoolTags: { k: secret("b") } })
    expect(changed).toHaveLength(1)
    expect(JSON.stringify(changed)).not.toMatch(/"[ab]"/)
  })
})
