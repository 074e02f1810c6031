/**
 * Turns a non-2xx response into the tagged error it names. The code comes from `__type`, else
 * from the `x-amzn-ErrorType` header, normalised as botocore does (`ns#Code:extra` → `Code`);
 * the message from `message` or `Message`. The status never identifies an error: the service
 * sends every modelled client error as HTTP 400.
 */
import * as Predicate from "effect/Predicate"
import { UnknownServiceError } from "./CommonErrors.js"
import type { ServiceErrorClass } from "./ServiceError.js"

export interface ErrorResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string | undefined>>
  /** The body as text, possibly empty, possibly not JSON at all (a proxy's HTML page). */
  readonly body: string
  readonly attempts: number
  /** The wait its `Retry-After` asked for, already parsed. */
  readonly retryAfterMillis?: number | undefined
}

/** `com.amazon.coral.validate#ValidationException:http://…` → `ValidationException`. */
export const normaliseErrorCode = (raw: string): string => {
  let code = raw
  const colon = code.indexOf(":")
  if (colon >= 0) code = code.slice(0, colon)
  const hash = code.lastIndexOf("#")
  if (hash >= 0) code = code.slice(hash + 1)
  return code.trim()
}

const parseObject = (body: string): Record<string, unknown> => {
  if (body.trim() === "") return {}
  try {
    const value: unknown = JSON.parse(body)
    return Predicate.isRecord(value) ? value : {}
  } catch {
    return {}
  }
}

const stringMember = (record: Record<string, unknown>, key: string): string | undefined => {
  const value = record[key]
  return typeof value === "string" ? value : undefined
}

export const errorFromResponse = <E>(
  known: ReadonlyMap<string, ServiceErrorClass<E>>,
  response: ErrorResponse
): E | UnknownServiceError => {
  const body = parseObject(response.body)
  const rawCode = stringMember(body, "__type") ?? response.headers["x-amzn-errortype"]
  const code = rawCode === undefined ? "" : normaliseErrorCode(rawCode)
  const message = stringMember(body, "message") ?? stringMember(body, "Message") ??
    response.headers["x-amzn-errormessage"] ?? ""
  const requestId = response.headers["x-amzn-requestid"]
  const props = {
    message,
    status: response.status,
    attempts: response.attempts,
    ...(requestId === undefined ? {} : { requestId }),
    ...(response.retryAfterMillis === undefined ? {} : { retryAfterMillis: response.retryAfterMillis })
  }
  const ErrorClass = code === "" ? undefined : known.get(code)
  if (ErrorClass !== undefined) return new ErrorClass(props)
  return new UnknownServiceError({
    ...props,
    code: code === "" ? String(response.status) : code,
    message: message === "" ? `HTTP ${response.status} without an AWS error code` : message
  })
}
