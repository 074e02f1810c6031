/**
 * Shared fixtures for the model tests: inputs are built by decoding wire JSON with the
 * operation's own input schema (exactly what the wire layer hands the model), and every output
 * is encoded with the operation's output schema and decoded back (so each test also proves the
 * wire layer can encode what the model answers).
 */
import { Either, Redacted, Schema } from "effect"
import { makeJwtSigner } from "../../../src/emulator/Jwt.js"
import type { EmulatedServiceModel, ServiceModelOptions } from "../../../src/emulator/makeServiceModel.js"
import { makeServiceModel } from "../../../src/emulator/makeServiceModel.js"
import type { CallContext, ServiceFault } from "../../../src/emulator/ServiceModel.js"
import * as Ops from "../../../src/operations/index.js"
import type { AnyOperation } from "../../../src/protocol/Operation.js"

export const operations = {
  CreateIdentityPool: Ops.CreateIdentityPool,
  DeleteIdentities: Ops.DeleteIdentities,
  DeleteIdentityPool: Ops.DeleteIdentityPool,
  DescribeIdentity: Ops.DescribeIdentity,
  DescribeIdentityPool: Ops.DescribeIdentityPool,
  GetCredentialsForIdentity: Ops.GetCredentialsForIdentity,
  GetId: Ops.GetId,
  GetIdentityPoolRoles: Ops.GetIdentityPoolRoles,
  GetOpenIdToken: Ops.GetOpenIdToken,
  GetOpenIdTokenForDeveloperIdentity: Ops.GetOpenIdTokenForDeveloperIdentity,
  GetPrincipalTagAttributeMap: Ops.GetPrincipalTagAttributeMap,
  ListIdentities: Ops.ListIdentities,
  ListIdentityPools: Ops.ListIdentityPools,
  ListTagsForResource: Ops.ListTagsForResource,
  LookupDeveloperIdentity: Ops.LookupDeveloperIdentity,
  MergeDeveloperIdentities: Ops.MergeDeveloperIdentities,
  SetIdentityPoolRoles: Ops.SetIdentityPoolRoles,
  SetPrincipalTagAttributeMap: Ops.SetPrincipalTagAttributeMap,
  TagResource: Ops.TagResource,
  UnlinkDeveloperIdentity: Ops.UnlinkDeveloperIdentity,
  UnlinkIdentity: Ops.UnlinkIdentity,
  UntagResource: Ops.UntagResource,
  UpdateIdentityPool: Ops.UpdateIdentityPool
} as const

export type OperationName = keyof typeof operations
export type OutputOf<N extends OperationName> = Schema.Schema.Type<(typeof operations)[N]["output"]>

import { ACCOUNT, NOW, NOW_SECONDS, REGION } from "../../support/fixtures.js"

export { ACCOUNT, NOW, NOW_SECONDS, OTHER_ACCOUNT, OTHER_REGION, REGION } from "../../support/fixtures.js"

export const USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123"
export const CLIENT_ID = "clientabc123"
export const DEVELOPER = "login.example.app"
export const OIDC_ARN = "arn:aws:iam::123456789012:oidc-provider/oidc.example.com/tenant"
export const SAML_ARN = "arn:aws:iam::123456789012:saml-provider/ExampleIdP"
export const AUTH_ROLE = "arn:aws:iam::123456789012:role/Cognito_Auth"
export const UNAUTH_ROLE = "arn:aws:iam::123456789012:role/Cognito_Unauth"

/** One RSA key for the whole test run: generating one per model would cost ~100 ms each. */
export const JWT = makeJwtSigner()

/** uuid v4 strings 00000000-0000-4000-8000-<n in hex>, n = 0, 1, 2, ... */
export const uuidFor = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`
export const sequentialIds = (): () => string => {
  let next = 0
  return () => uuidFor(next++)
}

export const newModel = (options: ServiceModelOptions = {}): EmulatedServiceModel =>
  makeServiceModel({ jwt: JWT, randomId: sequentialIds(), ...options })

export const signed = (overrides: Partial<CallContext> = {}): CallContext => ({
  accountId: ACCOUNT,
  region: REGION,
  now: NOW,
  ...overrides
})

export const unsigned = (overrides: Partial<CallContext> = {}): CallContext => ({
  accountId: undefined,
  region: REGION,
  now: NOW,
  ...overrides
})

export const later = (seconds: number): Date => new Date(NOW.getTime() + seconds * 1000)

/** Decodes `wire` with the input schema, runs the operation, round-trips the output. */
export const call = <N extends OperationName>(
  model: EmulatedServiceModel,
  name: N,
  wire: object,
  context: CallContext = signed()
): Either.Either<OutputOf<N>, ServiceFault> => {
  const operation: AnyOperation = operations[name]
  const input: unknown = Schema.decodeUnknownSync(operation.input)(wire)
  return Either.map(model.handle(name, input, context), (raw): OutputOf<N> => {
    const encoded: unknown = Schema.encodeUnknownSync(operation.output)(raw)
    return Schema.decodeUnknownSync(operation.output)(encoded) as OutputOf<N>
  })
}

/** The raw value the model returned (to check which members are present). */
export const raw = (model: EmulatedServiceModel, name: OperationName, wire: object, context: CallContext = signed()) => {
  const operation: AnyOperation = operations[name]
  return model.handle(name, Schema.decodeUnknownSync(operation.input)(wire), context)
}

export const ok = <A>(result: Either.Either<A, ServiceFault>): A => {
  if (Either.isLeft(result)) throw new Error(`expected success, got ${result.left.code}: ${result.left.message}`)
  return result.right
}

export const failure = <A>(result: Either.Either<A, ServiceFault>): ServiceFault => {
  if (Either.isRight(result)) throw new Error(`expected a fault, got ${JSON.stringify(result.right)}`)
  return result.left
}

export const poolWire = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  IdentityPoolName: "MyPool",
  AllowUnauthenticatedIdentities: true,
  SupportedLoginProviders: { "graph.facebook.com": "7346241598935555", "accounts.google.com": "google-app-id" },
  DeveloperProviderName: DEVELOPER,
  OpenIdConnectProviderARNs: [OIDC_ARN],
  CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: CLIENT_ID, ServerSideTokenCheck: false }],
  SamlProviderARNs: [SAML_ARN],
  ...overrides
})

export const createPool = (
  model: EmulatedServiceModel,
  overrides: Record<string, unknown> = {},
  context: CallContext = signed()
): string => {
  const id = ok(call(model, "CreateIdentityPool", poolWire(overrides), context)).IdentityPoolId
  return id
}

export const setRoles = (model: EmulatedServiceModel, poolId: string, extra: Record<string, unknown> = {}): void => {
  ok(call(model, "SetIdentityPoolRoles", {
    IdentityPoolId: poolId,
    Roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE },
    ...extra
  }))
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url")

/** A third-party JWT (unsigned in any meaningful way: the emulator reads it without verifying). */
export const thirdPartyJwt = (claims: Record<string, unknown>): string =>
  `${b64({ alg: "RS256", kid: "third-party" })}.${b64(claims)}.c2lnbmF0dXJl`

/** A user-pool ID token for USER_POOL / CLIENT_ID. */
export const userPoolToken = (claims: Record<string, unknown> = {}): string =>
  thirdPartyJwt({
    iss: `https://${USER_POOL}`,
    aud: CLIENT_ID,
    sub: "up-user-1",
    token_use: "id",
    iat: NOW_SECONDS - 60,
    exp: NOW_SECONDS + 3600,
    ...claims
  })

export const getId = (
  model: EmulatedServiceModel,
  poolId: string,
  logins?: Record<string, string>,
  context: CallContext = unsigned()
): string => {
  const id = ok(call(model, "GetId", { IdentityPoolId: poolId, ...(logins === undefined ? {} : { Logins: logins }) }, context))
    .IdentityId
  if (id === undefined) throw new Error("GetId answered no IdentityId")
  return id
}

export const developerToken = (
  model: EmulatedServiceModel,
  poolId: string,
  user: string,
  extra: Record<string, unknown> = {}
): { readonly identityId: string; readonly token: string } => {
  const out = ok(call(model, "GetOpenIdTokenForDeveloperIdentity", {
    IdentityPoolId: poolId,
    Logins: { [DEVELOPER]: user },
    ...extra
  }))
  if (out.IdentityId === undefined || out.Token === undefined) throw new Error("no identity or token")
  return { identityId: out.IdentityId, token: Redacted.value(out.Token) }
}

export const describeIdentity = (model: EmulatedServiceModel, identityId: string) =>
  ok(call(model, "DescribeIdentity", { IdentityId: identityId }))

/** Every identity of a pool, following NextToken. */
export const listAll = (
  model: EmulatedServiceModel,
  poolId: string,
  maxResults = 60,
  extra: Record<string, unknown> = {}
): ReadonlyArray<string> => {
  const ids: Array<string> = []
  let token: string | undefined
  do {
    const page = ok(call(model, "ListIdentities", {
      IdentityPoolId: poolId,
      MaxResults: maxResults,
      ...(token === undefined ? {} : { NextToken: token }),
      ...extra
    }))
    const identities = page.Identities ?? []
    if (identities.length > maxResults) throw new Error("page larger than MaxResults")
    for (const identity of identities) ids.push(identity.IdentityId ?? "")
    token = page.NextToken
  } while (token !== undefined)
  return ids
}

export const claimsOf = (token: string): Record<string, unknown> => {
  const verified = JWT.verify(token, NOW)
  if (verified._tag === "Invalid") throw new Error(`token does not verify: ${verified.reason}`)
  return verified.claims
}
