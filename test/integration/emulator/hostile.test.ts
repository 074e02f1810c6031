/**
 * Hostile input on a real socket: the server answers with a documented error or closes the
 * connection, never crashes, never hangs past its deadlines, and never shows a stack trace.
 */
import { randomBytes } from "node:crypto"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { startServer } from "../../../src/emulator/server.js"
import { fakeModel, handlerWith, IDENTITY, POOL } from "../../emulator/wire/support.js"
import type { RawExchange } from "./rawSocket.js"
import { parseResponse, rawExchange } from "./rawSocket.js"

const STACK = /\s{2,}at\s|\(\S+:\d+:\d+\)|\b\w*Error:/

const limits = {
  headersTimeoutMillis: 500,
  requestTimeoutMillis: 800,
  maxHeadersCount: 100,
  maxHeaderSize: 16 * 1024,
  maxBodyBytes: 1024 * 1024
}

const started = Effect.gen(function*() {
  const handler = handlerWith({ model: fakeModel(() => Either.right({ IdentityId: IDENTITY })) })
  return yield* startServer(handler, limits)
})

/** A request as the SDKs send it (awsJson 1.1 Content-Type), with the given headers added. */
const request = (port: number, headers: Record<string, string>, body: string) =>
  `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-amz-json-1.1\r\n` +
  Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("") +
  `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`

const getIdBody = JSON.stringify({ IdentityPoolId: POOL })

/** An answer with one of `statuses`, or a closed connection; and never a stack trace. */
const expectRefused = (exchange: RawExchange, statuses: ReadonlyArray<number>) => {
  expect(exchange.response).not.toMatch(STACK)
  const response = parseResponse(exchange.response)
  if (response === undefined) {
    expect(exchange.closed).toBe(true)
    return undefined
  }
  expect(statuses).toContain(response.status)
  return response
}

const healthy = (port: number) =>
  Effect.promise(() => rawExchange(port, request(port, { "X-Amz-Target": "AWSCognitoIdentityService.GetId" }, getIdBody))).pipe(
    Effect.map((exchange) => {
      const response = parseResponse(exchange.response)
      expect(response?.status).toBe(200)
      expect(JSON.parse(response?.body ?? "{}")).toEqual({ IdentityId: IDENTITY })
    })
  )

describe("hostile input", () => {
  it.live("random bytes, malformed HTTP and odd request lines", () =>
    Effect.scoped(Effect.gen(function*() {
      const { port } = yield* started
      for (let i = 0; i < 25; i++) {
        const exchange = yield* Effect.promise(() => rawExchange(port, randomBytes(1 + (i * 97) % 4000), { timeoutMillis: 2_000, end: true }))
        expectRefused(exchange, [400, 408, 431])
      }
      const oddities = [
        "GARBAGE / HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST / HTTP/9.9\r\nHost: x\r\n\r\n",
        "POST /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nBad Header Name: v\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        `POST http://127.0.0.1:${port}/ HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSCognitoIdentityService.GetId\r\nContent-Length: ${getIdBody.length}\r\nConnection: close\r\n\r\n${getIdBody}`,
        "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        `POST / HTTP/1.0\r\nX-Amz-Target: AWSCognitoIdentityService.GetId\r\nContent-Length: ${getIdBody.length}\r\n\r\n${getIdBody}`,
        "\r\n\r\n\r\n"
      ]
      for (const raw of oddities) {
        const exchange = yield* Effect.promise(() => rawExchange(port, raw, { timeoutMillis: 2_000 }))
        expectRefused(exchange, [200, 400, 404, 405, 408])
      }
      yield* healthy(port)
    })))

  it.live("5,000 headers, or more fields than allowed, are refused", () =>
    Effect.scoped(Effect.gen(function*() {
      const { port } = yield* started
      const flood = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`x-flood-${i}`, "v"]))
      const big = yield* Effect.promise(() => rawExchange(port, request(port, flood, getIdBody), { timeoutMillis: 3_000 }))
      expectRefused(big, [431])
      const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`x-${i}`, "v"]))
      const fields = yield* Effect.promise(() =>
        rawExchange(port, request(port, { "X-Amz-Target": "AWSCognitoIdentityService.GetId", ...many }, getIdBody), { timeoutMillis: 3_000 })
      )
      const response = expectRefused(fields, [431])
      expect(response?.status).toBe(431)
      expect(JSON.parse(response?.body ?? "{}")).toMatchObject({ __type: "RequestHeaderFieldsTooLarge" })
      yield* healthy(port)
    })))

  it.live("a 10 MB body is refused with 413 (or the connection is closed) without taking the server down", () =>
    Effect.scoped(Effect.gen(function*() {
      const { port } = yield* started
      const body = "x".repeat(10 * 1024 * 1024)
      const exchange = yield* Effect.promise(() =>
        rawExchange(port, request(port, { "X-Amz-Target": "AWSCognitoIdentityService.GetId" }, body), { timeoutMillis: 5_000 })
      )
      expectRefused(exchange, [413])
      expect(exchange.closed).toBe(true)
      yield* healthy(port)
    })))

  it.live("a slow sender is cut off at the request deadline; slow headers at the header deadline", () =>
    Effect.scoped(Effect.gen(function*() {
      const { port } = yield* started
      const head = `POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSCognitoIdentityService.GetId\r\nContent-Length: 1000\r\n\r\n{`
      const slowBody = yield* Effect.promise(() =>
        rawExchange(port, head, { timeoutMillis: 5_000, dribble: { chunk: " ", intervalMillis: 100, count: 1_000 } })
      )
      expect(slowBody.closed).toBe(true)
      expect(slowBody.elapsed).toBeLessThan(limits.requestTimeoutMillis + 1_000)
      expectRefused(slowBody, [408])

      const slowHead = yield* Effect.promise(() =>
        rawExchange(port, "POST / HTTP/1.1\r\nHost: x\r\n", { timeoutMillis: 5_000, dribble: { chunk: "X-A: b\r\n", intervalMillis: 100, count: 1_000 } })
      )
      expect(slowHead.closed).toBe(true)
      expect(slowHead.elapsed).toBeLessThan(limits.requestTimeoutMillis + 1_000)
      expectRefused(slowHead, [408])

      const silent = yield* Effect.promise(() => rawExchange(port, "", { timeoutMillis: 5_000 }))
      expect(silent.closed).toBe(true)
      expect(silent.elapsed).toBeLessThan(limits.requestTimeoutMillis + 1_000)
      yield* healthy(port)
    })))

  it.live("malformed Authorization headers get the documented signature errors", () =>
    Effect.scoped(Effect.gen(function*() {
      const { port } = yield* started
      const authorizations = [
        "",
        "AWS4-HMAC-SHA256",
        "AWS4-HMAC-SHA256 Credential=",
        "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=00",
        `AWS4-HMAC-SHA256 Credential=${"/".repeat(2_000)}, SignedHeaders=${";".repeat(2_000)}, Signature=zz`,
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/cognito-identity/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "a".repeat(64),
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/cognito-identity/aws4_request, SignedHeaders=host;missing-header, Signature=" + "a".repeat(64),
        "AWS4-HMAC-SHA256 Credential=AKIDUNKNOWN/20260101/us-east-1/cognito-identity/aws4_request, SignedHeaders=host, Signature=" + "a".repeat(64),
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/../../cognito-identity/aws4_request, SignedHeaders=host, Signature=" + "a".repeat(64),
        "Basic dXNlcjpwYXNz",
        "AWS4-HMAC-SHA256 ,,,,=,=,=,Credential==,SignedHeaders==,Signature==",
        "AWS4-HMAC-SHA256 Credential=\u00ff\u00fe/x, SignedHeaders=host, Signature=\u00e9"
      ]
      const documented = ["IncompleteSignatureException", "InvalidSignatureException", "UnrecognizedClientException", "MissingAuthenticationTokenException"]
      for (const authorization of authorizations) {
        const raw = request(port, {
          "X-Amz-Target": "AWSCognitoIdentityService.DescribeIdentityPool",
          "X-Amz-Date": "20260101T000000Z",
          Authorization: authorization
        }, JSON.stringify({ IdentityPoolId: POOL }))
        const exchange = yield* Effect.promise(() => rawExchange(port, Buffer.from(raw, "latin1"), { timeoutMillis: 2_000 }))
        const response = expectRefused(exchange, [400])
        if (response !== undefined) expect(documented).toContain(JSON.parse(response.body)["__type"])
      }
      yield* healthy(port)
    })))
})
