import * as Schema from "effect/Schema"

/**
 * The output of an operation that answers nothing: an empty body (or `{}`, which botocore also
 * accepts) on the wire, `void` for the caller, and an empty body from the emulator.
 */
export const Unit: Schema.Schema<void, unknown> = Schema.transform(Schema.Unknown, Schema.Void, {
  strict: true,
  decode: () => undefined,
  encode: () => undefined
})
