/**
 * The checkpoint file of an export: the cursor after the last page that reached the output
 * durably, how many records and bytes the output held then, and what the export was, so a
 * resume cannot continue a different export. Replaced atomically (write, fsync, rename).
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as fs from "node:fs/promises"
import { ExportFileError } from "./ExportFileError.js"

export const Checkpoint = Schema.Struct({
  version: Schema.Literal(1),
  format: Schema.Literal("ndjson", "csv"),
  output: Schema.String,
  hideDisabled: Schema.Boolean,
  developerUserIdentifiers: Schema.Boolean,
  cursor: Schema.Struct({
    pools: Schema.Array(Schema.String),
    poolIndex: Schema.Number,
    nextToken: Schema.optional(Schema.String)
  }),
  recordsWritten: Schema.Number,
  outputBytes: Schema.Number
})
export interface Checkpoint extends Schema.Schema.Type<typeof Checkpoint> {}

const decode = Schema.decodeUnknownEither(Schema.parseJson(Checkpoint))

const fileError = (path: string, what: string) => (cause: unknown) =>
  new ExportFileError({
    path,
    message: `${what} ${path}: ${cause instanceof Error ? cause.message : String(cause)}`
  })

/** The checkpoint at `path`, or undefined when there is none. A corrupt file is an error, never ignored. */
export const readCheckpoint = (path: string): Effect.Effect<Checkpoint | undefined, ExportFileError> =>
  Effect.tryPromise({
    try: () => fs.readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => error.code === "ENOENT" ? undefined : Promise.reject(error)),
    catch: fileError(path, "cannot read checkpoint")
  }).pipe(
    Effect.flatMap((text) => {
      if (text === undefined) return Effect.succeed(undefined)
      const parsed = decode(text)
      return Either.isRight(parsed)
        ? Effect.succeed(parsed.right)
        : Effect.fail(new ExportFileError({ path, message: `checkpoint ${path} is not a valid checkpoint; delete it to start over` }))
    })
  )

export const writeCheckpoint = (path: string, checkpoint: Checkpoint): Effect.Effect<void, ExportFileError> =>
  Effect.tryPromise({
    try: async () => {
      const temporary = `${path}.tmp-${process.pid}`
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

export const removeCheckpoint = (path: string): Effect.Effect<void, ExportFileError> =>
  Effect.tryPromise({ try: () => fs.rm(path, { force: true }), catch: fileError(path, "cannot remove checkpoint") })
