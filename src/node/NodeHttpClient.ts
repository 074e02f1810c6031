/**
 * The client's calls on `node:http` / `node:https` with keep-alive agents: Node's own HTTP
 * stack, whose parser is native, so that a process that makes a call loads no HTTP library
 * at all. For short-lived processes (a Lambda function's cold start, a CLI), where undici's
 * ~110 modules and the compilation of its WebAssembly parser cost more than the calls; a
 * long-running process or an export is better served by `UndiciHttpClient`, whose transport
 * costs less CPU per call (bench/README.md has both measured).
 *
 * The same three rules as every transport (`protocol/transport.ts`): the body counted under
 * `BodyLimit`, a redirect handed back as a response (node:http never follows one), a failure
 * that keeps only its cause. The layer also provides an `HttpClient`, as
 * `CognitoIdentityClient.layer` asks for one: @effect/platform's `FetchHttpClient` (global
 * fetch), which the client's own calls never use.
 */
import * as http from "node:http"
import * as https from "node:https"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { Transport, TransportFailure, TransportRequest, TransportResponse } from "../protocol/transport.js"
import { BodyLimit, CognitoIdentityTransport, transportFailure, transportTimeout } from "../protocol/transport.js"
import { abortableAsync } from "../protocol/abortableAsync.js"
import { copyWith } from "../protocol/copyWith.js"
import { nodeSha256 } from "./NodeSha256.js"

export interface NodeHttpClientOptions {
  /** Sockets kept per origin. Default 64. */
  readonly connections?: number | undefined
  /** How long an idle keep-alive socket stays open, in ms. Default 4 s (below typical server limits). */
  readonly keepAliveTimeout?: number | undefined
}

const flatHeaders = (headers: http.IncomingHttpHeaders): Record<string, string> => {
  const flat: Record<string, string> = {}
  for (const name in headers) {
    const value = headers[name]
    if (value !== undefined) flat[name] = typeof value === "string" ? value : value.join(", ")
  }
  return flat
}

interface Agents {
  readonly http: http.Agent
  readonly https: https.Agent
}

const send = (agents: Agents) => (request: TransportRequest) =>
  abortableAsync<TransportResponse, TransportFailure>((resume, onStop) => {
    const { url } = request
    const secure = url.protocol === "https:"
    let done = false
    const finish = (result: Effect.Effect<TransportResponse, TransportFailure>) => {
      if (done) return
      done = true
      resume(result)
    }
    let outgoing: http.ClientRequest
    try {
      outgoing = (secure ? https : http).request({
        agent: secure ? agents.https : agents.http,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers: copyWith(request.headers, { "content-length": String(request.body.length) })
      })
    } catch (cause) {
      // node:http refuses invalid options synchronously (e.g. a header value it cannot send).
      finish(Effect.fail(transportFailure("Transport", cause)))
      return
    }
    outgoing.on("response", (incoming) => {
      const status = incoming.statusCode ?? 0
      const headers = flatHeaders(incoming.headers)
      const limit = new BodyLimit(request.maxBytes)
      const tooLarge = () => {
        finish(Effect.fail({ _tag: "TooLarge", status }))
        outgoing.destroy()
      }
      if (limit.declaredTooLarge(headers["content-length"])) return tooLarge()
      incoming.on("data", (chunk: Buffer) => {
        if (!limit.add(chunk)) tooLarge()
      })
      incoming.on("end", () => finish(Effect.succeed({ status, headers, body: limit.bytes() })))
      incoming.on("aborted", () => finish(Effect.fail(transportFailure("Transport", new Error("the response was cut short")))))
      incoming.on("error", (error) => finish(Effect.fail(transportFailure("Transport", error))))
    })
    outgoing.on("error", (error) => finish(Effect.fail(transportFailure("Transport", error))))
    onStop(() => {
      done = true
      outgoing.destroy()
    })
    outgoing.end(request.body)
  }, transportTimeout(request))

/** Keep-alive agents closed when the layer's scope closes, serving the `CognitoIdentityTransport`. */
const layerWith = (
  options: NodeHttpClientOptions = {}
): Layer.Layer<HttpClient.HttpClient | CognitoIdentityTransport> =>
  Layer.merge(
    FetchHttpClient.layer,
    Layer.scoped(
      CognitoIdentityTransport,
      Effect.map(
        Effect.acquireRelease(
          Effect.sync((): Agents => {
            const settings: http.AgentOptions = {
              keepAlive: true,
              maxSockets: options.connections ?? 64,
              maxFreeSockets: options.connections ?? 64,
              // An idle socket past this is destroyed by the agent (a busy one only gets the event).
              timeout: options.keepAliveTimeout ?? 4_000,
              scheduling: "lifo"
            }
            return { http: new http.Agent(settings), https: new https.Agent(settings) }
          }),
          (agents) =>
            Effect.sync(() => {
              agents.http.destroy()
              agents.https.destroy()
            })
        ),
        (agents): Transport => ({ sha256: nodeSha256, timeouts: true, send: send(agents) })
      )
    )
  )

/**
 * HTTP for short-lived Node.js processes, on node:http.
 * `CognitoIdentityClient.layer(...).pipe(Layer.provide(NodeHttpClient.layer))`.
 */
export const NodeHttpClient = {
  layerWith,
  /** 64 sockets per origin, 4 s keep-alive. */
  layer: Layer.suspend(() => layerWith())
}
