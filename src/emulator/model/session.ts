/**
 * Authenticating a caller as a known identity — the shared first half of GetOpenIdToken,
 * GetCredentialsForIdentity and UnlinkIdentity (docs/service-behaviour.md §5.7, §5.8, §5.13):
 * - disabled (merged-away) identities get nothing (§6.4 [DOC]);
 * - no Logins: only an unauthenticated identity, and only while the pool allows
 *   unauthenticated access (§5.8 [INFERRED]);
 * - Logins: every token must be valid ("if any of the tokens fail, the whole call fails"), and
 *   an authenticated identity must be proven by at least one login already linked to it (or, for
 *   a developer-authenticated identity, a valid cognito-identity.amazonaws.com token);
 * - an identity whose logins were all unlinked is inaccessible (§6.5, §5.13 [INFERRED]);
 * - in "link" mode, new logins are linked and logins of other identities merge them in (§5.7).
 */
import * as Either from "effect/Either"
import type { Result } from "./faults.js"
import { fail, Messages, notAuthorized } from "./faults.js"
import { applyPlan, ownerOf, planLinks } from "./linking.js"
import type { LoginsInput, ResolvedLogin } from "./loginTokens.js"
import { asLink, resolveLogin, reveal, verifyCognitoToken } from "./loginTokens.js"
import { COGNITO_PROVIDER } from "./providers.js"
import type { Identity, ModelState } from "./State.js"
import { hasLinks, isDisabled, wasAuthenticated } from "./State.js"

export interface Session {
  /** The identity the caller is now (the owner, after linking). */
  readonly identity: Identity
  readonly authenticated: boolean
  /** Provider names the caller authenticated with, in Logins order (the token's `amr`). */
  readonly providers: ReadonlyArray<string>
  /** The third-party logins, for role mappings and principal tags. */
  readonly logins: ReadonlyArray<ResolvedLogin>
  /** Claims of a verified cognito-identity.amazonaws.com token (developer-authenticated). */
  readonly cognitoClaims: Readonly<Record<string, unknown>> | undefined
}

/** "link": link/merge new logins (GetOpenIdToken, GetCredentialsForIdentity). "verify": every login must already be linked (UnlinkIdentity). */
export type SessionMode = "link" | "verify"

export const openSession = (
  state: ModelState,
  identity: Identity,
  logins: LoginsInput | undefined,
  now: Date,
  mode: SessionMode
): Result<Session> =>
  Either.gen(function*() {
    if (isDisabled(identity)) return yield* fail(notAuthorized(Messages.identityDisabled(identity.id)))
    const pool = identity.pool
    const entries = Object.entries(logins ?? {})
    if (entries.length === 0) {
      if (wasAuthenticated(identity)) return yield* fail(notAuthorized(Messages.loginsDontMatch))
      if (!pool.settings.AllowUnauthenticatedIdentities) {
        return yield* fail(notAuthorized(Messages.unauthenticatedNotSupported))
      }
      return { identity, authenticated: false, providers: [], logins: [], cognitoClaims: undefined }
    }

    const resolved: Array<ResolvedLogin> = []
    const providers: Array<string> = []
    let cognitoClaims: Readonly<Record<string, unknown>> | undefined
    for (const [provider, token] of entries) {
      if (provider === COGNITO_PROVIDER) {
        cognitoClaims = yield* verifyCognitoToken(state.jwt, identity, reveal(token), now)
        providers.push(pool.settings.DeveloperProviderName ?? COGNITO_PROVIDER)
      } else {
        resolved.push(yield* resolveLogin(pool, provider, reveal(token), now))
        providers.push(provider)
      }
    }

    // Inaccessible: authenticated once, every login unlinked since.
    if (wasAuthenticated(identity) && !hasLinks(identity)) return yield* fail(notAuthorized(Messages.loginsDontMatch))
    const ownedHere = (login: ResolvedLogin) => ownerOf(pool, asLink(login)) === identity
    if (hasLinks(identity) && cognitoClaims === undefined && !resolved.some(ownedHere)) {
      return yield* fail(notAuthorized(Messages.loginsDontMatch))
    }
    if (mode === "verify") {
      if (!resolved.every(ownedHere)) return yield* fail(notAuthorized(Messages.loginsDontMatch))
      return { identity, authenticated: true, providers, logins: resolved, cognitoClaims }
    }
    const plan = yield* planLinks(pool, identity, resolved.map(asLink))
    const owner = yield* applyPlan(state, plan, now)
    return { identity: owner, authenticated: true, providers, logins: resolved, cognitoClaims }
  })
