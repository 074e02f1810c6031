/**
 * The identities a purge chooses, read with the export's listing (`exportIdentityPagesWith`:
 * the same retries, pagination guard, attempt timeout and rate limit), filtered by the
 * selection.
 *
 * `disabled` cannot be read from a record: ListIdentities does not say whether an identity is
 * disabled, it can only leave disabled ones out (`HideDisabled`). So, pool by pool, the
 * candidates of the full listing are kept in memory, then the pool is listed again without
 * its disabled identities, and every candidate seen in that second listing is dropped: what
 * remains is disabled. The order matters: an identity created between the two listings is
 * not a candidate (it was not in the first), whereas listing the enabled ones first would
 * take a new identity for a disabled one. Memory grows with one pool's candidates (a few
 * hundred bytes each), not with the number of identities examined.
 */
import type { Scope } from "effect"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { ExportError } from "../export/exportIdentities.js"
import { exportIdentityPagesWith } from "../export/exportIdentities.js"
import type { ExportRetryOptions } from "../export/exportRetry.js"
import { resolveExportRetryPolicy } from "../export/exportRetry.js"
import type { IdentityRecord } from "../export/IdentityRecord.js"
import type { RequestLimit } from "../export/requestLimit.js"
import { makeRequestLimit } from "../export/requestLimit.js"
import type { RetryPolicyService } from "../layers/RetryPolicy.js"
import type { OperationRequirements } from "../operationFunction.js"
import type { PurgeSelection } from "./PurgeSelection.js"
import { cutoffOf, meetsRecordCriteria } from "./PurgeSelection.js"

export interface SelectOptions {
  /** The pools to look in, or "all" pools of the account in the client's region. */
  readonly pools: "all" | ReadonlyArray<string>
  readonly selection: PurgeSelection
  /** ListIdentities page size, 1..60. Default 60. */
  readonly pageSize?: number | undefined
  /** Requests per second for the whole job. Default: no limit. */
  readonly requestsPerSecond?: number | undefined
  /** How requests are retried: as an export's (`exportRetry.ts`). */
  readonly retry?: ExportRetryOptions | undefined
  /** Limit on each attempt when the client has none. Default 30 seconds. */
  readonly attemptTimeout?: Duration.DurationInput | undefined
}

/** What one step of the selection examined and chose. */
export interface SelectionStep {
  readonly poolId: string
  /** The chosen identities (with `Disabled: true` when the selection asked for disabled ones). */
  readonly records: ReadonlyArray<IdentityRecord>
  /** Identities examined. */
  readonly listed: number
  /** ListIdentities pages read. */
  readonly pages: number
}

const listingOptions = (options: SelectOptions, pools: "all" | ReadonlyArray<string>, hideDisabled: boolean) => ({
  pools,
  hideDisabled,
  pageSize: options.pageSize,
  attemptTimeout: options.attemptTimeout
})

/** Drops from `candidates` (one pool's) every identity the pool lists as enabled; the rest are disabled. */
const disabledAmong = (
  options: SelectOptions,
  policy: RetryPolicyService,
  limit: RequestLimit,
  poolId: string,
  steps: Chunk.Chunk<SelectionStep>
) =>
  Effect.gen(function*() {
    const candidates = new Map<string, IdentityRecord>()
    let listed = 0
    let pages = 0
    for (const step of steps) {
      listed += step.listed
      pages += step.pages
      for (const record of step.records) candidates.set(record.IdentityId, record)
    }
    if (candidates.size > 0) {
      yield* exportIdentityPagesWith(listingOptions(options, [poolId], true), policy, limit).pipe(
        Stream.runForEach((page) =>
          Effect.sync(() => {
            pages += 1
            for (const record of page.records) candidates.delete(record.IdentityId)
          })
        ),
        Effect.scoped
      )
    }
    const records = [...candidates.values()].map((record): IdentityRecord => ({ ...record, Disabled: true }))
    return { poolId, records, listed, pages }
  })

/** The selection's steps under `policy` and `limit` (shared with the rest of the job), at `now`. */
export const selectIdentityStepsWith = (
  options: SelectOptions,
  policy: RetryPolicyService,
  limit: RequestLimit,
  now: number
): Stream.Stream<SelectionStep, ExportError, OperationRequirements<"sigv4"> | Scope.Scope> => {
  const keep = meetsRecordCriteria(options.selection, cutoffOf(options.selection, now))
  const steps = Stream.map(
    exportIdentityPagesWith(listingOptions(options, options.pools, false), policy, limit),
    (page): SelectionStep => ({ poolId: page.poolId, records: page.records.filter(keep), listed: page.records.length, pages: 1 })
  )
  if (options.selection.disabled !== true) return steps
  return steps.pipe(
    Stream.groupAdjacentBy((step) => step.poolId),
    Stream.mapEffect(([poolId, group]) => disabledAmong(options, policy, limit, poolId, group))
  )
}

/**
 * The identities `options.selection` chooses, pool after pool. Read everything before deleting
 * anything: deleting while a listing is under way may shift its pages (`executePurgePlan`).
 */
export const selectIdentities = (
  options: SelectOptions
): Stream.Stream<IdentityRecord, ExportError, OperationRequirements<"sigv4"> | Scope.Scope> =>
  Stream.unwrap(Effect.gen(function*() {
    const policy = yield* resolveExportRetryPolicy(options.retry)
    const limit = yield* makeRequestLimit(options.requestsPerSecond)
    const now = yield* Clock.currentTimeMillis
    return Stream.mapConcat(selectIdentityStepsWith(options, policy, limit, now), (step) => step.records)
  }))
