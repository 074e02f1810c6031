/**
 * LookupDeveloperIdentity, MergeDeveloperIdentities, UnlinkDeveloperIdentity
 * (docs/service-behaviour.md §5.10–5.12).
 */
import * as Either from "effect/Either"
import type {
  LookupDeveloperIdentityInput,
  LookupDeveloperIdentityOutput
} from "../../operations/LookupDeveloperIdentity.js"
import type {
  MergeDeveloperIdentitiesInput,
  MergeDeveloperIdentitiesOutput
} from "../../operations/MergeDeveloperIdentities.js"
import type {
  UnlinkDeveloperIdentityInput,
  UnlinkDeveloperIdentityOutput
} from "../../operations/UnlinkDeveloperIdentity.js"
import type { CallContext } from "../ServiceModel.js"
import type { Result } from "./faults.js"
import {
  developerUserNotFound,
  fail,
  identityNotFound,
  invalidParameter,
  Messages,
  notAuthorized,
  resourceConflict
} from "./faults.js"
import { applyPlan, planMerge, removeLinks } from "./linking.js"
import { findIdentity, findIdentityInPool, findPool, requireAccount } from "./lookup.js"
import { decodeKeyToken, encodeNextToken } from "./pagination.js"
import type { Identity, ModelState, Pool } from "./State.js"

const PAGE_LIMIT = 60

/** The developer user identifiers of an identity in code-unit order: the page order. */
const developerUsersOf = (identity: Identity): ReadonlyArray<string> =>
  (identity.links ?? []).filter((link) => link.developer).map((link) => link.user).sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0
  )

/** First index whose user sorts after `after` (binary search over the sorted list). */
const firstAfter = (users: ReadonlyArray<string>, after: string): number => {
  let low = 0
  let high = users.length
  while (low < high) {
    const middle = (low + high) >>> 1
    const user = users[middle]
    if (user !== undefined && user <= after) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * [DOC]: by DeveloperUserIdentifier → its identity; by IdentityId → the identity's developer user
 * identifiers, paginated; both → echoed when they match, else ResourceConflictException.
 * [INFERRED]: neither → InvalidParameterException; unknown user, or an identity without developer
 * users → ResourceNotFoundException. With a DeveloperUserIdentifier the list holds just that user
 * [EMULATOR: the answer to the question asked]. Pages resume after the last returned identifier,
 * so unlinks and merges between pages neither repeat nor skip a remaining identifier.
 */
export const lookupDeveloperIdentity = (
  state: ModelState,
  input: LookupDeveloperIdentityInput,
  context: CallContext
): Result<LookupDeveloperIdentityOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    const pool = yield* findPool(state, input.IdentityPoolId, context)
    const user = input.DeveloperUserIdentifier
    if (input.IdentityId === undefined && user === undefined) {
      return yield* fail(invalidParameter("Either IdentityId or DeveloperUserIdentifier must be provided."))
    }
    const named = input.IdentityId === undefined ? undefined : yield* findIdentityInPool(state, pool, input.IdentityId)
    const owner = user === undefined ? undefined : pool.developerUsers.get(user)
    let identity: Identity
    if (named !== undefined) {
      if (user !== undefined && owner !== named) {
        return yield* fail(resourceConflict("The developer user identifier is not linked to the given identity."))
      }
      identity = named
    } else if (owner !== undefined) {
      identity = owner
    } else {
      return yield* fail(developerUserNotFound(user ?? ""))
    }
    const users = user === undefined ? developerUsersOf(identity) : [user]
    if (users.length === 0) return yield* fail(identityNotFound(identity.id))

    const scope = `${pool.id}/${identity.id}`
    const after = yield* decodeKeyToken(input.NextToken, "LookupDeveloperIdentity", scope)
    const start = after === undefined ? 0 : firstAfter(users, after)
    const limit = input.MaxResults ?? PAGE_LIMIT
    const page = users.slice(start, start + limit)
    const last = page[page.length - 1]
    return {
      IdentityId: identity.id,
      DeveloperUserIdentifierList: page,
      ...(start + limit < users.length && last !== undefined
        ? { NextToken: encodeNextToken("LookupDeveloperIdentity", scope, last) }
        : {})
    }
  })

/**
 * The pool's developer provider, else the refusal used by GetOpenIdTokenForDeveloperIdentity
 * (§5.11 allows InvalidParameter or NotAuthorized [INFERRED]).
 */
const requireDeveloperProvider = (pool: Pool, name: string): Result<string> =>
  pool.settings.DeveloperProviderName === name
    ? Either.right(name)
    : fail(notAuthorized(Messages.developerProviderNotSupported))

/**
 * Moves the source user — and, like an implicit merge, every other link of its identity — to the
 * destination's identity and disables the source identity (§5.11 [INFERRED]). Two different
 * users of one public provider, or more than 20 links, → ResourceConflictException; the same
 * identity on both sides → success, no change.
 */
export const mergeDeveloperIdentities = (
  state: ModelState,
  input: MergeDeveloperIdentitiesInput,
  context: CallContext
): Result<MergeDeveloperIdentitiesOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    const pool = yield* findPool(state, input.IdentityPoolId, context)
    yield* requireDeveloperProvider(pool, input.DeveloperProviderName)
    const source = pool.developerUsers.get(input.SourceUserIdentifier)
    if (source === undefined) return yield* fail(developerUserNotFound(input.SourceUserIdentifier))
    const destination = pool.developerUsers.get(input.DestinationUserIdentifier)
    if (destination === undefined) return yield* fail(developerUserNotFound(input.DestinationUserIdentifier))
    if (source === destination) return { IdentityId: destination.id }
    const plan = yield* planMerge(pool, destination, [source], [])
    const owner = yield* applyPlan(state, plan, context.now)
    return { IdentityId: owner.id }
  })

/**
 * Unlinks one developer user (§5.12 [DOC]). A mismatch of identity, pool, provider or user →
 * ResourceConflictException and nothing changes [INFERRED]. Unlinking the last link leaves the
 * identity inaccessible, not deleted (§6.5).
 */
export const unlinkDeveloperIdentity = (
  state: ModelState,
  input: UnlinkDeveloperIdentityInput,
  context: CallContext
): Result<UnlinkDeveloperIdentityOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    const pool = yield* findPool(state, input.IdentityPoolId, context)
    const identity = yield* findIdentity(state, input.IdentityId, context)
    if (
      identity.pool !== pool ||
      pool.settings.DeveloperProviderName !== input.DeveloperProviderName ||
      pool.developerUsers.get(input.DeveloperUserIdentifier) !== identity
    ) {
      return yield* fail(
        resourceConflict("The developer user identifier is not linked to this identity with this developer provider.")
      )
    }
    const user = input.DeveloperUserIdentifier
    removeLinks(state, identity, (link) => link.developer && link.user === user, context.now)
  })
