import * as Schema from "effect/Schema"

/** The flags make no sense together (exit code 2, like a parse error). */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", {
  message: Schema.String
}) {}
