/**
 * The one executor: turns an operation descriptor into `(input) => Effect`. Everything a call
 * does on the wire happens here, in this order:
 *
 * 1. encode the input with the model's constraints (a failure is a `ValidationError`; nothing is sent);
 * 2. resolve the endpoint (configured region, else the region inside the id being addressed);
 * 3. per attempt, under the `RetryPolicy`: sign (signed operations only, with the service's
 *    clock as last learned), send, read the body with a size cap, then decode the output or
 *    turn the error response into its tagged error. An error response also teaches the client
 *    what the retry needs: the service's clock (from `Date`, after a clock-skew rejection),
 *    that the credentials expired (they are invalidated) and any `Retry-After`.
 *
 * Each attempt has a span of its own (`aws.attempt`, `aws.attempt.outcome`, `aws.request_id`)
 * under the operation's span, which records `aws.attempts` and the last request id (both only
 * when a tracer other than Effect's built-in one is installed: see `builtInTracer`). Every
 * error reports `attempts`.
 */
import type { HttpClientResponse } from "@effect/platform"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import * as Tracer from "effect/Tracer"
import {
  CredentialsError,
  DecodeError,
  EndpointError,
  TimeoutError,
  TransportError,
  ValidationError
} from "../errors/ClientErrors.js"
import type { CommonError, SignedError } from "../errors/CommonErrors.js"
import { commonErrors, signedErrors } from "../errors/CommonErrors.js"
import { errorFromResponse } from "../errors/errorFromResponse.js"
import type { ServiceErrorClass } from "../errors/ServiceError.js"
import type { AwsCredentials, AwsCredentialsService } from "../layers/AwsCredentials.js"
import { AwsCredentialsTag } from "../layers/credentials/AwsCredentialsTag.js"
import { CognitoIdentityClient } from "../layers/CognitoIdentityClient.js"
import type { CognitoIdentityClientService } from "../layers/CognitoIdentityClient.js"
import { RetryPolicy } from "../layers/RetryPolicy.js"
import { describeRule } from "../schemas/Constraint.js"
import { protoKeyPaths } from "../schemas/protoKeys.js"
import { formatPath, violations } from "../schemas/Violation.js"
import { version } from "../version.js"
import { classify } from "./classify.js"
import type { Auth, Operation } from "./Operation.js"
import { regionOf } from "./regionOf.js"
import { offsetFromDate } from "./retry/offsetFromDate.js"
import { parseRetryAfter, recordRetryAfter } from "./retry/retryAfter.js"
import type { DirectTransport } from "./DirectTransport.js"
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

/**
 * The platform's RequestError/ResponseError hold the signed request (Authorization and the
 * session token in its headers), which a logger or `JSON.stringify` would print once the error
 * leaves the call: keep only what failed underneath (ECONNRESET, ...) and the reason.
 */
const transportError = (operation: string, attempts: number, failure: unknown) => {
  const underlying = Predicate.hasProperty(failure, "cause") ? failure.cause : undefined
  const reason = Predicate.hasProperty(failure, "reason") ? String(failure.reason) : undefined
  const root = Predicate.hasProperty(underlying, "cause") && Predicate.hasProperty(underlying.cause, "message")
    ? ` (${String(underlying.cause.message)})`
    : ""
  const detail = Predicate.hasProperty(underlying, "message")
    ? `${String(underlying.message)}${root}`
    : Predicate.hasProperty(failure, "description") && failure.description !== undefined
    ? String(failure.description)
    : reason ?? "transport failure"
  return new TransportError({
    operation,
    attempts,
    message: `${operation}: ${reason === undefined ? "" : `${reason}: `}${detail}`,
    ...(underlying === undefined ? {} : { cause: underlying })
  })
}

/** What an attempt got back, whichever way it went. */
interface Exchanged {
  readonly status: number
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly text: string
}

const tooLarge = (operation: string, status: number, cap: number, attempts: number) =>
  new DecodeError({
    operation,
    status,
    attempts,
    message: `${operation}: the response is larger than maxResponseBytes (${cap})`
  })

const utf8 = (operation: string, status: number, attempts: number, bytes: Uint8Array) =>
  Effect.try({
    try: () => decoder.decode(bytes),
    catch: () =>
      new DecodeError({ operation, status, attempts, message: `${operation}: the response body is not valid UTF-8` })
  })

/**
 * The body of an HttpClient response, counted as it arrives and refused past `cap` bytes: a
 * declared length may be compressed (fetch inflates) or false, so it only refuses early.
 */
const readBody = (
  operation: string,
  response: HttpClientResponse.HttpClientResponse,
  headers: Headers.Headers,
  cap: number,
  attempts: number
): Effect.Effect<Uint8Array, DecodeError | TransportError> => {
  const declared = headers["content-length"]
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > cap) {
    return Effect.fail(tooLarge(operation, response.status, cap, attempts))
  }
  return response.stream.pipe(
    // A 204, 205 or 304 has no body at all: an empty one, not a broken connection.
    Stream.catchAll((cause) =>
      cause.reason === "EmptyBody" ? Stream.empty : Stream.fail(transportError(operation, attempts, cause))
    ),
    Stream.mapAccumEffect(0, (total, chunk: Uint8Array) =>
      total + chunk.length > cap
        ? Effect.fail(tooLarge(operation, response.status, cap, attempts))
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
}

/** One exchange through the HttpClient: any transport, any platform. */
const viaHttpClient = (
  operation: string,
  client: CognitoIdentityClientService,
  url: URL,
  headers: Record<string, string>,
  body: Uint8Array,
  attempts: number
): Effect.Effect<Exchanged, DecodeError | TransportError> =>
  Effect.gen(function*() {
    const request = HttpClientRequest.post(url).pipe(
      HttpClientRequest.bodyUint8Array(body, CONTENT_TYPE),
      HttpClientRequest.setHeaders(headers)
    )
    const response = yield* client.http.execute(request).pipe(
      noRedirects,
      Effect.catchTags({
        RequestError: (cause) => Effect.fail(transportError(operation, attempts, cause)),
        ResponseError: (cause) => Effect.fail(transportError(operation, attempts, cause))
      })
    )
    const responseHeaders = response.headers
    const bytes = yield* readBody(operation, response, responseHeaders, client.maxResponseBytes, attempts)
    const text = yield* utf8(operation, response.status, attempts, bytes)
    return { status: response.status, headers: responseHeaders, text }
  }).pipe(
    // @effect/platform prints request headers in its spans and errors: hide the session token too.
    Effect.locallyWith(Headers.currentRedactedNames, (names) => [...names, "x-amz-security-token"])
  )

/** One exchange through the platform's shortcut (see DirectTransport). */
const viaDirect = (
  operation: string,
  direct: DirectTransport,
  url: URL,
  headers: Record<string, string>,
  body: Uint8Array,
  cap: number,
  attempts: number
): Effect.Effect<Exchanged, DecodeError | TransportError> =>
  Effect.flatMap(
    Effect.mapError(direct.send({ url, headers, body, maxBytes: cap }), (failure) =>
      failure._tag === "TooLarge"
        ? tooLarge(operation, failure.status, cap, attempts)
        : transportError(operation, attempts, { reason: "Transport", cause: failure.cause })),
    (response) =>
      Effect.map(utf8(operation, response.status, attempts, response.body), (text) => ({
        status: response.status,
        headers: response.headers,
        text
      }))
  )

/** Beyond any output of the model; a deeper body is left as is and fails to decode. */
const MAX_NULL_DEPTH = 32

const withoutNulls = (value: unknown, depth = 0): unknown => {
  if (depth > MAX_NULL_DEPTH) return value
  if (Array.isArray(value)) return value.map((item) => withoutNulls(item, depth + 1))
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [key, member] of Object.entries(value)) {
      if (member !== null) out[key] = withoutNulls(member, depth + 1)
    }
    return out
  }
  return value
}

/**
 * Effect's built-in tracer. Its spans reach no exporter, and each costs about 10 µs (a span
 * object, a copy of the context to make it the parent, an exit hook): more than everything
 * else a call does on this side of the wire. Under it the executor opens no spans and
 * annotates none; under any other tracer (OpenTelemetry, a test's) it records everything.
 */
const builtInTracer = Context.get(DefaultServices.liveServices, Tracer.Tracer)

/**
 * fetch follows redirects by default, re-sending the call (and the session token) to whatever
 * host a 3xx names and handing its answer back as the service's. A redirect is never part of
 * this protocol, so it must arrive as a response (an error) instead. Other transports ignore
 * the fetch options.
 */
const noRedirects = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(Effect.serviceOption(FetchHttpClient.RequestInit), (init) =>
    Effect.provideService(effect, FetchHttpClient.RequestInit, {
      ...Option.getOrElse(init, () => ({})),
      redirect: "manual"
    }))

/** Parsed once per endpoint (a handful per process), not per call; never mutated. */
const urls = new Map<string, URL>()
const urlOf = (endpoint: string): URL => {
  let url = urls.get(endpoint)
  if (url === undefined) {
    url = new URL(endpoint)
    urls.set(endpoint, url)
  }
  return url
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
      attempts: 0,
      issues: violations(issue).map((v) => ({
        path: formatPath(v.path),
        rule: v.rule.kind,
        message: `must ${describeRule(v.rule)}`
      }))
    })

  const protoKeyError = (paths: ReadonlyArray<ReadonlyArray<PropertyKey>>) =>
    new ValidationError({
      operation: op.name,
      attempts: 0,
      issues: paths.map((path) => ({
        path: formatPath(path),
        rule: "key",
        message: "must not be named __proto__ (it cannot be sent faithfully)"
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

  const attemptSpanName = `CognitoIdentity.${op.name}.attempt`
  // A span's call site would point here, inside the library, on every call: not worth a stack.
  const attemptSpan = { kind: "client", captureStackTrace: false } as const

  /**
   * What an error response teaches the client, before the policy decides on a retry: the
   * service's clock after a clock-skew rejection (kept for every later call), that the
   * credentials expired (so that the next `get` obtains new ones), and its `Retry-After`.
   */
  const learnFrom = (
    error: unknown,
    headers: Readonly<Record<string, string | undefined>>,
    client: CognitoIdentityClientService,
    credentials: AwsCredentialsService | undefined,
    span: Tracer.Span | undefined
  ): Effect.Effect<void> => {
    const retryAfter = headers["retry-after"]
    const failure = classify(error)
    if (retryAfter === undefined && failure !== "clockSkew" && failure !== "expiredCredentials") return Effect.void
    return Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const hint = parseRetryAfter(retryAfter, headers["date"], now)
      if (hint !== undefined) recordRetryAfter(error, hint)
      if (failure === "clockSkew") {
        const offset = offsetFromDate(headers["date"], now)
        if (offset === undefined) return Effect.void
        span?.attribute("aws.clock_offset_ms", offset)
        return Ref.set(client.clockOffset, offset)
      }
      return failure === "expiredCredentials" && credentials !== undefined ? credentials.invalidate : Effect.void
    })
  }

  const signHeaders = (
    client: CognitoIdentityClientService,
    credentials: AwsCredentialsService,
    url: URL,
    headers: Record<string, string>,
    body: Uint8Array,
    signingRegion: string,
    n: number
  ) =>
    Effect.gen(function*() {
      const identity = yield* credentials.get
      const now = yield* Clock.currentTimeMillis
      const offset = yield* Ref.get(client.clockOffset)
      return yield* sign({ url, headers, body }, identity, signingRegion, new Date(now + offset), client.direct?.sha256)
    }).pipe(
      Effect.mapError((error) =>
        new CredentialsError({
          message: error.message,
          ...(error.sources === undefined ? {} : { sources: error.sources }),
          attempts: n
        })
      )
    )

  const outcomeOf = (error: unknown): string =>
    Predicate.hasProperty(error, "_tag") && typeof error._tag === "string" ? error._tag : "failure"

  const attempt = (
    client: CognitoIdentityClientService,
    credentials: AwsCredentialsService | undefined,
    url: URL,
    signingRegion: string | undefined,
    body: Uint8Array,
    invocationId: string,
    maxAttempts: number,
    operationSpan: Tracer.Span | undefined,
    n: number
  ) => {
    const attempted = (span: Tracer.Span | undefined) => Effect.gen(function*() {
      const headers: Record<string, string> = {
        ...constantHeaders,
        "content-type": CONTENT_TYPE,
        "amz-sdk-invocation-id": invocationId,
        "amz-sdk-request": Number.isFinite(maxAttempts) ? `attempt=${n}; max=${maxAttempts}` : `attempt=${n}`
      }
      const signed = credentials !== undefined && signingRegion !== undefined
        ? yield* signHeaders(client, credentials, url, headers, body, signingRegion, n)
        : headers
      const response = client.direct === undefined
        ? yield* viaHttpClient(op.name, client, url, signed, body, n)
        : yield* viaDirect(op.name, client.direct, url, signed, body, client.maxResponseBytes, n)
      const responseHeaders = response.headers
      const text = response.text
      const requestId = responseHeaders["x-amzn-requestid"]
      if (requestId !== undefined) {
        span?.attribute("aws.request_id", requestId)
        operationSpan?.attribute("aws.request_id", requestId)
      }
      if (response.status >= 200 && response.status < 300) {
        const output = yield* decodeSuccess(response.status, requestId, n, text)
        span?.attribute("aws.attempt.outcome", "success")
        return output
      }
      const error = errorFromResponse(known, { status: response.status, headers: responseHeaders, body: text, attempts: n })
      yield* learnFrom(error, responseHeaders, client, credentials, span)
      return yield* Effect.fail(error)
    })
    const bounded = (span: Tracer.Span | undefined) =>
      Option.match(client.attemptTimeout, {
        onNone: () => attempted(span),
        onSome: (duration) =>
          Effect.timeoutFail(attempted(span), {
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
    if (operationSpan === undefined) return bounded(undefined)
    return Effect.useSpan(attemptSpanName, attemptSpan, (span) => {
      span.attribute("aws.attempt", n)
      return Effect.withParentSpan(
        Effect.tapError(bounded(span), (error) => Effect.sync(() => span.attribute("aws.attempt.outcome", outcomeOf(error)))),
        span
      )
    })
  }

  const operationSpanName = `CognitoIdentity.${op.name}`
  const operationSpan = { kind: "client", attributes: spanAttributes, captureStackTrace: false } as const

  const run = (input: In, span: Tracer.Span | undefined) =>
    Effect.gen(function*() {
      const client = yield* CognitoIdentityClient
      const credentials = op.auth === "sigv4" ? yield* AwsCredentialsTag : undefined
      const protoKeys = protoKeyPaths(input)
      if (protoKeys.length > 0) return yield* Effect.fail(protoKeyError(protoKeys))
      const encoded = encodeInput(input)
      if (Either.isLeft(encoded)) return yield* Effect.fail(invalid(encoded.left))
      const region = client.region ?? regionOf(encoded.right)
      const endpoint = client.endpointFor(region)
      // The resolved endpoint is cached per region, error included: report this call's attempts on a copy.
      if (Either.isLeft(endpoint)) return yield* Effect.fail(new EndpointError({ message: endpoint.left.message, attempts: 0 }))
      if (credentials !== undefined && region === undefined) {
        return yield* Effect.fail(
          new EndpointError({
            message: `${op.name}: a region is needed to sign the request; set CognitoIdentityClient's region`,
            attempts: 0
          })
        )
      }
      const url = urlOf(endpoint.right)
      const body = encoder.encode(JSON.stringify(encoded.right))
      const policy = yield* RetryPolicy
      const invocationId = crypto.randomUUID()
      let attempts = 0
      // Counted when the attempt starts, not when a policy builds it (before its backoff).
      const retried = policy.run((n) =>
        Effect.suspend(() => {
          attempts = n
          span?.attribute("aws.attempts", n)
          return attempt(client, credentials, url, region, body, invocationId, policy.maxAttempts, span, n)
        })
      )
      return yield* Option.match(client.callTimeout, {
        onNone: () => retried,
        onSome: (duration) =>
          Effect.timeoutFail(retried, {
            duration,
            onTimeout: () =>
              new TimeoutError({
                operation: op.name,
                scope: "call",
                timeoutMillis: Duration.toMillis(duration),
                attempts
              })
          })
      })
    })

  const call = (input: In) =>
    Effect.tracerWith((tracer) =>
      tracer === builtInTracer
        ? run(input, undefined)
        : Effect.useSpan(operationSpanName, operationSpan, (span) => Effect.withParentSpan(run(input, span), span))
    )

  // The branches above are chosen by `op.auth` at run time; the public type says the same thing
  // at compile time (credentials and signing errors only for signed operations).
  return call as (input: In) => Effect.Effect<Out, OperationError<Errors, A>, OperationRequirements<A>>
}
