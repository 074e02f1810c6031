/**
 * Helpers for the wire-layer tests: a scriptable fake ServiceModel, a SigV4 signer on
 * @smithy/signature-v4 with a node:crypto hash (independent of the client's own signer), and
 * builders for raw requests.
 */
import { SignatureV4 } from "@smithy/signature-v4"
import { NodeSha256 } from "../../support/NodeSha256.js"
import { Clock, Effect, Either, Layer } from "effect"
import type { RequestHandlerOptions } from "../../../src/emulator/handleRequest.js"
import { makeRequestHandler } from "../../../src/emulator/handleRequest.js"
import type { CallContext, ServiceFault, ServiceModel } from "../../../src/emulator/ServiceModel.js"
import { makeInProcessHttpClient } from "../../../src/emulator/wire/inProcessHttpClient.js"
import type { WireReply, WireRequest, WireResponse } from "../../../src/emulator/wire/WireMessage.js"
import { AwsCredentials, CognitoIdentityClient, RetryPolicy } from "../../../src/index.js"
import { HttpClient } from "@effect/platform"

import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../../support/fixtures.js"

export {
  ACCESS_KEY_ID,
  ACCOUNT,
  EU_POOL,
  IDENTITY,
  NOW_MILLIS,
  POOL,
  SECRET_ACCESS_KEY
} from "../../support/fixtures.js"


// ---------------------------------------------------------------------------------------------
// Fake model
// ---------------------------------------------------------------------------------------------

export interface ModelCall {
  readonly operation: string
  readonly input: unknown
  readonly context: CallContext
}

export type Script = (operation: string, input: unknown, context: CallContext) => Either.Either<unknown, ServiceFault>

export interface FakeModel extends ServiceModel {
  readonly calls: Array<ModelCall>
}

/** A model that records every call and answers from `script` (default: an empty output). */
export const fakeModel = (script: Script = () => Either.right({})): FakeModel => {
  const calls: Array<ModelCall> = []
  return {
    calls,
    handle: (operation, input, context) => {
      calls.push({ operation, input, context })
      return script(operation, input, context)
    },
    seed: () => [],
    snapshot: () => ({ version: 1, data: {} })
  }
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export const HOST = "cognito-identity.us-east-1.amazonaws.com"

export const rawRequest = (
  operation: string | undefined,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
  overrides: Partial<WireRequest> = {}
): WireRequest => ({
  method: "POST",
  path: "/",
  query: "",
  headers: {
    host: HOST,
    "content-type": "application/x-amz-json-1.1",
    ...(operation === undefined ? {} : { "x-amz-target": `AWSCognitoIdentityService.${operation}` }),
    ...headers
  },
  body: typeof body === "string" ? encoder.encode(body) : body,
  ...overrides
})

export interface SignOptions {
  readonly accessKeyId?: string
  readonly secretAccessKey?: string
  readonly sessionToken?: string
  readonly region?: string
  readonly service?: string
  /** Default: the current Clock time. */
  readonly date?: Date
}

/** Signs a request as the AWS SDKs do (host, content-type, x-amz-date, x-amz-target signed). */
export const signed = (request: WireRequest, options: SignOptions = {}): Effect.Effect<WireRequest> =>
  Effect.gen(function*() {
    const date = options.date ?? new Date(yield* Clock.currentTimeMillis)
    const signer = new SignatureV4({
      service: options.service ?? "cognito-identity",
      region: options.region ?? "us-east-1",
      sha256: NodeSha256,
      applyChecksum: false,
      credentials: {
        accessKeyId: options.accessKeyId ?? ACCESS_KEY_ID,
        secretAccessKey: options.secretAccessKey ?? SECRET_ACCESS_KEY,
        ...(options.sessionToken === undefined ? {} : { sessionToken: options.sessionToken })
      }
    })
    const result = yield* Effect.promise(() =>
      signer.sign({
        method: request.method,
        protocol: "https:",
        hostname: request.headers["host"] ?? HOST,
        path: request.path,
        query: {},
        headers: { ...request.headers },
        body: request.body
      }, { signingDate: date })
    )
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(result.headers)) headers[name.toLowerCase()] = String(value)
    return { ...request, headers }
  })

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

export const asReply = (response: WireResponse): WireReply => {
  if ("_tag" in response) throw new Error("expected a reply, got a dropped connection")
  return response
}

export const text = (response: WireResponse): string => decoder.decode(asReply(response).body)

export const json = (response: WireResponse): Record<string, unknown> => {
  const value: unknown = JSON.parse(text(response))
  if (typeof value !== "object" || value === null) throw new Error("not an object")
  return value as Record<string, unknown>
}

/** Reads a header whatever the case of its name. */
export const header = (response: WireResponse, name: string): string | undefined => {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(asReply(response).headers)) {
    if (key.toLowerCase() === wanted) return value
  }
  return undefined
}

/** An error reply's code and message, checking the three places AWS puts them agree. */
export const errorOf = (response: WireResponse) => {
  const body = json(response)
  return {
    status: asReply(response).status,
    code: body["__type"],
    message: body["message"],
    errorType: header(response, "x-amzn-ErrorType"),
    errorMessage: header(response, "x-amzn-ErrorMessage")
  }
}

// ---------------------------------------------------------------------------------------------
// Layers
// ---------------------------------------------------------------------------------------------

export const handlerWith = (options: Partial<RequestHandlerOptions> & { readonly model?: ServiceModel } = {}) =>
  makeRequestHandler({ model: options.model ?? fakeModel(), ...options })

/** The real client, served in-process by `handler`, with the example credentials and no retries. */
export const clientLayer = (
  handler: (request: WireRequest) => Effect.Effect<WireResponse>,
  options: { readonly retry?: boolean; readonly credentials?: Parameters<typeof AwsCredentials.static>[0] } = {}
) =>
  Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1", endpoint: "http://emulator.local" }).pipe(
      Layer.provide(Layer.succeed(HttpClient.HttpClient, makeInProcessHttpClient(handler)))
    ),
    AwsCredentials.static(options.credentials ?? { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }),
    options.retry === true ? RetryPolicy.layerStandard() : RetryPolicy.layerNone
  )

export { NodeSha256 }
