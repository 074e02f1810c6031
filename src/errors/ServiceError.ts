import * as Schema from "effect/Schema"

/**
 * What every error answered by the service carries: its message, the HTTP status, the
 * `x-amzn-RequestId` (absent when a proxy answered) and how many attempts the call made.
 */
export const ServiceErrorFields = {
  message: Schema.String,
  status: Schema.Number,
  requestId: Schema.optional(Schema.String),
  attempts: Schema.optional(Schema.Number)
}

export interface ServiceErrorProps extends Schema.Struct.Constructor<typeof ServiceErrorFields> {}

/** The constructor of a service error class: its `_tag` is the AWS error code. */
export interface ServiceErrorClass<E = unknown> {
  readonly _tag: string
  new(props: ServiceErrorProps): E
}
