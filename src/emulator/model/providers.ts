/**
 * Which login providers a pool accepts, and under which names (docs/service-behaviour.md §5.6): the
 * SupportedLoginProviders keys, each user-pool ProviderName, the issuer host (+ path) of each
 * OIDC provider ARN, and each SAML provider ARN. Role mappings name user pools as
 * `<ProviderName>:<ClientId>` (§5.18 [DOC]).
 */
import type { PoolSettings } from "./poolSettings.js"
import { isUserPoolProviderName } from "./userPoolProviderName.js"

export { isUserPoolProviderName }

/** The provider name of the tokens this emulator issues (docs/service-behaviour.md §5.9). */
export const COGNITO_PROVIDER = "cognito-identity.amazonaws.com"

export type ProviderKind = "public" | "userPool" | "oidc" | "saml"

export interface LoginProvider {
  readonly kind: ProviderKind
  /** User pools only: the app client ids configured for it (several clients may share a pool). */
  readonly clientIds: ReadonlyArray<string>
}

export interface ProviderIndex {
  /** Logins key → provider. */
  readonly logins: ReadonlyMap<string, LoginProvider>
  readonly roleMappingKeys: ReadonlySet<string>
}

/**
 * `arn:aws:iam::<account>:oidc-provider/<host/path>` → `<host/path>`, the name clients use as the
 * Logins key. An ARN of another shape is used as it is ([EMULATOR]: any ARN-shaped string is
 * accepted, §5.1).
 */
export const oidcProviderKey = (arn: string): string => {
  const marker = ":oidc-provider/"
  const at = arn.indexOf(marker)
  return at < 0 ? arn : arn.slice(at + marker.length)
}

export const indexProviders = (settings: PoolSettings): ProviderIndex => {
  const logins = new Map<string, { kind: ProviderKind; clientIds: Array<string> }>()
  const add = (name: string, kind: ProviderKind) => {
    const existing = logins.get(name)
    if (existing !== undefined) return existing
    const provider = { kind, clientIds: [] }
    logins.set(name, provider)
    return provider
  }
  for (const name of Object.keys(settings.SupportedLoginProviders ?? {})) add(name, "public")
  for (const provider of settings.CognitoIdentityProviders ?? []) {
    if (provider.ProviderName === undefined) continue
    const entry = add(provider.ProviderName, "userPool")
    if (provider.ClientId !== undefined && !entry.clientIds.includes(provider.ClientId)) {
      entry.clientIds.push(provider.ClientId)
    }
  }
  for (const arn of settings.OpenIdConnectProviderARNs ?? []) add(oidcProviderKey(arn), "oidc")
  for (const arn of settings.SamlProviderARNs ?? []) add(arn, "saml")

  const roleMappingKeys = new Set<string>()
  for (const [name, provider] of logins) {
    if (provider.kind === "userPool" && provider.clientIds.length > 0) {
      for (const clientId of provider.clientIds) roleMappingKeys.add(`${name}:${clientId}`)
    } else {
      roleMappingKeys.add(name)
    }
  }
  return { logins, roleMappingKeys }
}
