import * as Schema from "effect/Schema"

/** The purge was asked something it refuses to do (nothing was sent or written). */
export class PurgeOptionsError extends /*#__PURE__*/ Schema.TaggedError<PurgeOptionsError>()("PurgeOptionsError", {
  message: Schema.String
}) {}
