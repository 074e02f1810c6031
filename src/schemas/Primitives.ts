/**
 * The scalar shapes of the Cognito Identity model (service-2.json), with their constraints.
 * Names are the model's shape names.
 */
import { boolean, integer, literals, string } from "./Constraint.js"

export const AccountId = string({ min: 1, max: 15, pattern: "\\d+" })
export const ARNString = string({ min: 20, max: 2048 })
export const ClaimName = string({ min: 1, max: 64, pattern: "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+" })
export const ClaimValue = string({ min: 1, max: 128 })
export const CognitoIdentityProviderClientId = string({ min: 1, max: 128, pattern: "[\\w_]+" })
export const CognitoIdentityProviderName = string({ min: 1, max: 128, pattern: "[\\w._:/-]+" })
export const DeveloperProviderName = string({ min: 1, max: 128, pattern: "[\\w._-]+" })
export const DeveloperUserIdentifier = string({ min: 1, max: 1024 })
export const IdentityId = string({ min: 1, max: 55, pattern: "[\\w-]+:[0-9a-f-]+" })
export const IdentityPoolId = string({ min: 1, max: 55, pattern: "[\\w-]+:[0-9a-f-]+" })
export const IdentityPoolName = string({ min: 1, max: 128, pattern: "[\\w\\s+=,.@-]+" })
export const IdentityProviderId = string({ min: 1, max: 128, pattern: "[\\w.;_/-]+" })
export const IdentityProviderName = string({ min: 1, max: 128 })
export const PaginationKey = string({ min: 1, max: 65535, pattern: "[\\S]+" })
export const PrincipalTagID = string({ min: 1, max: 128 })
export const PrincipalTagValue = string({ min: 1, max: 256 })
export const QueryLimit = integer({ min: 1, max: 60 })
export const RoleType = string({ min: 1, max: 128, pattern: "(un)?authenticated" })
export const TagKeysType = string({ min: 1, max: 128 })
export const TagValueType = string({ min: 0, max: 256 })
export const TokenDuration = integer({ min: 1, max: 86400 })
export const AccessKeyString = string()
export const Boolean = boolean

export const AmbiguousRoleResolutionType = literals("AuthenticatedRole", "Deny")
export const ErrorCode = literals("AccessDenied", "InternalServerError")
export const MappingRuleMatchType = literals("Equals", "Contains", "StartsWith", "NotEqual")
export const RoleMappingType = literals("Token", "Rules")
