/**
 * The dry run of a purge: the identities a selection chooses, written as a plan (NDJSON export
 * records, one per line) to a file or stdout. A file `F` is written as `F.partial` and renamed
 * when the selection is complete, as an export is: `F` never holds half a plan. Selecting only
 * reads, so it is not resumable: run it again.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import type { ExportError } from "../export/exportIdentities.js"
import type { ExportFileError } from "../export/ExportFileError.js"
import type { ExportOutput } from "../export/exportOutput.js"
import { openFresh, stdoutOutput } from "../export/exportOutput.js"
import { resolveExportRetryPolicy } from "../export/exportRetry.js"
import { formatRecords } from "../export/formatRecord.js"
import type { RequestLimit } from "../export/requestLimit.js"
import { makeRequestLimit } from "../export/requestLimit.js"
import type { RetryPolicyService } from "../layers/RetryPolicy.js"
import type { OperationRequirements } from "../operationFunction.js"
import { countingRetries } from "../protocol/retry/countingRetries.js"
import { cutoffOf } from "./PurgeSelection.js"
import type { SelectOptions } from "./selectIdentities.js"
import { selectIdentityStepsWith } from "./selectIdentities.js"

export interface SelectionProgress {
  /** Identities examined. */
  readonly listed: number
  /** Identities chosen. */
  readonly selected: number
  /** ListIdentities pages read. */
  readonly pages: number
  /** Attempts that were retries. */
  readonly retries: number
  readonly elapsedMillis: number
}

export interface PlanSummary extends SelectionProgress {
  /** Where the plan is: a path, or "-" for stdout. */
  readonly output: string
  /** Identities modified at or after this instant were not chosen (with `notModifiedFor`). */
  readonly cutoff: Date | undefined
}

export interface WritePlanOptions extends SelectOptions {
  /** A file path, or "-" for stdout. */
  readonly output: string
  readonly onProgress?: ((progress: SelectionProgress) => Effect.Effect<void>) | undefined
}

/** Writes the plan under `policy` and `limit` (shared with the rest of the job). */
export const writePurgePlanWith = (
  options: WritePlanOptions,
  policy: RetryPolicyService,
  limit: RequestLimit
): Effect.Effect<PlanSummary, ExportError | ExportFileError, OperationRequirements<"sigv4">> =>
  Effect.gen(function*() {
    const started = yield* Clock.currentTimeMillis
    const retries = yield* Ref.make(0)
    let listed = 0
    let selected = 0
    let pages = 0
    const progress = Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      return { listed, selected, pages, retries: yield* Ref.get(retries), elapsedMillis: now - started }
    })
    const output: ExportOutput = options.output === "-" ? stdoutOutput : yield* openFresh(options.output, false)
    const run = selectIdentityStepsWith(options, countingRetries(policy, retries), limit, started).pipe(
      Stream.runForEach((step) =>
        Effect.gen(function*() {
          if (step.records.length > 0) yield* output.write(formatRecords("ndjson", step.records))
          listed += step.listed
          selected += step.records.length
          pages += step.pages
          if (options.onProgress !== undefined) yield* options.onProgress(yield* progress)
        })
      ),
      Effect.scoped,
      Effect.zipRight(output.complete)
    )
    yield* Effect.onExit(run, (exit) => (Exit.isSuccess(exit) ? Effect.void : output.abandon(false)))
    const cutoff = cutoffOf(options.selection, started)
    return { ...(yield* progress), output: options.output, cutoff: cutoff === undefined ? undefined : new Date(cutoff) }
  })

/** The dry run: writes the identities `options.selection` chooses to `options.output`. */
export const writePurgePlan = (
  options: WritePlanOptions
): Effect.Effect<PlanSummary, ExportError | ExportFileError, OperationRequirements<"sigv4">> =>
  Effect.gen(function*() {
    const policy = yield* resolveExportRetryPolicy(options.retry)
    const limit = yield* makeRequestLimit(options.requestsPerSecond)
    return yield* writePurgePlanWith(options, policy, limit)
  }).pipe(Effect.scoped)
