/**
 * Login tokens in the form the emulator accepts (docs/service-behaviour.md §7), for tests that
 * sign someone in with one line. The emulator cannot check a third party's signature offline,
 * so it reads a JWT's claims (`sub`, `exp`; for a user pool also `iss` and `aud`) and takes any
 * other token as the provider's user id. These JWTs are unsecured (`alg: none`, RFC 7519 §6):
 * nothing outside the emulator accepts them.
 */
/** A login: its `Logins` key, its token, and both as a `Logins` map. */
export interface EmulatorLogin {
  readonly provider: string
  readonly token: string
  readonly logins: Readonly<Record<string, string>>
}

/** A user pool login, with the provider entry the identity pool needs to trust it. */
export interface UserPoolLogin extends EmulatorLogin {
  /** For `CognitoIdentityProviders` of CreateIdentityPool / UpdateIdentityPool. */
  readonly cognitoIdentityProvider: { readonly ProviderName: string; readonly ClientId: string }
  /** The role-mapping key of this user pool and app client (SetIdentityPoolRoles' `RoleMappings`). */
  readonly roleMappingKey: string
}

export interface TokenTimes {
  /** When the token was issued; default now (the real clock: the emulator refuses only tokens past `exp`). */
  readonly issuedAt?: Date | undefined
  /** Seconds from `issuedAt` to `exp`; default 3,600. Zero or less mints an expired token. */
  readonly expiresInSeconds?: number | undefined
}

export interface UserPoolTokenOptions extends TokenTimes {
  /** `<region>_<id>`, e.g. `us-east-1_EXAMPLE`: the region is read from it. */
  readonly userPoolId: string
  /** The app client id: the token's `aud`, which the identity pool must list for this user pool. */
  readonly clientId: string
  /** The user: the token's `sub`, which the emulator links to an identity. */
  readonly sub: string
  /** More claims (`cognito:groups`, `cognito:roles`, `cognito:preferred_role`, custom attributes); they win. */
  readonly claims?: Readonly<Record<string, unknown>> | undefined
}

export interface OpenIdTokenOptions extends TokenTimes {
  /** The Logins key: `accounts.google.com`, an OIDC provider's issuer host, ... */
  readonly provider: string
  readonly sub: string
  /** Default: none (the emulator checks `aud` for user pools only). */
  readonly aud?: string | undefined
  readonly claims?: Readonly<Record<string, unknown>> | undefined
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url")

/** An unsecured JWT: header, claims, and an empty signature. */
const unsecuredJwt = (claims: Readonly<Record<string, unknown>>): string =>
  `${base64url({ alg: "none", typ: "JWT" })}.${base64url(claims)}.`

const times = (options: TokenTimes): { readonly iat: number; readonly exp: number } => {
  const iat = Math.floor((options.issuedAt ?? new Date()).getTime() / 1000)
  return { iat, exp: iat + (options.expiresInSeconds ?? 3600) }
}

const login = (provider: string, token: string): EmulatorLogin => ({ provider, token, logins: { [provider]: token } })

export const EmulatorLogins = {
  /**
   * A Cognito user pool ID token: `iss` the user pool's issuer, `aud` the app client, `sub`,
   * `token_use: "id"`, `cognito:username`, `iat`, `exp`.
   */
  userPool: (options: UserPoolTokenOptions): UserPoolLogin => {
    const region = options.userPoolId.slice(0, Math.max(0, options.userPoolId.indexOf("_")))
    // China regions' user pools are under amazonaws.com.cn.
    const provider = `cognito-idp.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}/${options.userPoolId}`
    const { exp, iat } = times(options)
    const token = unsecuredJwt({
      iss: `https://${provider}`,
      aud: options.clientId,
      sub: options.sub,
      token_use: "id",
      "cognito:username": options.sub,
      auth_time: iat,
      iat,
      exp,
      ...options.claims
    })
    return {
      ...login(provider, token),
      cognitoIdentityProvider: { ProviderName: provider, ClientId: options.clientId },
      roleMappingKey: `${provider}:${options.clientId}`
    }
  },

  /** An OpenID Connect ID token (Google, an OIDC provider): `iss` `https://<provider>`, `sub`, `iat`, `exp`. */
  openId: (options: OpenIdTokenOptions): EmulatorLogin => {
    const { exp, iat } = times(options)
    return login(
      options.provider,
      unsecuredJwt({
        iss: `https://${options.provider}`,
        sub: options.sub,
        ...(options.aud === undefined ? {} : { aud: options.aud }),
        iat,
        exp,
        ...options.claims
      })
    )
  },

  /** An opaque token (Facebook, Amazon, Twitter access tokens): the emulator reads it as the user's id. */
  opaque: (provider: string, userId: string): EmulatorLogin => login(provider, userId)
}
