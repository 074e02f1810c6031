import { HttpClient, HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Stream } from "effect"
import * as http from "node:http"
import { CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import { UndiciHttpClient } from "../../src/node/index.js"
import { loopbackServer } from "../support/loopbackServer.js"
import { POOL } from "../support/operationCases.js"

interface Seen {
  readonly method: string | undefined
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

/** A loopback server whose handler the test chooses; records what it received. */
const serve = (handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) =>
  Effect.suspend(() => {
    const seen: Array<Seen> = []
    const closed: Array<string> = []
    return Effect.map(
      loopbackServer((req, res) => {
        let body = ""
        req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")))
        req.on("end", () => {
          seen.push({ method: req.method, headers: req.headers, body })
          handler(req, res, body)
        })
        res.on("close", () => closed.push(req.url ?? ""))
      }),
      (server) => ({ ...server, seen, closed })
    )
  })

describe("UndiciHttpClient", () => {
  it.scoped("sends method, headers and body; reads status, headers and body", () =>
    Effect.gen(function*() {
      const server = yield* serve((_req, res) => {
        res.writeHead(201, { "x-answer": "42", "content-type": "application/json" })
        res.end(JSON.stringify({ ok: true }))
      })
      const client = yield* HttpClient.HttpClient
      const response = yield* client.execute(
        HttpClientRequest.post(server.url).pipe(
          HttpClientRequest.setHeader("x-amz-target", "T"),
          HttpClientRequest.bodyUint8Array(new TextEncoder().encode("{\"a\":1}"), "application/x-amz-json-1.1")
        )
      )
      expect(response.status).toBe(201)
      expect(response.headers["x-answer"]).toBe("42")
      expect(yield* response.json).toEqual({ ok: true })
      // Read twice: the body is memoised.
      expect(yield* response.text).toBe("{\"ok\":true}")
      expect(server.seen[0]).toMatchObject({
        method: "POST",
        body: "{\"a\":1}",
        headers: { "x-amz-target": "T", "content-type": "application/x-amz-json-1.1", "content-length": "7" }
      })
    }).pipe(Effect.provide(UndiciHttpClient.layer)))

  it.scoped("streams a chunked body", () =>
    Effect.gen(function*() {
      const server = yield* serve((_req, res) => {
        res.writeHead(200)
        res.write("abc")
        res.end("def")
      })
      const client = yield* HttpClient.HttpClient
      const response = yield* client.execute(HttpClientRequest.get(server.url))
      const chunks = yield* Stream.runCollect(response.stream)
      expect(new TextDecoder().decode(Buffer.concat([...chunks]))).toBe("abcdef")
    }).pipe(Effect.provide(UndiciHttpClient.layer)))

  it.scoped("a refused connection is a TransportError from an operation", () =>
    Effect.gen(function*() {
      // Bind then close a port, so nothing listens there.
      const url = yield* serve(() => undefined).pipe(Effect.map((s) => s.url), Effect.scoped)
      const error = yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(
        Effect.flip,
        Effect.provide(
          CognitoIdentityClient.layer({ region: "us-east-1", endpoint: url }).pipe(Layer.provide(UndiciHttpClient.layer))
        ),
        Effect.provide(RetryPolicy.layerNone)
      )
      expect(error._tag).toBe("TransportError")
    }))

  it.scoped("interrupting the caller aborts the request in flight", () =>
    Effect.gen(function*() {
      const server = yield* serve(() => {
        // never answer
      })
      const client = yield* HttpClient.HttpClient
      const fiber = yield* Effect.fork(client.execute(HttpClientRequest.post(server.url)))
      while (server.seen.length === 0) yield* Effect.promise(() => new Promise((r) => setTimeout(r, 5)))
      yield* Fiber.interrupt(fiber)
      while (server.closed.length === 0) yield* Effect.promise(() => new Promise((r) => setTimeout(r, 5)))
      expect(server.closed).toHaveLength(1)
    }).pipe(Effect.provide(UndiciHttpClient.layer)))
})
