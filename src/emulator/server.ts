/**
 * The emulator over HTTP, on node:http (not @effect/platform-node, whose required peers
 * — cluster, rpc, sql, workflow — would come into the package with it). Loopback by default, keep-alive, and
 * hardened against hostile clients: header size and count caps, header and request
 * deadlines, a body cap enforced while the body streams in (a larger declared length is
 * refused before a byte of it is read), and no input that can crash the process or put a
 * stack trace in a response.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http"
import { randomUUID } from "node:crypto"
import { createServer } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import type { Duplex } from "node:stream"
import type { Scope } from "effect"
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Runtime from "effect/Runtime"
import { CONTENT_TYPE } from "../service.js"
import { DEFAULT_MAX_BODY_BYTES, tooLargeMessage } from "./handleRequest.js"
import type { ReplyContext } from "./wire/replies.js"
import { CORS_EXPOSE_HEADERS, errorReply } from "./wire/replies.js"
import type { WireReply, WireRequest, WireResponse } from "./wire/WireMessage.js"
import { isDropConnection } from "./wire/WireMessage.js"

export interface ServerOptions {
  /** Default 127.0.0.1: the emulator accepts any well-formed signature when told to, so it stays off the network unless asked. */
  readonly host?: string | undefined
  /** Default 0: a free port, reported in the result. */
  readonly port?: number | undefined
  /** Default 1 MiB; larger bodies are answered 413 without being read. */
  readonly maxBodyBytes?: number | undefined
  /** Total size of the request line and headers; default 16 KiB (larger → 431). */
  readonly maxHeaderSize?: number | undefined
  /** Most header fields in a request; default 100 (more → 431). */
  readonly maxHeadersCount?: number | undefined
  /** Time allowed to receive the request line and headers; default 10 s (→ 408 and close). */
  readonly headersTimeoutMillis?: number | undefined
  /** Time allowed to receive a whole request, body included; default 30 s (→ 408 and close). */
  readonly requestTimeoutMillis?: number | undefined
  /** How long an idle keep-alive connection is kept; default 5 s. */
  readonly keepAliveTimeoutMillis?: number | undefined
  /** On close, how long in-flight requests may take to finish before their sockets are cut; default 5 s. */
  readonly closeTimeoutMillis?: number | undefined
  /** Told about requests refused before reaching the handler (413, 431), for the request counts. */
  readonly onRefused?: ((outcome: string) => void) | undefined
}

export interface RunningServer {
  readonly host: string
  readonly port: number
  /** `http://host:port`, with IPv6 hosts in brackets. */
  readonly url: string
}

export class EmulatorServerError extends Data.TaggedError("EmulatorServerError")<{
  readonly message: string
  readonly cause?: unknown
}> {}

const DEFAULTS = {
  maxHeaderSize: 16 * 1024,
  maxHeadersCount: 100,
  headersTimeoutMillis: 10_000,
  requestTimeoutMillis: 30_000,
  keepAliveTimeoutMillis: 5_000,
  closeTimeoutMillis: 5_000
}

const positive = (value: number | undefined, fallback: number): number =>
  value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: "Bad Request",
  408: "Request Timeout",
  413: "Payload Too Large",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error"
}

/** An answer written straight to a socket, for errors node:http reports before there is a request. */
const rawErrorResponse = (context: ReplyContext, status: number, code: string, message: string): string => {
  const body = JSON.stringify({ __type: code, message })
  return `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\n` +
    `x-amzn-RequestId: ${context.requestId}\r\n` +
    `Date: ${context.now.toUTCString()}\r\n` +
    `Content-Type: ${CONTENT_TYPE}\r\n` +
    `x-amzn-ErrorType: ${code}:\r\n` +
    `access-control-allow-origin: *\r\n` +
    `access-control-expose-headers: ${CORS_EXPOSE_HEADERS}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `Connection: close\r\n\r\n${body}`
}

const clientErrorAnswer = (code: string | undefined): readonly [number, string, string] => {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return [431, "RequestHeaderFieldsTooLarge", "The request line and headers are larger than the emulator accepts"]
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return [408, "RequestTimeout", "The request was not received in time"]
    default:
      return [400, "BadRequest", "The request is not valid HTTP/1.1"]
  }
}

const splitTarget = (target: string): { readonly path: string; readonly query: string } => {
  if (target.startsWith("/")) {
    const mark = target.indexOf("?")
    return mark < 0 ? { path: target, query: "" } : { path: target.slice(0, mark), query: target.slice(mark + 1) }
  }
  // Absolute form (`POST http://host/ HTTP/1.1`), which proxies send.
  if (URL.canParse(target)) {
    const url = new URL(target)
    return { path: url.pathname, query: url.search.startsWith("?") ? url.search.slice(1) : "" }
  }
  return { path: target, query: "" }
}

const flatHeaders = (request: IncomingMessage): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    out[name] = typeof value === "string" ? value : value.join(",")
  }
  return out
}

/**
 * Starts the server; it stops when the scope closes: no new connections, idle keep-alive
 * connections ended, in-flight requests given `closeTimeoutMillis` to finish.
 * The handler runs with the Clock, Random and services of the calling fiber's runtime.
 */
export const startServer = (
  handler: (request: WireRequest) => Effect.Effect<WireResponse>,
  options: ServerOptions = {}
): Effect.Effect<RunningServer, EmulatorServerError, Scope.Scope> =>
  Effect.gen(function*() {
    const runtime = yield* Effect.runtime<never>()
    const runFork = Runtime.runFork(runtime)
    const nowMillis = () => Runtime.runSync(runtime)(Clock.currentTimeMillis)
    const host = options.host ?? "127.0.0.1"
    const maxBodyBytes = positive(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES)
    const maxHeadersCount = positive(options.maxHeadersCount, DEFAULTS.maxHeadersCount)
    const requestTimeout = positive(options.requestTimeoutMillis, DEFAULTS.requestTimeoutMillis)
    // node:http refuses a header deadline later than the request deadline.
    const headersTimeout = Math.min(positive(options.headersTimeoutMillis, DEFAULTS.headersTimeoutMillis), requestTimeout)
    const closeTimeout = positive(options.closeTimeoutMillis, DEFAULTS.closeTimeoutMillis)
    const refused = (outcome: string) => {
      try {
        options.onRefused?.(outcome)
      } catch {
        // Counting is best effort; it must not break the answer.
      }
    }

    /** Sockets with a request being answered: a clientError there must not write a second response. */
    const busy = new WeakSet<Duplex>()
    let inFlight = 0
    let closing = false

    const replyContext = (): ReplyContext => ({ requestId: randomUUID(), now: new Date(nowMillis()) })

    const write = (res: ServerResponse, reply: WireReply, close: boolean): void => {
      try {
        if (res.headersSent || res.destroyed) return
        const headers: Record<string, string> = { ...reply.headers }
        if (close || closing) headers["connection"] = "close"
        res.writeHead(reply.status, headers)
        res.end(Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength))
      } catch {
        // A header node:http refused, or a socket that died meanwhile: nothing more can be said.
        res.destroy()
      }
    }

    const refuse = (res: ServerResponse, status: number, code: string, message: string, outcome: string): void => {
      refused(outcome)
      write(res, errorReply(replyContext(), code, message, status), true)
    }

    /**
     * An exception escaping a node:http listener would end the process; none is expected, so
     * one that happens anyway costs only its own connection.
     */
    const guarded = <Args extends ReadonlyArray<unknown>>(socket: () => Duplex, f: (...args: Args) => void) =>
    (...args: Args): void => {
      try {
        f(...args)
      } catch {
        socket().destroy()
      }
    }

    const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
      inFlight += 1
      busy.add(req.socket)
      let fiber: Fiber.RuntimeFiber<WireResponse> | undefined
      let settled = false
      const deadline = setTimeout(() => {
        if (settled || req.complete) return
        // A slow sender: node's own check only runs every connectionsCheckingInterval.
        refuse(res, 408, "RequestTimeout", "The request body was not received in time", "RequestTimeout")
        req.socket.destroySoon()
      }, requestTimeout)
      deadline.unref()
      const done = () => {
        if (settled) return
        settled = true
        clearTimeout(deadline)
        inFlight -= 1
        busy.delete(req.socket)
        if (fiber !== undefined) runFork(Fiber.interrupt(fiber))
        if (closing) server.closeIdleConnections()
      }
      res.on("close", done)
      res.on("error", () => res.destroy())
      req.on("error", () => req.destroy())

      // node keeps at most maxHeadersCount + 1 fields, so one more than allowed means "too many".
      if (req.rawHeaders.length / 2 > maxHeadersCount) {
        return refuse(res, 431, "RequestHeaderFieldsTooLarge", `The request has more than ${maxHeadersCount} header fields`, "TooManyHeaders")
      }
      const declared = req.headers["content-length"]
      if (declared !== undefined && (!/^\d+$/.test(declared) || Number(declared) > maxBodyBytes)) {
        if (!/^\d+$/.test(declared)) {
          return refuse(res, 400, "BadRequest", "The Content-Length header is not a number", "BadRequest")
        }
        req.pause()
        return refuse(res, 413, "RequestEntityTooLargeException", tooLargeMessage(maxBodyBytes), "RequestEntityTooLargeException")
      }

      const chunks: Array<Buffer> = []
      let received = 0
      let overflowed = false
      req.on("data", guarded(() => req.socket, (chunk: Buffer) => {
        if (overflowed) return
        received += chunk.byteLength
        if (received > maxBodyBytes) {
          overflowed = true
          chunks.length = 0
          refuse(res, 413, "RequestEntityTooLargeException", tooLargeMessage(maxBodyBytes), "RequestEntityTooLargeException")
          return
        }
        chunks.push(chunk)
      }))
      req.on("end", guarded(() => req.socket, () => {
        if (overflowed || res.headersSent || res.destroyed) return
        const { path, query } = splitTarget(req.url ?? "/")
        const body = Buffer.concat(chunks)
        const request: WireRequest = {
          method: req.method ?? "GET",
          path,
          query,
          headers: flatHeaders(req),
          body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
          remoteAddress: req.socket.remoteAddress
        }
        fiber = runFork(handler(request))
        fiber.addObserver((exit) => {
          fiber = undefined
          if (Exit.isSuccess(exit)) {
            const response = exit.value
            if (isDropConnection(response)) req.socket.destroy()
            else write(res, response, false)
          } else if (!res.headersSent && !res.destroyed) {
            // The handler never fails; only an interruption (the client left) ends up here.
            res.destroy()
          }
        })
      }))
    }

    const server: Server = createServer({
      maxHeaderSize: positive(options.maxHeaderSize, DEFAULTS.maxHeaderSize),
      requestTimeout,
      headersTimeout,
      keepAliveTimeout: positive(options.keepAliveTimeoutMillis, DEFAULTS.keepAliveTimeoutMillis),
      // How often node enforces the two deadlines above; its default (30 s) would let a slow
      // sender outlive a short deadline by that much.
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(headersTimeout / 4)))
    }, (req, res) => guarded(() => req.socket, onRequest)(req, res))
    server.maxHeadersCount = maxHeadersCount + 1

    server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
      try {
        if (busy.has(socket) || !socket.writable || error.code === "ECONNRESET") {
          socket.destroy()
          return
        }
        const [status, code, message] = clientErrorAnswer(error.code)
        refused(code)
        socket.end(rawErrorResponse(replyContext(), status, code, message))
        // Do not wait for a hostile peer to read: the answer is best effort.
        setTimeout(() => socket.destroy(), 1_000).unref()
      } catch {
        socket.destroy()
      }
    })
    // Without a listener an 'error' event would throw and end the process.
    server.on("error", () => undefined)
    server.on("connection", (socket: Socket) => {
      socket.on("error", () => undefined)
    })

    const listening = yield* Effect.async<AddressInfo, EmulatorServerError>((resume) => {
      const onError = (cause: Error) => {
        resume(Effect.fail(new EmulatorServerError({ message: `the emulator could not listen on ${host}:${options.port ?? 0}: ${cause.message}`, cause })))
      }
      server.once("error", onError)
      try {
        server.listen(options.port ?? 0, host, () => {
          server.off("error", onError)
          const address = server.address()
          if (address === null || typeof address === "string") {
            resume(Effect.fail(new EmulatorServerError({ message: "the emulator's server has no TCP address" })))
          } else {
            resume(Effect.succeed(address))
          }
        })
      } catch (cause) {
        // node:http throws at once for an impossible port or host (RangeError: port out of range).
        const reason = cause instanceof Error ? `: ${cause.message}` : ""
        resume(Effect.fail(new EmulatorServerError({ message: `the emulator could not listen on ${host}:${options.port ?? 0}${reason}`, cause })))
      }
    })

    yield* Effect.addFinalizer(() =>
      Effect.async<void>((resume) => {
        closing = true
        const cutoff = setTimeout(() => server.closeAllConnections(), closeTimeout)
        server.close(() => {
          clearTimeout(cutoff)
          resume(Effect.void)
        })
        server.closeIdleConnections()
        if (inFlight === 0) server.closeAllConnections()
      })
    )

    const bracketed = listening.family === "IPv6" || listening.address.includes(":")
      ? `[${listening.address}]`
      : listening.address
    return { host: listening.address, port: listening.port, url: `http://${bracketed}:${listening.port}` }
  })
