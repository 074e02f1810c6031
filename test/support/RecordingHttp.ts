/**
 * An HttpClient that records every request (method, URL, headers, body bytes) and answers from
 * a script, so tests can assert the exact wire request and feed any response, valid or hostile.
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import { Effect, Layer } from "effect"

export interface RecordedRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
  readonly text: string
  readonly json: unknown
}

export interface ScriptedResponse {
  readonly status?: number
  readonly headers?: Record<string, string>
  readonly body?: string | Uint8Array
}

export type Responder = (request: RecordedRequest, index: number) => ScriptedResponse

export const json = (value: unknown, status = 200, headers: Record<string, string> = {}): ScriptedResponse => ({
  status,
  headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "req-0001", ...headers },
  body: JSON.stringify(value)
})

export const awsError = (code: string, message: string, status = 400): ScriptedResponse =>
  json({ __type: code, message }, status, { "x-amzn-errortype": `${code}:`, "x-amzn-requestid": "req-err-1" })

const decoder = new TextDecoder()

export const makeRecordingHttp = (responder: Responder) => {
  const requests: Array<RecordedRequest> = []
  const client = HttpClient.make((request, url) =>
    Effect.sync(() => {
      const body = request.body._tag === "Uint8Array" ? request.body.body : new Uint8Array()
      const text = decoder.decode(body)
      let parsed: unknown = undefined
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = undefined
      }
      const recorded: RecordedRequest = {
        method: request.method,
        url: url.toString(),
        headers: { ...request.headers },
        body,
        text,
        json: parsed
      }
      const answer = responder(recorded, requests.length)
      requests.push(recorded)
      return HttpClientResponse.fromWeb(
        request,
        new Response(typeof answer.body === "string" || answer.body === undefined ? answer.body ?? "" : Uint8Array.from(answer.body), { status: answer.status ?? 200, headers: answer.headers ?? {} })
      )
    })
  )
  return { requests, layer: Layer.succeed(HttpClient.HttpClient, client) }
}
