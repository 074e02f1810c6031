import { Either } from "effect"
import { describe, expect, it } from "vitest"
import {
  ACCOUNT,
  AUTH_ROLE,
  call,
  CLIENT_ID,
  createPool,
  DEVELOPER,
  failure,
  getId,
  newModel,
  OIDC_ARN,
  ok,
  OTHER_ACCOUNT,
  OTHER_REGION,
  poolWire,
  raw,
  REGION,
  SAML_ARN,
  setRoles,
  signed,
  unsigned,
  USER_POOL,
  uuidFor
} from "./support.js"

describe("CreateIdentityPool", () => {
  it("creates <region>:<uuid> pools and echoes the stored structure with IdentityPoolTags always present", () => {
    const model = newModel()
    const out = ok(call(model, "CreateIdentityPool", poolWire({ IdentityPoolTags: { team: "identity" } })))
    expect(out).toEqual({
      IdentityPoolId: `${REGION}:${uuidFor(0)}`,
      ...poolWire(),
      IdentityPoolTags: { team: "identity" }
    })
  })

  it("leaves omitted optional members absent (not undefined, not null) and answers IdentityPoolTags {}", () => {
    const model = newModel()
    const result = raw(model, "CreateIdentityPool", { IdentityPoolName: "Minimal", AllowUnauthenticatedIdentities: false })
    const out = Either.getOrThrow(result)
    expect(out).toStrictEqual({
      IdentityPoolId: `${REGION}:${uuidFor(0)}`,
      IdentityPoolName: "Minimal",
      AllowUnauthenticatedIdentities: false,
      IdentityPoolTags: {}
    })
    const described = Either.getOrThrow(raw(model, "DescribeIdentityPool", { IdentityPoolId: `${REGION}:${uuidFor(0)}` }))
    expect(described).toStrictEqual(out)
  })

  it("accepts the same name twice (names are not unique)", () => {
    const model = newModel()
    const a = createPool(model, { IdentityPoolName: "Same" })
    const b = createPool(model, { IdentityPoolName: "Same" })
    expect(a).not.toEqual(b)
  })

  it("refuses malformed user-pool provider names with 'Invalid Cognito Identity Provider'", () => {
    const model = newModel()
    for (const provider of [{ ProviderName: "accounts.google.com" }, { ClientId: CLIENT_ID }, {
      ProviderName: "cognito-idp.us-east-1.amazonaws.com/nounderscore"
    }]) {
      expect(failure(call(model, "CreateIdentityPool", poolWire({ CognitoIdentityProviders: [provider] })))).toEqual({
        code: "InvalidParameterException",
        message: "Invalid Cognito Identity Provider"
      })
    }
  })

  it("accepts 50 user-pool providers and refuses 51 with LimitExceededException", () => {
    const model = newModel()
    const providers = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ProviderName: `cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool${i}` }))
    ok(call(model, "CreateIdentityPool", poolWire({ CognitoIdentityProviders: providers(50) })))
    expect(failure(call(model, "CreateIdentityPool", poolWire({ CognitoIdentityProviders: providers(51) }))).code).toBe(
      "LimitExceededException"
    )
  })

  it("refuses more than 50 tags, the aws: prefix and disallowed characters", () => {
    const model = newModel()
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, `v${i}`]))
    ok(call(model, "CreateIdentityPool", poolWire({ IdentityPoolTags: tags(50) })))
    expect(failure(call(model, "CreateIdentityPool", poolWire({ IdentityPoolTags: tags(51) }))).code).toBe(
      "InvalidParameterException"
    )
    expect(failure(call(model, "CreateIdentityPool", poolWire({ IdentityPoolTags: { "aws:x": "1" } }))).code).toBe(
      "InvalidParameterException"
    )
    expect(failure(call(model, "CreateIdentityPool", poolWire({ IdentityPoolTags: { "AWS:x": "1" } }))).code).toBe(
      "InvalidParameterException"
    )
    expect(failure(call(model, "CreateIdentityPool", poolWire({ IdentityPoolTags: { k: "a|b" } }))).code).toBe(
      "InvalidParameterException"
    )
    ok(call(model, "CreateIdentityPool", poolWire({ IdentityPoolTags: { "cost-center": "", "a b_.:/=+-@": "é" } })))
  })

  it("keeps a tag named __proto__ as data, not as a prototype", () => {
    const model = newModel()
    const tags: unknown = JSON.parse('{"__proto__":"x","a":"1"}')
    const created = Either.getOrThrow(model.handle("CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true, IdentityPoolTags: tags }, signed()))
    const id = `${REGION}:${uuidFor(0)}`
    const described = Either.getOrThrow(model.handle("DescribeIdentityPool", { IdentityPoolId: id }, signed()))
    for (const value of [created, described]) {
      expect(JSON.stringify(value)).toContain('"IdentityPoolTags":{"__proto__":"x","a":"1"}')
    }
  })

  it("enforces the pool quota per account and region (poolQuota: 3)", () => {
    const model = newModel({ poolQuota: 3 })
    for (let i = 0; i < 3; i++) createPool(model)
    const refused = failure(call(model, "CreateIdentityPool", poolWire()))
    expect(refused.code).toBe("LimitExceededException")
    // Other accounts and regions have their own quota.
    createPool(model, {}, signed({ accountId: OTHER_ACCOUNT }))
    createPool(model, {}, signed({ region: OTHER_REGION }))
    // Deleting frees a slot.
    const first = `${REGION}:${uuidFor(0)}`
    ok(call(model, "DeleteIdentityPool", { IdentityPoolId: first }))
    createPool(model)
  })

  it("enforces the default quota of 1,000 pools", () => {
    const model = newModel()
    for (let i = 0; i < 1000; i++) createPool(model, { IdentityPoolName: `p${i}` })
    expect(failure(call(model, "CreateIdentityPool", poolWire())).code).toBe("LimitExceededException")
  })
})

describe("DescribeIdentityPool", () => {
  it("answers ResourceNotFoundException verbatim for unknown pools, other accounts and other regions", () => {
    const model = newModel()
    const id = createPool(model)
    const unknown = `${REGION}:${uuidFor(99)}`
    expect(failure(call(model, "DescribeIdentityPool", { IdentityPoolId: unknown }))).toEqual({
      code: "ResourceNotFoundException",
      message: `IdentityPool '${unknown}' not found.`
    })
    expect(failure(call(model, "DescribeIdentityPool", { IdentityPoolId: id }, signed({ accountId: OTHER_ACCOUNT }))))
      .toEqual({ code: "ResourceNotFoundException", message: `IdentityPool '${id}' not found.` })
    expect(failure(call(model, "DescribeIdentityPool", { IdentityPoolId: id }, signed({ region: OTHER_REGION }))).code)
      .toBe("ResourceNotFoundException")
  })

  it("requires an account for signed operations", () => {
    const model = newModel()
    const id = createPool(model)
    expect(failure(call(model, "DescribeIdentityPool", { IdentityPoolId: id }, unsigned())).code).toBe(
      "MissingAuthenticationTokenException"
    )
  })
})

describe("UpdateIdentityPool", () => {
  it("is a full replacement: omitted members are removed, tags replaced or cleared", () => {
    const model = newModel()
    const id = createPool(model, { AllowClassicFlow: true, IdentityPoolTags: { a: "1" } })
    const updated = Either.getOrThrow(raw(model, "UpdateIdentityPool", {
      IdentityPoolId: id,
      IdentityPoolName: "Renamed",
      AllowUnauthenticatedIdentities: false,
      IdentityPoolTags: { b: "2" }
    }))
    expect(updated).toStrictEqual({
      IdentityPoolId: id,
      IdentityPoolName: "Renamed",
      AllowUnauthenticatedIdentities: false,
      DeveloperProviderName: DEVELOPER,
      IdentityPoolTags: { b: "2" }
    })
    expect(Either.getOrThrow(raw(model, "DescribeIdentityPool", { IdentityPoolId: id }))).toStrictEqual(updated)
    ok(call(model, "UpdateIdentityPool", { IdentityPoolId: id, IdentityPoolName: "Again", AllowUnauthenticatedIdentities: true }))
    expect(ok(call(model, "DescribeIdentityPool", { IdentityPoolId: id })).IdentityPoolTags).toEqual({})
  })

  it("keeps DeveloperProviderName when omitted, allows setting it once, refuses changing it", () => {
    const model = newModel()
    const id = createPool(model, { DeveloperProviderName: undefined })
    const base = { IdentityPoolId: id, IdentityPoolName: "P", AllowUnauthenticatedIdentities: true }
    expect(ok(call(model, "UpdateIdentityPool", base)).DeveloperProviderName).toBeUndefined()
    expect(ok(call(model, "UpdateIdentityPool", { ...base, DeveloperProviderName: "login.first" })).DeveloperProviderName)
      .toBe("login.first")
    expect(ok(call(model, "UpdateIdentityPool", base)).DeveloperProviderName).toBe("login.first")
    expect(ok(call(model, "UpdateIdentityPool", { ...base, DeveloperProviderName: "login.first" })).DeveloperProviderName)
      .toBe("login.first")
    expect(failure(call(model, "UpdateIdentityPool", { ...base, DeveloperProviderName: "login.second" })).code).toBe(
      "InvalidParameterException"
    )
    expect(ok(call(model, "DescribeIdentityPool", { IdentityPoolId: id })).DeveloperProviderName).toBe("login.first")
  })

  it("leaves roles, role mappings and principal-tag maps untouched", () => {
    const model = newModel()
    const id = createPool(model)
    setRoles(model, id, {
      RoleMappings: { "graph.facebook.com": { Type: "Rules", AmbiguousRoleResolution: "Deny", RulesConfiguration: { Rules: [{ Claim: "sub", MatchType: "Equals", Value: "x", RoleARN: AUTH_ROLE }] } } }
    })
    ok(call(model, "SetPrincipalTagAttributeMap", { IdentityPoolId: id, IdentityProviderName: USER_POOL, PrincipalTags: { team: "custom:team" } }))
    const before = ok(call(model, "GetIdentityPoolRoles", { IdentityPoolId: id }))
    ok(call(model, "UpdateIdentityPool", { ...poolWire(), IdentityPoolId: id, IdentityPoolName: "Changed" }))
    expect(ok(call(model, "GetIdentityPoolRoles", { IdentityPoolId: id }))).toEqual(before)
    expect(ok(call(model, "GetPrincipalTagAttributeMap", { IdentityPoolId: id, IdentityProviderName: USER_POOL })).PrincipalTags)
      .toEqual({ team: "custom:team" })
  })

  it("validates like Create and answers ResourceNotFoundException for unknown pools", () => {
    const model = newModel()
    const id = createPool(model)
    expect(failure(call(model, "UpdateIdentityPool", { ...poolWire(), IdentityPoolId: id, CognitoIdentityProviders: [{ ProviderName: "bad" }] })).code)
      .toBe("InvalidParameterException")
    expect(failure(call(model, "UpdateIdentityPool", { ...poolWire(), IdentityPoolId: id, IdentityPoolTags: { "aws:k": "v" } })).code)
      .toBe("InvalidParameterException")
    expect(failure(call(model, "UpdateIdentityPool", { ...poolWire(), IdentityPoolId: `${REGION}:${uuidFor(77)}` })).code)
      .toBe("ResourceNotFoundException")
  })

  it("stops accepting logins of a provider removed by an update", () => {
    const model = newModel()
    const id = createPool(model)
    getId(model, id, { "graph.facebook.com": "fb-1" })
    ok(call(model, "UpdateIdentityPool", { ...poolWire({ SupportedLoginProviders: { "accounts.google.com": "g" } }), IdentityPoolId: id }))
    expect(failure(call(model, "GetId", { IdentityPoolId: id, Logins: { "graph.facebook.com": "fb-1" } }, unsigned())).message)
      .toBe("Token is not from a supported provider of this identity pool.")
  })
})

describe("DeleteIdentityPool", () => {
  it("deletes the pool and everything in it; a second delete is ResourceNotFoundException", () => {
    const model = newModel()
    const id = createPool(model, { IdentityPoolTags: { a: "1" } })
    setRoles(model, id)
    const identity = getId(model, id, { "graph.facebook.com": "fb-1" })
    const unauthenticated = getId(model, id)
    expect(ok(call(model, "DeleteIdentityPool", { IdentityPoolId: id }))).toBeUndefined()
    for (const op of ["DescribeIdentityPool", "GetIdentityPoolRoles", "DeleteIdentityPool"] as const) {
      expect(failure(call(model, op, { IdentityPoolId: id })).code).toBe("ResourceNotFoundException")
    }
    for (const identityId of [identity, unauthenticated]) {
      expect(failure(call(model, "DescribeIdentity", { IdentityId: identityId })).code).toBe("ResourceNotFoundException")
      expect(failure(call(model, "GetOpenIdToken", { IdentityId: identityId }, unsigned())).code).toBe("ResourceNotFoundException")
    }
    expect(failure(call(model, "ListTagsForResource", { ResourceArn: `arn:aws:cognito-identity:${REGION}:${ACCOUNT}:identitypool/${id}` })).code)
      .toBe("ResourceNotFoundException")
    expect(ok(call(model, "ListIdentityPools", { MaxResults: 60 })).IdentityPools).toEqual([])
  })
})

describe("ListIdentityPools", () => {
  it("lists {IdentityPoolId, IdentityPoolName} in creation order, pages ≤ MaxResults, NextToken only while more remain", () => {
    const model = newModel()
    const ids = Array.from({ length: 7 }, (_, i) => createPool(model, { IdentityPoolName: `pool${i}` }))
    createPool(model, {}, signed({ accountId: OTHER_ACCOUNT }))
    createPool(model, {}, signed({ region: OTHER_REGION }))
    const seen: Array<unknown> = []
    let token: string | undefined
    let pages = 0
    do {
      const page = Either.getOrThrow(raw(model, "ListIdentityPools", { MaxResults: 3, ...(token === undefined ? {} : { NextToken: token }) }))
      const out = ok(call(model, "ListIdentityPools", { MaxResults: 3, ...(token === undefined ? {} : { NextToken: token }) }))
      expect(page).toEqual(out)
      expect((out.IdentityPools ?? []).length).toBeLessThanOrEqual(3)
      seen.push(...(out.IdentityPools ?? []))
      token = out.NextToken
      pages++
    } while (token !== undefined)
    expect(pages).toBe(3)
    expect(seen).toEqual(ids.map((id, i) => ({ IdentityPoolId: id, IdentityPoolName: `pool${i}` })))
    // Exactly MaxResults pools: one page, no NextToken.
    const six = ok(call(model, "ListIdentityPools", { MaxResults: 7 }))
    expect(six.IdentityPools).toHaveLength(7)
    expect(six.NextToken).toBeUndefined()
  })

  it("refuses a token of another account, region or list", () => {
    const model = newModel()
    for (let i = 0; i < 3; i++) createPool(model)
    const token = ok(call(model, "ListIdentityPools", { MaxResults: 1 })).NextToken ?? ""
    expect(token).not.toBe("")
    expect(failure(call(model, "ListIdentityPools", { MaxResults: 1, NextToken: token }, signed({ accountId: OTHER_ACCOUNT }))).code)
      .toBe("InvalidParameterException")
    expect(failure(call(model, "ListIdentityPools", { MaxResults: 1, NextToken: token }, signed({ region: OTHER_REGION }))).code)
      .toBe("InvalidParameterException")
    expect(failure(call(model, "ListIdentities", { IdentityPoolId: `${REGION}:${uuidFor(0)}`, MaxResults: 1, NextToken: token })).code)
      .toBe("InvalidParameterException")
  })
})

describe("accounts and regions", () => {
  it("resolves unsigned calls to the owning account and refuses other regions", () => {
    const model = newModel()
    const id = createPool(model, {}, signed({ accountId: OTHER_ACCOUNT }))
    const identity = getId(model, id)
    expect(identity.startsWith(`${REGION}:`)).toBe(true)
    expect(failure(call(model, "GetId", { IdentityPoolId: id }, unsigned({ region: OTHER_REGION }))).code).toBe(
      "ResourceNotFoundException"
    )
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: identity }, unsigned({ region: OTHER_REGION })))).toEqual({
      code: "ResourceNotFoundException",
      message: `Identity '${identity}' not found.`
    })
    // A signed call to a public operation is bound to the signer's account.
    expect(failure(call(model, "GetOpenIdToken", { IdentityId: identity }, signed())).code).toBe("ResourceNotFoundException")
    ok(call(model, "GetOpenIdToken", { IdentityId: identity }, signed({ accountId: OTHER_ACCOUNT })))
    expect(failure(call(model, "DescribeIdentity", { IdentityId: identity })).code).toBe("ResourceNotFoundException")
  })

  it("echoes every kind of provider", () => {
    const model = newModel()
    const out = ok(call(model, "CreateIdentityPool", poolWire()))
    expect(out.OpenIdConnectProviderARNs).toEqual([OIDC_ARN])
    expect(out.SamlProviderARNs).toEqual([SAML_ARN])
  })
})
