/**
 * The one recording HttpClient of the tests: it records every request (method, URL, headers,
 * body bytes, the Clock's time when it was sent) and answers from a script: any response,
 * valid or hostile (a body streamed on demand, a status that has no body), a broken connection
 * ("reset") or no answer ever ("hang", counted when interrupted).
 *
 * `makeRecordingFetch` answers the same script as a `fetch` under @effect/platform's own
 * FetchHttpClient, recording also the `redirect` mode and the AbortSignal of each request.
 *
 * The client reads a body straight from the web Response an @effect/platform response was
 * built from, when it can find it (`webResponseOf` in src/protocol/transport.ts), else through
 * `response.stream`; `{ webResponse: false }` hides it, for the second path.
 */
import { FetchHttpClient, HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { Clock, Effect, Layer } from "effect"

export interface RecordedRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
  readonly text: string
  readonly json: unknown
  /** The Clock's time when the request was sent (TestClock's in TestClock tests). */
  readonly at: number
  /** fetch only: the `redirect` mode the request was made with. */
  readonly redirect?: RequestRedirect | undefined
  /** fetch only: the request's AbortSignal. */
  readonly signal?: AbortSignal | undefined
}

export interface ScriptedResponse {
  readonly status?: number
  readonly headers?: Record<string, string>
  readonly body?: string | Uint8Array | ReadableStream<Uint8Array>
}

/** A response, a broken connection, or no answer ever. */
export type Reply = ScriptedResponse | "reset" | "hang"

export type Responder = (request: RecordedRequest, index: number) => Reply

export const json = (value: unknown, status = 200, headers: Record<string, string> = {}): ScriptedResponse => ({
  status,
  headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "req-0001", ...headers },
  body: JSON.stringify(value)
})

export const awsError = (code: string, message: string, status = 400): ScriptedResponse =>
  json({ __type: code, message }, status, { "x-amzn-errortype": `${code}:`, "x-amzn-requestid": "req-err-1" })

/** Statuses whose responses have no body (the Fetch `Response` refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304])

const decoder = new TextDecoder()

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const record = (method: string, url: string, headers: Readonly<Record<string, string>>, body: Uint8Array, at: number) => {
  const text = decoder.decode(body)
  return { method, url, headers: { ...headers }, body, text, json: parse(text), at }
}

/** A scripted response as a Fetch `Response`. */
const toResponse = (reply: ScriptedResponse): Response => {
  const status = reply.status ?? 200
  const raw = reply.body
  const content = NULL_BODY.has(status) || raw === undefined
    ? null
    : typeof raw === "string" || raw instanceof ReadableStream
    ? raw
    : Uint8Array.from(raw)
  return new Response(content, { status, headers: reply.headers ?? {} })
}

/** An @effect/platform response that does not show the web Response it was built from. */
const hideWebResponse = (response: HttpClientResponse.HttpClientResponse): HttpClientResponse.HttpClientResponse =>
  new Proxy(response, {
    has: (target, key) => key !== "original" && key !== "source" && Reflect.has(target, key),
    get: (target, key) => (key === "original" || key === "source" ? undefined : Reflect.get(target, key, target))
  })

export const makeRecordingHttp = (responder: Responder, options: { readonly webResponse?: boolean } = {}) => {
  const requests: Array<RecordedRequest> = []
  const interrupted = { count: 0 }
  const client = HttpClient.make((request, url) =>
    Effect.flatMap(Clock.currentTimeMillis, (at) => {
      const body = request.body._tag === "Uint8Array" ? request.body.body : new Uint8Array()
      const recorded: RecordedRequest = record(request.method, url.toString(), request.headers, body, at)
      const reply = responder(recorded, requests.length)
      requests.push(recorded)
      if (reply === "hang") return Effect.onInterrupt(Effect.never, () => Effect.sync(() => (interrupted.count += 1)))
      if (reply === "reset") {
        return Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("read ECONNRESET") }))
      }
      return Effect.succeed(HttpClientResponse.fromWeb(request, toResponse(reply)))
    })
  )
  const served = options.webResponse === false ? HttpClient.transformResponse(client, Effect.map(hideWebResponse)) : client
  return { requests, interrupted, layer: Layer.succeed(HttpClient.HttpClient, served) }
}

/** The same script as a `fetch`, under FetchHttpClient: what a browser, Deno, Bun or a worker runs. */
export const makeRecordingFetch = (responder: Responder) => {
  const requests: Array<RecordedRequest> = []
  const interrupted = { count: 0 }
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers)
    const body = init?.body instanceof Uint8Array ? init.body : new Uint8Array()
    const recorded: RecordedRequest = {
      ...record(init?.method ?? "GET", String(input), Object.fromEntries(headers), body, Date.now()),
      redirect: init?.redirect,
      signal: init?.signal ?? undefined
    }
    const reply = responder(recorded, requests.length)
    requests.push(recorded)
    if (reply === "hang") {
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener("abort", () => {
          interrupted.count += 1
          reject(init.signal?.reason)
        })
      )
    }
    if (reply === "reset") throw new TypeError("fetch failed", { cause: new Error("read ECONNRESET") })
    return toResponse(reply)
  }
  return {
    requests,
    interrupted,
    layer: FetchHttpClient.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, fetch)))
  }
}
