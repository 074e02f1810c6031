/**
 * Which failures are worth another attempt, decided in one place for every retry policy.
 * Errors are recognised by their tag (the service sends throttling as HTTP 400, so a status
 * check alone would miss it) and, for errors without a code, by HTTP status.
 */
import { Predicate } from "effect"

export type FailureClass =
  /** TooManyRequestsException, ThrottlingException, HTTP 429. */
  | "throttling"
  /** InternalErrorException, HTTP 500/502/503/504, a broken connection, an attempt timeout. */
  | "transient"
  /** InvalidSignatureException for a request time outside the ±5 minute window. */
  | "clockSkew"
  /** ExpiredTokenException: the session token expired. */
  | "expiredCredentials"

const transientStatus = new Set([500, 502, 503, 504])

const tagOf = (error: unknown): string | undefined =>
  Predicate.hasProperty(error, "_tag") && typeof error._tag === "string" ? error._tag : undefined

const statusOf = (error: unknown): number | undefined =>
  Predicate.hasProperty(error, "status") && typeof error.status === "number" ? error.status : undefined

const messageOf = (error: unknown): string =>
  Predicate.hasProperty(error, "message") && typeof error.message === "string" ? error.message : ""

export const classify = (error: unknown): FailureClass | undefined => {
  switch (tagOf(error)) {
    case "TooManyRequestsException":
    case "ThrottlingException":
      return "throttling"
    case "InternalErrorException":
    case "TransportError":
      return "transient"
    case "TimeoutError":
      return Predicate.hasProperty(error, "scope") && error.scope === "attempt" ? "transient" : undefined
    case "ExpiredTokenException":
      return "expiredCredentials"
    case "InvalidSignatureException": {
      const message = messageOf(error)
      return message.startsWith("Signature expired") || message.startsWith("Signature not yet current")
        ? "clockSkew"
        : undefined
    }
    case "UnknownServiceError": {
      const status = statusOf(error)
      if (status === 429) return "throttling"
      return status !== undefined && transientStatus.has(status) ? "transient" : undefined
    }
    default:
      return undefined
  }
}
