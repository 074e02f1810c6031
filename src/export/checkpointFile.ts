/**
 * A long job's checkpoint file: JSON, replaced atomically (write a temporary file, fsync it,
 * rename it over the old one), so that a crash at any moment leaves either the previous
 * checkpoint or the new one, never a torn one. A corrupt or foreign file is an error, never
 * ignored: resuming from it could repeat or skip work.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as fs from "node:fs/promises"
import { ExportFileError, fileError } from "./ExportFileError.js"

const header = Schema.decodeUnknownEither(
  Schema.parseJson(Schema.Struct({ version: Schema.Number, kind: Schema.optional(Schema.String) }))
)

export interface CheckpointKind {
  readonly version: number
  /** The job that writes it (`purge`); the export's checkpoints name none. */
  readonly kind?: string | undefined
}

/** The checkpoint at `path`, or undefined when there is none. */
export const readCheckpointFile = <A, I>(
  path: string,
  schema: Schema.Schema<A, I>,
  expected: CheckpointKind
): Effect.Effect<A | undefined, ExportFileError> => {
  const decode = Schema.decodeUnknownEither(Schema.parseJson(schema))
  return Effect.tryPromise({
    try: () => fs.readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => error.code === "ENOENT" ? undefined : Promise.reject(error)),
    catch: fileError(path, "cannot read checkpoint")
  }).pipe(
    Effect.flatMap((text) => {
      if (text === undefined) return Effect.succeed(undefined)
      const written = header(text)
      const why = Either.isLeft(written)
        ? "is not a valid checkpoint"
        : written.right.kind !== expected.kind
        ? `is the checkpoint of ${written.right.kind === undefined ? "an export" : `a ${written.right.kind}`}, not of ${expected.kind === undefined ? "an export" : `a ${expected.kind}`}`
        : written.right.version !== expected.version
        ? `was written by another version of this tool (checkpoint version ${written.right.version})`
        : undefined
      const parsed = why === undefined ? decode(text) : undefined
      if (parsed !== undefined && Either.isRight(parsed)) return Effect.succeed(parsed.right)
      return Effect.fail(new ExportFileError({ path, message: `checkpoint ${path} ${why ?? "is not a valid checkpoint"}; delete it to start over` }))
    })
  )
}

export const writeCheckpointFile = (path: string, checkpoint: unknown): Effect.Effect<void, ExportFileError> =>
  Effect.tryPromise({
    try: async () => {
      // One name, not one per process: a run killed mid-write leaves it for the next run to reuse and remove.
      const temporary = `${path}.tmp`
      const handle = await fs.open(temporary, "w")
      try {
        await handle.writeFile(JSON.stringify(checkpoint))
        await handle.sync()
      } finally {
        await handle.close()
      }
      await fs.rename(temporary, path)
    },
    catch: fileError(path, "cannot write checkpoint")
  })

export const removeCheckpointFile = (path: string): Effect.Effect<void, ExportFileError> =>
  Effect.tryPromise({
    try: () => Promise.all([fs.rm(path, { force: true }), fs.rm(`${path}.tmp`, { force: true })]),
    catch: fileError(path, "cannot remove checkpoint")
  })
