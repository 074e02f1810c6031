import * as Schema from "effect/Schema"

/** The export's output or checkpoint file could not be read or written. */
export class ExportFileError extends Schema.TaggedError<ExportFileError>()("ExportFileError", {
  path: Schema.String,
  message: Schema.String
}) {}
