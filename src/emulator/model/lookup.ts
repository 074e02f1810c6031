/**
 * Finding what a call addresses. State is partitioned by (account, region): a pool or identity
 * of another account, or of another region than the call's, does not exist for the caller
 * (docs/service-behaviour.md §1.1 [OBSERVED] for pools, §11). Unsigned public calls carry no account; the
 * account is then the one owning the addressed pool or identity (§4 [INFERRED]).
 */
import * as Either from "effect/Either"
import type { CallContext } from "../ServiceModel.js"
import type { Result } from "./faults.js"
import { fail, identityNotFound, poolNotFound } from "./faults.js"
import type { Identity, ModelState, Pool } from "./State.js"

/**
 * The 19 signed operations always carry the account of the verified credential; the wire layer
 * guarantees it. Without one the call cannot be attributed, as for an unsigned call to an IAM
 * operation (docs/service-behaviour.md §3.4 [CORAL]).
 */
export const requireAccount = (context: CallContext): Result<string> =>
  context.accountId === undefined
    ? fail({ code: "MissingAuthenticationTokenException", message: "Missing Authentication Token" })
    : Either.right(context.accountId)

export const visibleTo = (pool: Pool, context: CallContext): boolean =>
  !pool.deleted && pool.region === context.region &&
  (context.accountId === undefined || context.accountId === pool.accountId)

export const findPool = (state: ModelState, poolId: string, context: CallContext): Result<Pool> => {
  const pool = state.pools.get(poolId)
  return pool !== undefined && visibleTo(pool, context) ? Either.right(pool) : fail(poolNotFound(poolId))
}

export const findIdentity = (state: ModelState, identityId: string, context: CallContext): Result<Identity> => {
  const identity = state.identities.get(identityId)
  return identity !== undefined && visibleTo(identity.pool, context)
    ? Either.right(identity)
    : fail(identityNotFound(identityId))
}

/** An identity of another pool is not found in this one. */
export const findIdentityInPool = (state: ModelState, pool: Pool, identityId: string): Result<Identity> => {
  const identity = state.identities.get(identityId)
  return identity !== undefined && identity.pool === pool ? Either.right(identity) : fail(identityNotFound(identityId))
}
