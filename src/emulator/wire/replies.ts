/**
 * Building the emulator's HTTP responses: the headers every response carries (request id,
 * Date, CORS), the awsJson1.1 success and error formats (docs/service-behaviour.md §2, §3.1), the CORS
 * pre-flight answer, and the HTML page a failing load balancer would send.
 */
import { copyWith } from "../../protocol/copyWith.js"
import { CONTENT_TYPE } from "../../service.js"
import type { WireReply } from "./WireMessage.js"

/** What the live service exposes to browsers (observed, docs/service-behaviour.md §2). */
export const CORS_EXPOSE_HEADERS = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"

/** Every header a browser SDK sends on a call, for pre-flights that do not list theirs. */
export const CORS_ALLOW_HEADERS = [
  "content-type",
  "x-amz-target",
  "x-amz-date",
  "x-amz-security-token",
  "authorization",
  "x-amz-user-agent",
  "amz-sdk-invocation-id",
  "amz-sdk-request",
  "x-amz-content-sha256"
].join(",")

/** The per-request facts every response repeats. */
export interface ReplyContext {
  readonly requestId: string
  readonly now: Date
}

const encoder = new TextEncoder()

/**
 * Error messages can quote request values (a pool name, a target header), and node:http and
 * the Fetch `Headers` class both refuse control or non-Latin-1 characters in a header value:
 * one bad byte would turn a 400 into a crash. Clients also cap header sizes (undici: 16 KiB
 * for all of them), so a long validation message is cut short here; the body keeps it whole.
 */
const MAX_HEADER_MESSAGE = 1024
export const headerSafe = (text: string): string => {
  const printable = text.replace(/[^\x20-\x7e]/g, "?")
  return printable.length > MAX_HEADER_MESSAGE ? `${printable.slice(0, MAX_HEADER_MESSAGE - 3)}...` : printable
}

const commonHeaders = (context: ReplyContext): Record<string, string> => ({
  "x-amzn-RequestId": context.requestId,
  "Date": context.now.toUTCString(),
  "access-control-allow-origin": "*",
  "access-control-expose-headers": CORS_EXPOSE_HEADERS
})

const withBody = (status: number, headers: Record<string, string>, body: Uint8Array): WireReply => ({
  status,
  headers: copyWith(headers, { "content-length": String(body.byteLength) }),
  body
})

/** The HTTP status of an error code: the live service sends 400 for every client error (§3.3). */
export const statusOf = (code: string): number => {
  switch (code) {
    case "InternalErrorException":
    case "InternalFailure":
      return 500
    case "ServiceUnavailable":
      return 503
    default:
      return 400
  }
}

/** 200 with the encoded output, or an empty body for operations that answer nothing. */
export const successReply = (context: ReplyContext, json: string | undefined): WireReply =>
  withBody(
    200,
    copyWith(commonHeaders(context), { "content-type": CONTENT_TYPE }),
    json === undefined ? new Uint8Array() : encoder.encode(json)
  )

/** `{"__type":"<Code>","message":"<text>"}` with `x-amzn-ErrorType: <Code>:` (trailing colon, as observed). */
export const errorReply = (
  context: ReplyContext,
  code: string,
  message: string,
  status: number = statusOf(code),
  extraHeaders: Readonly<Record<string, string>> = {}
): WireReply =>
  withBody(
    status,
    copyWith(copyWith(commonHeaders(context), extraHeaders), {
      "content-type": CONTENT_TYPE,
      "x-amzn-ErrorType": `${code}:`,
      "x-amzn-ErrorMessage": headerSafe(message)
    }),
    encoder.encode(JSON.stringify({ __type: code, message }))
  )

/** A plain JSON document (the JWKS). */
export const documentReply = (context: ReplyContext, document: unknown): WireReply =>
  withBody(
    200,
    copyWith(commonHeaders(context), { "content-type": "application/json", "cache-control": "max-age=300" }),
    encoder.encode(JSON.stringify(document))
  )

/** What a load balancer in front of the service answers when the fleet is unavailable. */
export const serviceUnavailableReply = (context: ReplyContext): WireReply =>
  withBody(
    503,
    copyWith(commonHeaders(context), { "content-type": "text/html" }),
    encoder.encode(
      "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n" +
        "<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n"
    )
  )

/**
 * The answer to a CORS pre-flight. The requested headers are echoed back (after stripping
 * anything that could not be a header name list) so that any SDK's extra headers pass.
 */
export const preflightReply = (context: ReplyContext, requestedHeaders: string | undefined): WireReply => {
  const requested = requestedHeaders === undefined
    ? undefined
    : requestedHeaders.split(",").map((name) => name.trim()).filter((name) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
  return withBody(
    200,
    {
      ...commonHeaders(context),
      "access-control-allow-methods": "POST, OPTIONS",
      "access-control-allow-headers": requested === undefined || requested.length === 0
        ? CORS_ALLOW_HEADERS
        : requested.join(","),
      "access-control-max-age": "86400"
    },
    new Uint8Array()
  )
}
