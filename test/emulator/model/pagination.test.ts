import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  call,
  createPool,
  failure,
  getId,
  listAll,
  newModel,
  ok,
  REGION,
  uuidFor
} from "./support.js"

type Model = ReturnType<typeof newModel>

const poolWith = (model: Model, count: number): { readonly pool: string; readonly ids: Array<string> } => {
  const pool = createPool(model)
  return { pool, ids: Array.from({ length: count }, () => getId(model, pool)) }
}

const page = (model: Model, pool: string, maxResults: number, token?: string, extra: Record<string, unknown> = {}) =>
  ok(call(model, "ListIdentities", { IdentityPoolId: pool, MaxResults: maxResults, ...(token === undefined ? {} : { NextToken: token }), ...extra }))

const remove = (model: Model, ids: ReadonlyArray<string>): void => {
  for (let i = 0; i < ids.length; i += 60) ok(call(model, "DeleteIdentities", { IdentityIdsToDelete: ids.slice(i, i + 60) }))
}

describe("ListIdentities pagination", () => {
  for (const size of [0, 1, 59, 60, 61, 120, 121]) {
    it(`lists each of ${size} identities exactly once, in creation order, with NextToken only while more remain`, () => {
      const model = newModel()
      const { ids, pool } = poolWith(model, size)
      const pages: Array<number> = []
      const seen: Array<string> = []
      let token: string | undefined
      do {
        const out = page(model, pool, 60, token)
        const items = out.Identities ?? []
        pages.push(items.length)
        seen.push(...items.map((identity) => identity.IdentityId ?? ""))
        token = out.NextToken
        if (token !== undefined) expect(items).toHaveLength(60)
      } while (token !== undefined)
      expect(seen).toEqual(ids)
      expect(pages).toEqual(size === 0 ? [0] : Array.from({ length: Math.ceil(size / 60) }, (_, i) => Math.min(60, size - i * 60)))
      for (const maxResults of [1, 7, 59]) expect(listAll(model, pool, maxResults)).toEqual(ids)
    })
  }

  it("stays exact under inserts and deletes between pages, across a compaction", () => {
    const model = newModel()
    const { ids, pool } = poolWith(model, 3000)
    const first = page(model, pool, 60)
    const returned = (first.Identities ?? []).map((identity) => identity.IdentityId ?? "")
    expect(returned).toEqual(ids.slice(0, 60))
    // Delete the last returned item (the token's anchor), half of the rest, and insert more.
    const deleted = new Set([ids[59] ?? "", ...ids.slice(60).filter((_, i) => i % 2 === 0)])
    remove(model, [...deleted])
    const inserted = Array.from({ length: 30 }, () => getId(model, pool))
    const rest: Array<string> = []
    let token = first.NextToken
    while (token !== undefined) {
      const out = page(model, pool, 60, token)
      rest.push(...(out.Identities ?? []).map((identity) => identity.IdentityId ?? ""))
      token = out.NextToken
      // More churn mid-listing: delete an item not yet returned.
      const upcoming = ids.filter((id) => !deleted.has(id) && !rest.includes(id) && !returned.includes(id))
      const victim = upcoming[upcoming.length - 1]
      if (victim !== undefined) {
        remove(model, [victim])
        deleted.add(victim)
      }
    }
    const all = [...returned, ...rest]
    expect(new Set(all).size).toBe(all.length)
    const survivors = ids.filter((id) => !deleted.has(id))
    for (const id of survivors) expect(all).toContain(id)
    for (const id of rest) expect(deleted.has(id)).toBe(false)
    expect(rest.slice(-inserted.length)).toEqual(inserted)
    expect(listAll(model, pool)).toEqual([...survivors, ...inserted])
  })

  it("holds for random interleavings of inserts, deletes and pages (property)", () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant("insert" as const), count: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant("delete" as const), picks: fc.array(fc.nat(), { maxLength: 20 }) }),
      fc.record({ kind: fc.constant("page" as const), max: fc.integer({ min: 1, max: 60 }) })
    )
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 150 }), fc.array(step, { maxLength: 25 }), (initial, steps) => {
        const model = newModel()
        const { ids, pool } = poolWith(model, initial)
        const live = new Set(ids)
        const everDeleted = new Set<string>()
        const seen: Array<string> = []
        const atStart = new Set(ids)
        let token: string | undefined
        let started = false
        let done = false
        for (const action of [...steps, ...Array.from({ length: 400 }, () => ({ kind: "page" as const, max: 60 }))]) {
          if (done) break
          if (action.kind === "insert") {
            for (let i = 0; i < action.count; i++) live.add(getId(model, pool))
          } else if (action.kind === "delete") {
            const current = [...live]
            const victims = action.picks.map((pick) => current[pick % Math.max(1, current.length)]).filter((id): id is string => id !== undefined)
            remove(model, [...new Set(victims)])
            for (const victim of victims) {
              live.delete(victim)
              everDeleted.add(victim)
            }
          } else {
            const out = page(model, pool, action.max, token)
            const items = (out.Identities ?? []).map((identity) => identity.IdentityId ?? "")
            if (items.length > action.max) return false
            for (const id of items) if (everDeleted.has(id) && !live.has(id)) return false
            seen.push(...items)
            started = true
            token = out.NextToken
            done = started && token === undefined
          }
        }
        if (new Set(seen).size !== seen.length) return false
        // Every identity that existed from the start and was never deleted was listed.
        return [...atStart].every((id) => everDeleted.has(id) || seen.includes(id))
      }),
      { numRuns: 60 }
    )
  })

  it("hides disabled identities with HideDisabled", () => {
    const model = newModel()
    const pool = createPool(model)
    const kept: Array<string> = []
    const disabled: Array<string> = []
    for (let i = 0; i < 70; i++) {
      const owner = getId(model, pool, { "graph.facebook.com": `fb-${i}` })
      const other = getId(model, pool, { "accounts.google.com": `g-${i}` })
      getId(model, pool, { "graph.facebook.com": `fb-${i}`, "accounts.google.com": `g-${i}` })
      kept.push(owner)
      disabled.push(other)
    }
    expect(listAll(model, pool, 60, { HideDisabled: true })).toEqual(kept)
    expect(listAll(model, pool, 13, { HideDisabled: true })).toEqual(kept)
    expect(listAll(model, pool, 60, { HideDisabled: false })).toHaveLength(140)
    // The last page of the filtered list carries no NextToken even if disabled items follow.
    const last = page(model, pool, 60, page(model, pool, 60, undefined, { HideDisabled: true }).NextToken, { HideDisabled: true })
    expect(last.Identities).toHaveLength(10)
    expect(last.NextToken).toBeUndefined()
  })

  it("refuses tokens of another pool, another list, and garbage", () => {
    const model = newModel()
    const a = poolWith(model, 3).pool
    const b = poolWith(model, 3).pool
    const token = page(model, a, 1).NextToken ?? ""
    expect(token).toMatch(/^\S+$/)
    expect(failure(call(model, "ListIdentities", { IdentityPoolId: b, MaxResults: 1, NextToken: token }))).toEqual({
      code: "InvalidParameterException",
      message: "The provided NextToken is not valid for this request."
    })
    expect(failure(call(model, "ListIdentityPools", { MaxResults: 1, NextToken: token })).code).toBe("InvalidParameterException")
    for (const garbage of ["garbage", "e30", Buffer.from("[1]").toString("base64url"), "!!!"]) {
      expect(failure(call(model, "ListIdentities", { IdentityPoolId: a, MaxResults: 1, NextToken: garbage })).code).toBe(
        "InvalidParameterException"
      )
    }
    expect(failure(call(model, "ListIdentities", { IdentityPoolId: `${REGION}:${uuidFor(404)}`, MaxResults: 1, NextToken: token })).code)
      .toBe("ResourceNotFoundException")
  })
})
