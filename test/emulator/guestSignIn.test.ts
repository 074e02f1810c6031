/**
 * The model's rule for a guest who signs in (docs/service-behaviour.md §5.7, §6.6): the call
 * carries the guest's IdentityId and a login. A login new to the pool is linked to the guest,
 * which keeps its id; a login that already has an identity takes the guest into that identity
 * (the guest is disabled) and its id is answered. Between two authenticated identities the one
 * passed in is kept, as before. The same through GetOpenIdToken and GetCredentialsForIdentity.
 */
import { describe, expect, it } from "vitest"
import {
  call,
  createPool,
  describeIdentity,
  failure,
  getId,
  later,
  listAll,
  newModel,
  ok,
  setRoles,
  unsigned
} from "./model/support.js"

const FACEBOOK = "graph.facebook.com"
const GOOGLE = "accounts.google.com"

type Model = ReturnType<typeof newModel>

/** Each public call that links, as a function of (identity, logins) → the identity answered. */
const linkingCalls = [
  {
    name: "GetOpenIdToken",
    run: (model: Model, identityId: string, logins: Record<string, string>) =>
      ok(call(model, "GetOpenIdToken", { IdentityId: identityId, Logins: logins }, unsigned({ now: later(5) }))).IdentityId
  },
  {
    name: "GetCredentialsForIdentity",
    run: (model: Model, identityId: string, logins: Record<string, string>) =>
      ok(call(model, "GetCredentialsForIdentity", { IdentityId: identityId, Logins: logins }, unsigned({ now: later(5) })))
        .IdentityId
  }
] as const

describe.each(linkingCalls)("a guest signing in through $name", ({ run }) => {
  const setUp = () => {
    const model = newModel()
    const pool = createPool(model)
    setRoles(model, pool)
    return { model, pool }
  }

  it("a login new to the pool is linked to the guest, which keeps its id", () => {
    const { model, pool } = setUp()
    const guest = getId(model, pool)
    expect(run(model, guest, { [FACEBOOK]: "fb-new" })).toBe(guest)
    expect(describeIdentity(model, guest).Logins).toEqual([FACEBOOK])
    expect(getId(model, pool, { [FACEBOOK]: "fb-new" })).toBe(guest)
    expect(listAll(model, pool, 60, { HideDisabled: true })).toEqual([guest])
  })

  it("a login that has an identity: the guest is merged into it, whose id is answered", () => {
    const { model, pool } = setUp()
    const hers = getId(model, pool, { [FACEBOOK]: "fb-alice" })
    const guest = getId(model, pool)
    expect(run(model, guest, { [FACEBOOK]: "fb-alice" })).toBe(hers)
    expect(describeIdentity(model, hers).Logins).toEqual([FACEBOOK])
    // The guest is disabled: listed only with disabled identities, refused from now on.
    expect(listAll(model, pool, 60, { HideDisabled: true })).toEqual([hers])
    expect(listAll(model, pool, 60)).toEqual([hers, guest])
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: guest }, unsigned())).code).toBe("NotAuthorizedException")
    expect(getId(model, pool, { [FACEBOOK]: "fb-alice" })).toBe(hers)
  })

  it("a guest with a new and an owned login: everything ends on the owner", () => {
    const { model, pool } = setUp()
    const hers = getId(model, pool, { [FACEBOOK]: "fb-alice" })
    const guest = getId(model, pool)
    expect(run(model, guest, { [GOOGLE]: "g-alice", [FACEBOOK]: "fb-alice" })).toBe(hers)
    expect(describeIdentity(model, hers).Logins).toEqual([FACEBOOK, GOOGLE])
    expect(getId(model, pool, { [GOOGLE]: "g-alice" })).toBe(hers)
  })

  it("between authenticated identities, the one passed in is still kept", () => {
    const { model, pool } = setUp()
    const a = getId(model, pool, { [FACEBOOK]: "fb-1" })
    const b = getId(model, pool, { [GOOGLE]: "g-1" })
    expect(run(model, b, { [GOOGLE]: "g-1", [FACEBOOK]: "fb-1" })).toBe(b)
    expect(listAll(model, pool, 60, { HideDisabled: true })).toEqual([b])
    expect(listAll(model, pool, 60)).toEqual([a, b])
  })
})
