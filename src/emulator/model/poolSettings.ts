/**
 * The stored configuration of an identity pool: the `IdentityPool` members except the id and
 * the tags (which TagResource/UntagResource also change). Members the caller omitted stay
 * absent — never `undefined`-valued, never null — so that Create/Describe/Update echo exactly
 * what is stored (docs/service-behaviour.md §2, §5.1 [OBSERVED]).
 */
import * as Either from "effect/Either"
import type { CreateIdentityPoolInput } from "../../operations/CreateIdentityPool.js"
import type { Result } from "./faults.js"
import { fail, invalidParameter, limitExceeded } from "./faults.js"
import { isUserPoolProviderName } from "./userPoolProviderName.js"

export interface StoredCognitoProvider {
  readonly ProviderName?: string
  readonly ClientId?: string
  readonly ServerSideTokenCheck?: boolean
}

export interface PoolSettings {
  readonly IdentityPoolName: string
  readonly AllowUnauthenticatedIdentities: boolean
  readonly AllowClassicFlow?: boolean
  readonly SupportedLoginProviders?: Readonly<Record<string, string>>
  readonly DeveloperProviderName?: string
  readonly OpenIdConnectProviderARNs?: ReadonlyArray<string>
  readonly CognitoIdentityProviders?: ReadonlyArray<StoredCognitoProvider>
  readonly SamlProviderARNs?: ReadonlyArray<string>
}

/** "Amazon Cognito user pool providers per identity pool: 50" (docs/service-behaviour.md §12 [DOC]). */
export const MAX_USER_POOL_PROVIDERS = 50

type ProviderInput = NonNullable<CreateIdentityPoolInput["CognitoIdentityProviders"]>[number]

const storedProvider = (provider: ProviderInput): StoredCognitoProvider => ({
  ...(provider.ProviderName === undefined ? {} : { ProviderName: provider.ProviderName }),
  ...(provider.ClientId === undefined ? {} : { ClientId: provider.ClientId }),
  ...(provider.ServerSideTokenCheck === undefined ? {} : { ServerSideTokenCheck: provider.ServerSideTokenCheck })
})

/**
 * The stored form of a Create/Update input (the tags are handled separately).
 * `developerProviderName` is passed explicitly because UpdateIdentityPool keeps the stored
 * one when the input omits it (docs/service-behaviour.md §5.3).
 */
export const settingsFromInput = (
  input: CreateIdentityPoolInput,
  developerProviderName: string | undefined
): PoolSettings => ({
  IdentityPoolName: input.IdentityPoolName,
  AllowUnauthenticatedIdentities: input.AllowUnauthenticatedIdentities,
  ...(input.AllowClassicFlow === undefined ? {} : { AllowClassicFlow: input.AllowClassicFlow }),
  ...(input.SupportedLoginProviders === undefined
    ? {}
    : { SupportedLoginProviders: Object.fromEntries(Object.entries(input.SupportedLoginProviders)) }),
  ...(developerProviderName === undefined ? {} : { DeveloperProviderName: developerProviderName }),
  ...(input.OpenIdConnectProviderARNs === undefined
    ? {}
    : { OpenIdConnectProviderARNs: [...input.OpenIdConnectProviderARNs] }),
  ...(input.CognitoIdentityProviders === undefined
    ? {}
    : { CognitoIdentityProviders: input.CognitoIdentityProviders.map(storedProvider) }),
  ...(input.SamlProviderARNs === undefined ? {} : { SamlProviderARNs: [...input.SamlProviderARNs] })
})

/**
 * Checks beyond the model (docs/service-behaviour.md §5.1): every user-pool provider must be named
 * `cognito-idp.<region>.amazonaws.com/<userPoolId>` ([OBSERVED] message "Invalid Cognito
 * Identity Provider"), and at most 50 of them ([DOC] quota; LimitExceededException [INFERRED]).
 * The format is checked before the count. OIDC and SAML ARNs are accepted as they are
 * ([EMULATOR], §5.1).
 */
export const validateSettings = (settings: PoolSettings): Result<void> => {
  const providers = settings.CognitoIdentityProviders ?? []
  for (const provider of providers) {
    if (!isUserPoolProviderName(provider.ProviderName)) {
      return fail(invalidParameter("Invalid Cognito Identity Provider"))
    }
  }
  if (providers.length > MAX_USER_POOL_PROVIDERS) {
    return fail(
      limitExceeded(`An identity pool can have at most ${MAX_USER_POOL_PROVIDERS} Amazon Cognito user pool providers.`)
    )
  }
  return Either.void
}

/** A deep copy for output, so that callers never hold references into the model's state. */
export const copySettings = (settings: PoolSettings): PoolSettings => ({
  IdentityPoolName: settings.IdentityPoolName,
  AllowUnauthenticatedIdentities: settings.AllowUnauthenticatedIdentities,
  ...(settings.AllowClassicFlow === undefined ? {} : { AllowClassicFlow: settings.AllowClassicFlow }),
  ...(settings.SupportedLoginProviders === undefined
    ? {}
    : { SupportedLoginProviders: Object.fromEntries(Object.entries(settings.SupportedLoginProviders)) }),
  ...(settings.DeveloperProviderName === undefined ? {} : { DeveloperProviderName: settings.DeveloperProviderName }),
  ...(settings.OpenIdConnectProviderARNs === undefined
    ? {}
    : { OpenIdConnectProviderARNs: [...settings.OpenIdConnectProviderARNs] }),
  ...(settings.CognitoIdentityProviders === undefined
    ? {}
    : { CognitoIdentityProviders: settings.CognitoIdentityProviders.map((provider) => ({ ...provider })) }),
  ...(settings.SamlProviderARNs === undefined ? {} : { SamlProviderARNs: [...settings.SamlProviderARNs] })
})
