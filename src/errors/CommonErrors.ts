/**
 * Errors any AWS JSON service may answer that the Cognito Identity model does not list
 * (docs/service-behaviour.md §3.4), and the catch-all for codes nobody knows.
 */
import * as Schema from "effect/Schema"
import { serviceHint } from "./hints.js"
import { ServiceErrorFields } from "./ServiceError.js"

// `/*#__PURE__*/` on each `extends`: bundlers keep a class whose `extends` is a call unless
// told the call is pure, so without it every error class would ship in every program.

/** The input broke a constraint of the model (the service checked it; the client normally catches it first). */
export class ValidationException extends /*#__PURE__*/ Schema.TaggedError<ValidationException>()(
  "ValidationException",
  ServiceErrorFields
) {}

/** The body was not JSON, or a member had the wrong JSON type. */
export class SerializationException extends /*#__PURE__*/ Schema.TaggedError<SerializationException>()(
  "SerializationException",
  ServiceErrorFields
) {}

/** The `X-Amz-Target` named no operation of the service. */
export class UnknownOperationException extends /*#__PURE__*/ Schema.TaggedError<UnknownOperationException>()(
  "UnknownOperationException",
  ServiceErrorFields
) {}

/** A signed operation arrived without a signature. */
export class MissingAuthenticationTokenException extends /*#__PURE__*/ Schema.TaggedError<MissingAuthenticationTokenException>()(
  "MissingAuthenticationTokenException",
  ServiceErrorFields
) {}

/** The Authorization header was malformed. */
export class IncompleteSignatureException extends /*#__PURE__*/ Schema.TaggedError<IncompleteSignatureException>()(
  "IncompleteSignatureException",
  ServiceErrorFields
) {}

/** The signature did not match, or the request's clock is more than 5 minutes off. */
export class InvalidSignatureException extends /*#__PURE__*/ Schema.TaggedError<InvalidSignatureException>()(
  "InvalidSignatureException",
  ServiceErrorFields
) {}

/** The access key id (or session token) is not known to AWS. */
export class UnrecognizedClientException extends /*#__PURE__*/ Schema.TaggedError<UnrecognizedClientException>()(
  "UnrecognizedClientException",
  ServiceErrorFields
) {
  /** What to change, for the classic misconfigurations (docs/service-behaviour.md). */
  get hint(): string | undefined {
    return serviceHint(this._tag, this.message)
  }
}

/** The session token has expired. */
export class ExpiredTokenException extends /*#__PURE__*/ Schema.TaggedError<ExpiredTokenException>()(
  "ExpiredTokenException",
  ServiceErrorFields
) {}

/** IAM denied the action. */
export class AccessDeniedException extends /*#__PURE__*/ Schema.TaggedError<AccessDeniedException>()(
  "AccessDeniedException",
  ServiceErrorFields
) {}

/** Throttling by the AWS front end (the service itself uses TooManyRequestsException); retryable. */
export class ThrottlingException extends /*#__PURE__*/ Schema.TaggedError<ThrottlingException>()(
  "ThrottlingException",
  ServiceErrorFields
) {}

/**
 * An error response whose code is none of the above: `code` holds it, or the HTTP status when
 * the response carried no code at all (an HTML page from a proxy, an empty body).
 */
export class UnknownServiceError extends /*#__PURE__*/ Schema.TaggedError<UnknownServiceError>()("UnknownServiceError", {
  code: Schema.String,
  ...ServiceErrorFields
}) {}

/** Errors that any operation may receive, signed or not. */
export const commonErrors = [
  ValidationException,
  SerializationException,
  UnknownOperationException,
  ThrottlingException
] as const

/** Errors that only a signed (SigV4) operation may receive. */
export const signedErrors = [
  MissingAuthenticationTokenException,
  IncompleteSignatureException,
  InvalidSignatureException,
  UnrecognizedClientException,
  ExpiredTokenException,
  AccessDeniedException
] as const

export type CommonError = InstanceType<typeof commonErrors[number]> | UnknownServiceError
export type SignedError = InstanceType<typeof signedErrors[number]>
