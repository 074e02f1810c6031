/**
 * Full identity exports as a Stream of pages: ListIdentityPools (for "all"), then each pool's
 * ListIdentities pages in turn, optionally enriched with developer user identifiers. Pools are
 * exported one after another and each page is released once consumed, so memory does not grow
 * with the number of identities. Every call goes through the export's retry policy
 * (`exportRetry.ts`: persistent by default; throttling is retried with the same NextToken, so
 * nothing is lost or repeated), under an attempt timeout, and, when asked, a client-side rate
 * limit shared by all of the export's requests. Every listing is guarded against tokens that
 * loop and pages that break the model's promises (`PaginationError`).
 */
import type { Scope } from "effect"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { PaginationError } from "../errors/PaginationError.js"
import { AwsCredentials } from "../layers/credentials/AwsCredentialIdentity.js"
import { CognitoIdentityClient } from "../layers/CognitoIdentityClient.js"
import type { CognitoIdentityClientService } from "../layers/CognitoIdentityClient.js"
import type { RetryPolicyService } from "../layers/RetryPolicy.js"
import { exportPage } from "../metrics/recordMetrics.js"
import type { OperationRequirements } from "../operationFunction.js"
import { signedExecute } from "../operationFunction.js"
import type { DescribeIdentityPoolError } from "../operations/DescribeIdentityPool.js"
import { DescribeIdentityPool } from "../operations/DescribeIdentityPool.js"
import type { ListIdentitiesError, ListIdentitiesOutput } from "../operations/ListIdentities.js"
import { ListIdentities } from "../operations/ListIdentities.js"
import type { ListIdentityPoolsError } from "../operations/ListIdentityPools.js"
import { ListIdentityPools } from "../operations/ListIdentityPools.js"
import type { LookupDeveloperIdentityError } from "../operations/LookupDeveloperIdentity.js"
import { LookupDeveloperIdentity } from "../operations/LookupDeveloperIdentity.js"
import type { CallServices } from "../protocol/execute.js"
import type { AnyOperation, InputOf, OperationError, OutputOf } from "../protocol/Operation.js"
import { copyWith } from "../protocol/copyWith.js"
import { paginate } from "../protocol/paginate.js"
import { MAX_RESULTS } from "../service.js"
import type { ExportCursor } from "./ExportCursor.js"
import type { ExportRetryOptions } from "./exportRetry.js"
import { resolveExportRetryPolicy } from "./exportRetry.js"
import type { IdentityRecord } from "./IdentityRecord.js"
import type { RequestLimit } from "./requestLimit.js"
import { makeRequestLimit } from "./requestLimit.js"

export interface ExportOptions {
  /** The pools to export, or "all" pools of the account in the client's region. */
  readonly pools: "all" | ReadonlyArray<string>
  /** Leave disabled (merged-away) identities out; the records then say `Disabled: false`. */
  readonly hideDisabled?: boolean | undefined
  /** Look up each identity's developer user identifiers, this many lookups at a time (0: no). */
  readonly developerLookupConcurrency?: number | undefined
  /** ListIdentities page size, 1..60. Default 60. */
  readonly pageSize?: number | undefined
  /** Requests per second for the whole export (lookups included). Default: no limit. */
  readonly requestsPerSecond?: number | undefined
  /** Continue from a saved cursor instead of starting over. */
  readonly resume?: ExportCursor | undefined
  /**
   * How requests are retried (see `exportRetry.ts`). Default: the caller's `RetryPolicy` if one
   * was provided, else persistent retries that give up after 5 minutes without progress.
   */
  readonly retry?: ExportRetryOptions | undefined
  /**
   * Limit on each attempt, used when the client has no `attemptTimeout` of its own; an attempt
   * that exceeds it is retried like any transient failure. Default 30 seconds.
   */
  readonly attemptTimeout?: Duration.DurationInput | undefined
}

export const DEFAULT_ATTEMPT_TIMEOUT: Duration.Duration = Duration.seconds(30)

/** A page of the export, with the cursor that follows it. */
export interface ExportPage {
  readonly poolId: string
  readonly records: ReadonlyArray<IdentityRecord>
  /** Where to continue after this page. */
  readonly cursor: ExportCursor
}

export type ExportError =
  | ListIdentityPoolsError
  | ListIdentitiesError
  | DescribeIdentityPoolError
  | LookupDeveloperIdentityError
  | PaginationError

/** One of the export's calls: its services already bound, through the export's rate limit. */
type Call<Op extends AnyOperation> = (input: InputOf<Op>) => Effect.Effect<OutputOf<Op>, OperationError<Op>>

/** The calls an export makes. */
interface ExportCalls {
  readonly listIdentityPools: Call<typeof ListIdentityPools>
  readonly listIdentities: Call<typeof ListIdentities>
  readonly describeIdentityPool: Call<typeof DescribeIdentityPool>
  readonly lookupDeveloperIdentity: Call<typeof LookupDeveloperIdentity>
}

const execute = {
  listIdentityPools: signedExecute(ListIdentityPools),
  listIdentities: signedExecute(ListIdentities),
  describeIdentityPool: signedExecute(DescribeIdentityPool),
  lookupDeveloperIdentity: signedExecute(LookupDeveloperIdentity)
}

/**
 * The export's calls with `services` (read once, when the export starts) and `limit`. Not the
 * operation functions under `Stream.provideService`: a stream re-provides its context around
 * every effect it runs, several per page (FiberRef updates that a CPU profile of the export
 * showed on every page).
 */
const exportCalls = (services: CallServices, limit: RequestLimit): ExportCalls => ({
  listIdentityPools: (input) => limit(execute.listIdentityPools(input, services)),
  listIdentities: (input) => limit(execute.listIdentities(input, services)),
  describeIdentityPool: (input) => limit(execute.describeIdentityPool(input, services)),
  lookupDeveloperIdentity: (input) => limit(execute.lookupDeveloperIdentity(input, services))
})

const allPoolIds = (calls: ExportCalls) =>
  paginate(ListIdentityPools, calls.listIdentityPools, { MaxResults: MAX_RESULTS }).pipe(
    Stream.mapConcat((page) => page.IdentityPools ?? []),
    Stream.map((pool) => pool.IdentityPoolId),
    Stream.filter((id): id is string => id !== undefined),
    Stream.runCollect,
    Effect.map(Chunk.toReadonlyArray)
  )

/** Developer user identifiers of one identity; an identity without any answers ResourceNotFound. */
const developerIds = (calls: ExportCalls, poolId: string, identityId: string) =>
  paginate(
    LookupDeveloperIdentity,
    calls.lookupDeveloperIdentity,
    { IdentityPoolId: poolId, IdentityId: identityId, MaxResults: MAX_RESULTS },
    { prefetch: false }
  ).pipe(
    Stream.mapConcat((page) => page.DeveloperUserIdentifierList ?? []),
    Stream.runCollect,
    Effect.map(Chunk.toReadonlyArray),
    Effect.catchTag("ResourceNotFoundException", () => Effect.succeed([] as ReadonlyArray<string>))
  )

/**
 * A page's identities as records, developer user identifiers not looked up (`undefined`). Built
 * in one loop, each record a single literal: this runs for every identity of an export.
 */
const toRecords = (poolId: string, page: ListIdentitiesOutput, hideDisabled: boolean): Array<IdentityRecord> => {
  const records: Array<IdentityRecord> = []
  for (const identity of page.Identities ?? []) {
    if (identity.IdentityId === undefined) continue
    records.push({
      IdentityPoolId: poolId,
      IdentityId: identity.IdentityId,
      Logins: identity.Logins ?? [],
      CreationDate: identity.CreationDate,
      LastModifiedDate: identity.LastModifiedDate,
      Disabled: hideDisabled ? false : undefined,
      DeveloperUserIdentifiers: undefined
    })
  }
  return records
}

const poolPages = (
  calls: ExportCalls,
  options: ExportOptions,
  pools: ReadonlyArray<string>,
  poolIndex: number,
  startToken: string | undefined
) => {
  const poolId = pools[poolIndex] ?? ""
  const hideDisabled = options.hideDisabled ?? false
  const concurrency = options.developerLookupConcurrency ?? 0
  // Only identities linked to the pool's developer provider have developer user identifiers.
  const developerProvider = concurrency > 0
    ? Effect.map(calls.describeIdentityPool({ IdentityPoolId: poolId }), (pool) => pool.DeveloperProviderName)
    : Effect.succeed(undefined)
  return Stream.unwrap(Effect.map(developerProvider, (provider) =>
    paginate(
      ListIdentities,
      calls.listIdentities,
      {
        IdentityPoolId: poolId,
        MaxResults: options.pageSize ?? MAX_RESULTS,
        ...(hideDisabled ? { HideDisabled: true } : {}),
        ...(startToken === undefined ? {} : { NextToken: startToken })
      }
    ).pipe(
      Stream.mapEffect((page) => {
        const records = toRecords(poolId, page, hideDisabled)
        const cursor: ExportCursor = page.NextToken === undefined
          ? { pools, poolIndex: poolIndex + 1, nextToken: undefined }
          : { pools, poolIndex, nextToken: page.NextToken }
        // Without lookups a page is a plain map: no effect per record.
        if (concurrency === 0) return Effect.as(exportPage(records.length), { poolId, records, cursor })
        return Effect.map(
          Effect.forEach(
            records,
            (record): Effect.Effect<IdentityRecord, LookupDeveloperIdentityError | PaginationError> =>
              provider === undefined || !record.Logins.includes(provider)
                ? Effect.succeed(copyWith(record, { DeveloperUserIdentifiers: [] }))
                : Effect.map(developerIds(calls, poolId, record.IdentityId), (ids) => copyWith(record, { DeveloperUserIdentifiers: ids })),
            { concurrency }
          ),
          (enriched): ExportPage => ({ poolId, records: enriched, cursor })
        ).pipe(Effect.tap((page) => exportPage(page.records.length)))
      })
    )))
}

/** Pool ids once each, in the order given: a pool named twice is exported once. */
export const distinctPools = (pools: ReadonlyArray<string>): ReadonlyArray<string> => [...new Set(pools)]

/** The client, with a long job's attempt timeout when it has none of its own. */
export const withJobAttemptTimeout = (
  attemptTimeout: Duration.DurationInput | undefined
): (client: CognitoIdentityClientService) => CognitoIdentityClientService =>
(client) =>
  Option.isSome(client.attemptTimeout)
    ? client
    : { ...client, attemptTimeout: Option.some(Duration.decode(attemptTimeout ?? DEFAULT_ATTEMPT_TIMEOUT)) }

/**
 * The export's pages under `policy` (already resolved: `writeExport` counts its retries), and
 * `limit` when the caller shares one rate among several jobs (default: one made from
 * `requestsPerSecond`).
 */
export const exportIdentityPagesWith = (
  options: ExportOptions,
  policy: RetryPolicyService,
  sharedLimit?: RequestLimit
): Stream.Stream<ExportPage, ExportError, OperationRequirements<"sigv4"> | Scope.Scope> =>
  Stream.unwrap(Effect.gen(function*() {
    const services: CallServices = {
      client: withJobAttemptTimeout(options.attemptTimeout)(yield* CognitoIdentityClient),
      credentials: yield* AwsCredentials,
      retryPolicy: policy
    }
    const calls = exportCalls(services, sharedLimit ?? (yield* makeRequestLimit(options.requestsPerSecond)))
    const start: ExportCursor = options.resume ?? {
      pools: options.pools === "all" ? yield* allPoolIds(calls) : distinctPools(options.pools),
      poolIndex: 0,
      nextToken: undefined
    }
    const indexes = Array.from({ length: Math.max(0, start.pools.length - start.poolIndex) }, (_, i) => start.poolIndex + i)
    return Stream.flatMap(
      Stream.fromIterable(indexes),
      (index) => poolPages(calls, options, start.pools, index, index === start.poolIndex ? start.nextToken : undefined)
    )
  }))

/**
 * The export as a stream of pages. Each page carries the cursor to resume after it; an export
 * that resumes from the last cursor a consumer durably recorded produces every remaining
 * record exactly once.
 */
export const exportIdentityPages = (
  options: ExportOptions
): Stream.Stream<ExportPage, ExportError, OperationRequirements<"sigv4"> | Scope.Scope> =>
  Stream.unwrap(Effect.map(resolveExportRetryPolicy(options.retry), (policy) => exportIdentityPagesWith(options, policy)))

/** The export as a stream of records. */
export const exportIdentities = (
  options: ExportOptions
): Stream.Stream<IdentityRecord, ExportError, OperationRequirements<"sigv4"> | Scope.Scope> =>
  Stream.mapConcat(exportIdentityPages(options), (page) => page.records)
