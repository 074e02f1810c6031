/**
 * What to change, for the classic misconfigurations of an identity pool: the answers people
 * otherwise look up by hand. Each rule is triggered by an error code and the service's own
 * wording, as docs/service-behaviour.md records it (the section is named at each rule), or, on
 * this side of the wire, by the shape of an input value. A hint never quotes a value: it may be
 * a token.
 *
 * The errors that can carry one expose it as `hint` (a getter: nothing is computed unless it is
 * read); `hintOf` reads it from anything.
 */
import * as Predicate from "effect/Predicate"

interface HintRule {
  /** Part of the service's message (compared in lower case); undefined: any message of the code. */
  readonly says: string | undefined
  readonly hint: string
}

const rule = (says: string | undefined, hint: string): HintRule => ({ says: says?.toLowerCase(), hint })

const rules: ReadonlyMap<string, ReadonlyArray<HintRule>> = new Map([
  ["NotAuthorizedException", [
    // §5.6 [OBSERVED]: GetId (or GetCredentialsForIdentity) without logins, guests not allowed.
    rule(
      "Unauthenticated access is not supported for this identity pool",
      "this identity pool does not allow guests: pass the signed-in user's login in Logins, or allow guest access " +
        "(UpdateIdentityPool with AllowUnauthenticatedIdentities: true, and an unauthenticated role in SetIdentityPoolRoles)"
    ),
    // §5.6 [OBSERVED]: a Logins key the pool does not list.
    rule(
      "Token is not from a supported provider of this identity pool",
      "the Logins key must be a provider the pool trusts: add it to the pool (SupportedLoginProviders for " +
        "Google, Facebook, Amazon, Apple and Twitter; CognitoIdentityProviders for a user pool, keyed " +
        "cognito-idp.<region>.amazonaws.com/<userPoolId>, with the app client id the token was issued to; " +
        "OpenIdConnectProviderARNs for OIDC), or correct the key"
    ),
    // §5.6 [OBSERVED]: a developer token given to GetId.
    rule(
      "Can't pass in a Cognito token",
      "a cognito-identity.amazonaws.com token (from GetOpenIdTokenForDeveloperIdentity) is not a login for GetId: " +
        "call GetCredentialsForIdentity with the IdentityId that came with it (developerIdentity in " +
        "AwsCredentials.fromCognitoIdentityPool)"
    ),
    // §5.6 [OBSERVED]: the token's `exp` has passed.
    rule(
      "Token expired",
      "the login token has expired: get a fresh one from the identity provider (refresh the session, or sign the user in again)"
    ),
    // §5.7 [OBSERVED]: an authenticated identity asked for without one of its logins.
    rule(
      "Logins don't match",
      "this identity has linked logins, so the call must carry one of them: pass the login the user signed in " +
        "with; if the stored identity id belongs to another user or an earlier session, forget it " +
        "(CognitoIdentityCredentials.forget) and call GetId again"
    ),
    // §5.9 [OBSERVED]: a developer login under another name than the pool's.
    rule(
      "does not support the specified developer provider",
      "the Logins key must be the pool's DeveloperProviderName (set once, by CreateIdentityPool or UpdateIdentityPool)"
    )
  ]],
  ["InvalidIdentityPoolConfigurationException", [
    // §5.8 [OBSERVED]: no role for the caller (or one STS would not let Cognito assume).
    rule(
      undefined,
      "the pool has no IAM role for this caller: set one with SetIdentityPoolRoles (unauthenticated for guests, " +
        "authenticated for signed-in users, or a role mapping), and make sure its trust policy lets " +
        "cognito-identity.amazonaws.com assume it (sts:AssumeRoleWithWebIdentity, aud = this pool's id)"
    )
  ]],
  ["ResourceNotFoundException", [
    // §5.2 [OBSERVED] wording; §1.1: a pool lives in one region and account.
    rule(
      "IdentityPool '",
      "no such identity pool in this account and region: a pool lives in the region its id starts with, so check " +
        "the client's region (or leave it unset to use the id's), the account of the credentials, and that this is " +
        "an identity pool id (<region>:<uuid>), not a user pool id (<region>_<id>)"
    )
  ]],
  ["InvalidParameterException", [
    // §5.18 [OBSERVED: aws/aws-cdk#22951].
    rule(
      "is not a valid RoleMapping ProviderName or is not a configured provider",
      "a role-mapping key must be a provider the pool already has (add it with UpdateIdentityPool first); a user " +
        "pool is keyed cognito-idp.<region>.amazonaws.com/<userPoolId>:<appClientId>"
    ),
    // §5.1 [OBSERVED: aws/aws-cdk#11054].
    rule(
      "Invalid Cognito Identity Provider",
      "CognitoIdentityProviders[].ProviderName must be cognito-idp.<region>.amazonaws.com/<userPoolId> (the user " +
        "pool's issuer without https://), not the user pool id or its ARN"
    ),
    // §5.7 [INFERRED]: GetOpenIdToken with AllowClassicFlow false.
    rule(
      "Basic (classic) flow is not enabled",
      "GetOpenIdToken is the basic flow: use GetCredentialsForIdentity (the enhanced flow), or set AllowClassicFlow: true on the pool"
    )
  ]],
  ["UnrecognizedClientException", [
    // §3.4 [CORAL]: an access key or session token AWS does not know.
    rule(
      undefined,
      "AWS does not know these credentials: check which access key is in use (--profile, AWS_PROFILE, " +
        "AWS_ACCESS_KEY_ID), that a session token goes with temporary keys, and that they belong to this partition"
    )
  ]]
])

/** The hint for a service error, from its code and message; undefined when none applies. */
export const serviceHint = (code: string, message: string): string | undefined => {
  const candidates = rules.get(code)
  if (candidates === undefined) return undefined
  const lower = message.toLowerCase()
  return candidates.find((candidate) => candidate.says === undefined || lower.includes(candidate.says))?.hint
}

/**
 * A user pool id: `<region>_<id>` (`us-east-1_AbCdEf123`), the shape people paste where an
 * identity pool id (`<region>:<uuid>`, §1.1) belongs.
 */
const USER_POOL_ID = /^[a-z]{2}(?:-[a-z]+)+-\d+_[0-9A-Za-z]+$/

/** The hint for an input value that broke a rule, from the member's name and the value's shape. */
export const inputHint = (path: ReadonlyArray<PropertyKey>, actual: unknown): string | undefined => {
  const member = path[path.length - 1]
  if (member === "IdentityPoolId" && typeof actual === "string" && USER_POOL_ID.test(actual)) {
    return "this is a user pool id (<region>_<id>); IdentityPoolId takes the identity pool's id, <region>:<uuid> " +
      "(Cognito console, Identity pools, Identity pool ID)"
  }
  return undefined
}

/** The `hint` of any error that has one. */
export const hintOf = (error: unknown): string | undefined =>
  Predicate.hasProperty(error, "hint") && typeof error.hint === "string" ? error.hint : undefined
