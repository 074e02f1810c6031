import * as Schema from "effect/Schema"

/** The command ran but did not do all it was asked; `message` is the one-line reason (exit code 1). */
export class CommandFailed extends Schema.TaggedError<CommandFailed>()("CommandFailed", {
  message: Schema.String
}) {}
