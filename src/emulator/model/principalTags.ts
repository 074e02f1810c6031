/**
 * SetPrincipalTagAttributeMap / GetPrincipalTagAttributeMap (docs/service-behaviour.md §5.19): a per
 * (pool, provider) map of principal tag → token claim, or UseDefaults.
 */
import * as Either from "effect/Either"
import type {
  GetPrincipalTagAttributeMapInput,
  GetPrincipalTagAttributeMapOutput
} from "../../operations/GetPrincipalTagAttributeMap.js"
import type {
  SetPrincipalTagAttributeMapInput,
  SetPrincipalTagAttributeMapOutput
} from "../../operations/SetPrincipalTagAttributeMap.js"
import type { CallContext } from "../ServiceModel.js"
import type { Result } from "./faults.js"
import { fail, invalidParameter } from "./faults.js"
import { findPool, requireAccount } from "./lookup.js"
import type { ModelState, Pool } from "./State.js"

/** A provider the pool does not accept logins from → InvalidParameterException (§5.19 [INFERRED]). */
const configuredProvider = (pool: Pool, provider: string): Result<string> =>
  pool.providers.logins.has(provider)
    ? Either.right(provider)
    : fail(invalidParameter(`${provider} is not a configured identity provider of this identity pool.`))

/** Echoes what is stored: UseDefaults false and no tags when the caller sent none. */
export const setPrincipalTagAttributeMap = (
  state: ModelState,
  input: SetPrincipalTagAttributeMapInput,
  context: CallContext
): Result<SetPrincipalTagAttributeMapOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    const pool = yield* findPool(state, input.IdentityPoolId, context)
    const provider = yield* configuredProvider(pool, input.IdentityProviderName)
    const stored = { useDefaults: input.UseDefaults ?? false, tags: new Map(Object.entries(input.PrincipalTags ?? {})) }
    pool.principalTagMaps.set(provider, stored)
    state.changes.pool(pool)
    return {
      IdentityPoolId: pool.id,
      IdentityProviderName: provider,
      UseDefaults: stored.useDefaults,
      PrincipalTags: Object.fromEntries(stored.tags)
    }
  })

/**
 * A configured provider that was never set answers `UseDefaults: false` and no PrincipalTags
 * (§5.19 [INFERRED, low confidence]); with UseDefaults the stored tags are returned and no
 * defaults are synthesised (§5.19 [EMULATOR]).
 */
export const getPrincipalTagAttributeMap = (
  state: ModelState,
  input: GetPrincipalTagAttributeMapInput,
  context: CallContext
): Result<GetPrincipalTagAttributeMapOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    const pool = yield* findPool(state, input.IdentityPoolId, context)
    const provider = yield* configuredProvider(pool, input.IdentityProviderName)
    const stored = pool.principalTagMaps.get(provider)
    return {
      IdentityPoolId: pool.id,
      IdentityProviderName: provider,
      UseDefaults: stored?.useDefaults ?? false,
      ...(stored === undefined ? {} : { PrincipalTags: Object.fromEntries(stored.tags) })
    }
  })
