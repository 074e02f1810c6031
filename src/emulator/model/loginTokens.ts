/**
 * Turning a Logins entry into "who is this", per the emulator's token convention
 * (docs/service-behaviour.md §7 [EMULATOR]): third-party tokens cannot be validated offline, so a non-JWT
 * token string IS the provider's user id; a JWT (read without verifying its signature) stands
 * for its `sub`, must not be expired, and — for user-pool providers — must come from the
 * configured pool (`iss`) and app client (`aud`). Tokens this emulator issued itself
 * (`cognito-identity.amazonaws.com`) are verified for real with the JwtSigner.
 */
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import type { JwtSigner } from "../Jwt.js"
import { decodeJwtUnverified } from "../Jwt.js"
import type { Result } from "./faults.js"
import { fail, Messages, notAuthorized } from "./faults.js"
import type { Identity, Link, Pool } from "./State.js"
import { hasDeveloperLink } from "./State.js"

export type LoginToken = string | Redacted.Redacted<string>
export type LoginsInput = { readonly [provider: string]: LoginToken }

export const reveal = (token: LoginToken): string => Redacted.isRedacted(token) ? Redacted.value(token) : token

export interface ResolvedLogin {
  /** The Logins key. */
  readonly provider: string
  /** The provider's user id: the opaque token itself, or a JWT's `sub`. */
  readonly user: string
  /** The JWT's claims (role mappings read them); undefined for opaque tokens. */
  readonly claims: Readonly<Record<string, unknown>> | undefined
  /** The RoleMappings key: `<ProviderName>:<ClientId>` for user pools (§5.18), else the provider. */
  readonly roleMappingKey: string
}

export const asLink = (login: ResolvedLogin): Link => ({ provider: login.provider, user: login.user, developer: false })

export const epochSeconds = (now: Date): number => Math.floor(now.getTime() / 1000)

const audiences = (claims: Readonly<Record<string, unknown>>): ReadonlyArray<string> => {
  const aud = claims["aud"]
  if (typeof aud === "string") return [aud]
  return Array.isArray(aud) ? aud.filter((value): value is string => typeof value === "string") : []
}

/**
 * Resolves a third-party login of `pool`. Checks in the order a real validator would: provider
 * configured, then issuer, audience, expiry, subject; each failure is the NotAuthorizedException
 * the service is observed to send (§5.6). A user-pool token whose `aud` is not a configured
 * client is "not from a supported provider" (the message users report for a wrong app client id,
 * amazon-cognito-identity-js#7).
 */
export const resolveLogin = (pool: Pool, provider: string, token: string, now: Date): Result<ResolvedLogin> => {
  const configured = pool.providers.logins.get(provider)
  if (configured === undefined) return fail(notAuthorized(Messages.unsupportedProvider))
  const defaultKey = configured.kind === "userPool" && configured.clientIds[0] !== undefined
    ? `${provider}:${configured.clientIds[0]}`
    : provider
  const jwt = decodeJwtUnverified(token)
  if (jwt === undefined) return Either.right({ provider, user: token, claims: undefined, roleMappingKey: defaultKey })

  const claims = jwt.claims
  let roleMappingKey = defaultKey
  if (configured.kind === "userPool") {
    if (claims["iss"] !== `https://${provider}`) return fail(notAuthorized(Messages.issuerMismatch))
    if (configured.clientIds.length > 0) {
      const aud = audiences(claims)
      if (aud.length === 0) return fail(notAuthorized(Messages.missingClaim("aud")))
      const clientId = configured.clientIds.find((id) => aud.includes(id))
      if (clientId === undefined) return fail(notAuthorized(Messages.unsupportedProvider))
      roleMappingKey = `${provider}:${clientId}`
    }
  }
  // A JWT without `exp` is accepted: the convention only refuses tokens known to be expired.
  const exp = claims["exp"]
  if (typeof exp === "number" && epochSeconds(now) >= exp) {
    return fail(notAuthorized(Messages.tokenExpired(epochSeconds(now), exp)))
  }
  const sub = claims["sub"]
  if (typeof sub !== "string" || sub.length === 0) return fail(notAuthorized(Messages.missingClaim("sub")))
  return Either.right({ provider, user: sub, claims, roleMappingKey })
}

/**
 * Verifies a `cognito-identity.amazonaws.com` token for `identity`: our signature, not expired,
 * `aud` = its pool, `sub` = the identity (docs/service-behaviour.md §7 [EMULATOR]). It authenticates only a
 * developer-authenticated identity (§5.7, §5.8): the token stands for the developer login.
 */
export const verifyCognitoToken = (
  jwt: JwtSigner,
  identity: Identity,
  token: string,
  now: Date
): Result<Readonly<Record<string, unknown>>> => {
  const verified = jwt.verify(token, now)
  if (verified._tag === "Invalid") {
    const exp = decodeJwtUnverified(token)?.claims["exp"]
    return verified.reason === "expired" && typeof exp === "number"
      ? fail(notAuthorized(Messages.tokenExpired(epochSeconds(now), exp)))
      : fail(notAuthorized(Messages.unverifiableToken))
  }
  const claims = verified.claims
  if (claims["aud"] !== identity.pool.id) return fail(notAuthorized(Messages.unverifiableToken))
  if (claims["sub"] !== identity.id || !hasDeveloperLink(identity)) return fail(notAuthorized(Messages.loginsDontMatch))
  return Either.right(claims)
}
