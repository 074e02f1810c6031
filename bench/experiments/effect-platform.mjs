/**
 * Decomposition step 2: the same calls through @effect/platform's `HttpClient` on this
 * project's `UndiciHttpClient` (signing as the floor does, JSON.parse, no Schema, no retry policy),
 * with the tracer off, because HttpClient opens a span of its own per request and spans are
 * the last step. Its cost over step 1 is the HttpClient abstraction and the Node transport's
 * wrapping.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { UndiciHttpClient } from "../../dist/node/index.js"
import { headersFor, makeSigner } from "../contenders/floor.mjs"
import { expectEqual, GETID_IDENTITY, POOL_ID, POOL_NAME } from "../lib/fixtures.mjs"

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export const create = async ({ endpoint }) => {
  const url = new URL(endpoint)
  const signer = makeSigner()
  const runtime = ManagedRuntime.make(Layer.merge(UndiciHttpClient.layer, Layer.setTracerEnabled(false)))
  const client = await runtime.runPromise(HttpClient.HttpClient)
  const body = encoder.encode(`{"IdentityPoolId":"${POOL_ID}"}`)

  const post = (operation, signed) =>
    Effect.gen(function*() {
      const headers = yield* Effect.promise(() => headersFor(signer, url, operation, body, signed))
      const response = yield* client.execute(
        HttpClientRequest.post(url).pipe(
          HttpClientRequest.bodyUint8Array(body, "application/x-amz-json-1.1"),
          HttpClientRequest.setHeaders(headers)
        )
      )
      const bytes = yield* response.arrayBuffer
      return JSON.parse(decoder.decode(bytes))
    })

  const calls = {
    signed: Effect.map(post("DescribeIdentityPool", true), (out) =>
      expectEqual("DescribeIdentityPool.IdentityPoolName", out.IdentityPoolName, POOL_NAME)),
    unsigned: Effect.map(post("GetId", false), (out) => expectEqual("GetId.IdentityId", out.IdentityId, GETID_IDENTITY))
  }

  return {
    runCalls: (kind, n, concurrency) =>
      runtime.runPromise(Effect.forEach(Array.from({ length: n }), () => calls[kind], { concurrency, discard: true })),
    close: () => runtime.dispose()
  }
}
