/**
 * TagResource / UntagResource / ListTagsForResource (docs/service-behaviour.md §5.20). The tags are the same
 * data as IdentityPoolTags on Create/Describe/Update (§9 [INFERRED]).
 */
import * as Either from "effect/Either"
import type { ListTagsForResourceInput, ListTagsForResourceOutput } from "../../operations/ListTagsForResource.js"
import type { TagResourceInput, TagResourceOutput } from "../../operations/TagResource.js"
import type { UntagResourceInput, UntagResourceOutput } from "../../operations/UntagResource.js"
import type { CallContext } from "../ServiceModel.js"
import type { Result } from "./faults.js"
import { fail, invalidParameter, poolNotFound } from "./faults.js"
import { requireAccount, visibleTo } from "./lookup.js"
import type { ModelState, Pool } from "./State.js"

/** "Tags per identity pool: 50" (§12). */
export const MAX_TAGS = 50
/**
 * Allowed characters [DOC: tagging.md lists a-z, A-Z, 0-9, space and `_ . : / = + - @`]; letters,
 * digits and spaces of other scripts are allowed too, as by AWS tagging in general [EMULATOR].
 */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u

/** Over 50, `aws:` prefix, bad characters → InvalidParameterException (§5.1, §5.20 [INFERRED]). */
export const validateTags = (tags: ReadonlyMap<string, string>): Result<void> => {
  if (tags.size > MAX_TAGS) return fail(invalidParameter(`An identity pool can have at most ${MAX_TAGS} tags.`))
  for (const [key, value] of tags) {
    if (key.toLowerCase().startsWith("aws:")) {
      return fail(invalidParameter(`Tag keys starting with 'aws:' are reserved for AWS use: ${key}`))
    }
    if (!TAG_CHARACTERS.test(key) || !TAG_CHARACTERS.test(value)) {
      return fail(invalidParameter(`Tag '${key}' contains characters that are not allowed.`))
    }
  }
  return Either.void
}

export const tagsFrom = (tags: Readonly<Record<string, string>> | undefined): Map<string, string> =>
  new Map(Object.entries(tags ?? {}))

const POOL_ARN = /^arn:[\w-]+:cognito-identity:([\w-]+):(\d+):identitypool\/([\w-]+:[0-9a-f-]+)$/

/**
 * `arn:<partition>:cognito-identity:<region>:<account>:identitypool/<poolId>` (§1.1 [DOC]).
 * Not an identity-pool ARN → InvalidParameterException; a well-formed ARN of a pool the caller
 * cannot see (unknown, deleted, another account or region) → ResourceNotFoundException
 * (§5.20 [INFERRED]).
 */
export const poolFromArn = (state: ModelState, arn: string, context: CallContext): Result<Pool> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    const match = POOL_ARN.exec(arn)
    const [, region, accountId, poolId] = match ?? []
    if (region === undefined || accountId === undefined || poolId === undefined) {
      return yield* fail(invalidParameter(`${arn} is not a valid identity pool ARN.`))
    }
    const pool = state.pools.get(poolId)
    if (pool === undefined || pool.region !== region || pool.accountId !== accountId || !visibleTo(pool, context)) {
      return yield* fail(poolNotFound(poolId))
    }
    return pool
  })

export const tagResource = (
  state: ModelState,
  input: TagResourceInput,
  context: CallContext
): Result<TagResourceOutput> =>
  Either.gen(function*() {
    const pool = yield* poolFromArn(state, input.ResourceArn, context)
    const tags = new Map([...pool.tags, ...Object.entries(input.Tags)])
    yield* validateTags(tags)
    pool.tags = tags
    state.changes.pool(pool)
    return {}
  })

export const untagResource = (
  state: ModelState,
  input: UntagResourceInput,
  context: CallContext
): Result<UntagResourceOutput> =>
  Either.map(poolFromArn(state, input.ResourceArn, context), (pool) => {
    // Keys that are not set are ignored (standard AWS tagging, §5.20 [INFERRED]).
    for (const key of input.TagKeys) pool.tags.delete(key)
    state.changes.pool(pool)
    return {}
  })

export const listTagsForResource = (
  state: ModelState,
  input: ListTagsForResourceInput,
  context: CallContext
): Result<ListTagsForResourceOutput> =>
  Either.map(poolFromArn(state, input.ResourceArn, context), (pool) => ({ Tags: Object.fromEntries(pool.tags) }))
