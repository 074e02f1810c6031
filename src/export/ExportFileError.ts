import * as Schema from "effect/Schema"

/** The export's output or checkpoint file could not be read or written, or may not be used. */
export class ExportFileError extends /*#__PURE__*/ Schema.TaggedError<ExportFileError>()("ExportFileError", {
  path: Schema.String,
  message: Schema.String,
  /** The system error code when there was one (`EPIPE`: the reader of stdout went away; `ENOSPC`, ...). */
  code: Schema.optional(Schema.String)
}) {}

const errnoCode = (cause: unknown): string | undefined =>
  typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string" ? cause.code : undefined

/** An ExportFileError for a failed file operation: `${what} ${path}: ${reason}`, with the errno code. */
export const fileError = (path: string, what: string) => (cause: unknown): ExportFileError => {
  const code = errnoCode(cause)
  return new ExportFileError({
    path,
    message: `${what} ${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
    ...(code === undefined ? {} : { code })
  })
}
