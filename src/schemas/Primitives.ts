/**
 * The scalar shapes of the Cognito Identity model (service-2.json), with their constraints.
 * Names are the model's shape names.
 */
import { boolean, integer, literals, string } from "./Constraint.js"

// `/*#__PURE__*/`: a shape is built on first use, so naming one has no effect, and a bundle
// drops the shapes that none of the operations it keeps uses.
export const AccountId = /*#__PURE__*/ string({ min: 1, max: 15, pattern: "\\d+" })
export const ARNString = /*#__PURE__*/ string({ min: 20, max: 2048 })
export const ClaimName = /*#__PURE__*/ string({ min: 1, max: 64, pattern: "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+" })
export const ClaimValue = /*#__PURE__*/ string({ min: 1, max: 128 })
export const CognitoIdentityProviderClientId = /*#__PURE__*/ string({ min: 1, max: 128, pattern: "[\\w_]+" })
export const CognitoIdentityProviderName = /*#__PURE__*/ string({ min: 1, max: 128, pattern: "[\\w._:/-]+" })
export const DeveloperProviderName = /*#__PURE__*/ string({ min: 1, max: 128, pattern: "[\\w._-]+" })
export const DeveloperUserIdentifier = /*#__PURE__*/ string({ min: 1, max: 1024 })
export const IdentityId = /*#__PURE__*/ string({ min: 1, max: 55, pattern: "[\\w-]+:[0-9a-f-]+" })
export const IdentityPoolId = /*#__PURE__*/ string({ min: 1, max: 55, pattern: "[\\w-]+:[0-9a-f-]+" })
export const IdentityPoolName = /*#__PURE__*/ string({ min: 1, max: 128, pattern: "[\\w\\s+=,.@-]+" })
export const IdentityProviderId = /*#__PURE__*/ string({ min: 1, max: 128, pattern: "[\\w.;_/-]+" })
export const IdentityProviderName = /*#__PURE__*/ string({ min: 1, max: 128 })
export const PaginationKey = /*#__PURE__*/ string({ min: 1, max: 65535, pattern: "[\\S]+" })
export const PrincipalTagID = /*#__PURE__*/ string({ min: 1, max: 128 })
export const PrincipalTagValue = /*#__PURE__*/ string({ min: 1, max: 256 })
export const QueryLimit = /*#__PURE__*/ integer({ min: 1, max: 60 })
export const RoleType = /*#__PURE__*/ string({ min: 1, max: 128, pattern: "(un)?authenticated" })
export const TagKeysType = /*#__PURE__*/ string({ min: 1, max: 128 })
export const TagValueType = /*#__PURE__*/ string({ min: 0, max: 256 })
export const TokenDuration = /*#__PURE__*/ integer({ min: 1, max: 86400 })
export const AccessKeyString = /*#__PURE__*/ string()
export const Boolean = boolean

export const AmbiguousRoleResolutionType = /*#__PURE__*/ literals("AuthenticatedRole", "Deny")
export const ErrorCode = /*#__PURE__*/ literals("AccessDenied", "InternalServerError")
export const MappingRuleMatchType = /*#__PURE__*/ literals("Equals", "Contains", "StartsWith", "NotEqual")
export const RoleMappingType = /*#__PURE__*/ literals("Token", "Rules")
