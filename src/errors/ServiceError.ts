import * as Schema from "effect/Schema"

/**
 * What every error answered by the service carries: its message, the HTTP status, the
 * `x-amzn-RequestId` (absent when a proxy answered), how many attempts the call made, and the
 * wait a `Retry-After` header asked for (the retry policy waits at least that long).
 */
export const ServiceErrorFields = {
  message: Schema.String,
  status: Schema.Number,
  requestId: Schema.optional(Schema.String),
  attempts: Schema.optional(Schema.Number),
  /** The response's `Retry-After` in milliseconds, when it had a readable one. */
  retryAfterMillis: Schema.optional(Schema.Number)
}

export interface ServiceErrorProps extends Schema.Struct.Constructor<typeof ServiceErrorFields> {}

/** The constructor of a service error class: its `_tag` is the AWS error code. */
export interface ServiceErrorClass<E = unknown> {
  readonly _tag: string
  new(props: ServiceErrorProps): E
}
