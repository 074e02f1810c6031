/**
 * The modelled faults the in-memory model answers, with the messages the service is known to
 * use (docs/service-behaviour.md §3, §5). Every handler returns `Either.left(fault)`; nothing throws.
 */
import * as Either from "effect/Either"
import type { ServiceFault } from "../ServiceModel.js"

export type Result<A> = Either.Either<A, ServiceFault>

export const fail = <A = never>(fault: ServiceFault): Result<A> => Either.left(fault)

const fault = (code: string) => (message: string): ServiceFault => ({ code, message })

export const invalidParameter = fault("InvalidParameterException")
export const notAuthorized = fault("NotAuthorizedException")
export const resourceConflict = fault("ResourceConflictException")
export const resourceNotFound = fault("ResourceNotFoundException")
export const limitExceeded = fault("LimitExceededException")
export const internalError = fault("InternalErrorException")
export const invalidPoolConfiguration = fault("InvalidIdentityPoolConfigurationException")
export const developerUserAlreadyRegistered = fault("DeveloperUserAlreadyRegisteredException")

/** Verbatim in ≥ 5 issue threads (docs/service-behaviour.md §5.2 [OBSERVED]). */
export const poolNotFound = (poolId: string): ServiceFault => resourceNotFound(`IdentityPool '${poolId}' not found.`)

/** Same grammar as the pool message (docs/service-behaviour.md §5.7: [INFERRED] `Identity '<id>' not found.`). */
export const identityNotFound = (identityId: string): ServiceFault =>
  resourceNotFound(`Identity '${identityId}' not found.`)

/** Developer user identifiers are not documented in any message; same grammar [EMULATOR]. */
export const developerUserNotFound = (user: string): ServiceFault =>
  resourceNotFound(`Developer user '${user}' not found.`)

export const Messages = {
  /** [OBSERVED] §5.6. */
  unauthenticatedNotSupported: "Unauthenticated access is not supported for this identity pool.",
  /** [OBSERVED] §5.6. */
  unsupportedProvider: "Token is not from a supported provider of this identity pool.",
  /** [OBSERVED] §5.6. */
  cognitoToken: "Invalid login token. Can't pass in a Cognito token.",
  /** [OBSERVED] for the GetOpenIdToken family, §5.7. */
  loginsDontMatch: "Logins don't match. Please include at least one valid login for this identity or identity pool.",
  /** [OBSERVED] amazon-cognito-identity-js#91. */
  unverifiableToken: "Invalid login token. Couldn't verify signed token.",
  /** [OBSERVED] §5.6. */
  issuerMismatch: "Invalid login token. Issuer doesn't match providerName",
  /** [OBSERVED] §5.6 (for `aud`; the same grammar is used for `sub`). */
  missingClaim: (claim: string) => `Invalid login token. Missing a required claim: ${claim}`,
  /**
   * [OBSERVED] "Token expired: 1667365798 >= 1667235770" (qqaatw/JciHitachiHA#33) and
   * "1589092400 >= 1589092129" (aws-amplify/aws-sdk-ios#2570): the larger, first number is the
   * current time, the second the token's `exp` — i.e. the failed condition `now >= exp`.
   */
  tokenExpired: (now: number, exp: number) => `Invalid login token. Token expired: ${now} >= ${exp}`,
  /** [INFERRED] message, §5.7 (AllowClassicFlow=false). */
  classicFlowDisabled: "Basic (classic) flow is not enabled, please use enhanced flow.",
  /** [OBSERVED] message (code not captured), §5.9; code chosen: NotAuthorizedException [INFERRED]. */
  developerProviderNotSupported: "This identity pool does not support the specified developer provider.",
  /** [DOC] exception description, §5.9. */
  developerUserAlreadyRegistered:
    "The provided developer user identifier is already registered with Cognito under a different identity ID.",
  /** [OBSERVED] §5.8. */
  noRoleConfigured: "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
  /** [EMULATOR]: no message is documented for a merged-away (disabled) identity. */
  identityDisabled: (identityId: string) => `Identity '${identityId}' is disabled.`,
  /** [OBSERVED] for SetIdentityPoolRoles, §5.18. */
  invalidRoleMappingProvider: (key: string) =>
    `${key} is not a valid RoleMapping ProviderName or is not a configured provider.`,
  invalidNextToken: "The provided NextToken is not valid for this request."
} as const
