/**
 * The one recording HttpClient of the tests: it records every request (method, URL, headers,
 * body bytes, the Clock's time when it was sent) and answers from a script: any response,
 * valid or hostile (a body streamed on demand, a status that has no body), a broken connection
 * ("reset") or no answer ever ("hang", counted when interrupted).
 */
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
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

export const makeRecordingHttp = (responder: Responder) => {
  const requests: Array<RecordedRequest> = []
  const interrupted = { count: 0 }
  const client = HttpClient.make((request, url) =>
    Effect.flatMap(Clock.currentTimeMillis, (at) => {
      const body = request.body._tag === "Uint8Array" ? request.body.body : new Uint8Array()
      const text = decoder.decode(body)
      const recorded: RecordedRequest = {
        method: request.method,
        url: url.toString(),
        headers: { ...request.headers },
        body,
        text,
        json: parse(text),
        at
      }
      const reply = responder(recorded, requests.length)
      requests.push(recorded)
      if (reply === "hang") return Effect.onInterrupt(Effect.never, () => Effect.sync(() => (interrupted.count += 1)))
      if (reply === "reset") {
        return Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("read ECONNRESET") }))
      }
      const status = reply.status ?? 200
      const raw = reply.body
      const content = NULL_BODY.has(status) || raw === undefined
        ? null
        : typeof raw === "string" || raw instanceof ReadableStream
        ? raw
        : Uint8Array.from(raw)
      return Effect.succeed(HttpClientResponse.fromWeb(request, new Response(content, { status, headers: reply.headers ?? {} })))
    })
  )
  return { requests, interrupted, layer: Layer.succeed(HttpClient.HttpClient, client) }
}
