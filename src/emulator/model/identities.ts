/**
 * GetId, DescribeIdentity, ListIdentities, DeleteIdentities (docs/service-behaviour.md §5.6, §5.14–5.16).
 */
import * as Either from "effect/Either"
import type { DeleteIdentitiesInput, DeleteIdentitiesOutput } from "../../operations/DeleteIdentities.js"
import type { DescribeIdentityInput, DescribeIdentityOutput } from "../../operations/DescribeIdentity.js"
import type { GetIdInput, GetIdOutput } from "../../operations/GetId.js"
import type { ListIdentitiesInput, ListIdentitiesOutput } from "../../operations/ListIdentities.js"
import type { CallContext } from "../ServiceModel.js"
import type { Result } from "./faults.js"
import { fail, Messages, notAuthorized } from "./faults.js"
import { addIdentity, applyPlan, deleteIdentity, planLinks } from "./linking.js"
import { asLink, resolveLogin, reveal } from "./loginTokens.js"
import { findIdentity, findPool, requireAccount, visibleTo } from "./lookup.js"
import { decodeSequenceToken, encodeNextToken } from "./pagination.js"
import { COGNITO_PROVIDER } from "./providers.js"
import type { Identity, Link, ModelState } from "./State.js"
import { isDisabled } from "./State.js"

/**
 * `{IdentityId, Logins, CreationDate, LastModifiedDate}`; Logins are provider names only, a
 * developer-authenticated identity lists its developer provider name (§1.2 [INFERRED: yes]).
 * Unauthenticated identities have no Logins member (unset members are omitted, §2).
 */
export const describe = (identity: Identity): DescribeIdentityOutput => {
  const providers = [...new Set((identity.links ?? []).map((link) => link.provider))]
  return {
    IdentityId: identity.id,
    ...(providers.length === 0 ? {} : { Logins: providers }),
    CreationDate: new Date(identity.created),
    LastModifiedDate: new Date(identity.modified)
  }
}

/**
 * Without Logins: a new unauthenticated identity on every call, if the pool allows them
 * (§5.6 [DOC + OBSERVED]). With Logins: the identity of those logins (same login ⇒ same id),
 * a new one if none is known, several owners merged (§5.6 [INFERRED]). The developer provider
 * is not a login provider here ("Token is not from a supported provider"), and Cognito tokens are
 * refused (§5.6 [DOC/OBSERVED]).
 */
export const getId = (state: ModelState, input: GetIdInput, context: CallContext): Result<GetIdOutput> =>
  Either.gen(function*() {
    const pool = yield* findPool(state, input.IdentityPoolId, context)
    const entries = Object.entries(input.Logins ?? {})
    if (entries.length === 0) {
      if (!pool.settings.AllowUnauthenticatedIdentities) {
        return yield* fail(notAuthorized(Messages.unauthenticatedNotSupported))
      }
      const identity = yield* addIdentity(state, pool, { created: context.now.getTime(), flags: 0 })
      return { IdentityId: identity.id }
    }
    const links: Array<Link> = []
    for (const [provider, token] of entries) {
      if (provider === COGNITO_PROVIDER) return yield* fail(notAuthorized(Messages.cognitoToken))
      links.push(asLink(yield* resolveLogin(pool, provider, reveal(token), context.now)))
    }
    const plan = yield* planLinks(pool, undefined, links)
    const identity = yield* applyPlan(state, plan, context.now)
    return { IdentityId: identity.id }
  })

export const describeIdentity = (
  state: ModelState,
  input: DescribeIdentityInput,
  context: CallContext
): Result<DescribeIdentityOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    return describe(yield* findIdentity(state, input.IdentityId, context))
  })

const enabled = (identity: Identity): boolean => !isDisabled(identity)
const everyIdentity = (): boolean => true

/**
 * Creation order [EMULATOR], each identity exactly once across pages, stable under concurrent
 * inserts and deletes (SequenceLog); HideDisabled filters merged-away identities (§5.15).
 */
export const listIdentities = (
  state: ModelState,
  input: ListIdentitiesInput,
  context: CallContext
): Result<ListIdentitiesOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    const pool = yield* findPool(state, input.IdentityPoolId, context)
    const after = yield* decodeSequenceToken(input.NextToken, "ListIdentities", pool.id)
    const page = pool.identities.page(after, input.MaxResults, input.HideDisabled === true ? enabled : everyIdentity)
    const last = page.items[page.items.length - 1]
    return {
      IdentityPoolId: pool.id,
      Identities: page.items.map(describe),
      ...(page.more && last !== undefined ? { NextToken: encodeNextToken("ListIdentities", pool.id, last.seq) } : {})
    }
  })

/**
 * Unknown (or already deleted) well-formed ids are not an error; ids the caller cannot touch
 * (another account or region) come back as AccessDenied; `UnprocessedIdentityIds` is always
 * present (§5.16 [INFERRED/EMULATOR]). Deleting releases the identity's logins and developer
 * users.
 */
export const deleteIdentities = (
  state: ModelState,
  input: DeleteIdentitiesInput,
  context: CallContext
): Result<DeleteIdentitiesOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    const unprocessed: Array<{ IdentityId: string; ErrorCode: "AccessDenied" }> = []
    for (const id of new Set(input.IdentityIdsToDelete)) {
      const identity = state.identities.get(id)
      if (identity === undefined) continue
      if (visibleTo(identity.pool, context)) deleteIdentity(state, identity)
      else unprocessed.push({ IdentityId: id, ErrorCode: "AccessDenied" })
    }
    return { UnprocessedIdentityIds: unprocessed }
  })
