/**
 * An `HttpClient` that answers from the emulator's handler in the same process, through the
 * real wire format: the request's bytes and headers go in, an HTTP response comes out, so the
 * client under test runs its whole protocol path (signing, retries, error decoding) without a
 * socket. The handler runs in the calling fiber, so the caller's Clock and Random apply.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import type { HttpBody, HttpClientRequest } from "@effect/platform"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { WireRequest, WireResponse } from "./WireMessage.js"
import { isDropConnection } from "./WireMessage.js"

const encoder = new TextEncoder()

const concat = (chunks: ReadonlyArray<Uint8Array>): Uint8Array => {
  const all = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.byteLength, 0))
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.byteLength
  }
  return all
}

const bodyBytes = (
  request: HttpClientRequest.HttpClientRequest,
  body: HttpBody.HttpBody
): Effect.Effect<Uint8Array, HttpClientError.RequestError> => {
  const unsupported = (what: string) =>
    Effect.fail(new HttpClientError.RequestError({ request, reason: "Encode", description: `${what} bodies are not supported by the in-process emulator` }))
  switch (body._tag) {
    case "Empty":
      return Effect.succeed(new Uint8Array())
    case "Uint8Array":
      return Effect.succeed(body.body)
    case "Raw": {
      const raw = body.body
      if (raw instanceof Uint8Array) return Effect.succeed(raw)
      if (typeof raw === "string") return Effect.succeed(encoder.encode(raw))
      if (raw instanceof ArrayBuffer) return Effect.succeed(new Uint8Array(raw))
      return unsupported("Raw (non-binary)")
    }
    case "Stream":
      return body.stream.pipe(
        Stream.runCollect,
        Effect.map((chunks) => concat(Chunk.toReadonlyArray(chunks))),
        Effect.mapError((cause) => new HttpClientError.RequestError({ request, reason: "Encode", cause }))
      )
    case "FormData":
      return unsupported("FormData")
  }
}

export const makeInProcessHttpClient = (
  handler: (request: WireRequest) => Effect.Effect<WireResponse>
): HttpClient.HttpClient =>
  HttpClient.make((request, url) =>
    Effect.gen(function*() {
      const body = yield* bodyBytes(request, request.body)
      // What a socket would add: the Host header (part of every SigV4 signature), and the
      // body's content type and length when the caller set them on the body only.
      const headers: Record<string, string> = { host: url.host }
      const contentType = request.body._tag === "Empty" ? undefined : request.body.contentType
      if (contentType !== undefined) headers["content-type"] = contentType
      if (request.body._tag !== "Empty") headers["content-length"] = String(body.byteLength)
      for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value
      const response = yield* handler({
        method: request.method,
        path: url.pathname,
        query: url.search.startsWith("?") ? url.search.slice(1) : url.search,
        headers,
        body,
        remoteAddress: "in-process"
      })
      if (isDropConnection(response)) {
        return yield* Effect.fail(
          new HttpClientError.RequestError({
            request,
            reason: "Transport",
            description: "the emulator closed the connection without answering (injected fault)"
          })
        )
      }
      const status = response.status
      const nullBody = status === 204 || status === 304 || request.method === "HEAD" || response.body.byteLength === 0
      return HttpClientResponse.fromWeb(
        request,
        // A copy: `Response` wants bytes over a plain ArrayBuffer, not any ArrayBufferLike.
        new Response(nullBody ? null : new Uint8Array(response.body), { status, headers: response.headers })
      )
    })
  )
