/**
 * The checkpoint file of an export: the cursor after the last page that reached the output
 * durably, how many records and bytes the output held then and the SHA-256 of those bytes, and
 * what the export was (format, output, pools as asked, options), so that a resume can neither
 * continue a different export nor append to an output that changed since. Replaced atomically
 * (`checkpointFile.ts`).
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { readCheckpointFile, removeCheckpointFile, writeCheckpointFile } from "./checkpointFile.js"
import type { ExportFileError } from "./ExportFileError.js"

/** What identifies an export: a checkpoint only resumes the export it was written for. */
export const ExportIdentity = Schema.Struct({
  format: Schema.Literal("ndjson", "csv"),
  /** Absolute path of the finished output. */
  output: Schema.String,
  /** The pools as asked: "all", or the ids (in the order of the first run). */
  pools: Schema.Union(Schema.Literal("all"), Schema.Array(Schema.String)),
  hideDisabled: Schema.Boolean,
  developerUserIdentifiers: Schema.Boolean
})
export interface ExportIdentity extends Schema.Schema.Type<typeof ExportIdentity> {}

export const Checkpoint = Schema.Struct({
  version: Schema.Literal(2),
  export: ExportIdentity,
  /** Absolute path of the file being written (renamed to `export.output` when complete). */
  partial: Schema.String,
  cursor: Schema.Struct({
    pools: Schema.Array(Schema.String),
    poolIndex: Schema.Number,
    nextToken: Schema.optional(Schema.String)
  }),
  recordsWritten: Schema.Number,
  outputBytes: Schema.Number,
  /** Hex SHA-256 of the first `outputBytes` bytes of the partial file. */
  outputSha256: Schema.String
})
export interface Checkpoint extends Schema.Schema.Type<typeof Checkpoint> {}

/** The checkpoint at `path`, or undefined when there is none. A corrupt file is an error, never ignored. */
export const readCheckpoint = (path: string): Effect.Effect<Checkpoint | undefined, ExportFileError> =>
  readCheckpointFile(path, Checkpoint, { version: 2 })

export const writeCheckpoint: (path: string, checkpoint: Checkpoint) => Effect.Effect<void, ExportFileError> = writeCheckpointFile

export const removeCheckpoint: (path: string) => Effect.Effect<void, ExportFileError> = removeCheckpointFile

const describePools = (pools: ExportIdentity["pools"]) => (pools === "all" ? "--all" : pools.join(", ") || "(none)")

/**
 * Why a checkpoint cannot resume the export asked for now, in words (each difference named),
 * or undefined when it can. Pool ids are compared as sets: the same pools in another order
 * resume in the checkpoint's order.
 */
export const describeMismatch = (saved: ExportIdentity, wanted: ExportIdentity): string | undefined => {
  const differences: Array<string> = []
  const samePools = saved.pools === "all" || wanted.pools === "all"
    ? saved.pools === wanted.pools
    : saved.pools.length === wanted.pools.length && saved.pools.every((id) => wanted.pools.includes(id))
  if (!samePools) {
    const detail = saved.pools !== "all" && wanted.pools !== "all"
      ? ` (only in the checkpoint: ${saved.pools.filter((id) => !wanted.pools.includes(id)).join(", ") || "none"}; ` +
        `only asked now: ${wanted.pools.filter((id) => !saved.pools.includes(id)).join(", ") || "none"})`
      : ""
    differences.push(`pools ${describePools(saved.pools)} in the checkpoint, ${describePools(wanted.pools)} now${detail}`)
  }
  if (saved.format !== wanted.format) differences.push(`format ${saved.format} in the checkpoint, ${wanted.format} now`)
  if (saved.output !== wanted.output) differences.push(`output ${saved.output} in the checkpoint, ${wanted.output} now`)
  if (saved.hideDisabled !== wanted.hideDisabled) {
    differences.push(`hide-disabled ${saved.hideDisabled ? "on" : "off"} in the checkpoint, ${wanted.hideDisabled ? "on" : "off"} now`)
  }
  if (saved.developerUserIdentifiers !== wanted.developerUserIdentifiers) {
    differences.push(
      `developer ids ${saved.developerUserIdentifiers ? "on" : "off"} in the checkpoint, ${wanted.developerUserIdentifiers ? "on" : "off"} now`
    )
  }
  return differences.length === 0 ? undefined : differences.join("; ")
}
