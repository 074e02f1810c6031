/**
 * Failures that happen on this side of the wire. None of them ever carries a secret: input
 * values are not quoted, transport failures keep their cause as a defect, and a
 * `CredentialsError` keeps the typed failure behind it (a service error, which quotes no token,
 * or the `LoginsError` of your own logins effect).
 */
import * as Schema from "effect/Schema"
import {
  AccessDeniedException,
  ExpiredTokenException,
  IncompleteSignatureException,
  InvalidSignatureException,
  MissingAuthenticationTokenException,
  SerializationException,
  ThrottlingException,
  UnknownOperationException,
  UnknownServiceError,
  UnrecognizedClientException,
  ValidationException
} from "./CommonErrors.js"
import { inputHint } from "./hints.js"
import {
  ConcurrentModificationException,
  DeveloperUserAlreadyRegisteredException,
  ExternalServiceException,
  InternalErrorException,
  InvalidIdentityPoolConfigurationException,
  InvalidParameterException,
  LimitExceededException,
  NotAuthorizedException,
  ResourceConflictException,
  ResourceNotFoundException,
  TooManyRequestsException
} from "./ModeledErrors.js"

// `/*#__PURE__*/` on each `extends`: bundlers keep a class whose `extends` is a call unless
// told the call is pure, so without it every error class would ship in every program. The same
// on the calls among the fields of a class that a program may not use (`CredentialsError`): a
// pure call is still kept for an argument that is a call not known to be pure.

/** One violated constraint of the input: where, which rule, in words. */
export const InputIssue = Schema.Struct({
  /** The member path, e.g. `IdentityPoolId`, `Logins["graph.facebook.com"]`, `IdentityIdsToDelete[3]`. */
  path: Schema.String,
  /** The rule's kind: required, type, minLength, maxLength, pattern, minValue, maxValue, enum. */
  rule: Schema.String,
  /** The rule in words, e.g. `must have length less than or equal to 55`. */
  message: Schema.String,
  /** What to change, when the value has a telling shape (a user pool id as IdentityPoolId). */
  hint: Schema.optional(Schema.String)
})
export interface InputIssue extends Schema.Schema.Type<typeof InputIssue> {}

/** One issue of a broken input: its hint comes from the value's shape, without quoting it. */
export const inputIssue = (
  path: ReadonlyArray<PropertyKey>,
  formattedPath: string,
  rule: string,
  message: string,
  actual: unknown
): InputIssue => {
  const hint = inputHint(path, actual)
  return hint === undefined ? { path: formattedPath, rule, message } : { path: formattedPath, rule, message, hint }
}

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

  /** What to change, when an issue's value says it (`IdentityPoolId` given a user pool id). */
  get hint(): string | undefined {
    return this.issues.find((issue) => issue.hint !== undefined)?.hint
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

/** The client configuration gives no endpoint (no region, or FIPS with a custom endpoint, ...). */
export class EndpointError extends /*#__PURE__*/ Schema.TaggedError<EndpointError>()("EndpointError", {
  message: Schema.String,
  /** Set by a call (always 0: nothing was sent); absent when a layer failed to build. */
  attempts: Schema.optional(Schema.Number)
}) {}

/**
 * The effect that was to hand over an identity pool's logins (`logins`, or `developerIdentity`,
 * of `AwsCredentials.fromCognitoIdentityPool`) failed. `error` is its failure as it was (the
 * same value): your own error, to narrow with its own guard (`Schema.is`, `instanceof`,
 * `Predicate.isTagged`). The message names its `_tag` only.
 * Its type is `unknown` here because every credentials source shares the one `AwsCredentials`
 * service, whose failure type cannot depend on one source's options.
 */
export class LoginsError extends /*#__PURE__*/ Schema.TaggedError<LoginsError>()("LoginsError", {
  message: Schema.String,
  error: Schema.Unknown
}) {
  /** Printed without `error`: it is your value, and may hold a token. */
  override toJSON(): unknown {
    return { _tag: this._tag, message: this.message }
  }
}

/** What can be behind a `CredentialsError`: the identity pool's answer, or the logins effect's failure. */
export const CredentialsCause = /*#__PURE__*/ Schema.Union(
  LoginsError,
  // The service's answers (`NotAuthorizedException` for a refused or expired login token).
  ConcurrentModificationException,
  DeveloperUserAlreadyRegisteredException,
  ExternalServiceException,
  InternalErrorException,
  InvalidIdentityPoolConfigurationException,
  InvalidParameterException,
  LimitExceededException,
  NotAuthorizedException,
  ResourceConflictException,
  ResourceNotFoundException,
  TooManyRequestsException,
  ValidationException,
  SerializationException,
  UnknownOperationException,
  ThrottlingException,
  MissingAuthenticationTokenException,
  IncompleteSignatureException,
  InvalidSignatureException,
  UnrecognizedClientException,
  ExpiredTokenException,
  AccessDeniedException,
  UnknownServiceError,
  // The call's own failures on this side of the wire.
  ValidationError,
  TransportError,
  TimeoutError,
  DecodeError,
  EndpointError
)
export type CredentialsCause = Schema.Schema.Type<typeof CredentialsCause>

/** No credentials could be obtained, or they could not sign the request. */
export class CredentialsError extends /*#__PURE__*/ Schema.TaggedError<CredentialsError>()("CredentialsError", {
  message: Schema.String,
  /** The sources that were tried, in order (environment, profile "x", ...). */
  sources: /*#__PURE__*/ Schema.optional(/*#__PURE__*/ Schema.Array(Schema.String)),
  /** Set by a call: its attempts, the one that could not obtain or use credentials included. */
  attempts: /*#__PURE__*/ Schema.optional(Schema.Number),
  /**
   * The typed failure behind it, when there is one: what the identity pool answered
   * (`NotAuthorizedException` for a login token it refused, expired ones included), or the
   * `LoginsError` of the logins effect. Match on `cause._tag` to send a user to sign in again.
   */
  cause: /*#__PURE__*/ Schema.optional(CredentialsCause)
}) {
  /** The same error, reported by a call that made `attempts` attempts. */
  withAttempts(attempts: number): CredentialsError {
    return new CredentialsError({
      message: this.message,
      attempts,
      ...(this.sources === undefined ? {} : { sources: this.sources }),
      ...(this.cause === undefined ? {} : { cause: this.cause })
    })
  }

  /** What to change: the hint of the failure behind it (a pool that refuses guests, an untrusted provider, ...). */
  get hint(): string | undefined {
    const cause = this.cause
    return cause !== undefined && "hint" in cause ? cause.hint : undefined
  }
}
