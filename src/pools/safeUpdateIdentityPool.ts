/**
 * UpdateIdentityPool without the foot-gun. The operation replaces the whole configuration: a
 * member left out of the request is reset (providers removed, classic flow off), except
 * `DeveloperProviderName`, which the service never changes once set. A caller who wants to
 * change one member must therefore send every other one as it is, and this does that: read
 * the pool (DescribeIdentityPool), apply the change to what was read, write the result back
 * whole, and read it again to check that the pool holds what was written.
 *
 * **Concurrency.** The service offers no way to make a write conditional: the model's
 * IdentityPool has no version or ETag member, awsJson requests carry no `If-Match`, and
 * DescribeIdentityPool returns nothing that changes with each write. Its only signal is
 * `ConcurrentModificationException` ("parallel requests to modify a resource"), answered when
 * two modifications meet inside the service; this update then starts over (re-read, re-apply
 * the change to the new configuration, write), a few times with jittered backoff. Beyond that:
 *
 * - the change is applied to a configuration read one request before the write (the change is a
 *   pure function, so nothing runs in between; a second read just before writing would leave a
 *   window of the same size, one round trip);
 * - `expected` lets a caller who reviewed a change (a dry run) refuse to write when the pool is
 *   no longer what was reviewed;
 * - after writing, the pool is read back and compared, member by member.
 *
 * What remains racy, and cannot be closed from the client: another UpdateIdentityPool,
 * TagResource or UntagResource that the service completes between this update's read and its
 * write is overwritten (the last writer wins, silently: the read-back shows this update's
 * values, as it should). A write that lands between this update's write and its read-back is
 * reported as `PoolUpdateError` `Unverified`, though this update did write.
 *
 * **Tags.** What the service does with `IdentityPoolTags` left out of an update is not
 * documented: the "default value" rule would clear them (the emulator does), while tools such
 * as Terraform's provider leave them out and manage tags with TagResource/UntagResource,
 * relying on the service keeping them (moto keeps them too). So the update always sends the
 * tags it means the pool to have: the current ones, unless the change says otherwise. A change
 * function whose result has no `IdentityPoolTags` keeps the tags; to remove them all, give
 * `IdentityPoolTags: {}`.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import { describeIdentityPool, updateIdentityPool } from "../CognitoIdentity.js"
import type { DescribeIdentityPoolError } from "../operations/DescribeIdentityPool.js"
import type { UpdateIdentityPoolError } from "../operations/UpdateIdentityPool.js"
import type { OperationRequirements } from "../operationFunction.js"
import type { IdentityPool } from "../schemas/IdentityPool.js"
import type { PoolConfiguration, PoolField, PoolFieldChange } from "./poolDiff.js"
import { diffPool, POOL_FIELDS, sameFieldValue } from "./poolDiff.js"
import { PoolUpdateError } from "./PoolUpdateError.js"

type Removable = Exclude<PoolField, "IdentityPoolName" | "AllowUnauthenticatedIdentities">

/**
 * The members to change; the others stay as they are. A member given as `undefined` is
 * removed (`DeveloperProviderName` cannot be); `IdentityPoolTags` replaces the whole tag map.
 */
export type PoolPatch =
  & {
    readonly IdentityPoolName?: string
    readonly AllowUnauthenticatedIdentities?: boolean
  }
  & { readonly [K in Removable]?: PoolConfiguration[K] | undefined }

/**
 * A patch, or the whole new configuration as a function of the current one (members it leaves
 * out are removed, except `IdentityPoolTags` and `DeveloperProviderName`, which are kept).
 */
export type PoolChange = PoolPatch | ((current: PoolConfiguration) => PoolConfiguration)

export interface SafeUpdateOptions {
  readonly identityPoolId: string
  readonly change: PoolChange
  /** Compute the difference and stop: nothing is written. Default false. */
  readonly dryRun?: boolean | undefined
  /**
   * The configuration the change was reviewed against (a dry run's `before`): when the pool
   * differs from it, nothing is written (`PoolUpdateError` `Changed`, naming the members).
   */
  readonly expected?: PoolConfiguration | undefined
  /** Tries in all when the service answers ConcurrentModificationException. Default 5. */
  readonly maxConflictAttempts?: number | undefined
}

export interface SafeUpdateResult {
  readonly identityPoolId: string
  /** The configuration read before writing. */
  readonly before: PoolConfiguration
  /** The configuration written (or, for a dry run, that would be). */
  readonly after: PoolConfiguration
  /** What differs between the two, member by member; empty when the change changes nothing. */
  readonly changes: ReadonlyArray<PoolFieldChange>
  /** True when UpdateIdentityPool was sent: not for a dry run, nor for a change that changes nothing. */
  readonly written: boolean
  /** Writes that met ConcurrentModificationException and were started over. */
  readonly conflicts: number
}

export type SafeUpdateError = DescribeIdentityPoolError | UpdateIdentityPoolError | PoolUpdateError

const DEFAULT_CONFLICT_ATTEMPTS = 5
const CONFLICT_BASE_MILLIS = 200
const CONFLICT_CAP_MILLIS = 5_000

/** The configuration of a described pool, without its id and without absent members. */
export const poolConfiguration = (pool: IdentityPool): PoolConfiguration => {
  const configuration: Record<string, unknown> = {}
  for (const field of POOL_FIELDS) if (pool[field] !== undefined) configuration[field] = pool[field]
  return configuration as unknown as PoolConfiguration
}

const pick = (source: object, fields: ReadonlyArray<PoolField>): Record<string, unknown> => {
  const picked: Record<string, unknown> = {}
  for (const field of fields) if (Object.hasOwn(source, field)) picked[field] = (source as Record<string, unknown>)[field]
  return picked
}

/** The configuration `change` asks for, from `current`; fails when it touches an immutable member. */
const applyChange = (
  identityPoolId: string,
  current: PoolConfiguration,
  change: PoolChange
): Effect.Effect<PoolConfiguration, PoolUpdateError> => {
  const requested = typeof change === "function" ? pick(change(current), POOL_FIELDS) : pick(change, POOL_FIELDS)
  const merged: Record<string, unknown> = typeof change === "function"
    ? {
      ...requested,
      // Kept unless the result names them: see the module comment.
      ...(Object.hasOwn(requested, "IdentityPoolTags") ? {} : { IdentityPoolTags: current.IdentityPoolTags }),
      ...(Object.hasOwn(requested, "DeveloperProviderName") ? {} : { DeveloperProviderName: current.DeveloperProviderName })
    }
    : { ...current, ...requested }
  const developer = current.DeveloperProviderName
  if (developer !== undefined && merged["DeveloperProviderName"] !== developer) {
    return Effect.fail(
      new PoolUpdateError({
        identityPoolId,
        reason: "ImmutableField",
        fields: ["DeveloperProviderName"],
        written: false,
        message: `the developer provider name of pool ${identityPoolId} is ${developer} and cannot be changed or removed once set; nothing was sent`
      })
    )
  }
  const after: Record<string, unknown> = {}
  for (const field of POOL_FIELDS) if (merged[field] !== undefined) after[field] = merged[field]
  return Effect.succeed(after as unknown as PoolConfiguration)
}

const fieldNames = (changes: ReadonlyArray<PoolFieldChange>) => changes.map((change) => change.field)

/** One read, apply, write and read-back. */
const attempt = (options: SafeUpdateOptions, conflicts: number) =>
  Effect.gen(function*() {
    const id = options.identityPoolId
    const before = poolConfiguration(yield* describeIdentityPool({ IdentityPoolId: id }))
    if (options.expected !== undefined) {
      const moved = diffPool(options.expected, before)
      if (moved.length > 0) {
        return yield* new PoolUpdateError({
          identityPoolId: id,
          reason: "Changed",
          fields: fieldNames(moved),
          written: false,
          message: `pool ${id} changed since the update was computed (${fieldNames(moved).join(", ")}); nothing was written`
        })
      }
    }
    const after = yield* applyChange(id, before, options.change)
    const changes = diffPool(before, after)
    const result = { identityPoolId: id, before, after, changes, conflicts }
    if (options.dryRun === true || changes.length === 0) return { ...result, written: false }

    // Tags are always explicit (see the module comment); removing all of them is an empty map.
    const tags = after.IdentityPoolTags ?? (before.IdentityPoolTags === undefined ? undefined : {})
    yield* updateIdentityPool({ IdentityPoolId: id, ...after, ...(tags === undefined ? {} : { IdentityPoolTags: tags }) })

    const stored = poolConfiguration(yield* describeIdentityPool({ IdentityPoolId: id }))
    const differing = POOL_FIELDS.filter((field) =>
      // A server that does not report tags cannot contradict them.
      !(field === "IdentityPoolTags" && stored.IdentityPoolTags === undefined) &&
      !sameFieldValue(field, after[field], stored[field])
    )
    if (differing.length > 0) {
      return yield* new PoolUpdateError({
        identityPoolId: id,
        reason: "Unverified",
        fields: differing,
        written: true,
        message: `pool ${id} was updated, but reading it back shows other values for ${differing.join(", ")} ` +
          "(another writer, or a server that ignores these members)"
      })
    }
    return { ...result, written: true }
  })

/**
 * Reads the pool, applies `change`, writes the whole configuration back and verifies it (see
 * the module comment); with `dryRun`, returns the difference without writing.
 */
export const safeUpdateIdentityPool = (
  options: SafeUpdateOptions
): Effect.Effect<SafeUpdateResult, SafeUpdateError, OperationRequirements<"sigv4">> => {
  const maxAttempts = Math.max(1, Math.floor(options.maxConflictAttempts ?? DEFAULT_CONFLICT_ATTEMPTS))
  const loop = (conflicts: number): Effect.Effect<SafeUpdateResult, SafeUpdateError, OperationRequirements<"sigv4">> =>
    Effect.catchTag(attempt(options, conflicts), "ConcurrentModificationException", (error) =>
      conflicts + 1 >= maxAttempts
        ? Effect.fail(error)
        : Effect.flatMap(
          // Full jitter: uniform in [0, min(cap, base · 2^n)).
          Random.next,
          (r) =>
            Effect.zipRight(
              Effect.sleep(Duration.millis(Math.floor(r * Math.min(CONFLICT_CAP_MILLIS, CONFLICT_BASE_MILLIS * 2 ** conflicts)))),
              loop(conflicts + 1)
            )
        ))
  return loop(0)
}
