import * as Schema from "effect/Schema"
import type { Mode } from "./Constraint.js"
import { list, map } from "./Constraint.js"
import {
  ARNString,
  Boolean,
  CognitoIdentityProviderClientId,
  CognitoIdentityProviderName,
  DeveloperProviderName,
  IdentityPoolId,
  IdentityPoolName,
  IdentityProviderId,
  IdentityProviderName
} from "./Primitives.js"
import { IdentityPoolTagsType } from "./Tags.js"

const cognitoIdentityProviderFields = (mode: Mode) => ({
  ProviderName: Schema.optional(CognitoIdentityProviderName(mode)),
  ClientId: Schema.optional(CognitoIdentityProviderClientId(mode)),
  ServerSideTokenCheck: Schema.optional(Boolean(mode))
})

/** An Amazon Cognito user pool and app client that the identity pool trusts. */
export const CognitoIdentityProvider = (mode: Mode) => Schema.Struct(cognitoIdentityProviderFields(mode))
export interface CognitoIdentityProvider extends Schema.Schema.Type<ReturnType<typeof CognitoIdentityProvider>> {}

// `/*#__PURE__*/`: a shape is built on first use, so naming one has no effect, and a bundle
// drops the shapes that none of the operations it keeps uses.
/** IdentityProviders: provider domain (graph.facebook.com, ...) → app id, at most 10. */
export const IdentityProviders = /*#__PURE__*/ map(IdentityProviderName, IdentityProviderId, { max: 10 })

/** The members of an identity pool (CreateIdentityPool input, minus the id). */
export const identityPoolSettings = (mode: Mode) => ({
  IdentityPoolName: IdentityPoolName(mode),
  AllowUnauthenticatedIdentities: Boolean(mode),
  AllowClassicFlow: Schema.optional(Boolean(mode)),
  SupportedLoginProviders: Schema.optional(IdentityProviders(mode)),
  DeveloperProviderName: Schema.optional(DeveloperProviderName(mode)),
  OpenIdConnectProviderARNs: Schema.optional(list(ARNString)(mode)),
  CognitoIdentityProviders: Schema.optional(list(CognitoIdentityProvider)(mode)),
  SamlProviderARNs: Schema.optional(list(ARNString)(mode)),
  IdentityPoolTags: Schema.optional(IdentityPoolTagsType(mode))
})

/** IdentityPool: the input of UpdateIdentityPool and the output of Create/Describe/Update. */
export const IdentityPool = (mode: Mode) =>
  Schema.Struct({ IdentityPoolId: IdentityPoolId(mode), ...identityPoolSettings(mode) })
export interface IdentityPool extends Schema.Schema.Type<ReturnType<typeof IdentityPool>> {}

/** IdentityPoolShortDescription: an item of ListIdentityPools. */
export const IdentityPoolShortDescription = (mode: Mode) =>
  Schema.Struct({
    IdentityPoolId: Schema.optional(IdentityPoolId(mode)),
    IdentityPoolName: Schema.optional(IdentityPoolName(mode))
  })
export interface IdentityPoolShortDescription
  extends Schema.Schema.Type<ReturnType<typeof IdentityPoolShortDescription>>
{}
