/**
 * `Retry-After` (RFC 9110 §10.2.3: delay-seconds or an HTTP-date). The executor reads the
 * header where it has the response; the policy, which only sees the error, reads the hint
 * back from the error. It is kept under a private symbol, not enumerable, so the public error
 * shapes (and their JSON, and what they print) do not change. Not a WeakMap: Effect hands a
 * failure inside a span around as a Proxy of the original, which a WeakMap would not know.
 */
import * as Predicate from "effect/Predicate"

const retryAfterKey: unique symbol = Symbol("effect-cognito-identity/retryAfterMillis")

/**
 * The wait the header asks for, in ms, or undefined when it is absent or unreadable. An
 * HTTP-date is measured against the response's own `Date` when there is one, so that a
 * skewed local clock does not distort it.
 */
export const parseRetryAfter = (
  value: string | undefined,
  serverDate: string | undefined,
  localNowMillis: number
): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return undefined
  const server = serverDate === undefined ? Number.NaN : Date.parse(serverDate)
  return Math.max(0, at - (Number.isNaN(server) ? localNowMillis : server))
}

/** Attaches the hint to an error the executor has just built (and not yet failed with). */
export const recordRetryAfter = (error: unknown, millis: number): void => {
  if (typeof error === "object" && error !== null && Object.isExtensible(error)) {
    Object.defineProperty(error, retryAfterKey, { value: millis, enumerable: false })
  }
}

/** The `Retry-After` of the response this error came from, in ms, if it had one. */
export const retryAfterOf = (error: unknown): number | undefined => {
  if (!Predicate.hasProperty(error, retryAfterKey)) return undefined
  const value = error[retryAfterKey]
  return typeof value === "number" ? value : undefined
}
