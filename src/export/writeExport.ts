/**
 * Writes an export to a file (or stdout) in NDJSON or CSV, page by page. With a checkpoint
 * file, each page is fsync'ed before the checkpoint moves past it, and a resumed export first
 * cuts the output back to the size the checkpoint recorded: whatever was written after the
 * last checkpoint is discarded and fetched again, so no record is lost or written twice.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import * as fs from "node:fs/promises"
import { RetryPolicy } from "../layers/RetryPolicy.js"
import type { OperationRequirements } from "../operationFunction.js"
import type { Checkpoint } from "./Checkpoint.js"
import { readCheckpoint, removeCheckpoint, writeCheckpoint } from "./Checkpoint.js"
import { isComplete } from "./ExportCursor.js"
import { ExportFileError } from "./ExportFileError.js"
import type { ExportError, ExportOptions } from "./exportIdentities.js"
import { exportIdentityPages } from "./exportIdentities.js"
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

interface Output {
  readonly write: (text: string) => Effect.Effect<number, ExportFileError>
  readonly sync: Effect.Effect<void, ExportFileError>
  readonly close: Effect.Effect<void>
}

const encoder = new TextEncoder()

const fileError = (path: string, what: string) => (cause: unknown) =>
  new ExportFileError({ path, message: `${what} ${path}: ${cause instanceof Error ? cause.message : String(cause)}` })

const openFile = (path: string, keepBytes: number | undefined): Effect.Effect<Output, ExportFileError> =>
  Effect.tryPromise({
    try: async () => {
      if (keepBytes !== undefined) await fs.truncate(path, keepBytes)
      return fs.open(path, keepBytes === undefined ? "w" : "a")
    },
    catch: fileError(path, "cannot open output")
  }).pipe(Effect.map((handle) => ({
    write: (text: string) => {
      const bytes = encoder.encode(text)
      return Effect.tryPromise({ try: () => handle.write(bytes), catch: fileError(path, "cannot write") }).pipe(
        Effect.as(bytes.length)
      )
    },
    sync: Effect.tryPromise({ try: () => handle.sync(), catch: fileError(path, "cannot sync") }),
    close: Effect.promise(() => handle.close().catch(() => undefined))
  })))

const stdout: Output = {
  write: (text: string) =>
    Effect.async<number, ExportFileError>((resume) => {
      const bytes = encoder.encode(text)
      process.stdout.write(bytes, (error) =>
        resume(error ? Effect.fail(fileError("stdout", "cannot write")(error)) : Effect.succeed(bytes.length)))
    }),
  sync: Effect.void,
  close: Effect.void
}

/** A RetryPolicy that counts the retries of the one it wraps. */
const countingRetries = (retries: Ref.Ref<number>) =>
  Effect.map(RetryPolicy, (policy) => ({
    maxAttempts: policy.maxAttempts,
    run: <A, E, R>(attempt: (n: number) => Effect.Effect<A, E, R>) =>
      policy.run((n) => (n > 1 ? Effect.zipRight(Ref.update(retries, (r) => r + 1), attempt(n)) : attempt(n)))
  }))

export const writeExport = (
  options: WriteExportOptions
): Effect.Effect<ExportSummary, ExportError | ExportFileError, OperationRequirements<"sigv4">> =>
  Effect.gen(function*() {
    const toStdout = options.output === "-"
    if (toStdout && options.checkpoint !== undefined) {
      return yield* Effect.fail(
        new ExportFileError({ path: "-", message: "a checkpoint needs a file output (--output FILE), not stdout" })
      )
    }
    const previous = options.checkpoint === undefined ? undefined : yield* readCheckpoint(options.checkpoint)
    const wanted = {
      format: options.format,
      output: options.output,
      hideDisabled: options.hideDisabled ?? false,
      developerUserIdentifiers: (options.developerLookupConcurrency ?? 0) > 0
    }
    if (
      previous !== undefined &&
      (previous.format !== wanted.format || previous.output !== wanted.output ||
        previous.hideDisabled !== wanted.hideDisabled ||
        previous.developerUserIdentifiers !== wanted.developerUserIdentifiers)
    ) {
      return yield* Effect.fail(
        new ExportFileError({
          path: options.checkpoint ?? "",
          message: `checkpoint ${options.checkpoint} belongs to a different export (${previous.format} to ${previous.output}); delete it to start over`
        })
      )
    }

    const started = yield* Clock.currentTimeMillis
    const retries = yield* Ref.make(0)
    const output = toStdout ? stdout : yield* openFile(options.output, previous?.outputBytes)
    let outputBytes = previous?.outputBytes ?? 0
    let totalRecords = previous?.recordsWritten ?? 0
    if (previous === undefined && options.format === "csv") outputBytes += yield* output.write(csvHeader)

    let records = 0
    let pages = 0
    let poolsDone = previous?.cursor.poolIndex ?? 0
    let poolsTotal = previous?.cursor.pools.length ?? 0
    const progress = Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      return { records, pages, poolsDone, poolsTotal, retries: yield* Ref.get(retries), elapsedMillis: now - started }
    })

    const save = (cursor: Checkpoint["cursor"]) =>
      options.checkpoint === undefined
        ? Effect.void
        : Effect.zipRight(
          output.sync,
          writeCheckpoint(options.checkpoint, { version: 1, ...wanted, cursor, recordsWritten: totalRecords, outputBytes })
        )

    const alreadyComplete = previous !== undefined && isComplete(previous.cursor)
    if (!alreadyComplete) {
      const policy = yield* countingRetries(retries)
      yield* exportIdentityPages({
        ...options,
        ...(previous === undefined ? {} : { resume: previous.cursor })
      }).pipe(
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
        Effect.scoped,
        Effect.provideService(RetryPolicy, policy),
        Effect.ensuring(output.close)
      )
    } else {
      yield* output.close
    }
    if (options.checkpoint !== undefined) yield* removeCheckpoint(options.checkpoint)
    const final = yield* progress
    return { ...final, totalRecords, resumed: previous !== undefined, output: options.output }
  })

