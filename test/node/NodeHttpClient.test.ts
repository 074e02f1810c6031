/**
 * NodeHttpClient: the client's calls on node:http, against a real loopback server: what goes
 * on the wire, keep-alive reuse, the size cap, a refused connection, and interruption.
 * (The redirect, compression, chaos, timeout and span suites run it too, beside the other
 * transports.)
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import * as http from "node:http"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import { NodeHttpClient } from "../../src/node/index.js"
import { loopbackServer } from "../support/loopbackServer.js"
import { POOL } from "../support/operationCases.js"

interface Seen {
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
  readonly socket: number
}

/** A loopback server whose handler the test chooses; records what it received and on which socket. */
const serve = (handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) =>
  Effect.suspend(() => {
    const seen: Array<Seen> = []
    const closed: Array<number> = []
    const sockets = new WeakMap<object, number>()
    let next = 0
    return Effect.map(
      loopbackServer((req, res) => {
        let socket = sockets.get(req.socket)
        if (socket === undefined) {
          socket = next++
          sockets.set(req.socket, socket)
        }
        const id = socket
        let body = ""
        req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")))
        req.on("end", () => {
          seen.push({ headers: req.headers, body, socket: id })
          handler(req, res)
        })
        res.on("close", () => closed.push(id))
      }),
      (server) => ({ ...server, seen, closed })
    )
  })

const clientOn = (url: string, options: { readonly maxResponseBytes?: number } = {}) =>
  Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1", endpoint: url, ...options }).pipe(Layer.provide(NodeHttpClient.layer)),
    AwsCredentials.static({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }),
    RetryPolicy.layerNone
  )

const IDENTITY = "us-east-1:0b8f8d3a-6a5e-4c1d-9f2e-5d4c3b2a1f0e"

describe("NodeHttpClient", () => {
  it.scoped("sends the call's headers and body, reads the answer, and reuses one keep-alive socket", () =>
    Effect.gen(function*() {
      const server = yield* serve((_req, res) => {
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "r-1" })
        res.end(JSON.stringify({ IdentityId: IDENTITY }))
      })
      const context = yield* Layer.build(clientOn(server.url))
      for (let i = 0; i < 3; i++) {
        const out = yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.provide(context))
        expect(out.IdentityId).toBe(IDENTITY)
      }
      expect(server.seen).toHaveLength(3)
      const [first] = server.seen
      expect(first?.body).toBe(JSON.stringify({ IdentityPoolId: POOL }))
      expect(first?.headers).toMatchObject({
        "x-amz-target": "AWSCognitoIdentityService.GetId",
        "content-type": "application/x-amz-json-1.1",
        "content-length": String(JSON.stringify({ IdentityPoolId: POOL }).length)
      })
      expect(first?.headers["authorization"]).toBeUndefined()
      // One layer build, one agent: every call on the same connection.
      expect(new Set(server.seen.map((s) => s.socket)).size).toBe(1)
    }))

  it.scoped("signs signed operations (node:crypto hashes)", () =>
    Effect.gen(function*() {
      const server = yield* serve((_req, res) => {
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1" })
        res.end(JSON.stringify({ IdentityPoolId: POOL, IdentityPoolName: "p", AllowUnauthenticatedIdentities: true }))
      })
      const pool = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL }).pipe(Effect.provide(clientOn(server.url)))
      expect(pool.IdentityPoolName).toBe("p")
      expect(server.seen[0]?.headers["authorization"]).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/cognito-identity\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/
      )
    }))

  it.scoped("a body larger than maxResponseBytes is a DecodeError, and the connection is dropped", () =>
    Effect.gen(function*() {
      const server = yield* serve((_req, res) => {
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1" })
        res.write(`{"IdentityId":"${IDENTITY}","Padding":"`)
        res.write(" ".repeat(4096))
        res.end(`"}`)
      })
      const error = yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(
        Effect.flip,
        Effect.provide(clientOn(server.url, { maxResponseBytes: 1024 }))
      )
      expect(error).toMatchObject({ _tag: "DecodeError", status: 200 })
    }))

  it.scoped("a refused connection is a TransportError", () =>
    Effect.gen(function*() {
      // Bind then close a port, so nothing listens there.
      const url = yield* serve(() => undefined).pipe(Effect.map((s) => s.url), Effect.scoped)
      const error = yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.flip, Effect.provide(clientOn(url)))
      expect(error._tag).toBe("TransportError")
      expect(error.message).toMatch(/ECONNREFUSED/)
    }))

  it.scoped("interrupting the caller aborts the request in flight", () =>
    Effect.gen(function*() {
      const server = yield* serve(() => {
        // never answer
      })
      const fiber = yield* Effect.fork(CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.provide(clientOn(server.url))))
      while (server.seen.length === 0) yield* Effect.promise(() => new Promise((r) => setTimeout(r, 5)))
      yield* Fiber.interrupt(fiber)
      while (server.closed.length === 0) yield* Effect.promise(() => new Promise((r) => setTimeout(r, 5)))
      expect(server.closed).toHaveLength(1)
    }))
})
