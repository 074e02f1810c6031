import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import {
  AUTH_ROLE,
  call,
  CLIENT_ID,
  createPool,
  developerToken,
  failure,
  getId,
  later,
  newModel,
  ok,
  setRoles,
  thirdPartyJwt,
  UNAUTH_ROLE,
  unsigned,
  USER_POOL,
  userPoolToken
} from "./support.js"

const FACEBOOK = "graph.facebook.com"
const COGNITO = "cognito-identity.amazonaws.com"
const MAPPING_KEY = `${USER_POOL}:${CLIENT_ID}`
const ADMIN = "arn:aws:iam::123456789012:role/Admin"
const READER = "arn:aws:iam::123456789012:role/Reader"
const EDITOR = "arn:aws:iam::123456789012:role/Editor"

type Model = ReturnType<typeof newModel>

const credentials = (model: Model, identityId: string, logins?: Record<string, string>, extra: Record<string, unknown> = {}) =>
  call(model, "GetCredentialsForIdentity", { IdentityId: identityId, ...(logins === undefined ? {} : { Logins: logins }), ...extra }, unsigned())

const roleOf = (model: Model, identityId: string, logins?: Record<string, string>, extra: Record<string, unknown> = {}): string => {
  const key = ok(credentials(model, identityId, logins, extra)).Credentials?.AccessKeyId ?? ""
  return model.issuedCredentials(key)?.roleArn ?? "none"
}

const rules = (...list: ReadonlyArray<readonly [string, string, string, string]>) => ({
  Type: "Rules",
  AmbiguousRoleResolution: "AuthenticatedRole",
  RulesConfiguration: { Rules: list.map(([Claim, MatchType, Value, RoleARN]) => ({ Claim, MatchType, Value, RoleARN })) }
})

describe("GetCredentialsForIdentity", () => {
  it("issues STS-shaped credentials for one hour and remembers them", () => {
    const model = newModel()
    const pool = createPool(model)
    setRoles(model, pool)
    const identity = getId(model, pool)
    const out = ok(credentials(model, identity))
    expect(out.IdentityId).toBe(identity)
    const issued = out.Credentials
    expect(issued?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(Redacted.isRedacted(issued?.SecretKey)).toBe(true)
    expect(Redacted.value(issued?.SecretKey ?? Redacted.make(""))).toMatch(/^[A-Za-z0-9+/]{40}$/)
    expect(Redacted.value(issued?.SessionToken ?? Redacted.make("")).length).toBeGreaterThan(100)
    expect(issued?.Expiration).toEqual(later(3600))
    expect(model.issuedCredentials(issued?.AccessKeyId ?? "")).toMatchObject({
      identityId: identity,
      identityPoolId: pool,
      accountId: "123456789012",
      region: "us-east-1",
      roleArn: UNAUTH_ROLE,
      expiration: later(3600).getTime(),
      sessionTags: {}
    })
    const again = ok(credentials(model, identity))
    expect(again.Credentials?.AccessKeyId).not.toBe(issued?.AccessKeyId)
  })

  it("answers InvalidIdentityPoolConfigurationException when the role is missing", () => {
    const model = newModel()
    const pool = createPool(model)
    const unauthenticated = getId(model, pool)
    const authenticated = getId(model, pool, { [FACEBOOK]: "fb-1" })
    const noRole = { code: "InvalidIdentityPoolConfigurationException", message: "Invalid identity pool configuration. Check assigned IAM roles for this pool." }
    expect(failure(credentials(model, unauthenticated))).toEqual(noRole)
    expect(failure(credentials(model, authenticated, { [FACEBOOK]: "fb-1" }))).toEqual(noRole)
    ok(call(model, "SetIdentityPoolRoles", { IdentityPoolId: pool, Roles: { unauthenticated: UNAUTH_ROLE } }))
    expect(failure(credentials(model, authenticated, { [FACEBOOK]: "fb-1" }))).toEqual(noRole)
    expect(roleOf(model, unauthenticated)).toBe(UNAUTH_ROLE)
  })

  it("uses the authenticated role for external logins without mapping and for developer identities", () => {
    const model = newModel()
    const pool = createPool(model)
    setRoles(model, pool)
    expect(roleOf(model, getId(model, pool, { [FACEBOOK]: "fb-1" }), { [FACEBOOK]: "fb-1" })).toBe(AUTH_ROLE)
    const developer = developerToken(model, pool, "dev-1", { PrincipalTags: { team: "identity" } })
    const out = ok(credentials(model, developer.identityId, { [COGNITO]: developer.token }))
    const issued = model.issuedCredentials(out.Credentials?.AccessKeyId ?? "")
    expect(issued?.roleArn).toBe(AUTH_ROLE)
    expect(issued?.sessionTags).toEqual({ team: "identity" })
    // Without the token the developer identity is not authenticated.
    expect(failure(credentials(model, developer.identityId)).code).toBe("NotAuthorizedException")
  })

  it("links and merges like GetOpenIdToken", () => {
    const model = newModel()
    const pool = createPool(model)
    setRoles(model, pool)
    const identity = getId(model, pool)
    expect(ok(credentials(model, identity, { [FACEBOOK]: "fb-1" })).IdentityId).toBe(identity)
    expect(getId(model, pool, { [FACEBOOK]: "fb-1" })).toBe(identity)
    // Now authenticated: logins are required.
    expect(failure(credentials(model, identity)).message).toBe(
      "Logins don't match. Please include at least one valid login for this identity or identity pool."
    )
  })

  it("resolves Token mappings: preferred role, CustomRoleArn among cognito:roles, ambiguity", () => {
    const model = newModel()
    const pool = createPool(model)
    setRoles(model, pool, { RoleMappings: { [MAPPING_KEY]: { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" } } })
    const login = (claims: Record<string, unknown>) => ({ [USER_POOL]: userPoolToken(claims) })
    const identity = getId(model, pool, login({}))
    expect(roleOf(model, identity, login({ "cognito:preferred_role": ADMIN, "cognito:roles": [ADMIN, READER] }))).toBe(ADMIN)
    expect(roleOf(model, identity, login({ "cognito:roles": [ADMIN, READER] }), { CustomRoleArn: READER })).toBe(READER)
    expect(failure(credentials(model, identity, login({ "cognito:roles": [ADMIN] }), { CustomRoleArn: READER })).code).toBe(
      "NotAuthorizedException"
    )
    // Several roles and no preferred role, or no role claims at all: AmbiguousRoleResolution.
    expect(roleOf(model, identity, login({ "cognito:roles": [ADMIN, READER] }))).toBe(AUTH_ROLE)
    expect(roleOf(model, identity, login({}))).toBe(AUTH_ROLE)
    setRoles(model, pool, { RoleMappings: { [MAPPING_KEY]: { Type: "Token", AmbiguousRoleResolution: "Deny" } } })
    expect(failure(credentials(model, identity, login({ "cognito:roles": [ADMIN, READER] }))).code).toBe("NotAuthorizedException")
    expect(roleOf(model, identity, login({ "cognito:preferred_role": READER }))).toBe(READER)
  })

  it("resolves Rules mappings in order: Equals, Contains, StartsWith, NotEqual (skipped on a missing claim)", () => {
    const model = newModel()
    const pool = createPool(model)
    setRoles(model, pool, {
      RoleMappings: {
        [MAPPING_KEY]: rules(
          ["custom:dept", "Equals", "admin", ADMIN],
          ["cognito:groups", "Contains", "edit", EDITOR],
          ["email", "StartsWith", "reader@", READER],
          ["custom:tier", "NotEqual", "free", EDITOR]
        )
      }
    })
    const identity = getId(model, pool, { [USER_POOL]: userPoolToken() })
    const as = (claims: Record<string, unknown>) => roleOf(model, identity, { [USER_POOL]: userPoolToken(claims) })
    expect(as({ "custom:dept": "admin", email: "reader@x" })).toBe(ADMIN)
    expect(as({ "cognito:groups": ["viewers", "editors"] })).toBe(EDITOR)
    expect(as({ email: "reader@example.com" })).toBe(READER)
    expect(as({ "custom:tier": "gold" })).toBe(EDITOR)
    expect(as({ "custom:tier": "free" })).toBe(AUTH_ROLE)
    // NotEqual on a missing claim is not evaluated: nothing matches, ambiguous → authenticated.
    expect(as({})).toBe(AUTH_ROLE)
    // Opaque tokens carry no claims.
    const opaque = getId(model, pool, { [USER_POOL]: "opaque-user" })
    expect(roleOf(model, opaque, { [USER_POOL]: "opaque-user" })).toBe(AUTH_ROLE)
  })

  it("denies an ambiguous Rules resolution when AmbiguousRoleResolution is Deny", () => {
    const model = newModel()
    const pool = createPool(model)
    setRoles(model, pool, {
      RoleMappings: { [FACEBOOK]: { ...rules(["sub", "Equals", "fb-vip", ADMIN]), AmbiguousRoleResolution: "Deny" } }
    })
    const vip = thirdPartyJwt({ sub: "fb-vip" })
    expect(roleOf(model, getId(model, pool, { [FACEBOOK]: vip }), { [FACEBOOK]: vip })).toBe(ADMIN)
    const plain = getId(model, pool, { [FACEBOOK]: "fb-plain" })
    expect(failure(credentials(model, plain, { [FACEBOOK]: "fb-plain" })).code).toBe("NotAuthorizedException")
  })

  it("maps principal tags from token claims when an attribute map is set", () => {
    const model = newModel()
    const pool = createPool(model)
    setRoles(model, pool)
    ok(call(model, "SetPrincipalTagAttributeMap", {
      IdentityPoolId: pool,
      IdentityProviderName: USER_POOL,
      PrincipalTags: { department: "custom:dept", user: "sub" }
    }))
    const token = userPoolToken({ "custom:dept": "finance" })
    const identity = getId(model, pool, { [USER_POOL]: token })
    const key = ok(credentials(model, identity, { [USER_POOL]: token })).Credentials?.AccessKeyId ?? ""
    expect(model.issuedCredentials(key)?.sessionTags).toEqual({ department: "finance", user: "up-user-1" })
  })

  it("keeps the credential store bounded (entries expired for a day dropped as new ones arrive)", () => {
    const model = newModel()
    const pool = createPool(model)
    setRoles(model, pool)
    const identity = getId(model, pool)
    const first = ok(credentials(model, identity)).Credentials?.AccessKeyId ?? ""
    expect(model.issuedCredentials(first)).toBeDefined()
    // Expired, still known: a call signed with them is ExpiredTokenException, as on AWS.
    ok(call(model, "GetCredentialsForIdentity", { IdentityId: identity }, unsigned({ now: later(3601) })))
    expect(model.issuedCredentials(first)).toBeDefined()
    const late = ok(call(model, "GetCredentialsForIdentity", { IdentityId: identity }, unsigned({ now: later(3600 + 86_400 + 1) })))
    expect(model.issuedCredentials(first)).toBeUndefined()
    expect(model.issuedCredentials(late.Credentials?.AccessKeyId ?? "")).toBeDefined()
  })
})
