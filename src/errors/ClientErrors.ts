/**
 * Failures that happen on this side of the wire. None of them ever carries a secret: input
 * values are not quoted, and causes are kept as defects only for transport failures.
 */
import * as Schema from "effect/Schema"

// `/*#__PURE__*/` on each `extends`: bundlers keep a class whose `extends` is a call unless
// told the call is pure, so without it every error class would ship in every program.

/** One violated constraint of the input: where, which rule, in words. */
export const InputIssue = Schema.Struct({
  /** The member path, e.g. `IdentityPoolId`, `Logins["graph.facebook.com"]`, `IdentityIdsToDelete[3]`. */
  path: Schema.String,
  /** The rule's kind: required, type, minLength, maxLength, pattern, minValue, maxValue, enum. */
  rule: Schema.String,
  /** The rule in words, e.g. `must have length less than or equal to 55`. */
  message: Schema.String
})
export interface InputIssue extends Schema.Schema.Type<typeof InputIssue> {}

/** The input broke the model's constraints; nothing was sent. */
export class ValidationError extends /*#__PURE__*/ Schema.TaggedError<ValidationError>()("ValidationError", {
  operation: Schema.String,
  issues: Schema.Array(InputIssue),
  /** Always 0 when set: nothing was sent. */
  attempts: Schema.optional(Schema.Number)
}) {
  override get message(): string {
    return `${this.operation}: invalid input: ${this.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`
  }
}

/** The request could not be sent or the response not received (connection refused or reset, DNS, TLS). */
export class TransportError extends /*#__PURE__*/ Schema.TaggedError<TransportError>()("TransportError", {
  operation: Schema.String,
  message: Schema.String,
  attempts: Schema.optional(Schema.Number),
  cause: Schema.optional(Schema.Defect)
}) {}

/** An attempt or the whole call took longer than the timeout configured on `CognitoIdentityClient`. */
export class TimeoutError extends /*#__PURE__*/ Schema.TaggedError<TimeoutError>()("TimeoutError", {
  operation: Schema.String,
  scope: Schema.Literal("attempt", "call"),
  timeoutMillis: Schema.Number,
  attempts: Schema.optional(Schema.Number)
}) {
  override get message(): string {
    return `${this.operation}: the ${this.scope} timed out after ${this.timeoutMillis} ms`
  }
}

/** A response arrived but could not be understood (not JSON, wrong types, too large). */
export class DecodeError extends /*#__PURE__*/ Schema.TaggedError<DecodeError>()("DecodeError", {
  operation: Schema.String,
  message: Schema.String,
  status: Schema.Number,
  requestId: Schema.optional(Schema.String),
  attempts: Schema.optional(Schema.Number)
}) {}

/** No credentials could be obtained, or they could not sign the request. */
export class CredentialsError extends /*#__PURE__*/ Schema.TaggedError<CredentialsError>()("CredentialsError", {
  message: Schema.String,
  /** The sources that were tried, in order (environment, profile "x", ...). */
  sources: Schema.optional(Schema.Array(Schema.String)),
  /** Set by a call: its attempts, the one that could not obtain or use credentials included. */
  attempts: Schema.optional(Schema.Number)
}) {}

/** The client configuration gives no endpoint (no region, or FIPS with a custom endpoint, ...). */
export class EndpointError extends /*#__PURE__*/ Schema.TaggedError<EndpointError>()("EndpointError", {
  message: Schema.String,
  /** Set by a call (always 0: nothing was sent); absent when a layer failed to build. */
  attempts: Schema.optional(Schema.Number)
}) {}
