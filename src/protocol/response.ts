/**
 * What came back: a transport's response turned into the operation's output or into the
 * tagged error it names, and what an error response teaches the client before a retry.
 *
 * - The body must be UTF-8, for every transport.
 * - Only a 2xx is a success; a 3xx (a redirect, never followed), 4xx or 5xx is an error,
 *   recognised by its code (`errorFromResponse`), never by its status alone.
 * - A 2xx body is decoded with the output schema (its compiled decoder first,
 *   `schemas/compileDecoder.ts`); `null` members count as absent, as botocore reads them (moto
 *   and some proxies send them).
 * - `Retry-After` is parsed here and carried on the error (`retryAfterMillis`), where the
 *   retry policy reads it.
 */
import type * as Clock from "effect/Clock"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import { DecodeError } from "../errors/ClientErrors.js"
import { commonErrors, signedErrors } from "../errors/CommonErrors.js"
import { errorFromResponse } from "../errors/errorFromResponse.js"
import type { ServiceErrorClass } from "../errors/ServiceError.js"
import { fastDecodeEither } from "../schemas/compileDecoder.js"
import { describeRule } from "../schemas/Constraint.js"
import { formatPath, violations } from "../schemas/Violation.js"
import type { AnyOperation } from "./Operation.js"
import type { TransportResponse } from "./transport.js"

const decoder = new TextDecoder("utf-8", { fatal: true })

/** Beyond any output of the model; a deeper body is left as is and fails to decode. */
const MAX_NULL_DEPTH = 32

const withoutNulls = (value: unknown, depth = 0): unknown => {
  if (depth > MAX_NULL_DEPTH) return value
  if (Array.isArray(value)) return value.map((item) => withoutNulls(item, depth + 1))
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [key, member] of Object.entries(value)) {
      if (member !== null) out[key] = withoutNulls(member, depth + 1)
    }
    return out
  }
  return value
}

/**
 * `Retry-After` (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) in ms, or undefined when
 * absent or unreadable. An HTTP-date is measured against the response's own `Date` when there
 * is one, so that a skewed local clock does not distort it.
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

/**
 * How far the service's clock is ahead of the local one (ms; negative: behind), read from a
 * response's `Date`; undefined without a readable one. SDK v3's `getUpdatedSystemClockOffset`
 * does the same after a clock-skew rejection.
 */
export const clockOffsetFrom = (date: string | undefined, localNowMillis: number): number | undefined => {
  if (date === undefined) return undefined
  const server = Date.parse(date)
  return Number.isNaN(server) ? undefined : server - localNowMillis
}

/** Decodes the responses of one operation; compiled once per operation. */
export const makeResponseDecoder = (op: AnyOperation) => {
  // The compiled decoder answers first; whatever it cannot decide, ParseResult does (and explains).
  const decodeOutput = fastDecodeEither(op.output, ParseResult.decodeUnknownEither(op.output, { errors: "all" }))
  const known = new Map<string, ServiceErrorClass>(
    [...op.errors, ...commonErrors, ...(op.auth === "sigv4" ? signedErrors : [])].map((c) => [c._tag, c])
  )
  const describe = (issue: ParseResult.ParseIssue): string =>
    violations(issue).map((v) => `${formatPath(v.path)} must ${describeRule(v.rule)}`).join("; ")

  /** The output of a response, or the error it stands for. `clock` reads `Retry-After` dates. */
  return (response: TransportResponse, attempts: number, clock: Clock.Clock): Either.Either<unknown, unknown> => {
    const requestId = response.headers["x-amzn-requestid"]
    const decodeError = (message: string) =>
      Either.left(
        new DecodeError({
          operation: op.name,
          status: response.status,
          attempts,
          message: `${op.name}: ${message}`,
          ...(requestId === undefined ? {} : { requestId })
        })
      )
    let text: string
    try {
      text = decoder.decode(response.body)
    } catch {
      return decodeError("the response body is not valid UTF-8")
    }
    if (response.status < 200 || response.status >= 300) {
      const retryAfter = response.headers["retry-after"]
      return Either.left(errorFromResponse(known, {
        status: response.status,
        headers: response.headers,
        body: text,
        attempts,
        retryAfterMillis: retryAfter === undefined
          ? undefined
          : parseRetryAfter(retryAfter, response.headers["date"], clock.unsafeCurrentTimeMillis())
      }))
    }
    let json: unknown
    try {
      json = text.trim() === "" ? {} : JSON.parse(text)
    } catch {
      return decodeError("the response body is not JSON")
    }
    let decoded = decodeOutput(json)
    if (Either.isLeft(decoded)) decoded = decodeOutput(withoutNulls(json))
    return Either.isRight(decoded) ? decoded : decodeError(`the response does not match the model: ${describe(decoded.left)}`)
  }
}
