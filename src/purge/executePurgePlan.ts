/**
 * Deletes the identities of a plan file, batch by batch, with a checkpoint.
 *
 * Why a plan, rather than deleting as a listing goes: ListIdentities pages through a pool that
 * the deletions change under it, and nothing promises that its pages do not shift when
 * identities before the current token disappear (identities would then be skipped, or a
 * criterion re-read on a changed identity). Selecting first (`writePurgePlan`) fixes the set;
 * deleting from the file is then independent of any listing, resumable, and exact:
 *
 * - the plan is checked whole (every line, size, SHA-256) before anything is deleted;
 * - with a checkpoint, each batch's outcome is recorded (atomically) before the next batch is
 *   sent; a resumed run checks that the plan is byte for byte the one recorded, skips the
 *   entries done, and sends again the batch that was in flight, which deletes nothing more
 *   (DeleteIdentities of an identity that is gone is a no-op, and ids are never reused);
 * - only identities of the plan are ever sent, each in one batch, sent again only when its
 *   answer was lost (a broken connection, a crash).
 *
 * What a plan cannot know: an identity that changed after it was selected (a guest who signed
 * in since the dry run) is still deleted, because the plan is what was reviewed. Keep the time
 * between the dry run and the deletion short, or select and delete in one run
 * (`purgeIdentities` with `execute`).
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import * as path from "node:path"
import { removeCheckpointFile, writeCheckpointFile } from "../export/checkpointFile.js"
import { ExportFileError } from "../export/ExportFileError.js"
import { sameFile } from "../export/exportOutput.js"
import { resolveExportRetryPolicy } from "../export/exportRetry.js"
import type { RequestLimit } from "../export/requestLimit.js"
import { makeRequestLimit } from "../export/requestLimit.js"
import type { RetryPolicyService } from "../layers/RetryPolicy.js"
import type { DeleteIdentitiesError } from "../operations/DeleteIdentities.js"
import type { OperationRequirements } from "../operationFunction.js"
import { countingRetries } from "../protocol/retry/countingRetries.js"
import type { DeleteOptions, NotDeleted } from "./deleteIdentityBatches.js"
import { deleteIdentityBatchesWith } from "./deleteIdentityBatches.js"
import { inspectPlan, planTargets } from "./planFile.js"
import type { PurgeCheckpoint } from "./PurgeCheckpoint.js"
import { readPurgeCheckpoint } from "./PurgeCheckpoint.js"

export interface PurgeProgress {
  /** Identities in the plan. */
  readonly planned: number
  /** Plan entries done (all runs). */
  readonly processed: number
  /** Gone now: deleted, or already gone (all runs). */
  readonly deleted: number
  /** Not deleted, with an error code (all runs). */
  readonly failed: number
  /** DeleteIdentities batches answered in this run. */
  readonly batches: number
  /** Attempts that were retries, in this run. */
  readonly retries: number
  readonly elapsedMillis: number
}

export interface PurgeSummary extends PurgeProgress {
  /** The identities the service would not delete, with its error code. */
  readonly failures: ReadonlyArray<NotDeleted>
  readonly resumed: boolean
  readonly plan: string
}

export interface ExecutePlanOptions extends DeleteOptions {
  /** The plan: NDJSON identities (`writePurgePlan`, or an NDJSON export). */
  readonly plan: string
  /** A checkpoint file: resume from it if present, keep it current, remove it when done. */
  readonly checkpoint?: string | undefined
  readonly onProgress?: ((progress: PurgeProgress) => Effect.Effect<void>) | undefined
  /** What the plan was made from, in words; a checkpoint of another origin is refused. Default: the plan itself. */
  readonly origin?: string | undefined
}

export type ExecutePlanError = DeleteIdentitiesError | ExportFileError

const refuse = (file: string, message: string) => Effect.fail(new ExportFileError({ path: file, message }))

/** Why `saved` is not the checkpoint of this purge, or undefined when it is. */
const mismatch = (saved: PurgeCheckpoint, plan: string, origin: string): string | undefined => {
  const differences = [
    ...(saved.origin === origin ? [] : [`${saved.origin} in the checkpoint, ${origin} now`]),
    ...(saved.plan === plan ? [] : [`plan ${saved.plan} in the checkpoint, ${plan} now`])
  ]
  return differences.length === 0 ? undefined : differences.join("; ")
}

/** Deletes the plan's identities under `policy` and `limit` (shared with the rest of the job). */
export const executePurgePlanWith = (
  options: ExecutePlanOptions,
  policy: RetryPolicyService,
  limit: RequestLimit
): Effect.Effect<PurgeSummary, ExecutePlanError, OperationRequirements<"sigv4">> =>
  Effect.gen(function*() {
    const plan = path.resolve(options.plan)
    const origin = options.origin ?? `the plan ${plan}`
    const checkpointPath = options.checkpoint
    if (checkpointPath !== undefined && (yield* sameFile(checkpointPath, plan))) {
      return yield* refuse(checkpointPath, `the checkpoint ${checkpointPath} and the plan ${options.plan} must be different files`)
    }
    const previous = checkpointPath === undefined ? undefined : yield* readPurgeCheckpoint(checkpointPath)
    if (checkpointPath !== undefined && previous !== undefined) {
      const why = mismatch(previous, plan, origin)
      if (why !== undefined) {
        return yield* refuse(
          checkpointPath,
          `checkpoint ${checkpointPath} belongs to a different purge (${why}); rerun it as it was to resume, or delete the checkpoint to start over`
        )
      }
    }
    const facts = yield* inspectPlan(plan)
    if (previous !== undefined && (previous.planSha256 !== facts.sha256 || previous.planBytes !== facts.bytes)) {
      return yield* refuse(
        plan,
        `the plan ${plan} changed since the checkpoint ${checkpointPath ?? ""} was written, so the purge cannot resume; delete the checkpoint to start over`
      )
    }

    const started = yield* Clock.currentTimeMillis
    const retries = yield* Ref.make(0)
    const failures: Array<NotDeleted> = [...(previous?.failures ?? [])]
    let processed = previous?.processed ?? 0
    let deleted = previous?.deleted ?? 0
    let batches = 0
    const progress = Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      return {
        planned: facts.entries,
        processed,
        deleted,
        failed: failures.length,
        batches,
        retries: yield* Ref.get(retries),
        elapsedMillis: now - started
      }
    })
    const save = checkpointPath === undefined ? Effect.void : Effect.suspend(() =>
      writeCheckpointFile(checkpointPath, {
        version: 1,
        kind: "purge",
        plan,
        origin,
        planEntries: facts.entries,
        planBytes: facts.bytes,
        planSha256: facts.sha256,
        processed,
        deleted,
        batches: (previous?.batches ?? 0) + batches,
        failures
      } satisfies PurgeCheckpoint))

    // The plan is recorded before the first batch is sent: a purge killed at once resumes it.
    if (previous === undefined) yield* save
    yield* deleteIdentityBatchesWith(planTargets(plan, processed), countingRetries(policy, retries), limit, options.attemptTimeout).pipe(
      Stream.runForEach((batch) =>
        Effect.gen(function*() {
          processed += batch.consumed
          deleted += batch.deleted.length
          failures.push(...batch.notDeleted)
          batches += 1
          yield* save
          if (options.onProgress !== undefined) yield* options.onProgress(yield* progress)
        })
      )
    )
    if (checkpointPath !== undefined) yield* removeCheckpointFile(checkpointPath)
    return { ...(yield* progress), failures, resumed: previous !== undefined, plan }
  })

/** Deletes the identities listed in `options.plan` (see the module comment). */
export const executePurgePlan = (
  options: ExecutePlanOptions
): Effect.Effect<PurgeSummary, ExecutePlanError, OperationRequirements<"sigv4">> =>
  Effect.gen(function*() {
    const policy = yield* resolveExportRetryPolicy(options.retry)
    const limit = yield* makeRequestLimit(options.requestsPerSecond)
    return yield* executePurgePlanWith(options, policy, limit)
  }).pipe(Effect.scoped)
