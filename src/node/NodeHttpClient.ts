/**
 * An `HttpClient` for Node.js on undici's `request` with a keep-alive connection pool. On Node
 * 20, global `fetch` costs several times the CPU per request and adds start-up time; this
 * layer is what the README's Node examples use. Browsers and other runtimes use
 * `FetchHttpClient.layer` from @effect/platform instead.
 */
import type { HttpClientRequest } from "@effect/platform"
import {
  Cookies,
  Headers,
  HttpClient,
  HttpClientError,
  HttpClientResponse,
  HttpIncomingMessage,
  UrlParams
} from "@effect/platform"
import { Effect, Inspectable, Layer, Option, Stream } from "effect"
import { Agent, request as undiciRequest } from "undici"
import { FramedBody } from "../protocol/execute.js"
import type { Dispatcher } from "undici"

export interface NodeHttpClientOptions {
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

class NodeHttpResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  /** undici enforces Content-Length and never decompresses: the executor may read the body in one go. */
  readonly [FramedBody] = true
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly status: number
  readonly headers: Headers.Headers
  readonly remoteAddress: Option.Option<string> = Option.none()
  private readonly source: UndiciResponse
  private bytes: Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> | undefined

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
    // The body can be read once; memoise so that text/json/arrayBuffer can all be asked for.
    this.bytes ??= Effect.cached(
      Effect.tryPromise({ try: () => this.source.body.arrayBuffer(), catch: (cause) => this.decodeError(cause) })
    ).pipe(Effect.runSync)
    return this.bytes
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
    return Effect.fail(this.decodeError(undefined, "formData is not supported by NodeHttpClient"))
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

const makeClient = (agent: Agent): HttpClient.HttpClient =>
  HttpClient.make((request, url, signal) =>
    Effect.tryPromise({
      try: () =>
        undiciRequest(url, {
          method: request.method,
          headers: request.headers,
          body: bodyOf(request) ?? null,
          signal,
          dispatcher: agent
        }),
      catch: (cause) => new HttpClientError.RequestError({ request, reason: "Transport", cause })
    }).pipe(Effect.map((response) => new NodeHttpResponse(request, response)))
  )

/** A keep-alive undici pool, closed when the layer's scope closes. */
const layerWith = (options: NodeHttpClientOptions = {}): Layer.Layer<HttpClient.HttpClient> =>
    Layer.scoped(
      HttpClient.HttpClient,
      Effect.map(
        Effect.acquireRelease(
          Effect.sync(() =>
            new Agent({ connections: options.connections ?? 64, keepAliveTimeout: options.keepAliveTimeout ?? 4_000 })
          ),
          (agent) => Effect.promise(() => agent.close())
        ),
        makeClient
      )
    )

export const NodeHttpClient = {
  layerWith,
  /** The default pool: 64 connections per origin, 4 s keep-alive. */
  layer: Layer.suspend(() => layerWith())
}
