import * as Schema from "effect/Schema"
import type { Mode } from "./Constraint.js"
import { list, map } from "./Constraint.js"
import {
  AmbiguousRoleResolutionType,
  ARNString,
  ClaimName,
  ClaimValue,
  IdentityProviderName,
  MappingRuleMatchType,
  RoleMappingType,
  RoleType
} from "./Primitives.js"

/** A rule: when the token's claim matches, the identity gets RoleARN. */
export const MappingRule = (mode: Mode) =>
  Schema.Struct({
    Claim: ClaimName(mode),
    MatchType: MappingRuleMatchType(mode),
    Value: ClaimValue(mode),
    RoleARN: ARNString(mode)
  })
export interface MappingRule extends Schema.Schema.Type<ReturnType<typeof MappingRule>> {}

export const RulesConfigurationType = (mode: Mode) =>
  Schema.Struct({ Rules: list(MappingRule, { min: 1, max: 400 })(mode) })
export interface RulesConfigurationType extends Schema.Schema.Type<ReturnType<typeof RulesConfigurationType>> {}

export const RoleMapping = (mode: Mode) =>
  Schema.Struct({
    Type: RoleMappingType(mode),
    AmbiguousRoleResolution: Schema.optional(AmbiguousRoleResolutionType(mode)),
    RulesConfiguration: Schema.optional(RulesConfigurationType(mode))
  })
export interface RoleMapping extends Schema.Schema.Type<ReturnType<typeof RoleMapping>> {}

// `/*#__PURE__*/`: a shape is built on first use, so naming one has no effect, and a bundle
// drops the shapes that none of the operations it keeps uses.
/** RoleMappingMap: provider name → role mapping, at most 10. */
export const RoleMappingMap = /*#__PURE__*/ map(IdentityProviderName, RoleMapping, { max: 10 })

/** RolesMap: "authenticated" / "unauthenticated" → role ARN. */
export const RolesMap = /*#__PURE__*/ map(RoleType, ARNString, { max: 2 })
