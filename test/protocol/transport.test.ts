/**
 * How `httpClientTransport` reads a body. An @effect/platform response built from a web
 * Response (FetchHttpClient's, and `HttpClientResponse.fromWeb`'s) is read straight from that
 * Response; any other through `response.stream`. Both count the body against the cap (see
 * test/security/hostileResponses.test.ts, which runs every hostile body over both); these tests
 * pin which path FetchHttpClient's responses take on the @effect/platform version installed,
 * and what an interrupted or broken read does on each.
 */
import { HttpClient, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { CognitoIdentity } from "../../src/index.js"
import { webResponseOf } from "../../src/protocol/transport.js"
import type { Responder } from "../support/RecordingHttp.js"
import { json, makeRecordingFetch, makeRecordingHttp } from "../support/RecordingHttp.js"
import { IDENTITY, POOL } from "../support/operationCases.js"
import { clientOver, tagOf } from "../security/support.js"

const transports = [
  ["FetchHttpClient", (responder: Responder) => makeRecordingFetch(responder)],
  ["HttpClient", (responder: Responder) => makeRecordingHttp(responder)],
  ["HttpClient, response.stream", (responder: Responder) => makeRecordingHttp(responder, { webResponse: false })]
] as const

/** A body that sends `first` and then neither ends nor fails; or, with `fail`, fails after it. */
const stalledBody = (first: string, fail?: Error) => {
  const state = { cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first))
      if (fail !== undefined) controller.error(fail)
    },
    cancel() {
      state.cancelled = true
    }
  })
  return { state, stream }
}

describe("httpClientTransport: reading the body", () => {
  it.live("FetchHttpClient's responses show the web Response they were built from", () =>
    Effect.gen(function*() {
      const fetch = makeRecordingFetch(() => json({ IdentityId: IDENTITY }))
      const response = yield* Effect.flatMap(HttpClient.HttpClient, (client) =>
        client.execute(HttpClientRequest.post("https://cognito-identity.us-east-1.amazonaws.com/"))).pipe(
          Effect.provide(fetch.layer)
        )
      // If a new @effect/platform hides them, the client reads through response.stream (correct,
      // and about twice the CPU per call on Node): revisit `webResponseOf` then.
      expect(webResponseOf(response)).toBeInstanceOf(Response)
      expect(yield* response.json).toEqual({ IdentityId: IDENTITY })
    }))

  it("a body already read, or held by a reader, is left to response.stream", () => {
    const request = HttpClientRequest.post("https://cognito-identity.us-east-1.amazonaws.com/")
    const fresh = HttpClientResponse.fromWeb(request, new Response("{}"))
    expect(webResponseOf(fresh)).toBeInstanceOf(Response)
    const locked = new Response("{}")
    locked.body?.getReader()
    expect(webResponseOf(HttpClientResponse.fromWeb(request, locked))).toBeUndefined()
    const used = new Response("{}")
    void used.text()
    expect(webResponseOf(HttpClientResponse.fromWeb(request, used))).toBeUndefined()
  })

  it.live("over FetchHttpClient a call asks fetch not to follow redirects, and reads the body without aborting the request", () =>
    Effect.gen(function*() {
      const fetch = makeRecordingFetch(() => json({ IdentityId: IDENTITY }))
      const output = yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.provide(clientOver(fetch.layer)))
      expect(output.IdentityId).toBe(IDENTITY)
      expect(fetch.requests.map((r) => r.redirect)).toEqual(["manual"])
      // Read through response.stream, the platform aborts the request's controller when the stream ends.
      expect(fetch.requests[0]?.signal?.aborted).toBe(false)
    }))

  for (const [name, makeHttp] of transports) {
    it.live(`${name}: an attempt that times out while the body arrives cancels the body`, () =>
      Effect.gen(function*() {
        const { state, stream } = stalledBody("{\"IdentityId\":")
        const http = makeHttp(() => ({ status: 200, body: stream }))
        const exit = yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(
          Effect.provide(clientOver(http.layer, { region: "us-east-1", attemptTimeout: "100 millis" })),
          Effect.exit
        )
        expect(exit._tag === "Failure" ? tagOf(exit.cause._tag === "Fail" ? exit.cause.error : undefined) : "Success").toBe("TimeoutError")
        // The cancel reaches the stream after the interruption, asynchronously.
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 20)))
        expect(state.cancelled).toBe(true)
      }))

    it.live(`${name}: a body that breaks off is a TransportError`, () =>
      Effect.gen(function*() {
        const { stream } = stalledBody("{\"IdentityId\":", new Error("read ECONNRESET"))
        const http = makeHttp(() => ({ status: 200, body: stream }))
        const error = yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(
          Effect.provide(clientOver(http.layer)),
          Effect.flip
        )
        expect(error).toMatchObject({ _tag: "TransportError", message: expect.stringContaining("ECONNRESET") })
      }))
  }
})
