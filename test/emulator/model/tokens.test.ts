import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import {
  call,
  claimsOf,
  createPool,
  describeIdentity,
  DEVELOPER,
  developerToken,
  failure,
  getId,
  JWT,
  later,
  listAll,
  newModel,
  NOW,
  NOW_SECONDS,
  ok,
  OTHER_ACCOUNT,
  REGION,
  signed,
  thirdPartyJwt,
  unsigned,
  uuidFor
} from "./support.js"

const FACEBOOK = "graph.facebook.com"
const GOOGLE = "accounts.google.com"
const COGNITO = "cognito-identity.amazonaws.com"

const openIdToken = (model: ReturnType<typeof newModel>, identityId: string, logins?: Record<string, string>, now = NOW) => {
  const out = ok(call(model, "GetOpenIdToken", { IdentityId: identityId, ...(logins === undefined ? {} : { Logins: logins }) }, unsigned({ now })))
  if (out.Token === undefined || out.IdentityId === undefined) throw new Error("no token")
  return { identityId: out.IdentityId, token: Redacted.value(out.Token) }
}

describe("GetOpenIdToken", () => {
  it("issues a 600 s RS256 token for an unauthenticated identity with amr [unauthenticated]", () => {
    const model = newModel()
    const pool = createPool(model)
    const identity = getId(model, pool)
    const out = ok(call(model, "GetOpenIdToken", { IdentityId: identity }, unsigned()))
    expect(Redacted.isRedacted(out.Token)).toBe(true)
    const token = Redacted.value(out.Token ?? Redacted.make(""))
    expect(claimsOf(token)).toEqual({
      iss: "https://cognito-identity.amazonaws.com",
      sub: identity,
      aud: pool,
      amr: ["unauthenticated"],
      iat: NOW_SECONDS,
      exp: NOW_SECONDS + 600
    })
    expect(model.jwt.kid).toBe(JWT.kid)
    expect(JWT.verify(token, later(600))._tag).toBe("Invalid")
  })

  it("requires a linked login for an authenticated identity and issues amr [authenticated, provider]", () => {
    const model = newModel()
    const pool = createPool(model)
    const identity = getId(model, pool, { [FACEBOOK]: "fb-1" })
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: identity }, unsigned()))).toEqual({
      code: "NotAuthorizedException",
      message: "Logins don't match. Please include at least one valid login for this identity or identity pool."
    })
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: identity, Logins: { [GOOGLE]: "g-9" } }, unsigned())).code).toBe(
      "NotAuthorizedException"
    )
    const { token } = openIdToken(model, identity, { [FACEBOOK]: "fb-1" })
    const claims = claimsOf(token)
    expect(claims["amr"]).toEqual(["authenticated", FACEBOOK])
    expect(Number(claims["exp"]) - Number(claims["iat"])).toBe(600)
  })

  it("fails the whole call when any token fails", () => {
    const model = newModel()
    const pool = createPool(model)
    const identity = getId(model, pool, { [FACEBOOK]: "fb-1" })
    const expired = thirdPartyJwt({ sub: "g-1", exp: NOW_SECONDS - 1 })
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: identity, Logins: { [FACEBOOK]: "fb-1", [GOOGLE]: expired } }, unsigned())).message)
      .toMatch(/^Invalid login token\. Token expired/)
    expect(describeIdentity(model, identity).Logins).toEqual([FACEBOOK])
  })

  it("upgrades an unauthenticated identity in place and links further logins (LastModifiedDate moves)", () => {
    const model = newModel()
    const pool = createPool(model)
    const identity = getId(model, pool)
    expect(openIdToken(model, identity, { [FACEBOOK]: "fb-1" }, later(10)).identityId).toBe(identity)
    expect(getId(model, pool, { [FACEBOOK]: "fb-1" })).toBe(identity)
    expect(openIdToken(model, identity, { [FACEBOOK]: "fb-1", [GOOGLE]: "g-1" }, later(20)).identityId).toBe(identity)
    expect(describeIdentity(model, identity)).toEqual({
      IdentityId: identity,
      Logins: [FACEBOOK, GOOGLE],
      CreationDate: NOW,
      LastModifiedDate: later(20)
    })
    // No new login: nothing moves.
    openIdToken(model, identity, { [GOOGLE]: "g-1" }, later(30))
    expect(describeIdentity(model, identity).LastModifiedDate).toEqual(later(20))
  })

  it("allows one login per public provider (ResourceConflictException), changing nothing", () => {
    const model = newModel()
    const pool = createPool(model)
    const identity = getId(model, pool, { [FACEBOOK]: "fb-1", [GOOGLE]: "g-1" })
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: identity, Logins: { [GOOGLE]: "g-1", [FACEBOOK]: "fb-2" } }, unsigned())).code)
      .toBe("ResourceConflictException")
    expect(getId(model, pool, { [FACEBOOK]: "fb-2" })).not.toBe(identity)
    expect(describeIdentity(model, identity).Logins).toEqual([FACEBOOK, GOOGLE])
  })

  it("merges an identity owning a passed login into the passed identity, which is returned", () => {
    const model = newModel()
    const pool = createPool(model)
    const a = getId(model, pool, { [FACEBOOK]: "fb-1" })
    const b = getId(model, pool, { [GOOGLE]: "g-1" })
    expect(openIdToken(model, b, { [GOOGLE]: "g-1", [FACEBOOK]: "fb-1" }, later(3)).identityId).toBe(b)
    expect(describeIdentity(model, b).Logins).toEqual([GOOGLE, FACEBOOK])
    expect(describeIdentity(model, a)).toEqual({ IdentityId: a, CreationDate: NOW, LastModifiedDate: later(3) })
    expect(listAll(model, pool, 60, { HideDisabled: true })).toEqual([b])
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: a, Logins: { [FACEBOOK]: "fb-1" } }, unsigned()))).toEqual({
      code: "NotAuthorizedException",
      message: `Identity '${a}' is disabled.`
    })
    expect(getId(model, pool, { [FACEBOOK]: "fb-1" })).toBe(b)
  })

  it("refuses a merge that would put two users of one provider on an identity", () => {
    const model = newModel()
    const pool = createPool(model)
    const a = getId(model, pool, { [FACEBOOK]: "fb-1" })
    const b = getId(model, pool, { [FACEBOOK]: "fb-2", [GOOGLE]: "g-2" })
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: a, Logins: { [FACEBOOK]: "fb-1", [GOOGLE]: "g-2" } }, unsigned())).code)
      .toBe("ResourceConflictException")
    expect(describeIdentity(model, a).Logins).toEqual([FACEBOOK])
    expect(describeIdentity(model, b).Logins).toEqual([FACEBOOK, GOOGLE])
    // A login of another identity does not prove this one.
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: b, Logins: { [FACEBOOK]: "fb-1" } }, unsigned())).code).toBe(
      "NotAuthorizedException"
    )
  })

  it("refuses unauthenticated identities once the pool disallows them", () => {
    const model = newModel()
    const pool = createPool(model)
    const identity = getId(model, pool)
    ok(call(model, "UpdateIdentityPool", { IdentityPoolId: pool, IdentityPoolName: "P", AllowUnauthenticatedIdentities: false }))
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: identity }, unsigned())).message).toBe(
      "Unauthenticated access is not supported for this identity pool."
    )
  })

  it("refuses the classic flow when AllowClassicFlow is false (absent means allowed)", () => {
    const model = newModel()
    const allowed = createPool(model)
    ok(call(model, "GetOpenIdToken", { IdentityId: getId(model, allowed) }, unsigned()))
    const classicOff = createPool(model, { AllowClassicFlow: false })
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: getId(model, classicOff) }, unsigned()))).toEqual({
      code: "InvalidParameterException",
      message: "Basic (classic) flow is not enabled, please use enhanced flow."
    })
    // The enhanced flow is unaffected.
    ok(call(model, "SetIdentityPoolRoles", { IdentityPoolId: classicOff, Roles: { unauthenticated: "arn:aws:iam::123456789012:role/U" } }))
    ok(call(model, "GetCredentialsForIdentity", { IdentityId: getId(model, classicOff) }, unsigned()))
  })

  it("answers ResourceNotFoundException for unknown identities", () => {
    const model = newModel()
    const unknown = `${REGION}:${uuidFor(1234)}`
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: unknown }, unsigned()))).toEqual({
      code: "ResourceNotFoundException",
      message: `Identity '${unknown}' not found.`
    })
  })

  it("accepts the developer's cognito-identity token for a developer-authenticated identity", () => {
    const model = newModel()
    const pool = createPool(model)
    const developer = developerToken(model, pool, "dev-1")
    const { identityId, token } = openIdToken(model, developer.identityId, { [COGNITO]: developer.token })
    expect(identityId).toBe(developer.identityId)
    expect(claimsOf(token)["amr"]).toEqual(["authenticated", DEVELOPER])
    // Not for another identity, not when expired, not forged.
    const other = developerToken(model, pool, "dev-2")
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: other.identityId, Logins: { [COGNITO]: developer.token } }, unsigned())).code)
      .toBe("NotAuthorizedException")
    const expired = failure(call(model, "GetOpenIdToken", { IdentityId: developer.identityId, Logins: { [COGNITO]: developer.token } }, unsigned({ now: later(900) })))
    expect(expired.message).toBe(`Invalid login token. Token expired: ${NOW_SECONDS + 900} >= ${NOW_SECONDS + 900}`)
    const forged = thirdPartyJwt({ iss: "https://cognito-identity.amazonaws.com", sub: developer.identityId, aud: pool, exp: NOW_SECONDS + 60 })
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: developer.identityId, Logins: { [COGNITO]: forged } }, unsigned()))).toEqual({
      code: "NotAuthorizedException",
      message: "Invalid login token. Couldn't verify signed token."
    })
    // An unauthenticated identity's own token does not make it developer-authenticated.
    const unauth = getId(model, pool)
    const own = openIdToken(model, unauth).token
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: unauth, Logins: { [COGNITO]: own } }, unsigned())).code).toBe(
      "NotAuthorizedException"
    )
  })
})

describe("GetOpenIdTokenForDeveloperIdentity", () => {
  it("creates a new authenticated identity for an unknown developer user (default 900 s)", () => {
    const model = newModel()
    const pool = createPool(model)
    const { identityId, token } = developerToken(model, pool, "dev-1")
    expect(claimsOf(token)).toEqual({
      iss: "https://cognito-identity.amazonaws.com",
      sub: identityId,
      aud: pool,
      amr: ["authenticated", DEVELOPER],
      iat: NOW_SECONDS,
      exp: NOW_SECONDS + 900
    })
    expect(describeIdentity(model, identityId).Logins).toEqual([DEVELOPER])
  })

  it("returns the existing identity of a known developer user", () => {
    const model = newModel()
    const pool = createPool(model)
    const first = developerToken(model, pool, "dev-1").identityId
    expect(developerToken(model, pool, "dev-1").identityId).toBe(first)
    expect(developerToken(model, pool, "dev-1", { IdentityId: first }).identityId).toBe(first)
  })

  it("links an unknown developer user to the given (unauthenticated) identity", () => {
    const model = newModel()
    const pool = createPool(model)
    const identity = getId(model, pool)
    expect(developerToken(model, pool, "dev-1", { IdentityId: identity }).identityId).toBe(identity)
    expect(describeIdentity(model, identity).Logins).toEqual([DEVELOPER])
    // A second developer user on a developer identity.
    expect(developerToken(model, pool, "dev-2", { IdentityId: identity }).identityId).toBe(identity)
    expect(ok(call(model, "LookupDeveloperIdentity", { IdentityPoolId: pool, IdentityId: identity })).DeveloperUserIdentifierList)
      .toEqual(["dev-1", "dev-2"])
  })

  it("refuses a known developer user with a different IdentityId (DeveloperUserAlreadyRegisteredException)", () => {
    const model = newModel()
    const pool = createPool(model)
    developerToken(model, pool, "dev-1")
    const other = getId(model, pool)
    expect(failure(call(model, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: pool, IdentityId: other, Logins: { [DEVELOPER]: "dev-1" } })))
      .toEqual({
        code: "DeveloperUserAlreadyRegisteredException",
        message: "The provided developer user identifier is already registered with Cognito under a different identity ID."
      })
  })

  it("honours TokenDuration (1..86400) and embeds PrincipalTags as session tags", () => {
    const model = newModel()
    const pool = createPool(model)
    for (const duration of [1, 3600, 86400]) {
      const { token } = developerToken(model, pool, `dev-${duration}`, { TokenDuration: duration })
      const claims = claimsOf(token)
      expect(Number(claims["exp"]) - Number(claims["iat"])).toBe(duration)
    }
    const { token } = developerToken(model, pool, "tagged", { PrincipalTags: { team: "identity", tier: "gold" } })
    expect(claimsOf(token)["https://aws.amazon.com/tags"]).toEqual({
      principal_tags: { team: ["identity"], tier: ["gold"] }
    })
  })

  it("links and merges extra public logins", () => {
    const model = newModel()
    const pool = createPool(model)
    const social = getId(model, pool, { [FACEBOOK]: "fb-1" })
    const out = ok(call(model, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: pool, Logins: { [DEVELOPER]: "dev-1", [FACEBOOK]: "fb-1" } }))
    expect(out.IdentityId).toBe(social)
    expect(describeIdentity(model, social).Logins).toEqual([FACEBOOK, DEVELOPER])
    expect(claimsOf(Redacted.value(out.Token ?? Redacted.make("")))["amr"]).toEqual(["authenticated", DEVELOPER, FACEBOOK])
  })

  it("will not attach a new developer user to an identity owned by external logins without one of them", () => {
    const model = newModel()
    const pool = createPool(model)
    const social = getId(model, pool, { [FACEBOOK]: "fb-1" })
    expect(failure(call(model, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: pool, IdentityId: social, Logins: { [DEVELOPER]: "dev-1" } })).message)
      .toBe("Logins don't match. Please include at least one valid login for this identity or identity pool.")
    expect(developerToken(model, pool, "dev-1", { IdentityId: social, Logins: { [DEVELOPER]: "dev-1", [FACEBOOK]: "fb-1" } }).identityId)
      .toBe(social)
  })

  it("refuses unsupported developer providers, pools without one, and Cognito tokens", () => {
    const model = newModel()
    const pool = createPool(model)
    const unsupported = { code: "NotAuthorizedException", message: "This identity pool does not support the specified developer provider." }
    expect(failure(call(model, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: pool, Logins: { "login.other": "u" } }))).toEqual(unsupported)
    expect(failure(call(model, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: pool, Logins: { [FACEBOOK]: "fb" } }))).toEqual(unsupported)
    const withoutDeveloper = createPool(model, { DeveloperProviderName: undefined })
    expect(failure(call(model, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: withoutDeveloper, Logins: { [DEVELOPER]: "u" } })))
      .toEqual(unsupported)
    expect(failure(call(model, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: pool, Logins: { [DEVELOPER]: "u", [COGNITO]: "t" } })).code)
      .toBe("NotAuthorizedException")
  })

  it("refuses unknown pools and identities, other accounts, disabled identities", () => {
    const model = newModel()
    const pool = createPool(model)
    expect(failure(call(model, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: pool, Logins: { [DEVELOPER]: "u" } }, signed({ accountId: OTHER_ACCOUNT }))).code)
      .toBe("ResourceNotFoundException")
    const unknown = `${REGION}:${uuidFor(4242)}`
    expect(failure(call(model, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: pool, IdentityId: unknown, Logins: { [DEVELOPER]: "u" } })))
      .toEqual({ code: "ResourceNotFoundException", message: `Identity '${unknown}' not found.` })
    const otherPool = createPool(model)
    const elsewhere = getId(model, otherPool)
    expect(failure(call(model, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: pool, IdentityId: elsewhere, Logins: { [DEVELOPER]: "u" } })).code)
      .toBe("ResourceNotFoundException")
    const a = developerToken(model, pool, "a").identityId
    developerToken(model, pool, "b")
    ok(call(model, "MergeDeveloperIdentities", { IdentityPoolId: pool, DeveloperProviderName: DEVELOPER, SourceUserIdentifier: "a", DestinationUserIdentifier: "b" }))
    expect(failure(call(model, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: pool, IdentityId: a, Logins: { [DEVELOPER]: "c" } })).code)
      .toBe("NotAuthorizedException")
  })
})
