/**
 * HTTP for Node.js on undici, with a keep-alive connection pool: an `HttpClient` on undici's
 * `request`, and, for `CognitoIdentityClient`, a `CognitoIdentityTransport` on undici's
 * lowest-level API (`dispatch`). @effect/platform's `HttpClient.make` costs ~200 µs of CPU per
 * request on Node (an AbortController, URL rebuilding, a FinalizationRegistry entry and a
 * response wrapper each time): more than a whole signed request on the transport. On Node 20,
 * global `fetch` costs several times more still. Browsers and other runtimes use
 * `FetchHttpClient.layer` from @effect/platform instead.
 */
import type { HttpClientRequest } from "@effect/platform"
import * as Cookies from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { Agent } from "undici"
import type { Transport, TransportFailure, TransportRequest, TransportResponse } from "../protocol/transport.js"
import { BodyLimit, CognitoIdentityTransport, transportFailure, transportTimeout } from "../protocol/transport.js"
import { nodeSha256 } from "./NodeSha256.js"
import type { Dispatcher } from "undici"
import { abortableAsync } from "../protocol/abortableAsync.js"
import type * as Undici from "undici"

export interface UndiciHttpClientOptions {
  /** Connections kept per origin. Default 64. */
  readonly connections?: number | undefined
  /** How long an idle keep-alive connection stays open, in ms. Default 4 s (below typical server limits). */
  readonly keepAliveTimeout?: number | undefined
}

type UndiciResponse = Dispatcher.ResponseData

const toHeaders = (raw: UndiciResponse["headers"]): Headers.Headers => {
  const flat: Record<string, string> = {}
  for (const name in raw) {
    const value = raw[name]
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : String(value)
  }
  return Headers.fromInput(flat)
}

class UndiciHttpResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly status: number
  readonly headers: Headers.Headers
  readonly remoteAddress: Option.Option<string> = Option.none()
  private readonly source: UndiciResponse
  private bytes: Promise<ArrayBuffer> | undefined

  constructor(readonly request: HttpClientRequest.HttpClientRequest, source: UndiciResponse) {
    super()
    this.source = source
    this.status = source.statusCode
    this.headers = toHeaders(source.headers)
  }

  private decodeError(cause: unknown, description?: string): HttpClientError.ResponseError {
    return new HttpClientError.ResponseError({
      request: this.request,
      response: this,
      reason: "Decode",
      cause,
      ...(description === undefined ? {} : { description })
    })
  }

  get cookies(): Cookies.Cookies {
    const setCookie = this.source.headers["set-cookie"]
    return Cookies.fromSetCookie(setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie])
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    // The body can be read once; keep the promise so that text/json/arrayBuffer can all be asked for.
    return Effect.tryPromise({
      try: () => (this.bytes ??= this.source.body.arrayBuffer()),
      catch: (cause) => this.decodeError(cause)
    })
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.map(this.arrayBuffer, (buffer) => new TextDecoder().decode(buffer))
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({ try: () => (text === "" ? null : JSON.parse(text)) as unknown, catch: (cause) => this.decodeError(cause) }))
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.map(this.text, (text) => UrlParams.fromInput(new URLSearchParams(text)))
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return Effect.fail(this.decodeError(undefined, "formData is not supported by UndiciHttpClient"))
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return Stream.fromAsyncIterable(this.source.body, (cause) => this.decodeError(cause)).pipe(
      Stream.map((chunk: Buffer | Uint8Array) => new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
    )
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}

const bodyOf = (request: HttpClientRequest.HttpClientRequest): Uint8Array | string | undefined => {
  switch (request.body._tag) {
    case "Uint8Array":
      return request.body.body
    case "Raw":
      return typeof request.body.body === "string" ? request.body.body : undefined
    default:
      return undefined
  }
}

const flatHeaders = (headers: Record<string, string | ReadonlyArray<string> | undefined>) => {
  const flat: Record<string, string> = {}
  for (const name in headers) {
    const value = headers[name]
    if (value !== undefined) flat[name] = typeof value === "string" ? value : value.join(", ")
  }
  return flat
}

/**
 * The client's requests on undici's lowest-level API (`dispatch`): no Readable body stream, no
 * per-request AbortController (the dispatch controller aborts), the body collected as it
 * arrives under the `BodyLimit` every transport shares. undici enforces Content-Length
 * framing, never decompresses and never follows a redirect.
 */
const dispatchTransport = (agent: Agent): Transport => ({
  sha256: nodeSha256,
  timeouts: true,
  send: (request: TransportRequest) =>
    abortableAsync<TransportResponse, TransportFailure>((resume, onStop) => {
      let controller: Dispatcher.DispatchController | undefined
      let status = 0
      let headers: Record<string, string> = {}
      const limit = new BodyLimit(request.maxBytes)
      let done = false
      const finish = (result: Effect.Effect<TransportResponse, TransportFailure>) => {
        if (done) return
        done = true
        resume(result)
      }
      const tooLarge = () => {
        finish(Effect.fail({ _tag: "TooLarge", status }))
        controller?.abort(new Error("response larger than maxResponseBytes"))
      }
      onStop(() => {
        done = true
        controller?.abort(new Error("interrupted"))
      })
      try {
        agent.dispatch(
          {
            origin: request.url.origin,
            path: `${request.url.pathname}${request.url.search}`,
            method: "POST",
            headers: request.headers,
            body: request.body
          },
          {
            onRequestStart: (started) => {
              controller = started
            },
            onResponseStart: (_controller, statusCode, responseHeaders) => {
              status = statusCode
              headers = flatHeaders(responseHeaders)
              if (limit.declaredTooLarge(headers["content-length"])) tooLarge()
            },
            onResponseData: (_controller, chunk) => {
              if (!limit.add(chunk)) tooLarge()
            },
            onResponseEnd: () => finish(Effect.succeed({ status, headers, body: limit.bytes() })),
            onResponseError: (_controller, error) => finish(Effect.fail(transportFailure("Transport", error)))
          }
        )
      } catch (cause) {
        // dispatch refuses invalid options synchronously (e.g. a header value it cannot send).
        finish(Effect.fail(transportFailure("Transport", cause)))
      }
    }, transportTimeout(request))
})

const makeClient = (undici: typeof Undici, agent: Agent): HttpClient.HttpClient =>
  HttpClient.make((request, url, signal) =>
    Effect.tryPromise({
      try: () =>
        undici.request(url, {
          method: request.method,
          headers: request.headers,
          body: bodyOf(request) ?? null,
          signal,
          dispatcher: agent
        }),
      catch: (cause) => new HttpClientError.RequestError({ request, reason: "Transport", cause })
    }).pipe(Effect.map((response) => new UndiciHttpResponse(request, response)))
  )

/**
 * undici, loaded when the layer is built rather than when this module is: its ~110 files take
 * 150–250 ms to load as installed, which a program that imports `effect-cognito-identity/node`
 * for `NodeHttpClient` or `fromIni` should not pay.
 */
const undiciModule: Effect.Effect<typeof Undici> = Effect.promise(() => import("undici"))

/**
 * A keep-alive undici pool, closed when the layer's scope closes, serving both an `HttpClient`
 * and the `CognitoIdentityTransport`.
 */
const layerWith = (
  options: UndiciHttpClientOptions = {}
): Layer.Layer<HttpClient.HttpClient | CognitoIdentityTransport> =>
  Layer.scopedContext(
    Effect.flatMap(undiciModule, (undici) =>
      Effect.map(
        Effect.acquireRelease(
          Effect.sync(() =>
            new undici.Agent({ connections: options.connections ?? 64, keepAliveTimeout: options.keepAliveTimeout ?? 4_000 })
          ),
          (agent) => Effect.promise(() => agent.close())
        ),
        (agent) =>
          Context.make(HttpClient.HttpClient, makeClient(undici, agent)).pipe(
            Context.add(CognitoIdentityTransport, dispatchTransport(agent))
          )
      ))
  )

/**
 * HTTP on Node.js, on undici. `CognitoIdentityClient.layer(...).pipe(Layer.provide(UndiciHttpClient.layer))`
 * sends the client's requests on the transport; anything else that needs an `HttpClient` gets
 * one on the same pool. To send the client's requests through an `HttpClient` of your own
 * (a proxy, request logging), provide that `HttpClient` alone.
 */
export const UndiciHttpClient = {
  layerWith,
  /** The default pool: 64 connections per origin, 4 s keep-alive. */
  layer: Layer.suspend(() => layerWith())
}
