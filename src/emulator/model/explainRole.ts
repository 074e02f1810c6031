/**
 * The role GetCredentialsForIdentity would assume for a pool and a set of logins, without an
 * identity: the same checks and the same resolution (docs/service-behaviour.md §5.6, §5.8, §8),
 * for test authors who want to know, or to be told why there is none. Nothing is linked,
 * created or counted.
 */
import * as Either from "effect/Either"
import type { Result } from "./faults.js"
import { fail, Messages, notAuthorized, poolNotFound } from "./faults.js"
import type { LoginsInput, ResolvedLogin } from "./loginTokens.js"
import { resolveLogin, reveal } from "./loginTokens.js"
import { COGNITO_PROVIDER } from "./providers.js"
import { resolveRole } from "./roleResolution.js"
import type { ModelState } from "./State.js"

export interface RoleQuery {
  readonly identityPoolId: string
  /**
   * Omitted or empty: a guest. Third-party logins as the emulator reads them (§7); the pool's
   * developer provider (or `cognito-identity.amazonaws.com`) stands for a developer-authenticated
   * identity, whose role is the authenticated one (§8.2).
   */
  readonly logins?: LoginsInput | undefined
  readonly customRoleArn?: string | undefined
}

export interface ResolvedRole {
  readonly roleArn: string
  readonly authenticated: boolean
}

export const explainRole = (state: ModelState, query: RoleQuery, now: Date): Result<ResolvedRole> =>
  Either.gen(function*() {
    const pool = state.pools.get(query.identityPoolId)
    if (pool === undefined || pool.deleted) return yield* fail(poolNotFound(query.identityPoolId))
    const entries = Object.entries(query.logins ?? {})
    if (entries.length === 0) {
      if (!pool.settings.AllowUnauthenticatedIdentities) return yield* fail(notAuthorized(Messages.unauthenticatedNotSupported))
      const roleArn = yield* resolveRole(pool, { authenticated: false, logins: [] }, query.customRoleArn)
      return { roleArn, authenticated: false }
    }
    const logins: Array<ResolvedLogin> = []
    for (const [provider, token] of entries) {
      if (provider === COGNITO_PROVIDER || provider === pool.settings.DeveloperProviderName) continue
      logins.push(yield* resolveLogin(pool, provider, reveal(token), now))
    }
    const roleArn = yield* resolveRole(pool, { authenticated: true, logins }, query.customRoleArn)
    return { roleArn, authenticated: true }
  })
