/**
 * Deletes the identities of a Stream with DeleteIdentities, in batches of the service's maximum
 * (60), one batch at a time, under an export's retry policy and rate limit.
 *
 * DeleteIdentities answers 200 with `UnprocessedIdentityIds`: the identities it did not delete,
 * each with an `ErrorCode`. The model knows two: `InternalServerError`, a transient failure,
 * which is retried (only those identities are sent again), and `AccessDenied`, which no retry
 * changes: the identity is reported as not deleted. An identity that no longer exists is not
 * an error: the service deletes nothing and does not list it (the emulator does the same), so
 * "deleted" means "gone now". That also makes a repeated request harmless: a batch sent again
 * (after a broken connection, or by a resumed purge) deletes nothing more, and an identity id
 * is never reused, so it cannot name another identity.
 *
 * The batch and its unprocessed retries are one retry loop of the policy: a response that
 * leaves identities unprocessed with InternalServerError counts as a failed attempt (backoff,
 * adaptive pacing, the export's no-progress deadline or `maxAttempts`), like a throttled one.
 * When the policy gives up on them, they are reported as not deleted (`InternalServerError`)
 * and the purge goes on; when it gives up on the call itself (the service throttles or fails
 * for longer than the deadline), the stream fails with that error.
 *
 * Do not feed it a live listing of the pools it deletes from: deleting while ListIdentities is
 * being paged may shift the pages, so that identities are skipped. Select first, then delete
 * (`selectIdentities`, `executePurgePlan`).
 */
import type { Scope } from "effect"
import * as Chunk from "effect/Chunk"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { deleteIdentities } from "../CognitoIdentity.js"
import { InternalErrorException } from "../errors/ModeledErrors.js"
import { withJobAttemptTimeout } from "../export/exportIdentities.js"
import type { ExportRetryOptions } from "../export/exportRetry.js"
import { resolveExportRetryPolicy } from "../export/exportRetry.js"
import type { RequestLimit } from "../export/requestLimit.js"
import { makeRequestLimit } from "../export/requestLimit.js"
import { CognitoIdentityClient } from "../layers/CognitoIdentityClient.js"
import { RetryPolicy } from "../layers/RetryPolicy.js"
import type { RetryPolicyService } from "../layers/RetryPolicy.js"
import type { DeleteIdentitiesError } from "../operations/DeleteIdentities.js"
import type { OperationRequirements } from "../operationFunction.js"

/** The service's maximum of identities per DeleteIdentities call. */
export const DELETE_BATCH_SIZE = 60

/** An identity to delete; the pool only travels with it into reports. */
export interface DeleteTarget {
  readonly IdentityId: string
  readonly IdentityPoolId?: string | undefined
}

/** An identity the service did not delete, and its `ErrorCode`. */
export interface NotDeleted extends DeleteTarget {
  readonly ErrorCode: string
}

export interface DeletedBatch {
  /** Entries of the source this batch took (an id given twice in a batch is sent once). */
  readonly consumed: number
  /** Gone now: deleted by this batch, or already gone. */
  readonly deleted: ReadonlyArray<DeleteTarget>
  readonly notDeleted: ReadonlyArray<NotDeleted>
}

export interface DeleteOptions {
  /** Requests per second. Default: no limit. */
  readonly requestsPerSecond?: number | undefined
  /** How requests are retried: as an export's (`exportRetry.ts`). */
  readonly retry?: ExportRetryOptions | undefined
  /** Limit on each attempt when the client has none. Default 30 seconds. */
  readonly attemptTimeout?: Duration.DurationInput | undefined
}

/** Error codes of `UnprocessedIdentityIds` that another attempt may clear. */
const RETRYABLE_CODES: ReadonlySet<string> = new Set(["InternalServerError"])

/** An entry without an id cannot be attributed: the identities it may stand for are sent again. */
const UNATTRIBUTED = "Unattributed"

/** One attempt, numbered `n` by the outer loop (so the request and its error say which it was). */
const onlyAttempt = (n: number, maxAttempts: number): RetryPolicyService => ({ maxAttempts, run: (attempt) => attempt(n) })

const deleteBatch = (batch: Chunk.Chunk<DeleteTarget>, policy: RetryPolicyService, limit: RequestLimit) =>
  Effect.suspend(() => {
    const targets = new Map<string, DeleteTarget>()
    for (const target of batch) if (!targets.has(target.IdentityId)) targets.set(target.IdentityId, target)
    let remaining = [...targets.keys()]
    const codes = new Map<string, string>()
    const deleted: Array<DeleteTarget> = []
    const notDeleted: Array<NotDeleted> = []
    const target = (id: string): DeleteTarget => targets.get(id) ?? { IdentityId: id }
    let unprocessed: InternalErrorException | undefined

    const attempt = (n: number) =>
      limit(deleteIdentities({ IdentityIdsToDelete: remaining })).pipe(
        Effect.provideService(RetryPolicy, onlyAttempt(n, policy.maxAttempts)),
        Effect.flatMap((output) => {
          let unattributed = false
          codes.clear()
          for (const entry of output.UnprocessedIdentityIds ?? []) {
            if (entry.IdentityId === undefined) unattributed = true
            else codes.set(entry.IdentityId, entry.ErrorCode ?? UNATTRIBUTED)
          }
          const again: Array<string> = []
          for (const id of remaining) {
            const code = codes.get(id) ?? (unattributed ? UNATTRIBUTED : undefined)
            if (code === undefined) deleted.push(target(id))
            else if (RETRYABLE_CODES.has(code) || code === UNATTRIBUTED) {
              codes.set(id, code)
              again.push(id)
            } else notDeleted.push({ ...target(id), ErrorCode: code })
          }
          remaining = again
          if (again.length === 0) return Effect.void
          unprocessed = new InternalErrorException({
            message: `DeleteIdentities left ${again.length} identities unprocessed (InternalServerError)`,
            status: 200,
            attempts: n
          })
          return Effect.fail(unprocessed)
        })
      )

    return policy.run(attempt).pipe(
      Effect.catchAll((error) => {
        if (error !== unprocessed) return Effect.fail(error)
        for (const id of remaining) notDeleted.push({ ...target(id), ErrorCode: codes.get(id) ?? UNATTRIBUTED })
        return Effect.void
      }),
      Effect.as<DeletedBatch>({ consumed: Chunk.size(batch), deleted, notDeleted })
    )
  })

/** Deletes `targets` batch by batch under `policy` and `limit` (already resolved: the caller counts retries). */
export const deleteIdentityBatchesWith = <E, R>(
  targets: Stream.Stream<DeleteTarget, E, R>,
  policy: RetryPolicyService,
  limit: RequestLimit,
  attemptTimeout: Duration.DurationInput | undefined
): Stream.Stream<DeletedBatch, E | DeleteIdentitiesError, R | OperationRequirements<"sigv4">> =>
  targets.pipe(
    Stream.grouped(DELETE_BATCH_SIZE),
    Stream.mapEffect((batch) => deleteBatch(batch, policy, limit)),
    Stream.updateService(CognitoIdentityClient, withJobAttemptTimeout(attemptTimeout))
  )

/**
 * Deletes the identities of `targets` (ids, or records such as an export's) in batches of 60,
 * and tells, batch by batch, which are gone and which the service would not delete. See the
 * module comment for retries, and why a live listing must not be the source.
 */
export const deleteIdentityBatches = <E, R>(
  targets: Stream.Stream<DeleteTarget | string, E, R>,
  options: DeleteOptions = {}
): Stream.Stream<DeletedBatch, E | DeleteIdentitiesError, R | OperationRequirements<"sigv4"> | Scope.Scope> =>
  Stream.unwrap(Effect.gen(function*() {
    const policy = yield* resolveExportRetryPolicy(options.retry)
    const limit = yield* makeRequestLimit(options.requestsPerSecond)
    return deleteIdentityBatchesWith(
      Stream.map(targets, (target): DeleteTarget => (typeof target === "string" ? { IdentityId: target } : target)),
      policy,
      limit,
      options.attemptTimeout
    )
  }))
