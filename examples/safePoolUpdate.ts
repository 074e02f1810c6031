/**
 * README safe pool updates: change one member of a pool without wiping the others, preview the
 * change first, and apply exactly what was reviewed.
 */
import { Console, Effect } from "effect"
import type { PoolConfiguration } from "effect-cognito-identity"
import { safeUpdateIdentityPool } from "effect-cognito-identity"

/** Turns guest access off; every other member (providers, developer provider, tags) stays. */
export const closeToGuests = (identityPoolId: string) =>
  safeUpdateIdentityPool({ identityPoolId, change: { AllowUnauthenticatedIdentities: false } })

/** Adds Google sign-in (a change computed from the current configuration), previewed first. */
export const addGoogle = (identityPoolId: string, clientId: string) =>
  Effect.gen(function*() {
    const change = (pool: PoolConfiguration): PoolConfiguration => ({
      ...pool,
      SupportedLoginProviders: { ...pool.SupportedLoginProviders, "accounts.google.com": clientId }
    })
    // What would change, member by member; nothing is written.
    const preview = yield* safeUpdateIdentityPool({ identityPoolId, change, dryRun: true })
    for (const { field, before, after } of preview.changes) {
      yield* Console.log(`${field}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`)
    }
    // Written only if the pool is still what was previewed (else PoolUpdateError "Changed").
    return yield* safeUpdateIdentityPool({ identityPoolId, change, expected: preview.before })
  })
