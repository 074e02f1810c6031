/**
 * Which role GetCredentialsForIdentity assumes — docs/service-behaviour.md §8 [DOC: role-based-access-control]:
 * 1. unauthenticated → Roles.unauthenticated;
 * 2. developer-authenticated (cognito-identity.amazonaws.com token) → Roles.authenticated;
 * 3. an external provider with a role mapping → Token or Rules resolution, falling back on
 *    AmbiguousRoleResolution (AuthenticatedRole → Roles.authenticated, Deny → refused);
 * 4. no mapping → Roles.authenticated;
 * a missing role → InvalidIdentityPoolConfigurationException (§5.8 [OBSERVED] message).
 */
import * as Either from "effect/Either"
import type { MappingRule, RoleMapping } from "../../schemas/RoleMapping.js"
import type { Result } from "./faults.js"
import { fail, invalidPoolConfiguration, Messages, notAuthorized } from "./faults.js"
import type { ResolvedLogin } from "./loginTokens.js"
import type { Session } from "./session.js"
import type { Pool } from "./State.js"

const poolRole = (pool: Pool, kind: "authenticated" | "unauthenticated"): Result<string> => {
  const role = pool.roles.get(kind)
  return role === undefined ? fail(invalidPoolConfiguration(Messages.noRoleConfigured)) : Either.right(role)
}

/** Claim values as strings: arrays (e.g. cognito:groups) match when any element matches [EMULATOR]. */
const claimValues = (value: unknown): ReadonlyArray<string> | undefined => {
  if (typeof value === "string") return [value]
  if (typeof value === "number" || typeof value === "boolean") return [String(value)]
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string")
  return undefined
}

const ruleMatches = (rule: MappingRule, claims: Readonly<Record<string, unknown>>): boolean => {
  const values = claimValues(claims[rule.Claim])
  // "NotEqual on a missing claim is not evaluated" (§5.18 [DOC]); no other type matches it either.
  if (values === undefined) return false
  switch (rule.MatchType) {
    case "Equals":
      return values.includes(rule.Value)
    case "Contains":
      return values.some((value) => value.includes(rule.Value))
    case "StartsWith":
      return values.some((value) => value.startsWith(rule.Value))
    case "NotEqual":
      return !values.includes(rule.Value)
  }
}

type Mapped = { readonly _tag: "Role"; readonly arn: string } | { readonly _tag: "Ambiguous" } | {
  readonly _tag: "Denied"
}

const byToken = (claims: Readonly<Record<string, unknown>>, customRoleArn: string | undefined): Mapped => {
  const roles = claimValues(claims["cognito:roles"]) ?? []
  if (customRoleArn !== undefined) return roles.includes(customRoleArn) ? { _tag: "Role", arn: customRoleArn } : { _tag: "Denied" }
  const preferred = claims["cognito:preferred_role"]
  return typeof preferred === "string" ? { _tag: "Role", arn: preferred } : { _tag: "Ambiguous" }
}

const byRules = (mapping: RoleMapping, claims: Readonly<Record<string, unknown>>): Mapped => {
  const rule = (mapping.RulesConfiguration?.Rules ?? []).find((candidate) => ruleMatches(candidate, claims))
  return rule === undefined ? { _tag: "Ambiguous" } : { _tag: "Role", arn: rule.RoleARN }
}

/** [INFERRED] message: the documents say only that the request is denied. */
const denied = (provider: string) =>
  fail<string>(notAuthorized(`The role mapping for ${provider} did not resolve to a role for this token.`))

const mapped = (
  pool: Pool,
  login: ResolvedLogin,
  mapping: RoleMapping,
  customRoleArn: string | undefined
): Result<string> => {
  // Opaque tokens have no claims: nothing matches, the mapping is ambiguous.
  const claims = login.claims ?? {}
  const result = mapping.Type === "Token" ? byToken(claims, customRoleArn) : byRules(mapping, claims)
  if (result._tag === "Role") return Either.right(result.arn)
  if (result._tag === "Denied") return denied(login.provider)
  return mapping.AmbiguousRoleResolution === "AuthenticatedRole"
    ? poolRole(pool, "authenticated")
    : denied(login.provider)
}

/**
 * CustomRoleArn only takes part in Token resolution (it selects among `cognito:roles`); with no
 * Token mapping in play it is ignored [EMULATOR]. With several logins, the first one (in Logins
 * order) that has a mapping decides (§8.5 [INFERRED]).
 */
export const resolveRole = (
  pool: Pool,
  session: Pick<Session, "authenticated" | "logins">,
  customRoleArn: string | undefined
): Result<string> => {
  if (!session.authenticated) return poolRole(pool, "unauthenticated")
  for (const login of session.logins) {
    const mapping = pool.roleMappings.get(login.roleMappingKey)
    if (mapping !== undefined) return mapped(pool, login, mapping, customRoleArn)
  }
  return poolRole(pool, "authenticated")
}
