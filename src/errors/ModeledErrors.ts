/**
 * The 11 faults of the Cognito Identity model, one class each; `_tag` is the AWS error code.
 * The live service sends all client faults with HTTP 400 (docs/service-behaviour.md §3.3), so they are
 * identified by code, never by status.
 */
import * as Schema from "effect/Schema"
import { serviceHint } from "./hints.js"
import { ServiceErrorFields } from "./ServiceError.js"

// `/*#__PURE__*/` on each `extends`: bundlers keep a class whose `extends` is a call unless
// told the call is pure, so without it every error class would ship in every program.

/** Parallel requests modified the same resource. */
export class ConcurrentModificationException extends /*#__PURE__*/ Schema.TaggedError<ConcurrentModificationException>()(
  "ConcurrentModificationException",
  ServiceErrorFields
) {}

/** The developer user identifier is already registered under a different identity id. */
export class DeveloperUserAlreadyRegisteredException
  extends /*#__PURE__*/ Schema.TaggedError<DeveloperUserAlreadyRegisteredException>()(
    "DeveloperUserAlreadyRegisteredException",
    ServiceErrorFields
  )
{}

/** A dependent service (Facebook, Twitter, ...) did not respond. */
export class ExternalServiceException extends /*#__PURE__*/ Schema.TaggedError<ExternalServiceException>()(
  "ExternalServiceException",
  ServiceErrorFields
) {}

/** The service failed while processing the request (HTTP 500); retryable. */
export class InternalErrorException extends /*#__PURE__*/ Schema.TaggedError<InternalErrorException>()(
  "InternalErrorException",
  ServiceErrorFields
) {}

/** The identity pool has no role for this identity, or STS refused to assume it. */
export class InvalidIdentityPoolConfigurationException
  extends /*#__PURE__*/ Schema.TaggedError<InvalidIdentityPoolConfigurationException>()(
    "InvalidIdentityPoolConfigurationException",
    ServiceErrorFields
  )
{
  /** What to change, for the classic misconfigurations (docs/service-behaviour.md). */
  get hint(): string | undefined {
    return serviceHint(this._tag, this.message)
  }
}

/** A missing or bad parameter that the model's constraints do not catch. */
export class InvalidParameterException extends /*#__PURE__*/ Schema.TaggedError<InvalidParameterException>()(
  "InvalidParameterException",
  ServiceErrorFields
) {
  /** What to change, for the classic misconfigurations (docs/service-behaviour.md). */
  get hint(): string | undefined {
    return serviceHint(this._tag, this.message)
  }
}

/** A quota was exceeded (1,000 pools per account and region, 50 user-pool providers, ...). */
export class LimitExceededException extends /*#__PURE__*/ Schema.TaggedError<LimitExceededException>()(
  "LimitExceededException",
  ServiceErrorFields
) {}

/** The caller may not do this (bad login token, unauthenticated access disabled, ...). */
export class NotAuthorizedException extends /*#__PURE__*/ Schema.TaggedError<NotAuthorizedException>()(
  "NotAuthorizedException",
  ServiceErrorFields
) {
  /** What to change, for the classic misconfigurations (docs/service-behaviour.md). */
  get hint(): string | undefined {
    return serviceHint(this._tag, this.message)
  }
}

/** A login is already linked to another identity, or the request conflicts with the state. */
export class ResourceConflictException extends /*#__PURE__*/ Schema.TaggedError<ResourceConflictException>()(
  "ResourceConflictException",
  ServiceErrorFields
) {}

/** The identity pool or identity does not exist (in this account and region). */
export class ResourceNotFoundException extends /*#__PURE__*/ Schema.TaggedError<ResourceNotFoundException>()(
  "ResourceNotFoundException",
  ServiceErrorFields
) {
  /** What to change, for the classic misconfigurations (docs/service-behaviour.md). */
  get hint(): string | undefined {
    return serviceHint(this._tag, this.message)
  }
}

/** The request was throttled; retryable. */
export class TooManyRequestsException extends /*#__PURE__*/ Schema.TaggedError<TooManyRequestsException>()(
  "TooManyRequestsException",
  ServiceErrorFields
) {}
