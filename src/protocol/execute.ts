/**
 * The one executor: turns an operation descriptor into `(input) => Effect`. Everything a call
 * does on the wire happens here, in this order:
 *
 * 1. encode the input with the model's constraints (a failure is a `ValidationError`; nothing is sent);
 * 2. resolve the endpoint (configured region, else the region inside the id being addressed);
 * 3. per attempt, under the `RetryPolicy`: sign (signed operations only), send, read the body
 *    with a size cap, then decode the output or turn the error response into its tagged error.
 */
import type { HttpClientResponse } from "@effect/platform"
import { Headers, HttpClientRequest } from "@effect/platform"
import { Chunk, Clock, Duration, Effect, Either, Option, ParseResult, Predicate, Stream } from "effect"
import type { CredentialsError } from "../errors/ClientErrors.js"
import { DecodeError, EndpointError, TimeoutError, TransportError, ValidationError } from "../errors/ClientErrors.js"
import type { CommonError, SignedError } from "../errors/CommonErrors.js"
import { commonErrors, signedErrors } from "../errors/CommonErrors.js"
import { errorFromResponse } from "../errors/errorFromResponse.js"
import type { ServiceErrorClass } from "../errors/ServiceError.js"
import { AwsCredentials } from "../layers/AwsCredentials.js"
import type { AwsCredentialsService } from "../layers/AwsCredentials.js"
import { CognitoIdentityClient } from "../layers/CognitoIdentityClient.js"
import type { CognitoIdentityClientService } from "../layers/CognitoIdentityClient.js"
import { RetryPolicy } from "../layers/RetryPolicy.js"
import { describeRule } from "../schemas/Constraint.js"
import { formatPath, violations } from "../schemas/Violation.js"
import { version } from "../version.js"
import type { Auth, Operation } from "./Operation.js"
import { regionOf } from "./regionOf.js"
import { sign } from "./sign.js"

/** Everything an operation may fail with: its modelled faults, the common AWS errors and the client's own. */
export type OperationError<Errors extends ReadonlyArray<ServiceErrorClass>, A extends Auth> =
  | InstanceType<Errors[number]>
  | CommonError
  | ValidationError
  | EndpointError
  | TransportError
  | TimeoutError
  | DecodeError
  | (A extends "sigv4" ? SignedError | CredentialsError : never)

/** What an operation needs: the client, and credentials only if it is signed. */
export type OperationRequirements<A extends Auth> = CognitoIdentityClient | (A extends "sigv4" ? AwsCredentials : never)

const CONTENT_TYPE = "application/x-amz-json-1.1"
const USER_AGENT = `effect-cognito-identity/${version}`
const encoder = new TextEncoder()
const decoder = new TextDecoder("utf-8", { fatal: true })

const transportError = (operation: string, attempts: number, cause: unknown) =>
  new TransportError({
    operation,
    attempts,
    message: `${operation}: ${Predicate.hasProperty(cause, "message") ? String(cause.message) : "transport failure"}`,
    cause
  })

/** Reads the body as UTF-8 text, refusing more than `cap` bytes. */
const readBody = (
  operation: string,
  response: HttpClientResponse.HttpClientResponse,
  headers: Headers.Headers,
  cap: number,
  attempts: number
): Effect.Effect<string, DecodeError | TransportError> => {
  const tooLarge = () =>
    new DecodeError({
      operation,
      status: response.status,
      attempts,
      message: `${operation}: the response is larger than maxResponseBytes (${cap})`
    })
  const declared = headers["content-length"]
  const bytes: Effect.Effect<Uint8Array, DecodeError | TransportError> =
    declared !== undefined && /^\d+$/.test(declared)
      ? Number(declared) > cap
        ? Effect.fail(tooLarge())
        : Effect.map(response.arrayBuffer, (buffer) => new Uint8Array(buffer)).pipe(
          Effect.mapError((cause) => transportError(operation, attempts, cause))
        )
      : response.stream.pipe(
        Stream.mapError((cause) => transportError(operation, attempts, cause)),
        Stream.mapAccumEffect(0, (total, chunk: Uint8Array) =>
          total + chunk.length > cap
            ? Effect.fail(tooLarge())
            : Effect.succeed([total + chunk.length, chunk] as const)),
        Stream.runCollect,
        Effect.map((chunks) => {
          const all = new Uint8Array(Chunk.reduce(chunks, 0, (n, c) => n + c.length))
          let offset = 0
          for (const chunk of chunks) {
            all.set(chunk, offset)
            offset += chunk.length
          }
          return all
        })
      )
  return Effect.flatMap(bytes, (body) =>
    Effect.try({
      try: () => decoder.decode(body),
      catch: () =>
        new DecodeError({
          operation,
          status: response.status,
          attempts,
          message: `${operation}: the response body is not valid UTF-8`
        })
    }))
}

const withoutNulls = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutNulls)
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [key, member] of Object.entries(value)) {
      if (member !== null) out[key] = withoutNulls(member)
    }
    return out
  }
  return value
}

const describeViolations = (issue: ParseResult.ParseIssue): string =>
  violations(issue).map((v) => `${formatPath(v.path)} must ${describeRule(v.rule)}`).join("; ")

export const execute = <
  const Name extends string,
  In,
  InE,
  Out,
  OutE,
  const Errors extends ReadonlyArray<ServiceErrorClass>,
  const A extends Auth
>(
  op: Operation<Name, In, InE, Out, OutE, Errors, A>
): (input: In) => Effect.Effect<Out, OperationError<Errors, A>, OperationRequirements<A>> => {
  // Compiled once per operation, not per call.
  const encodeInput = ParseResult.encodeEither(op.input, { errors: "all" })
  const decodeOutput = ParseResult.decodeUnknownEither(op.output, { errors: "all" })
  const known = new Map<string, ServiceErrorClass>(
    [...op.errors, ...commonErrors, ...(op.auth === "sigv4" ? signedErrors : [])].map((c) => [c._tag, c])
  )
  const constantHeaders = {
    "x-amz-target": `AWSCognitoIdentityService.${op.name}`,
    "x-amz-user-agent": USER_AGENT
  }
  const spanAttributes = {
    "rpc.system": "aws-api",
    "rpc.service": "CognitoIdentity",
    "rpc.method": op.name
  }

  const invalid = (issue: ParseResult.ParseIssue) =>
    new ValidationError({
      operation: op.name,
      issues: violations(issue).map((v) => ({
        path: formatPath(v.path),
        rule: v.rule.kind,
        message: `must ${describeRule(v.rule)}`
      }))
    })

  const decodeSuccess = (status: number, requestId: string | undefined, attempts: number, body: string) => {
    const fail = (message: string) =>
      Effect.fail(
        new DecodeError({
          operation: op.name,
          status,
          attempts,
          message: `${op.name}: ${message}`,
          ...(requestId === undefined ? {} : { requestId })
        })
      )
    let json: unknown
    try {
      json = body.trim() === "" ? {} : JSON.parse(body)
    } catch {
      return fail("the response body is not JSON")
    }
    let decoded = decodeOutput(json)
    // Some servers (moto, proxies) send `null` for unset members; treat it as absent, as botocore does.
    if (Either.isLeft(decoded)) decoded = decodeOutput(withoutNulls(json))
    return Either.isRight(decoded)
      ? Effect.succeed(decoded.right)
      : fail(`the response does not match the model: ${describeViolations(decoded.left)}`)
  }

  const attempt = (
    client: CognitoIdentityClientService,
    credentials: AwsCredentialsService | undefined,
    url: URL,
    signingRegion: string | undefined,
    body: Uint8Array,
    invocationId: string,
    maxAttempts: number,
    n: number
  ) =>
    Effect.gen(function*() {
      const headers: Record<string, string> = {
        ...constantHeaders,
        "content-type": CONTENT_TYPE,
        "amz-sdk-invocation-id": invocationId,
        "amz-sdk-request": `attempt=${n}; max=${maxAttempts}`
      }
      let signed = headers
      if (credentials !== undefined && signingRegion !== undefined) {
        const identity = yield* credentials.get
        const now = yield* Clock.currentTimeMillis
        signed = yield* sign({ url, headers, body }, identity, signingRegion, new Date(now))
      }
      const request = HttpClientRequest.post(url).pipe(
        HttpClientRequest.bodyUint8Array(body, CONTENT_TYPE),
        HttpClientRequest.setHeaders(signed)
      )
      const response = yield* client.http.execute(request).pipe(
        Effect.catchTag("RequestError", (cause) => Effect.fail(transportError(op.name, n, cause)))
      )
      const responseHeaders = response.headers
      const text = yield* readBody(op.name, response, responseHeaders, client.maxResponseBytes, n)
      const requestId = responseHeaders["x-amzn-requestid"]
      if (requestId !== undefined) yield* Effect.annotateCurrentSpan("aws.request_id", requestId)
      if (response.status >= 200 && response.status < 300) {
        return yield* decodeSuccess(response.status, requestId, n, text)
      }
      return yield* Effect.fail(
        errorFromResponse(known, { status: response.status, headers: responseHeaders, body: text, attempts: n })
      )
    }).pipe(
      (effect) =>
        Option.match(client.attemptTimeout, {
          onNone: () => effect,
          onSome: (duration) =>
            Effect.timeoutFail(effect, {
              duration,
              onTimeout: () =>
                new TimeoutError({
                  operation: op.name,
                  scope: "attempt",
                  timeoutMillis: Duration.toMillis(duration),
                  attempts: n
                })
            })
        })
    )

  const call = (input: In) =>
    Effect.gen(function*() {
      const client = yield* CognitoIdentityClient
      const credentials = op.auth === "sigv4" ? yield* AwsCredentials : undefined
      const encoded = encodeInput(input)
      if (Either.isLeft(encoded)) return yield* Effect.fail(invalid(encoded.left))
      const region = client.region ?? regionOf(encoded.right)
      const endpoint = yield* client.endpointFor(region)
      if (credentials !== undefined && region === undefined) {
        return yield* Effect.fail(
          new EndpointError({ message: `${op.name}: a region is needed to sign the request; set CognitoIdentityClient's region` })
        )
      }
      const url = new URL(endpoint)
      const body = encoder.encode(JSON.stringify(encoded.right))
      const policy = yield* RetryPolicy
      const invocationId = crypto.randomUUID()
      let attempts = 0
      const retried = policy.run((n) => {
        attempts = n
        return attempt(client, credentials, url, region, body, invocationId, policy.maxAttempts, n)
      }).pipe(Effect.ensuring(Effect.suspend(() => Effect.annotateCurrentSpan("aws.attempts", attempts))))
      return yield* Option.match(client.callTimeout, {
        onNone: () => retried,
        onSome: (duration) =>
          Effect.timeoutFail(retried, {
            duration,
            onTimeout: () =>
              new TimeoutError({ operation: op.name, scope: "call", timeoutMillis: Duration.toMillis(duration), attempts })
          })
      })
    }).pipe(
      Effect.locallyWith(Headers.currentRedactedNames, (names) => [...names, "x-amz-security-token"]),
      Effect.withSpan(`CognitoIdentity.${op.name}`, { kind: "client", attributes: spanAttributes })
    )

  // The branches above are chosen by `op.auth` at run time; the public type says the same thing
  // at compile time (credentials and signing errors only for signed operations).
  return call as (input: In) => Effect.Effect<Out, OperationError<Errors, A>, OperationRequirements<A>>
}
