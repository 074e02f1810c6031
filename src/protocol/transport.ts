/**
 * How a request travels: the one question this module answers. The executor hands a
 * transport a finished request (URL, signed headers, body bytes) and gets back the status,
 * the headers and the whole body, or a failure. Every transport keeps the same three rules:
 *
 * - the body is counted as it arrives and refused past `maxBytes` (`TooLarge`), without being
 *   read to the end; a declared `Content-Length` above it is refused before any byte is read
 *   (`BodyLimit`). A declared length only refuses early: it may be compressed, or false;
 * - a redirect is never followed: a 3xx comes back as a response, which the response stage
 *   turns into an error, so a call never travels to another host with its session token;
 * - a failure keeps only what failed underneath (ECONNRESET, ...), never the request, whose
 *   headers hold the signature and the session token.
 *
 * `CognitoIdentityClient` uses the `CognitoIdentityTransport` in its context when there is one
 * (`UndiciHttpClient.layer` from `effect-cognito-identity/node` provides one on undici's
 * `dispatch`), and otherwise `httpClientTransport` over the `HttpClient` it is given: fetch,
 * the emulator's in-process client, or any other.
 */
import type { AbortableTimeout } from "./abortableAsync.js"
import { abortableAsync } from "./abortableAsync.js"
import type { HttpClientError, HttpClientResponse } from "@effect/platform"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Stream from "effect/Stream"
import { CONTENT_TYPE } from "../service.js"
import type { SigV4Hash } from "./sigv4.js"

export interface TransportRequest {
  readonly url: URL
  /** Lower-case names, signed. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
  /** A larger response body is not read: the send fails with `TooLarge`. */
  readonly maxBytes: number
  /**
   * What is left of the attempt timeout, given only to a transport that declares `timeouts`:
   * without a whole response by then, the send aborts the request and fails with `Timeout`.
   */
  readonly timeoutMillis?: number | undefined
}

export interface TransportResponse {
  readonly status: number
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: Uint8Array
}

export type TransportFailure =
  /** No response: connection refused or reset, DNS, TLS, a body cut short. `message` names the cause. */
  | { readonly _tag: "Transport"; readonly message: string; readonly cause: unknown }
  /** The response body is larger than `maxBytes`. */
  | { readonly _tag: "TooLarge"; readonly status: number }
  /** No whole response within `timeoutMillis`; the request was aborted. */
  | { readonly _tag: "Timeout" }

export interface Transport {
  /** Interrupting the effect aborts the request. */
  readonly send: (request: TransportRequest) => Effect.Effect<TransportResponse, TransportFailure>
  /** SHA-256 / HMAC-SHA-256 native to the transport's platform, for the signer; else the portable one. */
  readonly sha256?: SigV4Hash | undefined
  /**
   * True when `send` enforces `timeoutMillis` itself (the Node transports: a timer on the
   * request). Otherwise the executor races each attempt against the attempt timeout with
   * `Effect.timeoutFail`, which forks two fibers per attempt (~60 µs of CPU).
   */
  readonly timeouts?: boolean | undefined
}

/** A transport of the platform's own, preferred by `CognitoIdentityClient` over its `HttpClient`. */
export class CognitoIdentityTransport extends Context.Tag("effect-cognito-identity/CognitoIdentityTransport")<
  CognitoIdentityTransport,
  Transport
>() {}

/** What a transport that `timeouts` gives `abortableAsync` for a request's `timeoutMillis`. */
export const transportTimeout = (request: TransportRequest): AbortableTimeout<TransportFailure> | undefined =>
  request.timeoutMillis === undefined ? undefined : { millis: request.timeoutMillis, onTimeout: () => timedOut }

const timedOut: TransportFailure = { _tag: "Timeout" }

/** The failure for something that broke underneath, described by its message and its own cause's. */
export const transportFailure = (reason: string | undefined, underlying: unknown): TransportFailure => {
  const root = Predicate.hasProperty(underlying, "cause") && Predicate.hasProperty(underlying.cause, "message")
    ? ` (${String(underlying.cause.message)})`
    : ""
  const detail = Predicate.hasProperty(underlying, "message") ? `${String(underlying.message)}${root}` : reason ?? "transport failure"
  return { _tag: "Transport", message: reason === undefined ? detail : `${reason}: ${detail}`, cause: underlying }
}

/** The size cap on a response body, counted the same way by every transport. */
export class BodyLimit {
  private total = 0
  private readonly chunks: Array<Uint8Array> = []

  constructor(private readonly maxBytes: number) {}

  /** True when a declared `Content-Length` is already over the cap. */
  declaredTooLarge(contentLength: string | undefined): boolean {
    return contentLength !== undefined && /^\d+$/.test(contentLength) && Number(contentLength) > this.maxBytes
  }

  /** Keeps the chunk; false (and the chunk dropped) once the body is over the cap. */
  add(chunk: Uint8Array): boolean {
    this.total += chunk.length
    if (this.total > this.maxBytes) return false
    this.chunks.push(chunk)
    return true
  }

  /** The body so far, in one piece. */
  bytes(): Uint8Array {
    const [only] = this.chunks
    if (this.chunks.length === 1 && only !== undefined) return only
    const all = new Uint8Array(this.total)
    let offset = 0
    for (const chunk of this.chunks) {
      all.set(chunk, offset)
      offset += chunk.length
    }
    return all
  }
}

/** What a platform error says happened, without the request it holds. */
const fromPlatformError = (error: HttpClientError.HttpClientError): TransportFailure =>
  !Predicate.hasProperty(error.cause, "message") && error.description !== undefined
    ? { _tag: "Transport", message: `${error.reason}: ${error.description}`, cause: error.cause }
    : transportFailure(error.reason, error.cause)

/**
 * fetch follows redirects by default, re-sending the call (and the session token) to whatever
 * host a 3xx names; `redirect: "manual"` makes it hand the 3xx back instead. Other HttpClients
 * ignore the fetch options.
 */
const noRedirects = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(Effect.serviceOption(FetchHttpClient.RequestInit), (init) =>
    Effect.provideService(effect, FetchHttpClient.RequestInit, { ...Option.getOrElse(init, () => ({})), redirect: "manual" }))

/**
 * The web `Response` an @effect/platform response was built from (`HttpClientResponse.fromWeb`:
 * FetchHttpClient's responses, and those of most custom HttpClients), if its body is unread and
 * no one holds a reader on it.
 *
 * Not public API: `original` (the HttpClient's interruptible wrapper) and `source` (the
 * Response given to `fromWeb`) are @effect/platform 0.97's own fields. Read through the
 * public `response.stream`, a fetch body cost more CPU than fetch itself on Node: an Effect
 * Stream over the ReadableStream, and an abort of the request's AbortController (with its
 * DOMException) when that stream ends. Where the fields are missing (another version, a
 * response not built from a web Response), the body is read through `response.stream`: the
 * same bytes and the same cap, more slowly. test/protocol/transport.test.ts pins which path
 * FetchHttpClient's responses take.
 */
export const webResponseOf = (response: HttpClientResponse.HttpClientResponse): Response | undefined => {
  const built = Predicate.hasProperty(response, "original") ? response.original : response
  const source = Predicate.hasProperty(built, "source") ? built.source : undefined
  return typeof Response === "function" && source instanceof Response && !source.bodyUsed && source.body?.locked !== true
    ? source
    : undefined
}

/** A web body, counted against the cap as it arrives; interrupting the read cancels it. */
const readWebBody = (
  body: ReadableStream<Uint8Array>,
  limit: BodyLimit,
  tooLarge: TransportFailure
): Effect.Effect<Uint8Array, TransportFailure> =>
  abortableAsync((resume, onStop) => {
    const reader = body.getReader()
    const cancel = () => {
      reader.cancel().catch(() => undefined)
    }
    const next = (): void => {
      reader.read().then(
        (chunk) => {
          if (chunk.done) return resume(Effect.succeed(limit.bytes()))
          if (limit.add(chunk.value)) return next()
          // Not read further: cancelling closes the connection (or drops the rest of the body).
          cancel()
          resume(Effect.fail(tooLarge))
        },
        (cause: unknown) => resume(Effect.fail(transportFailure("the response body could not be read", cause)))
      )
    }
    onStop(cancel)
    next()
  })

const readBody = (
  response: HttpClientResponse.HttpClientResponse,
  maxBytes: number
): Effect.Effect<Uint8Array, TransportFailure> => {
  const limit = new BodyLimit(maxBytes)
  const tooLarge: TransportFailure = { _tag: "TooLarge", status: response.status }
  if (limit.declaredTooLarge(response.headers["content-length"])) return Effect.fail(tooLarge)
  const web = webResponseOf(response)
  // A 204, 205 or 304 has no body at all: an empty one, not a broken connection.
  if (web !== undefined) return web.body === null ? Effect.succeed(new Uint8Array()) : readWebBody(web.body, limit, tooLarge)
  return response.stream.pipe(
    Stream.catchAll((error) => error.reason === "EmptyBody" ? Stream.empty : Stream.fail(fromPlatformError(error))),
    Stream.runForEach((chunk) => limit.add(chunk) ? Effect.void : Effect.fail(tooLarge)),
    Effect.map(() => limit.bytes())
  )
}

/**
 * Any `HttpClient` as a transport. @effect/platform opens an `http.client` span per request
 * whose exit holds the response and, through it, the signed request: the client's requests
 * run with that span switched off (the executor's own call and attempt spans describe them,
 * without secrets), and with `x-amz-security-token` added to the header names the platform
 * redacts wherever it prints a request.
 */
export const httpClientTransport = (http: HttpClient.HttpClient): Transport => {
  const client = HttpClient.withTracerDisabledWhen(http, () => true)
  return {
    send: (request) =>
      client.execute(
        HttpClientRequest.post(request.url).pipe(
          HttpClientRequest.bodyUint8Array(request.body, CONTENT_TYPE),
          HttpClientRequest.setHeaders(request.headers)
        )
      ).pipe(
        noRedirects,
        Effect.mapError(fromPlatformError),
        Effect.flatMap((response) =>
          Effect.map(readBody(response, request.maxBytes), (body) => ({ status: response.status, headers: response.headers, body }))
        ),
        Effect.locallyWith(Headers.currentRedactedNames, (names) => [...names, "x-amz-security-token"])
      )
  }
}
