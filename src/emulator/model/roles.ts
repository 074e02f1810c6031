/**
 * GetIdentityPoolRoles / SetIdentityPoolRoles (docs/service-behaviour.md §5.17, §5.18).
 */
import * as Either from "effect/Either"
import type { GetIdentityPoolRolesInput, GetIdentityPoolRolesOutput } from "../../operations/GetIdentityPoolRoles.js"
import type { SetIdentityPoolRolesInput, SetIdentityPoolRolesOutput } from "../../operations/SetIdentityPoolRoles.js"
import type { RoleMapping } from "../../schemas/RoleMapping.js"
import type { CallContext } from "../ServiceModel.js"
import type { Result } from "./faults.js"
import { fail, invalidParameter, Messages } from "./faults.js"
import { findPool, requireAccount } from "./lookup.js"
import type { ModelState } from "./State.js"

/** "Role-based access control (RBAC) rules (per provider): 25", not adjustable (§12 [DOC]). */
export const MAX_RULES_PER_PROVIDER = 25

const copyMapping = (mapping: RoleMapping): RoleMapping => ({
  Type: mapping.Type,
  ...(mapping.AmbiguousRoleResolution === undefined ? {} : { AmbiguousRoleResolution: mapping.AmbiguousRoleResolution }),
  ...(mapping.RulesConfiguration === undefined
    ? {}
    : { RulesConfiguration: { Rules: mapping.RulesConfiguration.Rules.map((rule) => ({ ...rule })) } })
})

/**
 * Checks of §5.18: the key must be a configured provider (user pools as
 * `<ProviderName>:<ClientId>`) [OBSERVED message]; Token and Rules need
 * AmbiguousRoleResolution, Rules needs RulesConfiguration [DOC]; at most 25 rules [DOC] — all
 * InvalidParameterException [INFERRED code for the last three].
 */
const validateMapping = (validKeys: ReadonlySet<string>, key: string, mapping: RoleMapping): Result<void> => {
  if (!validKeys.has(key)) return fail(invalidParameter(Messages.invalidRoleMappingProvider(key)))
  if (mapping.AmbiguousRoleResolution === undefined) {
    return fail(invalidParameter(`AmbiguousRoleResolution is required for role mapping type ${mapping.Type} (${key}).`))
  }
  if (mapping.Type === "Rules") {
    const rules = mapping.RulesConfiguration?.Rules
    if (rules === undefined) return fail(invalidParameter(`RulesConfiguration is required for role mapping type Rules (${key}).`))
    if (rules.length > MAX_RULES_PER_PROVIDER) {
      return fail(invalidParameter(`A role mapping can have at most ${MAX_RULES_PER_PROVIDER} rules (${key}).`))
    }
  }
  return Either.void
}

/** Replace semantics: Roles and RoleMappings become exactly the request's (§5.18 [INFERRED: "Set"]). */
export const setIdentityPoolRoles = (
  state: ModelState,
  input: SetIdentityPoolRolesInput,
  context: CallContext
): Result<SetIdentityPoolRolesOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    const pool = yield* findPool(state, input.IdentityPoolId, context)
    const mappings = Object.entries(input.RoleMappings ?? {})
    for (const [key, mapping] of mappings) yield* validateMapping(pool.providers.roleMappingKeys, key, mapping)
    pool.roles = new Map(Object.entries(input.Roles))
    pool.roleMappings = new Map(mappings.map(([key, mapping]) => [key, copyMapping(mapping)]))
    state.changes.pool(pool)
  })

/**
 * `Roles` is always present (`{}` when never set); `RoleMappings` only when some are set
 * (§5.17 [INFERRED: "absent or empty"]).
 */
export const getIdentityPoolRoles = (
  state: ModelState,
  input: GetIdentityPoolRolesInput,
  context: CallContext
): Result<GetIdentityPoolRolesOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    const pool = yield* findPool(state, input.IdentityPoolId, context)
    return {
      IdentityPoolId: pool.id,
      Roles: Object.fromEntries(pool.roles),
      ...(pool.roleMappings.size === 0
        ? {}
        : { RoleMappings: Object.fromEntries([...pool.roleMappings].map(([key, mapping]) => [key, copyMapping(mapping)])) })
    }
  })
