/**
 * Writes an export to a file (or stdout) in NDJSON or CSV, page by page.
 *
 * The rules that keep a file honest (`exportOutput.ts` for the file itself):
 * - a file output `F` is written as `F.partial` and renamed to `F` only when the export is
 *   complete: `F` never holds a partial export;
 * - with a checkpoint, each page is fsync'ed before the checkpoint moves past it, and the
 *   checkpoint records the bytes acknowledged and their SHA-256. A resume first checks that
 *   `F.partial` still holds exactly those bytes (refused if it shrank or changed), cuts
 *   whatever was written after them, and continues from the saved token: nothing is lost or
 *   written twice;
 * - a checkpoint only resumes the export it was written for (same pools, format, output and
 *   options; a difference is refused, named), and may not be the output itself.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import * as path from "node:path"
import type { OperationRequirements } from "../operationFunction.js"
import { countingRetries } from "../protocol/retry/countingRetries.js"
import type { Checkpoint, ExportIdentity } from "./Checkpoint.js"
import { describeMismatch, readCheckpoint, removeCheckpoint, writeCheckpoint } from "./Checkpoint.js"
import { isComplete } from "./ExportCursor.js"
import { ExportFileError } from "./ExportFileError.js"
import type { ExportError, ExportOptions } from "./exportIdentities.js"
import { distinctPools, exportIdentityPagesWith } from "./exportIdentities.js"
import type { ExportOutput } from "./exportOutput.js"
import { hashPrefix, isSpecialFile, openFresh, openResumed, partialPath, sameFile, stdoutOutput } from "./exportOutput.js"
import { resolveExportRetryPolicy } from "./exportRetry.js"
import type { ExportFormat } from "./formatRecord.js"
import { csvHeader, formatRecords } from "./formatRecord.js"

export interface ExportProgress {
  /** Records written by this run. */
  readonly records: number
  readonly pages: number
  readonly poolsDone: number
  readonly poolsTotal: number
  /** Attempts that were retries (throttling, transient failures). */
  readonly retries: number
  readonly elapsedMillis: number
}

export interface ExportSummary extends ExportProgress {
  /** Records in the output, including those of earlier runs when resumed. */
  readonly totalRecords: number
  readonly resumed: boolean
  readonly output: string
}

export interface WriteExportOptions extends Omit<ExportOptions, "resume"> {
  readonly format: ExportFormat
  /** A file path, or "-" for stdout. */
  readonly output: string
  /** A checkpoint file: resume from it if present, keep it current, remove it when done. */
  readonly checkpoint?: string | undefined
  readonly onProgress?: ((progress: ExportProgress) => Effect.Effect<void>) | undefined
}

const refuse = (file: string, message: string) => Effect.fail(new ExportFileError({ path: file, message }))


/** Checks the combination of output and checkpoint before anything is read or written. */
const checkTargets = (options: WriteExportOptions) =>
  Effect.gen(function*() {
    const checkpoint = options.checkpoint
    if (checkpoint === undefined) return
    if (options.output === "-") {
      return yield* refuse("-", "a checkpoint needs a file output (--output FILE), not stdout")
    }
    if ((yield* sameFile(checkpoint, options.output)) || (yield* sameFile(checkpoint, partialPath(options.output)))) {
      return yield* refuse(checkpoint, `the checkpoint ${checkpoint} and the output ${options.output} must be different files`)
    }
    if (yield* isSpecialFile(options.output)) {
      return yield* refuse(options.output, `${options.output} is not a regular file, so an export to it cannot be resumed; drop the checkpoint`)
    }
  })

/**
 * A checkpoint whose every page was written: the crash came before the rename or before the
 * checkpoint was removed. Finish what is left, after checking the bytes are still the ones
 * acknowledged.
 */
const finishCompleted = (saved: Checkpoint) =>
  Effect.gen(function*() {
    const partial = yield* hashPrefix(saved.partial, saved.outputBytes)
    if (partial !== undefined && partial.digest("hex") === saved.outputSha256) {
      const resumed = yield* openResumed(saved.partial, saved.export.output, saved.outputBytes, saved.outputSha256)
      return yield* resumed.complete
    }
    const final = yield* hashPrefix(saved.export.output, saved.outputBytes)
    if (final === undefined || final.digest("hex") !== saved.outputSha256) {
      return yield* refuse(
        saved.partial,
        `the checkpoint says the export is complete, but neither ${saved.partial} nor ${saved.export.output} holds what it acknowledged; delete the checkpoint to start over`
      )
    }
  })

export const writeExport = (
  options: WriteExportOptions
): Effect.Effect<ExportSummary, ExportError | ExportFileError, OperationRequirements<"sigv4">> =>
  Effect.gen(function*() {
    yield* checkTargets(options)
    const toStdout = options.output === "-"
    const identity: ExportIdentity = {
      format: options.format,
      output: toStdout ? "-" : path.resolve(options.output),
      pools: options.pools === "all" ? "all" : distinctPools(options.pools),
      hideDisabled: options.hideDisabled ?? false,
      developerUserIdentifiers: (options.developerLookupConcurrency ?? 0) > 0
    }
    const checkpointPath = options.checkpoint
    const previous = checkpointPath === undefined ? undefined : yield* readCheckpoint(checkpointPath)
    if (checkpointPath !== undefined && previous !== undefined) {
      const mismatch = describeMismatch(previous.export, identity)
      if (mismatch !== undefined) {
        return yield* refuse(
          checkpointPath,
          `checkpoint ${checkpointPath} belongs to a different export (${mismatch}); rerun with the same options to resume, or delete it to start over`
        )
      }
    }

    const started = yield* Clock.currentTimeMillis
    const retries = yield* Ref.make(0)
    let totalRecords = previous?.recordsWritten ?? 0
    let records = 0
    let pages = 0
    let poolsDone = previous?.cursor.poolIndex ?? 0
    let poolsTotal = previous?.cursor.pools.length ?? 0
    const progress = Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      return { records, pages, poolsDone, poolsTotal, retries: yield* Ref.get(retries), elapsedMillis: now - started }
    })
    const summary = Effect.map(progress, (final): ExportSummary => ({
      ...final,
      totalRecords,
      resumed: previous !== undefined,
      output: options.output
    }))

    if (previous !== undefined && isComplete(previous.cursor)) {
      yield* finishCompleted(previous)
      if (checkpointPath !== undefined) yield* removeCheckpoint(checkpointPath)
      return yield* summary
    }

    const hashing = checkpointPath !== undefined
    const output: ExportOutput = toStdout
      ? stdoutOutput
      : previous === undefined
      ? yield* openFresh(options.output, hashing)
      : yield* openResumed(previous.partial, identity.output, previous.outputBytes, previous.outputSha256)
    let outputBytes = previous?.outputBytes ?? 0

    const save = (cursor: Checkpoint["cursor"]) =>
      checkpointPath === undefined
        ? Effect.void
        : Effect.flatMap(output.sync, (outputSha256) =>
          writeCheckpoint(checkpointPath, {
            version: 2,
            export: identity,
            partial: path.resolve(partialPath(options.output)),
            cursor,
            recordsWritten: totalRecords,
            outputBytes,
            outputSha256
          }))

    const policy = countingRetries(yield* resolveExportRetryPolicy(options.retry), retries)
    const run = Effect.gen(function*() {
      if (previous === undefined && options.format === "csv") outputBytes += yield* output.write(csvHeader)
      yield* exportIdentityPagesWith(
        {
          ...options,
          pools: identity.pools,
          ...(previous === undefined ? {} : { resume: previous.cursor })
        },
        policy
      ).pipe(
        Stream.runForEach((page) =>
          Effect.gen(function*() {
            if (page.records.length > 0) outputBytes += yield* output.write(formatRecords(options.format, page.records))
            records += page.records.length
            totalRecords += page.records.length
            pages += 1
            poolsDone = page.cursor.poolIndex
            poolsTotal = page.cursor.pools.length
            yield* save(page.cursor)
            if (options.onProgress !== undefined) yield* options.onProgress(yield* progress)
          })
        ),
        Effect.scoped
      )
      yield* output.complete
    })
    // A stopped export keeps its partial file only when a checkpoint can resume it.
    yield* Effect.onExit(run, (exit) => Exit.isSuccess(exit) ? Effect.void : output.abandon(checkpointPath !== undefined))
    if (checkpointPath !== undefined) yield* removeCheckpoint(checkpointPath)
    return yield* summary
  })
