/** The node:http server over real sockets on 127.0.0.1, with a fake model behind the wire layer. */
import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Exit, Layer, Scope } from "effect"
import type { ServerOptions } from "../../../src/emulator/server.js"
import { startServer } from "../../../src/emulator/server.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../../src/index.js"
import { ACCESS_KEY_ID, fakeModel, handlerWith, IDENTITY, POOL, SECRET_ACCESS_KEY } from "../../emulator/wire/support.js"
import type { RequestHandlerOptions } from "../../../src/emulator/handleRequest.js"
import { parseResponse, rawExchange } from "./rawSocket.js"

const POOL_OUTPUT = { IdentityPoolId: POOL, IdentityPoolName: "p", AllowUnauthenticatedIdentities: true, IdentityPoolTags: {} }

const answering = () =>
  fakeModel((operation) =>
    Either.right(operation === "GetId" ? { IdentityId: IDENTITY } : operation === "DescribeIdentityPool" ? POOL_OUTPUT : {})
  )

const serve = (handlerOptions: Partial<RequestHandlerOptions> = {}, serverOptions: ServerOptions = {}) =>
  Effect.gen(function*() {
    const model = answering()
    const handler = handlerWith({ model, jwks: () => ({ keys: [{ kid: "k" }] }), ...handlerOptions })
    const server = yield* startServer(handler, { ...serverOptions, onRefused: (outcome) => handler.record(undefined, outcome) })
    return { ...server, handler, model }
  })

const client = (url: string) =>
  Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1", endpoint: url }).pipe(Layer.provide(FetchHttpClient.layer)),
    AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }),
    RetryPolicy.layerNone
  )

const post = (port: number, body: string, headers: Record<string, string> = {}) =>
  `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-amz-json-1.1\r\n` +
  `X-Amz-Target: AWSCognitoIdentityService.GetId\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n` +
  Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("") + `\r\n${body}`

describe("HTTP server", () => {
  it.live("serves signed and unsigned calls of the real client over a socket, loopback on a free port", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* serve()
      expect(server.host).toBe("127.0.0.1")
      expect(server.port).toBeGreaterThan(0)
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
      const layer = client(server.url)
      expect(yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL }).pipe(Effect.provide(layer))).toMatchObject({ IdentityPoolName: "p" })
      expect(yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.provide(layer))).toEqual({ IdentityId: IDENTITY })
      expect(server.model.calls.map((c) => [c.operation, c.context.accountId])).toEqual([
        ["DescribeIdentityPool", "123456789012"],
        ["GetId", undefined]
      ])
    })))

  it.live("answers pre-flights, the JWKS, and keeps connections alive", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* serve()
      const preflight = yield* Effect.promise(() =>
        fetch(`${server.url}/`, { method: "OPTIONS", headers: { origin: "http://app.local", "access-control-request-method": "POST", "access-control-request-headers": "x-amz-target,content-type" } })
      )
      expect(preflight.status).toBe(200)
      expect(preflight.headers.get("access-control-allow-origin")).toBe("*")
      expect(preflight.headers.get("access-control-allow-headers")).toBe("x-amz-target,content-type")
      const jwks = yield* Effect.promise(() => fetch(`${server.url}/.well-known/jwks.json`).then((r) => r.json()))
      expect(jwks).toEqual({ keys: [{ kid: "k" }] })
      // Two requests on one connection.
      const body = JSON.stringify({ IdentityPoolId: POOL })
      const one = post(server.port, body).replace("Connection: close\r\n", "")
      const exchange = yield* Effect.promise(() => rawExchange(server.port, one + post(server.port, body), { timeoutMillis: 3_000 }))
      expect(exchange.response.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2)
      expect(exchange.response).toContain(`"IdentityId":"${IDENTITY}"`)
    })))

  it.live("a declared body over the cap is answered 413 before it is read", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* serve({}, { maxBodyBytes: 1024 })
      const head = `POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSCognitoIdentityService.GetId\r\nContent-Length: 2000000\r\n\r\n{"Identity`
      const exchange = yield* Effect.promise(() => rawExchange(server.port, head, { timeoutMillis: 3_000 }))
      const response = parseResponse(exchange.response)
      expect(response?.status).toBe(413)
      expect(JSON.parse(response?.body ?? "{}")).toEqual({
        __type: "RequestEntityTooLargeException",
        message: "The request body is larger than the emulator accepts (maxBodyBytes: 1024 bytes)"
      })
      expect(exchange.closed).toBe(true)
      expect(server.handler.stats().outcomes).toEqual({ RequestEntityTooLargeException: 1 })
    })))

  it.live("a chunked body is cut off at the cap while it streams", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* serve({}, { maxBodyBytes: 1024 })
      const chunk = "x".repeat(600)
      const head = `POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSCognitoIdentityService.GetId\r\nTransfer-Encoding: chunked\r\n\r\n` +
        `${chunk.length.toString(16)}\r\n${chunk}\r\n`
      const exchange = yield* Effect.promise(() =>
        rawExchange(server.port, head, { timeoutMillis: 3_000, dribble: { chunk: `${chunk.length.toString(16)}\r\n${chunk}\r\n`, intervalMillis: 20, count: 50 } })
      )
      expect(parseResponse(exchange.response)?.status).toBe(413)
      expect(exchange.closed).toBe(true)
      expect(exchange.elapsed).toBeLessThan(2_000)
    })))

  it.live("a dropped connection fault closes the socket without an answer", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* serve({ faults: { dropConnectionRate: 1 } })
      const exchange = yield* Effect.promise(() => rawExchange(server.port, post(server.port, JSON.stringify({ IdentityPoolId: POOL }))))
      expect(exchange.closed).toBe(true)
      expect(exchange.response).toBe("")
      const failure = yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.provide(client(server.url)), Effect.flip)
      expect(failure._tag).toBe("TransportError")
    })))

  it.live("closing waits for in-flight requests, then refuses connections", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const server = yield* serve({ faults: { latency: "300 millis" } }).pipe(Scope.extend(scope))
      const inFlight = fetch(server.url, {
        method: "POST",
        headers: { "x-amz-target": "AWSCognitoIdentityService.GetId", "content-type": "application/x-amz-json-1.1" },
        body: JSON.stringify({ IdentityPoolId: POOL })
      }).then(async (r) => ({ status: r.status, body: await r.text() }))
      yield* Effect.sleep("100 millis")
      const started = Date.now()
      yield* Scope.close(scope, Exit.void)
      expect(Date.now() - started).toBeLessThan(3_000)
      const answer = yield* Effect.promise(() => inFlight)
      expect(answer.status).toBe(200)
      expect(answer.body).toContain(IDENTITY)
      const after = yield* Effect.promise(() => rawExchange(server.port, post(server.port, "{}"), { timeoutMillis: 1_000 }))
      expect(after.error).toBe("ECONNREFUSED")
    }))

  it.live("a port already in use is a typed error", () =>
    Effect.scoped(Effect.gen(function*() {
      const first = yield* serve()
      const second = yield* Effect.flip(startServer(handlerWith(), { port: first.port }))
      expect(second._tag).toBe("EmulatorServerError")
      expect(second.message).toContain(String(first.port))
    })))
})
