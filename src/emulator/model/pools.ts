/**
 * CreateIdentityPool, DescribeIdentityPool, UpdateIdentityPool, DeleteIdentityPool,
 * ListIdentityPools (docs/service-behaviour.md §5.1–5.5).
 */
import * as Either from "effect/Either"
import type { CreateIdentityPoolInput, CreateIdentityPoolOutput } from "../../operations/CreateIdentityPool.js"
import type { DeleteIdentityPoolInput, DeleteIdentityPoolOutput } from "../../operations/DeleteIdentityPool.js"
import type { DescribeIdentityPoolInput, DescribeIdentityPoolOutput } from "../../operations/DescribeIdentityPool.js"
import type { ListIdentityPoolsInput, ListIdentityPoolsOutput } from "../../operations/ListIdentityPools.js"
import type { UpdateIdentityPoolInput, UpdateIdentityPoolOutput } from "../../operations/UpdateIdentityPool.js"
import type { CallContext } from "../ServiceModel.js"
import type { Result } from "./faults.js"
import { fail, invalidParameter, limitExceeded } from "./faults.js"
import { allocateId } from "./linking.js"
import { findPool, requireAccount } from "./lookup.js"
import { decodeSequenceToken, encodeNextToken } from "./pagination.js"
import type { PoolSettings } from "./poolSettings.js"
import { copySettings, settingsFromInput, validateSettings } from "./poolSettings.js"
import type { ModelState, Pool } from "./State.js"
import { configurePool, IdentityFlags, makePool, partitionKey, partitionOf } from "./State.js"
import { tagsFrom, validateTags } from "./tags.js"

/** The stored structure, optional members absent when unset, IdentityPoolTags always present (§2 [OBSERVED]). */
export const describePool = (pool: Pool): CreateIdentityPoolOutput => ({
  IdentityPoolId: pool.id,
  ...copySettings(pool.settings),
  IdentityPoolTags: Object.fromEntries(pool.tags)
})

/**
 * Adds a pool to (account, region) within the quota: 1,000 per account and region, not
 * adjustable [DOC]; the 1,001st → LimitExceededException [INFERRED] (§5.1).
 */
export const addPool = (
  state: ModelState,
  accountId: string,
  region: string,
  settings: PoolSettings,
  tags: Map<string, string>
): Result<Pool> =>
  Either.gen(function*() {
    const partition = partitionOf(state, accountId, region)
    if (partition.pools.liveCount >= state.poolQuota) {
      return yield* fail(
        limitExceeded(`You have reached the limit of ${state.poolQuota} identity pools for this account in this region.`)
      )
    }
    const id = yield* allocateId(state.randomId, region, state.pools)
    const pool = partition.pools.append((seq) => makePool({ id, accountId, region, seq, settings, tags }))
    state.pools.set(id, pool)
    state.changes.pool(pool)
    return pool
  })

export const createIdentityPool = (
  state: ModelState,
  input: CreateIdentityPoolInput,
  context: CallContext
): Result<CreateIdentityPoolOutput> =>
  Either.gen(function*() {
    const accountId = yield* requireAccount(context)
    const settings = settingsFromInput(input, input.DeveloperProviderName)
    yield* validateSettings(settings)
    const tags = tagsFrom(input.IdentityPoolTags)
    yield* validateTags(tags)
    const pool = yield* addPool(state, accountId, context.region, settings, tags)
    return describePool(pool)
  })

export const describeIdentityPool = (
  state: ModelState,
  input: DescribeIdentityPoolInput,
  context: CallContext
): Result<DescribeIdentityPoolOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    return describePool(yield* findPool(state, input.IdentityPoolId, context))
  })

/**
 * Full replacement (§5.3 [DOC + OBSERVED]): omitted optional members are removed — including
 * IdentityPoolTags, which the "default value" rule clears ([INFERRED, low confidence] in §5.3).
 * Exception: DeveloperProviderName is kept when omitted and cannot be changed once set; a
 * different value is refused with InvalidParameterException (code undocumented; §5.3 accepts
 * InvalidParameter/ResourceConflict/NotAuthorized — a bad parameter fits best [INFERRED]).
 * Roles, role mappings and principal-tag maps are not part of the structure and stay (§5.3).
 */
export const updateIdentityPool = (
  state: ModelState,
  input: UpdateIdentityPoolInput,
  context: CallContext
): Result<UpdateIdentityPoolOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    const pool = yield* findPool(state, input.IdentityPoolId, context)
    const current = pool.settings.DeveloperProviderName
    if (current !== undefined && input.DeveloperProviderName !== undefined && input.DeveloperProviderName !== current) {
      return yield* fail(invalidParameter("The developer provider name of an identity pool cannot be changed once set."))
    }
    const settings = settingsFromInput(input, input.DeveloperProviderName ?? current)
    yield* validateSettings(settings)
    const tags = tagsFrom(input.IdentityPoolTags)
    yield* validateTags(tags)
    configurePool(pool, settings)
    pool.tags = tags
    state.changes.pool(pool)
    return describePool(pool)
  })

/** Deletes the pool and everything in it (§5.4 [DOC]): identities, login indexes, roles, tags. */
export const removePool = (state: ModelState, pool: Pool): void => {
  for (const identity of pool.identities.live()) {
    identity.flags |= IdentityFlags.Deleted
    state.identities.delete(identity.id)
  }
  pool.identities.compact()
  pool.logins.clear()
  pool.developerUsers.clear()
  pool.roles.clear()
  pool.roleMappings.clear()
  pool.principalTagMaps.clear()
  pool.tags.clear()
  pool.deleted = true
  state.pools.delete(pool.id)
  state.partitions.get(partitionKey(pool.accountId, pool.region))?.pools.released()
  state.changes.pool(pool)
}

export const deleteIdentityPool = (
  state: ModelState,
  input: DeleteIdentityPoolInput,
  context: CallContext
): Result<DeleteIdentityPoolOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    removePool(state, yield* findPool(state, input.IdentityPoolId, context))
  })

/** `{IdentityPoolId, IdentityPoolName}` in creation order [EMULATOR], NextToken while more remain (§5.5). */
export const listIdentityPools = (
  state: ModelState,
  input: ListIdentityPoolsInput,
  context: CallContext
): Result<ListIdentityPoolsOutput> =>
  Either.gen(function*() {
    const accountId = yield* requireAccount(context)
    const scope = partitionKey(accountId, context.region)
    const after = yield* decodeSequenceToken(input.NextToken, "ListIdentityPools", scope)
    const partition = state.partitions.get(scope)
    const page = partition === undefined
      ? { items: [], more: false }
      : partition.pools.page(after, input.MaxResults, () => true)
    const last = page.items[page.items.length - 1]
    return {
      IdentityPools: page.items.map((pool) => ({ IdentityPoolId: pool.id, IdentityPoolName: pool.settings.IdentityPoolName })),
      ...(page.more && last !== undefined ? { NextToken: encodeNextToken("ListIdentityPools", scope, last.seq) } : {})
    }
  })
