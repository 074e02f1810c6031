import { describe, expect, it } from "vitest"
import {
  ACCOUNT,
  AUTH_ROLE,
  call,
  CLIENT_ID,
  createPool,
  DEVELOPER,
  failure,
  newModel,
  ok,
  OTHER_ACCOUNT,
  OTHER_REGION,
  REGION,
  SAML_ARN,
  signed,
  UNAUTH_ROLE,
  USER_POOL,
  uuidFor
} from "./support.js"

const FACEBOOK = "graph.facebook.com"
const rule = { Claim: "sub", MatchType: "Equals", Value: "x", RoleARN: AUTH_ROLE }
const rulesMapping = { Type: "Rules", AmbiguousRoleResolution: "AuthenticatedRole", RulesConfiguration: { Rules: [rule] } }

describe("GetIdentityPoolRoles / SetIdentityPoolRoles", () => {
  it("answers Roles {} and no RoleMappings for a new pool", () => {
    const model = newModel()
    const pool = createPool(model)
    expect(ok(call(model, "GetIdentityPoolRoles", { IdentityPoolId: pool }))).toEqual({ IdentityPoolId: pool, Roles: {} })
  })

  it("replaces roles and role mappings", () => {
    const model = newModel()
    const pool = createPool(model)
    const mappings = {
      [`${USER_POOL}:${CLIENT_ID}`]: { Type: "Token", AmbiguousRoleResolution: "Deny" },
      [FACEBOOK]: rulesMapping,
      "oidc.example.com/tenant": rulesMapping,
      [SAML_ARN]: rulesMapping
    }
    expect(ok(call(model, "SetIdentityPoolRoles", { IdentityPoolId: pool, Roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE }, RoleMappings: mappings })))
      .toBeUndefined()
    expect(ok(call(model, "GetIdentityPoolRoles", { IdentityPoolId: pool }))).toEqual({
      IdentityPoolId: pool,
      Roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE },
      RoleMappings: mappings
    })
    ok(call(model, "SetIdentityPoolRoles", { IdentityPoolId: pool, Roles: { authenticated: AUTH_ROLE } }))
    expect(ok(call(model, "GetIdentityPoolRoles", { IdentityPoolId: pool }))).toEqual({ IdentityPoolId: pool, Roles: { authenticated: AUTH_ROLE } })
  })

  it("refuses role mappings for providers that are not configured", () => {
    const model = newModel()
    const pool = createPool(model)
    for (const key of [USER_POOL, `${USER_POOL}:otherclient`, "www.amazon.com", DEVELOPER, "cognito-identity.amazonaws.com"]) {
      expect(failure(call(model, "SetIdentityPoolRoles", { IdentityPoolId: pool, Roles: {}, RoleMappings: { [key]: rulesMapping } }))).toEqual({
        code: "InvalidParameterException",
        message: `${key} is not a valid RoleMapping ProviderName or is not a configured provider.`
      })
    }
  })

  it("requires AmbiguousRoleResolution, RulesConfiguration for Rules, and at most 25 rules", () => {
    const model = newModel()
    const pool = createPool(model)
    const set = (mapping: Record<string, unknown>) =>
      call(model, "SetIdentityPoolRoles", { IdentityPoolId: pool, Roles: { authenticated: AUTH_ROLE }, RoleMappings: { [FACEBOOK]: mapping } })
    expect(failure(set({ Type: "Token" })).code).toBe("InvalidParameterException")
    expect(failure(set({ Type: "Rules", RulesConfiguration: { Rules: [rule] } })).code).toBe("InvalidParameterException")
    expect(failure(set({ Type: "Rules", AmbiguousRoleResolution: "Deny" })).code).toBe("InvalidParameterException")
    const rules = (n: number) => ({ Type: "Rules", AmbiguousRoleResolution: "Deny", RulesConfiguration: { Rules: Array.from({ length: n }, () => rule) } })
    ok(set(rules(25)))
    expect(failure(set(rules(26))).code).toBe("InvalidParameterException")
    // A refused call changes nothing.
    expect(ok(call(model, "GetIdentityPoolRoles", { IdentityPoolId: pool })).RoleMappings?.[FACEBOOK]?.RulesConfiguration?.Rules).toHaveLength(25)
  })

  it("answers ResourceNotFoundException for unknown pools", () => {
    const model = newModel()
    const unknown = `${REGION}:${uuidFor(8)}`
    expect(failure(call(model, "GetIdentityPoolRoles", { IdentityPoolId: unknown })).code).toBe("ResourceNotFoundException")
    expect(failure(call(model, "SetIdentityPoolRoles", { IdentityPoolId: unknown, Roles: {} })).code).toBe("ResourceNotFoundException")
  })
})

describe("Get/SetPrincipalTagAttributeMap", () => {
  it("stores and echoes the map per provider; a never-set provider answers UseDefaults false", () => {
    const model = newModel()
    const pool = createPool(model)
    expect(ok(call(model, "GetPrincipalTagAttributeMap", { IdentityPoolId: pool, IdentityProviderName: USER_POOL }))).toEqual({
      IdentityPoolId: pool,
      IdentityProviderName: USER_POOL,
      UseDefaults: false
    })
    const set = ok(call(model, "SetPrincipalTagAttributeMap", { IdentityPoolId: pool, IdentityProviderName: USER_POOL, PrincipalTags: { client: "aud", user: "sub" } }))
    expect(set).toEqual({ IdentityPoolId: pool, IdentityProviderName: USER_POOL, UseDefaults: false, PrincipalTags: { client: "aud", user: "sub" } })
    expect(ok(call(model, "GetPrincipalTagAttributeMap", { IdentityPoolId: pool, IdentityProviderName: USER_POOL }))).toEqual(set)
    const defaults = ok(call(model, "SetPrincipalTagAttributeMap", { IdentityPoolId: pool, IdentityProviderName: FACEBOOK, UseDefaults: true }))
    expect(defaults).toEqual({ IdentityPoolId: pool, IdentityProviderName: FACEBOOK, UseDefaults: true, PrincipalTags: {} })
  })

  it("refuses providers that are not configured and unknown pools", () => {
    const model = newModel()
    const pool = createPool(model)
    expect(failure(call(model, "SetPrincipalTagAttributeMap", { IdentityPoolId: pool, IdentityProviderName: "www.amazon.com", UseDefaults: true })).code)
      .toBe("InvalidParameterException")
    expect(failure(call(model, "GetPrincipalTagAttributeMap", { IdentityPoolId: pool, IdentityProviderName: "www.amazon.com" })).code)
      .toBe("InvalidParameterException")
    expect(failure(call(model, "GetPrincipalTagAttributeMap", { IdentityPoolId: `${REGION}:${uuidFor(3)}`, IdentityProviderName: USER_POOL })).code)
      .toBe("ResourceNotFoundException")
  })
})

describe("TagResource / UntagResource / ListTagsForResource", () => {
  const arn = (pool: string, account = ACCOUNT, region = REGION, partition = "aws") =>
    `arn:${partition}:cognito-identity:${region}:${account}:identitypool/${pool}`

  it("merges, removes and lists the same tags as IdentityPoolTags", () => {
    const model = newModel()
    const pool = createPool(model, { IdentityPoolTags: { a: "1", b: "2" } })
    expect(ok(call(model, "ListTagsForResource", { ResourceArn: arn(pool) }))).toEqual({ Tags: { a: "1", b: "2" } })
    expect(ok(call(model, "TagResource", { ResourceArn: arn(pool), Tags: { b: "20", c: "" } }))).toEqual({})
    expect(ok(call(model, "UntagResource", { ResourceArn: arn(pool), TagKeys: ["a", "missing"] }))).toEqual({})
    expect(ok(call(model, "ListTagsForResource", { ResourceArn: arn(pool) }))).toEqual({ Tags: { b: "20", c: "" } })
    expect(ok(call(model, "DescribeIdentityPool", { IdentityPoolId: pool })).IdentityPoolTags).toEqual({ b: "20", c: "" })
  })

  it("refuses more than 50 tags and the aws: prefix without changing anything", () => {
    const model = newModel()
    const pool = createPool(model, { IdentityPoolTags: Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, "v"])) })
    ok(call(model, "TagResource", { ResourceArn: arn(pool), Tags: { k0: "overwrite", extra: "1" } }))
    expect(failure(call(model, "TagResource", { ResourceArn: arn(pool), Tags: { more: "1" } })).code).toBe("InvalidParameterException")
    expect(failure(call(model, "TagResource", { ResourceArn: arn(pool), Tags: { "aws:x": "1" } })).code).toBe("InvalidParameterException")
    expect(Object.keys(ok(call(model, "ListTagsForResource", { ResourceArn: arn(pool) })).Tags ?? {})).toHaveLength(50)
  })

  it("refuses malformed ARNs (InvalidParameterException) and pools the caller cannot see (ResourceNotFoundException)", () => {
    const model = newModel()
    const pool = createPool(model)
    for (const bad of [
      "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc",
      `arn:aws:cognito-identity:${REGION}:${ACCOUNT}:identitypool`,
      `not-an-arn-but-long-enough-${pool}`
    ]) {
      expect(failure(call(model, "ListTagsForResource", { ResourceArn: bad })).code).toBe("InvalidParameterException")
    }
    const unknown = `${REGION}:${uuidFor(77)}`
    expect(failure(call(model, "ListTagsForResource", { ResourceArn: arn(unknown) }))).toEqual({
      code: "ResourceNotFoundException",
      message: `IdentityPool '${unknown}' not found.`
    })
    expect(failure(call(model, "TagResource", { ResourceArn: arn(pool, OTHER_ACCOUNT), Tags: { a: "b" } })).code).toBe("ResourceNotFoundException")
    expect(failure(call(model, "UntagResource", { ResourceArn: arn(pool, ACCOUNT, OTHER_REGION), TagKeys: ["a"] })).code).toBe("ResourceNotFoundException")
    expect(failure(call(model, "ListTagsForResource", { ResourceArn: arn(pool) }, signed({ accountId: OTHER_ACCOUNT }))).code).toBe("ResourceNotFoundException")
    ok(call(model, "ListTagsForResource", { ResourceArn: arn(pool, ACCOUNT, REGION, "aws-cn") }))
  })
})
