/**
 * The checkpoint of a purge: which plan (path, size, SHA-256), what it was made from, how many
 * of its entries are done (every batch before them answered), and the counts and failures so
 * far. Written after each batch (`checkpointFile.ts`: atomic), so a purge killed anywhere
 * resumes after the last batch it recorded; the batch in flight is sent again, which deletes
 * nothing more (see `deleteIdentityBatches.ts`).
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { readCheckpointFile } from "../export/checkpointFile.js"
import type { ExportFileError } from "../export/ExportFileError.js"

export const PURGE_CHECKPOINT_KIND = { version: 1, kind: "purge" } as const

export const PurgeCheckpoint = Schema.Struct({
  version: Schema.Literal(1),
  kind: Schema.Literal("purge"),
  /** Absolute path of the plan. */
  plan: Schema.String,
  /** What the plan was made from, in words ("the plan FILE", or the pools and the selection). */
  origin: Schema.String,
  planEntries: Schema.Number,
  planBytes: Schema.Number,
  planSha256: Schema.String,
  /** Entries of the plan done, in order. */
  processed: Schema.Number,
  deleted: Schema.Number,
  batches: Schema.Number,
  failures: Schema.Array(Schema.Struct({
    IdentityId: Schema.String,
    IdentityPoolId: Schema.optional(Schema.String),
    ErrorCode: Schema.String
  }))
})
export interface PurgeCheckpoint extends Schema.Schema.Type<typeof PurgeCheckpoint> {}

export const readPurgeCheckpoint = (path: string): Effect.Effect<PurgeCheckpoint | undefined, ExportFileError> =>
  readCheckpointFile(path, PurgeCheckpoint, PURGE_CHECKPOINT_KIND)
