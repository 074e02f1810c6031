/**
 * The opt-in IAM mode (`enforceIam`): calls signed with credentials the emulator issued
 * (GetCredentialsForIdentity) are allowed only as far as the policies given for their role
 * allow. Long-term account keys stay all-powerful, and the four public operations are never
 * checked: they need no credentials at all, so a caller could always drop the signature.
 *
 * The resource of a call is the identity pool it names (`IdentityPoolId`, or `ResourceArn` for
 * the tagging operations) as `arn:<partition>:cognito-identity:<region>:<account>:identitypool/<id>`;
 * operations that name no pool (CreateIdentityPool, ListIdentityPools, DescribeIdentity,
 * DeleteIdentities) are requested on `*`, as IAM does for actions without a resource type in the
 * Service Authorization Reference. The denial is AWS's `AccessDeniedException` (HTTP 400 on
 * JSON services) with AWS's wording for an assumed-role session.
 */
import * as Either from "effect/Either"
import { partitionOf } from "../../protocol/partitions.js"
import type { Policy, PolicyInput } from "./PolicyDocument.js"
import { evaluate, readPolicy } from "./PolicyDocument.js"

/** Role ARN → its identity-based policies (JSON text or parsed documents). */
export type RolePolicies = Readonly<Record<string, PolicyInput | ReadonlyArray<PolicyInput>>>

export interface AuthorizationRequest {
  readonly operation: string
  readonly accessKeyId: string
  readonly accountId: string
  readonly region: string
  /** The request's JSON body (already validated against the operation's input). */
  readonly input: unknown
}

export interface Denial {
  readonly code: "AccessDeniedException"
  readonly message: string
}

export type Authorizer = (request: AuthorizationRequest) => Denial | undefined

/** Which role a temporary access key acts as; undefined for a long-term key. */
export type RoleOfKey = (accessKeyId: string) => string | undefined

/** The role session name Cognito gives the sessions it opens. */
const SESSION_NAME = "CognitoIdentityCredentials"

const stringMember = (input: unknown, name: string): string | undefined => {
  if (typeof input !== "object" || input === null || !Object.hasOwn(input, name)) return undefined
  const value: unknown = Reflect.get(input, name)
  return typeof value === "string" ? value : undefined
}

const isList = (given: PolicyInput | ReadonlyArray<PolicyInput>): given is ReadonlyArray<PolicyInput> => Array.isArray(given)

const resourceOf = (request: AuthorizationRequest, partition: string): string => {
  const arn = stringMember(request.input, "ResourceArn")
  if (arn !== undefined) return arn
  const poolId = stringMember(request.input, "IdentityPoolId")
  return poolId === undefined
    ? "*"
    : `arn:${partition}:cognito-identity:${request.region}:${request.accountId}:identitypool/${poolId}`
}

/** `arn:aws:iam::123456789012:role/path/Name` → `arn:aws:sts::123456789012:assumed-role/Name/CognitoIdentityCredentials`. */
const sessionArn = (roleArn: string, accountId: string, partition: string): string => {
  const name = roleArn.slice(roleArn.lastIndexOf("/") + 1)
  return `arn:${partition}:sts::${accountId}:assumed-role/${name}/${SESSION_NAME}`
}

/** Checks every policy once, at start: the role and the problem of the first invalid one. */
export const compileRolePolicies = (
  rolePolicies: RolePolicies
): Either.Either<ReadonlyMap<string, ReadonlyArray<Policy>>, string> =>
  Either.gen(function*() {
    const compiled = new Map<string, ReadonlyArray<Policy>>()
    for (const [roleArn, given] of Object.entries(rolePolicies)) {
      const inputs = isList(given) ? given : [given]
      const policies: Array<Policy> = []
      for (const [index, input] of inputs.entries()) {
        const policy = readPolicy(input)
        if (Either.isLeft(policy)) {
          const which = inputs.length === 1 ? "the policy" : `policy ${index + 1}`
          return yield* Either.left(`${which} of role ${roleArn} is invalid: ${policy.left}`)
        }
        policies.push(policy.right)
      }
      compiled.set(roleArn, policies)
    }
    return compiled
  })

export const makeAuthorizer = (
  policies: () => ReadonlyMap<string, ReadonlyArray<Policy>>,
  roleOf: RoleOfKey
): Authorizer =>
(request) => {
  const roleArn = roleOf(request.accessKeyId)
  if (roleArn === undefined) return undefined
  const partition = partitionOf(request.region).name
  const action = `cognito-identity:${request.operation}`
  const resource = resourceOf(request, partition)
  // No policy for the role: nothing allows anything.
  const decision = evaluate(policies().get(roleArn) ?? [], action, resource)
  if (decision === "Allowed") return undefined
  const onResource = resource === "*" ? "" : ` on resource: ${resource}`
  const reason = decision === "ExplicitDeny"
    ? "with an explicit deny in an identity-based policy"
    : `because no identity-based policy allows the ${action} action`
  return {
    code: "AccessDeniedException",
    message: `User: ${sessionArn(roleArn, request.accountId, partition)} is not authorized to perform: ${action}${onResource} ${reason}`
  }
}
