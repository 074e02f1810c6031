import { describe, expect, it } from "vitest"
import {
  call,
  createPool,
  describeIdentity,
  DEVELOPER,
  developerToken,
  failure,
  getId,
  later,
  listAll,
  newModel,
  NOW,
  ok,
  OTHER_ACCOUNT,
  REGION,
  setRoles,
  signed,
  unsigned,
  uuidFor
} from "./support.js"

const FACEBOOK = "graph.facebook.com"
const GOOGLE = "accounts.google.com"
const COGNITO = "cognito-identity.amazonaws.com"

type Model = ReturnType<typeof newModel>

const merge = (model: Model, pool: string, source: string, destination: string, provider = DEVELOPER, now = NOW) =>
  call(model, "MergeDeveloperIdentities", {
    IdentityPoolId: pool,
    DeveloperProviderName: provider,
    SourceUserIdentifier: source,
    DestinationUserIdentifier: destination
  }, signed({ now }))

const lookup = (model: Model, wire: Record<string, unknown>) => call(model, "LookupDeveloperIdentity", wire)

describe("LookupDeveloperIdentity", () => {
  it("finds the identity of a user, the users of an identity, and verifies both", () => {
    const model = newModel()
    const pool = createPool(model)
    const identity = developerToken(model, pool, "alice").identityId
    developerToken(model, pool, "bob", { IdentityId: identity })
    expect(ok(lookup(model, { IdentityPoolId: pool, DeveloperUserIdentifier: "bob" }))).toEqual({
      IdentityId: identity,
      DeveloperUserIdentifierList: ["bob"]
    })
    expect(ok(lookup(model, { IdentityPoolId: pool, IdentityId: identity }))).toEqual({
      IdentityId: identity,
      DeveloperUserIdentifierList: ["alice", "bob"]
    })
    expect(ok(lookup(model, { IdentityPoolId: pool, IdentityId: identity, DeveloperUserIdentifier: "alice" }))).toEqual({
      IdentityId: identity,
      DeveloperUserIdentifierList: ["alice"]
    })
  })

  it("refuses mismatches, missing arguments and unknown users/identities", () => {
    const model = newModel()
    const pool = createPool(model)
    const alice = developerToken(model, pool, "alice").identityId
    developerToken(model, pool, "carol")
    expect(failure(lookup(model, { IdentityPoolId: pool, IdentityId: alice, DeveloperUserIdentifier: "carol" })).code).toBe(
      "ResourceConflictException"
    )
    expect(failure(lookup(model, { IdentityPoolId: pool, IdentityId: alice, DeveloperUserIdentifier: "nobody" })).code).toBe(
      "ResourceConflictException"
    )
    expect(failure(lookup(model, { IdentityPoolId: pool })).code).toBe("InvalidParameterException")
    expect(failure(lookup(model, { IdentityPoolId: pool, DeveloperUserIdentifier: "nobody" })).code).toBe("ResourceNotFoundException")
    expect(failure(lookup(model, { IdentityPoolId: pool, IdentityId: `${REGION}:${uuidFor(321)}` })).code).toBe(
      "ResourceNotFoundException"
    )
    // An identity without developer users.
    expect(failure(lookup(model, { IdentityPoolId: pool, IdentityId: getId(model, pool) })).code).toBe("ResourceNotFoundException")
    expect(failure(call(model, "LookupDeveloperIdentity", { IdentityPoolId: pool, DeveloperUserIdentifier: "alice" }, signed({ accountId: OTHER_ACCOUNT }))).code)
      .toBe("ResourceNotFoundException")
  })

  it("paginates the developer users of an identity", () => {
    const model = newModel()
    const pool = createPool(model)
    const identity = getId(model, pool)
    const users = Array.from({ length: 19 }, (_, i) => `user-${String(i).padStart(2, "0")}`)
    for (const user of users) developerToken(model, pool, user, { IdentityId: identity })
    const seen: Array<string> = []
    let token: string | undefined
    let pages = 0
    do {
      const page = ok(lookup(model, { IdentityPoolId: pool, IdentityId: identity, MaxResults: 5, ...(token === undefined ? {} : { NextToken: token }) }))
      expect((page.DeveloperUserIdentifierList ?? []).length).toBeLessThanOrEqual(5)
      seen.push(...(page.DeveloperUserIdentifierList ?? []))
      token = page.NextToken
      pages++
      // Unlinking an already returned user between pages neither repeats nor skips.
      if (pages === 1) {
        ok(call(model, "UnlinkDeveloperIdentity", { IdentityPoolId: pool, IdentityId: identity, DeveloperProviderName: DEVELOPER, DeveloperUserIdentifier: "user-00" }))
      }
    } while (token !== undefined)
    expect(pages).toBe(4)
    expect(seen).toEqual(users)
    const token19 = ok(lookup(model, { IdentityPoolId: pool, IdentityId: identity, MaxResults: 18 }))
    expect(token19.NextToken).toBeUndefined()
    // A token of another identity or list is refused.
    const other = developerToken(model, pool, "other").identityId
    const first = ok(lookup(model, { IdentityPoolId: pool, IdentityId: identity, MaxResults: 1 })).NextToken ?? ""
    expect(failure(lookup(model, { IdentityPoolId: pool, IdentityId: other, NextToken: first })).code).toBe("InvalidParameterException")
    expect(failure(call(model, "ListIdentities", { IdentityPoolId: pool, MaxResults: 1, NextToken: first })).code).toBe(
      "InvalidParameterException"
    )
  })
})

describe("MergeDeveloperIdentities", () => {
  it("moves the source user and its logins to the destination identity and disables the source identity", () => {
    const model = newModel()
    const pool = createPool(model)
    const source = developerToken(model, pool, "src", { Logins: { [DEVELOPER]: "src", [FACEBOOK]: "fb-1" } }).identityId
    const destination = developerToken(model, pool, "dst").identityId
    expect(ok(merge(model, pool, "src", "dst", DEVELOPER, later(7)))).toEqual({ IdentityId: destination })
    expect(ok(lookup(model, { IdentityPoolId: pool, DeveloperUserIdentifier: "src" })).IdentityId).toBe(destination)
    expect(developerToken(model, pool, "src").identityId).toBe(destination)
    expect(getId(model, pool, { [FACEBOOK]: "fb-1" })).toBe(destination)
    expect(describeIdentity(model, destination)).toEqual({
      IdentityId: destination,
      Logins: [DEVELOPER, FACEBOOK],
      CreationDate: NOW,
      LastModifiedDate: later(7)
    })
    expect(describeIdentity(model, source)).toEqual({ IdentityId: source, CreationDate: NOW, LastModifiedDate: later(7) })
    expect(listAll(model, pool, 60, { HideDisabled: true })).toEqual([destination])
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: source }, unsigned())).code).toBe("NotAuthorizedException")
  })

  it("is a no-op success for users of the same identity", () => {
    const model = newModel()
    const pool = createPool(model)
    const identity = developerToken(model, pool, "a").identityId
    developerToken(model, pool, "b", { IdentityId: identity })
    expect(ok(merge(model, pool, "a", "b"))).toEqual({ IdentityId: identity })
    expect(listAll(model, pool, 60, { HideDisabled: true })).toEqual([identity])
  })

  it("refuses two users of one public provider and more than 20 linked logins (ResourceConflictException)", () => {
    const model = newModel()
    const pool = createPool(model)
    developerToken(model, pool, "a", { Logins: { [DEVELOPER]: "a", [FACEBOOK]: "fb-a" } })
    developerToken(model, pool, "b", { Logins: { [DEVELOPER]: "b", [FACEBOOK]: "fb-b" } })
    expect(failure(merge(model, pool, "a", "b")).code).toBe("ResourceConflictException")
    expect(ok(lookup(model, { IdentityPoolId: pool, DeveloperUserIdentifier: "a" })).IdentityId).not.toBe(
      ok(lookup(model, { IdentityPoolId: pool, DeveloperUserIdentifier: "b" })).IdentityId
    )

    const big = developerToken(model, pool, "big-0").identityId
    for (let i = 1; i < 15; i++) developerToken(model, pool, `big-${i}`, { IdentityId: big })
    const small = developerToken(model, pool, "small-0").identityId
    for (let i = 1; i < 6; i++) developerToken(model, pool, `small-${i}`, { IdentityId: small })
    // 15 + 6 = 21 > 20.
    expect(failure(merge(model, pool, "small-0", "big-0")).code).toBe("ResourceConflictException")
    ok(call(model, "UnlinkDeveloperIdentity", { IdentityPoolId: pool, IdentityId: small, DeveloperProviderName: DEVELOPER, DeveloperUserIdentifier: "small-5" }))
    expect(ok(merge(model, pool, "small-0", "big-0")).IdentityId).toBe(big)
    // The 21st link on one identity is refused everywhere.
    expect(failure(call(model, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: pool, IdentityId: big, Logins: { [DEVELOPER]: "one-too-many" } })).code)
      .toBe("ResourceConflictException")
  })

  it("refuses unknown users and a wrong developer provider", () => {
    const model = newModel()
    const pool = createPool(model)
    developerToken(model, pool, "a")
    expect(failure(merge(model, pool, "a", "nobody")).code).toBe("ResourceNotFoundException")
    expect(failure(merge(model, pool, "nobody", "a")).code).toBe("ResourceNotFoundException")
    expect(failure(merge(model, pool, "a", "a", "login.other")).code).toBe("NotAuthorizedException")
  })
})

describe("UnlinkDeveloperIdentity", () => {
  it("unlinks; the user is new next time; the identity without links becomes inaccessible", () => {
    const model = newModel()
    const pool = createPool(model)
    setRoles(model, pool)
    const { identityId, token } = developerToken(model, pool, "dev-1")
    ok(call(model, "UnlinkDeveloperIdentity", { IdentityPoolId: pool, IdentityId: identityId, DeveloperProviderName: DEVELOPER, DeveloperUserIdentifier: "dev-1" }, signed({ now: later(9) })))
    expect(describeIdentity(model, identityId)).toEqual({ IdentityId: identityId, CreationDate: NOW, LastModifiedDate: later(9) })
    expect(failure(lookup(model, { IdentityPoolId: pool, DeveloperUserIdentifier: "dev-1" })).code).toBe("ResourceNotFoundException")
    // Inaccessible: neither as unauthenticated nor with its old token.
    expect(failure(call(model, "GetCredentialsForIdentity", { IdentityId: identityId }, unsigned())).code).toBe("NotAuthorizedException")
    expect(failure(call(model, "GetCredentialsForIdentity", { IdentityId: identityId, Logins: { [COGNITO]: token } }, unsigned())).code)
      .toBe("NotAuthorizedException")
    expect(failure(call(model, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: pool, IdentityId: identityId, Logins: { [DEVELOPER]: "dev-1" } })).code)
      .toBe("NotAuthorizedException")
    const again = developerToken(model, pool, "dev-1").identityId
    expect(again).not.toBe(identityId)
    expect(listAll(model, pool)).toEqual([identityId, again])
  })

  it("refuses mismatches with ResourceConflictException and changes nothing", () => {
    const model = newModel()
    const pool = createPool(model)
    const otherPool = createPool(model)
    const a = developerToken(model, pool, "a").identityId
    const b = developerToken(model, pool, "b").identityId
    const unlink = (wire: Record<string, unknown>) =>
      call(model, "UnlinkDeveloperIdentity", { IdentityPoolId: pool, IdentityId: a, DeveloperProviderName: DEVELOPER, DeveloperUserIdentifier: "a", ...wire })
    expect(failure(unlink({ IdentityId: b })).code).toBe("ResourceConflictException")
    expect(failure(unlink({ DeveloperUserIdentifier: "nobody" })).code).toBe("ResourceConflictException")
    expect(failure(unlink({ DeveloperProviderName: "login.other" })).code).toBe("ResourceConflictException")
    expect(failure(unlink({ IdentityPoolId: otherPool })).code).toBe("ResourceConflictException")
    expect(failure(unlink({ IdentityId: `${REGION}:${uuidFor(555)}` })).code).toBe("ResourceNotFoundException")
    expect(describeIdentity(model, a).Logins).toEqual([DEVELOPER])
  })
})

describe("UnlinkIdentity", () => {
  it("unlinks logins of an identity authenticated by its own logins", () => {
    const model = newModel()
    const pool = createPool(model)
    const identity = getId(model, pool, { [FACEBOOK]: "fb-1", [GOOGLE]: "g-1" })
    expect(ok(call(model, "UnlinkIdentity", { IdentityId: identity, Logins: { [GOOGLE]: "g-1" }, LoginsToRemove: [FACEBOOK] }, unsigned({ now: later(4) }))))
      .toBeUndefined()
    expect(describeIdentity(model, identity)).toEqual({ IdentityId: identity, Logins: [GOOGLE], CreationDate: NOW, LastModifiedDate: later(4) })
    // The unlinked login is new next time it is seen.
    const fresh = getId(model, pool, { [FACEBOOK]: "fb-1" })
    expect(fresh).not.toBe(identity)
  })

  it("requires logins that authenticate the caller as this identity", () => {
    const model = newModel()
    const pool = createPool(model)
    const identity = getId(model, pool, { [FACEBOOK]: "fb-1" })
    getId(model, pool, { [GOOGLE]: "g-1" })
    const unlink = (logins: Record<string, string>) =>
      call(model, "UnlinkIdentity", { IdentityId: identity, Logins: logins, LoginsToRemove: [FACEBOOK] }, unsigned())
    expect(failure(unlink({})).code).toBe("NotAuthorizedException")
    expect(failure(unlink({ [GOOGLE]: "g-1" })).code).toBe("NotAuthorizedException")
    expect(failure(unlink({ [FACEBOOK]: "fb-1", [GOOGLE]: "g-1" })).code).toBe("NotAuthorizedException")
    expect(failure(unlink({ [FACEBOOK]: "fb-2" })).code).toBe("NotAuthorizedException")
    expect(failure(call(model, "UnlinkIdentity", { IdentityId: getId(model, pool), Logins: {}, LoginsToRemove: [] }, unsigned())).code)
      .toBe("NotAuthorizedException")
    expect(describeIdentity(model, identity).Logins).toEqual([FACEBOOK])
  })

  it("refuses providers that are not linked and the developer provider", () => {
    const model = newModel()
    const pool = createPool(model)
    const { identityId, token } = developerToken(model, pool, "dev-1", { Logins: { [DEVELOPER]: "dev-1", [FACEBOOK]: "fb-1" } })
    const unlink = (remove: ReadonlyArray<string>) =>
      call(model, "UnlinkIdentity", { IdentityId: identityId, Logins: { [FACEBOOK]: "fb-1" }, LoginsToRemove: remove }, unsigned())
    expect(failure(unlink([GOOGLE])).code).toBe("InvalidParameterException")
    expect(failure(unlink([DEVELOPER])).code).toBe("InvalidParameterException")
    expect(failure(unlink([COGNITO])).code).toBe("InvalidParameterException")
    expect(describeIdentity(model, identityId).Logins).toEqual([DEVELOPER, FACEBOOK])
    // A developer identity may authenticate with its cognito-identity token.
    ok(call(model, "UnlinkIdentity", { IdentityId: identityId, Logins: { [COGNITO]: token }, LoginsToRemove: [FACEBOOK] }, unsigned()))
    expect(describeIdentity(model, identityId).Logins).toEqual([DEVELOPER])
  })

  it("makes the identity inaccessible after the last login; re-login creates a new identity", () => {
    const model = newModel()
    const pool = createPool(model)
    setRoles(model, pool)
    const identity = getId(model, pool, { [FACEBOOK]: "fb-1" })
    ok(call(model, "UnlinkIdentity", { IdentityId: identity, Logins: { [FACEBOOK]: "fb-1" }, LoginsToRemove: [FACEBOOK] }, unsigned()))
    expect(failure(call(model, "GetCredentialsForIdentity", { IdentityId: identity }, unsigned())).code).toBe("NotAuthorizedException")
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: identity, Logins: { [FACEBOOK]: "fb-1" } }, unsigned())).code).toBe(
      "NotAuthorizedException"
    )
    const fresh = getId(model, pool, { [FACEBOOK]: "fb-1" })
    expect(fresh).not.toBe(identity)
    expect(listAll(model, pool)).toEqual([identity, fresh])
    expect(failure(call(model, "UnlinkIdentity", { IdentityId: `${REGION}:${uuidFor(9)}`, Logins: { [FACEBOOK]: "fb-1" }, LoginsToRemove: [] }, unsigned())).code)
      .toBe("ResourceNotFoundException")
  })
})
