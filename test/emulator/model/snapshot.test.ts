import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { makeJwtSigner } from "../../../src/emulator/Jwt.js"
import { loadServiceModel, makeServiceModel } from "../../../src/emulator/makeServiceModel.js"
import type { ModelSnapshot } from "../../../src/emulator/ServiceModel.js"
import {
  ACCOUNT,
  call,
  CLIENT_ID,
  createPool,
  developerToken,
  failure,
  getId,
  later,
  listAll,
  newModel,
  NOW,
  ok,
  OTHER_ACCOUNT,
  OTHER_REGION,
  REGION,
  sequentialIds,
  setRoles,
  signed,
  unsigned,
  USER_POOL,
  uuidFor
} from "./support.js"

const FACEBOOK = "graph.facebook.com"
const COGNITO = "cognito-identity.amazonaws.com"

/** A state that exercises every part of the snapshot. */
const richModel = () => {
  const model = newModel()
  const pool = createPool(model, { AllowClassicFlow: true, IdentityPoolTags: { team: "identity" } })
  // A tag literally named __proto__ (JSON.parse makes it an own property) must survive as data.
  ok(model.handle("CreateIdentityPool", {
    IdentityPoolName: "Proto",
    AllowUnauthenticatedIdentities: false,
    IdentityPoolTags: JSON.parse('{"__proto__":"x","b":"2"}')
  }, signed()))
  createPool(model, { IdentityPoolName: "Other" }, signed({ accountId: OTHER_ACCOUNT }))
  createPool(model, { IdentityPoolName: "Far" }, signed({ region: OTHER_REGION }))
  const deleted = createPool(model, { IdentityPoolName: "Deleted" })
  ok(call(model, "DeleteIdentityPool", { IdentityPoolId: deleted }))
  setRoles(model, pool, {
    RoleMappings: { [`${USER_POOL}:${CLIENT_ID}`]: { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" } }
  })
  ok(call(model, "SetPrincipalTagAttributeMap", { IdentityPoolId: pool, IdentityProviderName: FACEBOOK, PrincipalTags: { u: "sub" } }))
  const unauthenticated = getId(model, pool)
  const social = getId(model, pool, { [FACEBOOK]: "fb-1", "accounts.google.com": "g-1" })
  const merged = getId(model, pool, { [FACEBOOK]: "fb-2" })
  getId(model, pool, { [FACEBOOK]: "fb-3" })
  ok(call(model, "GetOpenIdToken", { IdentityId: merged, Logins: { [FACEBOOK]: "fb-2", [USER_POOL]: "up-1" } }, unsigned({ now: later(2) })))
  const developer = developerToken(model, pool, "dev-1")
  developerToken(model, pool, "dev-2", { IdentityId: developer.identityId })
  const gone = getId(model, pool)
  ok(call(model, "DeleteIdentities", { IdentityIdsToDelete: [gone] }))
  ok(call(model, "GetCredentialsForIdentity", { IdentityId: unauthenticated }, unsigned()))
  return { model, pool, unauthenticated, social, developer }
}

describe("snapshot / restore", () => {
  it("is JSON-serialisable and round-trips exactly", () => {
    const { model } = richModel()
    const snapshot = model.snapshot()
    const json = JSON.stringify(snapshot)
    const parsed: unknown = JSON.parse(json)
    expect(parsed).toEqual(snapshot)
    const restored = makeServiceModel({ snapshot: JSON.parse(json), randomId: sequentialIds() })
    expect(restored.snapshot()).toEqual(snapshot)
    expect(JSON.stringify(restored.snapshot())).toBe(json)
    expect(json).toContain('"__proto__","x"')
  })

  it("restores behaviour: pools, identities, logins, roles, tags, credentials and the JWT key", () => {
    const { developer, model, pool, social, unauthenticated } = richModel()
    const before = listAll(model, pool)
    const token = ok(call(model, "ListIdentities", { IdentityPoolId: pool, MaxResults: 2 })).NextToken ?? ""
    const key = ok(call(model, "GetCredentialsForIdentity", { IdentityId: unauthenticated }, unsigned())).Credentials?.AccessKeyId ?? ""
    const restored = makeServiceModel({ snapshot: JSON.parse(JSON.stringify(model.snapshot())), randomId: () => uuidFor(5000) })
    expect(restored.jwt.kid).toBe(model.jwt.kid)
    // Tokens issued before the restart still verify and authenticate.
    ok(call(restored, "GetOpenIdToken", { IdentityId: developer.identityId, Logins: { [COGNITO]: developer.token } }, unsigned()))
    // NextTokens issued before the restart still resume.
    const rest = ok(call(restored, "ListIdentities", { IdentityPoolId: pool, MaxResults: 60, NextToken: token })).Identities ?? []
    expect(rest.map((identity) => identity.IdentityId)).toEqual(before.slice(2))
    expect(listAll(restored, pool)).toEqual(before)
    expect(getId(restored, pool, { [FACEBOOK]: "fb-1" })).toBe(social)
    expect(ok(call(restored, "GetIdentityPoolRoles", { IdentityPoolId: pool }))).toEqual(
      ok(call(model, "GetIdentityPoolRoles", { IdentityPoolId: pool }))
    )
    expect(ok(call(restored, "DescribeIdentityPool", { IdentityPoolId: pool }))).toEqual(
      ok(call(model, "DescribeIdentityPool", { IdentityPoolId: pool }))
    )
    expect(ok(call(restored, "LookupDeveloperIdentity", { IdentityPoolId: pool, IdentityId: developer.identityId })).DeveloperUserIdentifierList)
      .toEqual(["dev-1", "dev-2"])
    expect(restored.issuedCredentials(key)).toEqual(model.issuedCredentials(key))
    expect(ok(call(restored, "DescribeIdentity", { IdentityId: social }))).toEqual(ok(call(model, "DescribeIdentity", { IdentityId: social })))
    // Sequence counters continue: new identities come last, new pools get fresh ids.
    const fresh = getId(restored, pool)
    expect(listAll(restored, pool).at(-1)).toBe(fresh)
    expect(ok(call(restored, "ListIdentityPools", { MaxResults: 60 })).IdentityPools).toHaveLength(2)
    // The quota counts restored pools.
    const quota = makeServiceModel({ snapshot: model.snapshot(), poolQuota: 1 })
    expect(failure(call(quota, "CreateIdentityPool", { IdentityPoolName: "x", AllowUnauthenticatedIdentities: true })).code)
      .toBe("LimitExceededException")
  })

  it("uses an explicitly supplied signer over the snapshot's key", () => {
    const { model } = richModel()
    const other = makeJwtSigner()
    expect(makeServiceModel({ snapshot: model.snapshot(), jwt: other }).jwt.kid).toBe(other.kid)
  })

  it("reports an unusable snapshot and never overwrites it", () => {
    const { model } = richModel()
    const good = model.snapshot()
    const data = JSON.parse(JSON.stringify(good.data)) as Record<string, unknown>
    const broken: Array<ModelSnapshot> = [
      { version: 1 as const, data: null },
      { version: 1 as const, data: { ...data, format: "other" } },
      { version: 1 as const, data: { ...data, jwtPrivateKeyPem: "not a pem" } },
      { version: 1 as const, data: { ...data, pools: [{ id: "x" }] } },
      { version: 1 as const, data: { ...data, credentials: [{ accessKeyId: 1 }] } }
    ]
    // Duplicated logins across identities break invariant §6.1.
    const pools = data["pools"] as Array<{ identities: Array<Array<unknown>> }>
    const duplicated = JSON.parse(JSON.stringify(data)) as typeof data
    const dupPools = duplicated["pools"] as Array<{ identities: Array<Array<unknown>> }>
    const withLinks = (pools[0]?.identities ?? []).find((identity) => identity.length === 6)
    dupPools[0]?.identities.push([`${REGION}:${uuidFor(9999)}`, 9999, 0, 0, 4, withLinks?.[5]])
    broken.push({ version: 1 as const, data: duplicated })
    for (const snapshot of broken) {
      const loaded = loadServiceModel({ snapshot })
      expect(Either.isLeft(loaded)).toBe(true)
      const refusing = makeServiceModel({ snapshot })
      expect(refusing.snapshot()).toBe(snapshot)
      const fault = failure(refusing.handle("ListIdentityPools", { MaxResults: 1 }, signed()))
      expect(fault.code).toBe("InternalErrorException")
      expect(fault.message).toMatch(/^The emulator state could not be restored: /)
      expect(refusing.seed({ accountId: ACCOUNT, region: REGION, pools: 1, identitiesPerPool: 1, now: NOW })).toEqual([])
    }
  })

  it("round-trips a seeded state", () => {
    const model = newModel()
    model.seed({ accountId: ACCOUNT, region: REGION, pools: 2, identitiesPerPool: 500, now: NOW })
    const snapshot = model.snapshot()
    const restored = makeServiceModel({ snapshot: JSON.parse(JSON.stringify(snapshot)) })
    expect(restored.snapshot()).toEqual(snapshot)
  })
})
