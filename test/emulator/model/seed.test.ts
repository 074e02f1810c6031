import { describe, expect, it } from "vitest"
import {
  ACCOUNT,
  call,
  describeIdentity,
  getId,
  listAll,
  newModel,
  NOW,
  ok,
  OTHER_REGION,
  REGION,
  sequentialIds,
  signed,
  unsigned
} from "./support.js"

describe("seed", () => {
  it("creates pools with a realistic, deterministic mix of identities", () => {
    const model = newModel()
    const pools = model.seed({ accountId: ACCOUNT, region: REGION, pools: 2, identitiesPerPool: 2000, now: NOW })
    expect(pools).toHaveLength(2)
    const pool = pools[0] ?? ""
    const seeded = JSON.stringify(model.snapshot())
    const listed = ok(call(model, "ListIdentities", { IdentityPoolId: pool, MaxResults: 60 }))
    expect(listed.Identities).toHaveLength(60)
    const all = listAll(model, pool)
    expect(all).toHaveLength(2000)
    const visible = listAll(model, pool, 60, { HideDisabled: true })
    const disabled = all.length - visible.length
    expect(disabled).toBeGreaterThan(0)
    expect(disabled).toBeLessThan(60)
    const descriptions = all.map((id) => describeIdentity(model, id))
    const withLogins = descriptions.filter((description) => (description.Logins ?? []).length > 0)
    const twoLogins = descriptions.filter((description) => (description.Logins ?? []).length === 2)
    const developers = descriptions.filter((description) => (description.Logins ?? []).includes("login.seed.example"))
    expect(withLogins.length / all.length).toBeGreaterThan(0.2)
    expect(withLogins.length / all.length).toBeLessThan(0.4)
    expect(twoLogins.length).toBeGreaterThan(0)
    expect(developers.length).toBeGreaterThan(0)
    // The last identity was created at `now`, in creation order, one second apart.
    expect(descriptions.at(-1)?.CreationDate).toEqual(NOW)
    expect(descriptions[0]?.CreationDate).toEqual(new Date(NOW.getTime() - 1999 * 1000))
    for (const description of descriptions) {
      expect((description.LastModifiedDate?.getTime() ?? 0) >= (description.CreationDate?.getTime() ?? 0)).toBe(true)
    }
    // Seeded logins behave like real ones: the same login finds the same identity.
    const facebookIndex = descriptions.findIndex((description) => description.Logins?.[0] === "graph.facebook.com")
    expect(getId(model, pool, { "graph.facebook.com": String(100000000000000 + facebookIndex) })).toBe(all[facebookIndex])
    // Default roles make credentials work at once.
    const unauthenticated = all[descriptions.findIndex((description) => description.Logins === undefined)] ?? ""
    ok(call(model, "GetCredentialsForIdentity", { IdentityId: unauthenticated }, unsigned()))
    // The same ids give the same state (same JWT key too: the test signer is shared).
    const again = newModel()
    again.seed({ accountId: ACCOUNT, region: REGION, pools: 2, identitiesPerPool: 2000, now: NOW })
    expect(JSON.stringify(again.snapshot())).toBe(seeded)
  })

  it("never exceeds the pool quota", () => {
    const model = newModel({ poolQuota: 3, randomId: sequentialIds() })
    expect(model.seed({ accountId: ACCOUNT, region: REGION, pools: 5, identitiesPerPool: 1, now: NOW })).toHaveLength(3)
    expect(model.seed({ accountId: ACCOUNT, region: OTHER_REGION, pools: 1, identitiesPerPool: 0, now: NOW })).toHaveLength(1)
    expect(ok(call(model, "ListIdentityPools", { MaxResults: 60 }, signed())).IdentityPools).toHaveLength(3)
  })
})
