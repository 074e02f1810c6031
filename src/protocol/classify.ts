/**
 * Which failures are worth another attempt, decided in one place for every retry policy.
 * Errors are recognised by their tag first: the service sends throttling as HTTP 400
 * (docs/service-behaviour.md §3.3), so a status check alone would miss it. Errors without a code of their
 * own (an HTML 502 from a load balancer, an empty 503) fall back to the HTTP status.
 */
import * as Predicate from "effect/Predicate"

export type FailureClass =
  /** TooManyRequestsException, ThrottlingException, HTTP 429. */
  | "throttling"
  /** InternalErrorException, HTTP 500/502/503/504, a broken connection, an attempt timeout. */
  | "transient"
  /** InvalidSignatureException for a request time outside the ±5 minute window. */
  | "clockSkew"
  /** ExpiredTokenException: the session token expired. */
  | "expiredCredentials"

const transientStatus: ReadonlySet<number> = new Set([500, 502, 503, 504])

/**
 * Codes other AWS front ends use for the same conditions. They only arrive as
 * UnknownServiceError (the model does not list them). LimitExceededException is deliberately
 * absent: in Cognito Identity it is a quota on pools, which no amount of waiting fixes.
 */
const throttlingCodes: ReadonlySet<string> = new Set([
  "Throttling",
  "ThrottledException",
  "RequestThrottled",
  "RequestThrottledException",
  "RequestLimitExceeded",
  "SlowDown"
])
const transientCodes: ReadonlySet<string> = new Set([
  "InternalFailure",
  "InternalServerError",
  "ServiceUnavailable",
  "RequestTimeout",
  "RequestTimeoutException"
])

const tagOf = (error: unknown): string | undefined =>
  Predicate.hasProperty(error, "_tag") && typeof error._tag === "string" ? error._tag : undefined

const statusOf = (error: unknown): number | undefined =>
  Predicate.hasProperty(error, "status") && typeof error.status === "number" ? error.status : undefined

const messageOf = (error: unknown): string =>
  Predicate.hasProperty(error, "message") && typeof error.message === "string" ? error.message : ""

const isAttemptTimeout = (error: unknown): boolean =>
  Predicate.hasProperty(error, "scope") && error.scope === "attempt"

/** The class of a failure, or `undefined` for one that another attempt would not change. */
export const classify = (error: unknown): FailureClass | undefined => {
  switch (tagOf(error)) {
    case "TooManyRequestsException":
    case "ThrottlingException":
      return "throttling"
    case "InternalErrorException":
    case "TransportError":
      return "transient"
    case "TimeoutError":
      // A call timeout is the caller's limit on everything, retries included: never retried.
      return isAttemptTimeout(error) ? "transient" : undefined
    case "ExpiredTokenException":
      return "expiredCredentials"
    case "InvalidSignatureException": {
      // The Coral wording (docs/service-behaviour.md §3.4); any other InvalidSignature is a wrong key or
      // a signing bug, which a retry would only repeat.
      const message = messageOf(error)
      return message.startsWith("Signature expired") || message.startsWith("Signature not yet current")
        ? "clockSkew"
        : undefined
    }
    case "UnknownServiceError": {
      const code = Predicate.hasProperty(error, "code") && typeof error.code === "string" ? error.code : ""
      if (throttlingCodes.has(code)) return "throttling"
      if (transientCodes.has(code)) return "transient"
      return byStatus(statusOf(error))
    }
    case "DecodeError":
      // An unreadable error page from a proxy (a non-UTF-8 503, an oversized 429) still says
      // what happened through its status; an unreadable 2xx does not improve on a retry.
      return byStatus(statusOf(error))
    default:
      return undefined
  }
}

const byStatus = (status: number | undefined): FailureClass | undefined =>
  status === 429 ? "throttling" : status !== undefined && transientStatus.has(status) ? "transient" : undefined

/**
 * Clock skew and expired credentials are not the service being unwell: the executor repairs
 * the cause (learns the clock offset, invalidates the credentials) when the error response
 * arrives, so one immediate retry fixes them and a second one would not. Every retrying policy
 * makes that retry at most once per class and per call, without backoff and without drawing
 * on the retry budget; this is the bit a call sets once it has spent it (0: no such retry).
 * `none` never retries, but the repair still benefits the next call.
 */
export const correctionBit = (failure: FailureClass): number =>
  failure === "clockSkew" ? 1 : failure === "expiredCredentials" ? 2 : 0

/** The wait the error response's `Retry-After` asked for, in ms (`ServiceErrorFields.retryAfterMillis`). */
export const retryAfterOf = (error: unknown): number | undefined =>
  Predicate.hasProperty(error, "retryAfterMillis") && typeof error.retryAfterMillis === "number"
    ? error.retryAfterMillis
    : undefined

/**
 * True when no response arrived (a broken connection, an attempt timeout). The retry budget
 * charges these more (SDK v3 `TIMEOUT_RETRY_COST`): a service that does not answer at all is
 * the likeliest to be down, and each such retry ties up a connection for the whole timeout.
 */
export const isNoResponse = (error: unknown): boolean => {
  const tag = tagOf(error)
  return tag === "TransportError" || (tag === "TimeoutError" && isAttemptTimeout(error))
}
