import { describe, expect, it } from "vitest"
import {
  call,
  CLIENT_ID,
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
  NOW_SECONDS,
  ok,
  OTHER_ACCOUNT,
  OTHER_REGION,
  REGION,
  SAML_ARN,
  signed,
  thirdPartyJwt,
  unsigned,
  USER_POOL,
  userPoolToken,
  uuidFor
} from "./support.js"

const FACEBOOK = "graph.facebook.com"
const GOOGLE = "accounts.google.com"

describe("GetId without logins", () => {
  it("creates a new unauthenticated identity on every call", () => {
    const model = newModel()
    const pool = createPool(model)
    const a = getId(model, pool)
    const b = getId(model, pool)
    expect(a).not.toBe(b)
    expect(a).toMatch(/^us-east-1:[0-9a-f-]+$/)
    expect(describeIdentity(model, a)).toEqual({ IdentityId: a, CreationDate: NOW, LastModifiedDate: NOW })
    expect(getId(model, pool, {})).not.toBe(b)
  })

  it("is refused when the pool disallows unauthenticated identities", () => {
    const model = newModel()
    const pool = createPool(model, { AllowUnauthenticatedIdentities: false })
    expect(failure(call(model, "GetId", { IdentityPoolId: pool }, unsigned()))).toEqual({
      code: "NotAuthorizedException",
      message: "Unauthenticated access is not supported for this identity pool."
    })
  })

  it("answers ResourceNotFoundException for an unknown pool", () => {
    const model = newModel()
    const unknown = `${REGION}:${uuidFor(5)}`
    expect(failure(call(model, "GetId", { IdentityPoolId: unknown }, unsigned()))).toEqual({
      code: "ResourceNotFoundException",
      message: `IdentityPool '${unknown}' not found.`
    })
  })
})

describe("GetId with logins", () => {
  it("is idempotent per login (opaque token = provider user id) for every provider kind", () => {
    const model = newModel()
    const pool = createPool(model)
    for (const provider of [FACEBOOK, GOOGLE, USER_POOL, "oidc.example.com/tenant", SAML_ARN]) {
      const first = getId(model, pool, { [provider]: "user-1" })
      expect(getId(model, pool, { [provider]: "user-1" })).toBe(first)
      expect(getId(model, pool, { [provider]: "user-2" })).not.toBe(first)
      expect(describeIdentity(model, first).Logins).toEqual([provider])
    }
  })

  it("uses a JWT's sub as the user id", () => {
    const model = newModel()
    const pool = createPool(model)
    const a = getId(model, pool, { [GOOGLE]: thirdPartyJwt({ sub: "g-1", exp: NOW_SECONDS + 60 }) })
    expect(getId(model, pool, { [GOOGLE]: thirdPartyJwt({ sub: "g-1", iat: 1 }) })).toBe(a)
    expect(getId(model, pool, { [GOOGLE]: "g-1" })).toBe(a)
  })

  it("refuses expired JWTs with the observed message (now >= exp)", () => {
    const model = newModel()
    const pool = createPool(model)
    const exp = NOW_SECONDS - 10
    expect(failure(call(model, "GetId", { IdentityPoolId: pool, Logins: { [GOOGLE]: thirdPartyJwt({ sub: "x", exp }) } }, unsigned())))
      .toEqual({ code: "NotAuthorizedException", message: `Invalid login token. Token expired: ${NOW_SECONDS} >= ${exp}` })
    // exp == now is expired too.
    expect(failure(call(model, "GetId", { IdentityPoolId: pool, Logins: { [GOOGLE]: thirdPartyJwt({ sub: "x", exp: NOW_SECONDS }) } }, unsigned())).code)
      .toBe("NotAuthorizedException")
  })

  it("checks iss and aud of user-pool tokens", () => {
    const model = newModel()
    const pool = createPool(model)
    const login = (token: string) => call(model, "GetId", { IdentityPoolId: pool, Logins: { [USER_POOL]: token } }, unsigned())
    const id = ok(login(userPoolToken())).IdentityId
    expect(ok(login(userPoolToken({ aud: [CLIENT_ID, "other"] }))).IdentityId).toBe(id)
    expect(failure(login(userPoolToken({ iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other1" })))).toEqual({
      code: "NotAuthorizedException",
      message: "Invalid login token. Issuer doesn't match providerName"
    })
    expect(failure(login(userPoolToken({ aud: undefined, client_id: CLIENT_ID })))).toEqual({
      code: "NotAuthorizedException",
      message: "Invalid login token. Missing a required claim: aud"
    })
    expect(failure(login(userPoolToken({ aud: "wrong-client" })))).toEqual({
      code: "NotAuthorizedException",
      message: "Token is not from a supported provider of this identity pool."
    })
    expect(failure(login(userPoolToken({ sub: undefined }))).message).toBe("Invalid login token. Missing a required claim: sub")
  })

  it("refuses providers that are not configured, the developer provider and Cognito tokens", () => {
    const model = newModel()
    const pool = createPool(model)
    const unsupported = { code: "NotAuthorizedException", message: "Token is not from a supported provider of this identity pool." }
    expect(failure(call(model, "GetId", { IdentityPoolId: pool, Logins: { "www.amazon.com": "a" } }, unsigned()))).toEqual(unsupported)
    expect(failure(call(model, "GetId", { IdentityPoolId: pool, Logins: { [DEVELOPER]: "dev-1" } }, unsigned()))).toEqual(unsupported)
    const { token } = developerToken(model, pool, "dev-1")
    expect(failure(call(model, "GetId", { IdentityPoolId: pool, Logins: { "cognito-identity.amazonaws.com": token } }, unsigned())))
      .toEqual({ code: "NotAuthorizedException", message: "Invalid login token. Can't pass in a Cognito token." })
    // Unauthenticated GetId is allowed, but a pool without providers refuses any login.
    const bare = createPool(model, { SupportedLoginProviders: undefined, OpenIdConnectProviderARNs: undefined, CognitoIdentityProviders: undefined, SamlProviderARNs: undefined })
    expect(failure(call(model, "GetId", { IdentityPoolId: bare, Logins: { [FACEBOOK]: "x" } }, unsigned()))).toEqual(unsupported)
  })

  it("links several logins to one identity, and links a new login to the identity of a known one", () => {
    const model = newModel()
    const pool = createPool(model)
    const id = getId(model, pool, { [FACEBOOK]: "fb-1", [GOOGLE]: "g-1" })
    expect(describeIdentity(model, id).Logins).toEqual([FACEBOOK, GOOGLE])
    expect(getId(model, pool, { [GOOGLE]: "g-1" })).toBe(id)
    const linked = getId(model, pool, { [FACEBOOK]: "fb-1", [USER_POOL]: "up-1" }, unsigned({ now: later(30) }))
    expect(linked).toBe(id)
    const described = describeIdentity(model, id)
    expect(described.Logins).toEqual([FACEBOOK, GOOGLE, USER_POOL])
    expect(described.CreationDate).toEqual(NOW)
    expect(described.LastModifiedDate).toEqual(later(30))
  })

  it("merges identities owning the logins (the oldest survives), the other is disabled and listed", () => {
    const model = newModel()
    const pool = createPool(model)
    const older = getId(model, pool, { [FACEBOOK]: "fb-1" })
    const newer = getId(model, pool, { [GOOGLE]: "g-1" })
    const merged = getId(model, pool, { [GOOGLE]: "g-1", [FACEBOOK]: "fb-1" }, unsigned({ now: later(5) }))
    expect(merged).toBe(older)
    expect(describeIdentity(model, older).Logins).toEqual([FACEBOOK, GOOGLE])
    expect(describeIdentity(model, newer)).toEqual({ IdentityId: newer, CreationDate: NOW, LastModifiedDate: later(5) })
    expect(listAll(model, pool)).toEqual([older, newer])
    expect(listAll(model, pool, 60, { HideDisabled: true })).toEqual([older])
    expect(getId(model, pool, { [GOOGLE]: "g-1" })).toBe(older)
    // The disabled identity gets neither tokens nor credentials.
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: newer }, unsigned())).code).toBe("NotAuthorizedException")
    expect(failure(call(model, "GetCredentialsForIdentity", { IdentityId: newer, Logins: { [GOOGLE]: "g-1" } }, unsigned())).code)
      .toBe("NotAuthorizedException")
  })

  it("refuses merges that would give an identity two users of one provider", () => {
    const model = newModel()
    const pool = createPool(model)
    const a = getId(model, pool, { [FACEBOOK]: "fb-1" })
    getId(model, pool, { [FACEBOOK]: "fb-2", [GOOGLE]: "g-2" })
    expect(failure(call(model, "GetId", { IdentityPoolId: pool, Logins: { [FACEBOOK]: "fb-1", [GOOGLE]: "g-2" } }, unsigned())).code)
      .toBe("ResourceConflictException")
    // Nothing changed.
    expect(describeIdentity(model, a).Logins).toEqual([FACEBOOK])
  })
})

describe("DescribeIdentity", () => {
  it("lists provider names only, the developer provider name for developer users", () => {
    const model = newModel()
    const pool = createPool(model)
    const { identityId } = developerToken(model, pool, "dev-1")
    expect(describeIdentity(model, identityId)).toEqual({
      IdentityId: identityId,
      Logins: [DEVELOPER],
      CreationDate: NOW,
      LastModifiedDate: NOW
    })
  })

  it("answers ResourceNotFoundException for unknown ids and ids of another account", () => {
    const model = newModel()
    const pool = createPool(model, {}, signed({ accountId: OTHER_ACCOUNT }))
    const id = getId(model, pool)
    expect(failure(call(model, "DescribeIdentity", { IdentityId: id }))).toEqual({
      code: "ResourceNotFoundException",
      message: `Identity '${id}' not found.`
    })
    expect(failure(call(model, "DescribeIdentity", { IdentityId: `${REGION}:${uuidFor(404)}` })).code).toBe("ResourceNotFoundException")
  })
})

describe("ListIdentities", () => {
  it("answers {IdentityId, Logins, CreationDate, LastModifiedDate} items and echoes the pool id", () => {
    const model = newModel()
    const pool = createPool(model)
    const unauthenticated = getId(model, pool)
    const facebook = getId(model, pool, { [FACEBOOK]: "fb-1" }, unsigned({ now: later(1) }))
    const out = ok(call(model, "ListIdentities", { IdentityPoolId: pool, MaxResults: 10 }))
    expect(out).toEqual({
      IdentityPoolId: pool,
      Identities: [
        { IdentityId: unauthenticated, CreationDate: NOW, LastModifiedDate: NOW },
        { IdentityId: facebook, Logins: [FACEBOOK], CreationDate: later(1), LastModifiedDate: later(1) }
      ]
    })
  })

  it("answers ResourceNotFoundException for a pool of another account", () => {
    const model = newModel()
    const pool = createPool(model)
    expect(failure(call(model, "ListIdentities", { IdentityPoolId: pool, MaxResults: 1 }, signed({ accountId: OTHER_ACCOUNT }))).code)
      .toBe("ResourceNotFoundException")
  })
})

describe("DeleteIdentities", () => {
  it("deletes, ignores unknown ids, reports ids of other accounts/regions as AccessDenied", () => {
    const model = newModel()
    const pool = createPool(model)
    const foreignPool = createPool(model, {}, signed({ accountId: OTHER_ACCOUNT }))
    const otherRegionPool = createPool(model, {}, signed({ region: OTHER_REGION }))
    const mine = getId(model, pool, { [FACEBOOK]: "fb-1" })
    const foreign = getId(model, foreignPool)
    const otherRegion = getId(model, otherRegionPool, undefined, unsigned({ region: OTHER_REGION }))
    const unknown = `${REGION}:${uuidFor(999)}`
    const out = ok(call(model, "DeleteIdentities", { IdentityIdsToDelete: [mine, unknown, foreign, otherRegion, mine] }))
    expect(out).toEqual({
      UnprocessedIdentityIds: [
        { IdentityId: foreign, ErrorCode: "AccessDenied" },
        { IdentityId: otherRegion, ErrorCode: "AccessDenied" }
      ]
    })
    expect(failure(call(model, "DescribeIdentity", { IdentityId: mine })).code).toBe("ResourceNotFoundException")
    expect(listAll(model, pool)).toEqual([])
    ok(call(model, "DescribeIdentity", { IdentityId: foreign }, signed({ accountId: OTHER_ACCOUNT })))
    expect(ok(call(model, "DeleteIdentities", { IdentityIdsToDelete: [unknown] }))).toEqual({ UnprocessedIdentityIds: [] })
  })

  it("releases the logins and developer users of deleted identities", () => {
    const model = newModel()
    const pool = createPool(model)
    const social = getId(model, pool, { [FACEBOOK]: "fb-1" })
    const developer = developerToken(model, pool, "dev-1").identityId
    ok(call(model, "DeleteIdentities", { IdentityIdsToDelete: [social, developer] }))
    const again = getId(model, pool, { [FACEBOOK]: "fb-1" })
    expect(again).not.toBe(social)
    expect(developerToken(model, pool, "dev-1").identityId).not.toBe(developer)
    expect(failure(call(model, "LookupDeveloperIdentity", { IdentityPoolId: pool, IdentityId: developer })).code).toBe(
      "ResourceNotFoundException"
    )
  })
})
