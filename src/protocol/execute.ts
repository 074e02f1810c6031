/**
 * The one executor: what a call does, top to bottom. Each step is a module of its own:
 *
 * 1. `request.ts`: check and encode the input (a `ValidationError` means nothing was sent);
 * 2. the endpoint: the configured region's, else the region inside the id being addressed;
 * 3. per attempt, under the `RetryPolicy`: the headers, signed (signed operations only, with
 *    the service's clock as last learned);
 * 4. `transport.ts`: send, and read the body with the size cap;
 * 5. `response.ts`: decode the output, or turn the error response into its tagged error;
 *    an error response also teaches the client what the retry needs (below: `learnFrom`);
 * 6. `telemetry.ts`: the call's span and one span per attempt.
 *
 * The executor is given the services a call runs with (`CallServices`) and reads no Context
 * tag: `operationFunction.ts` reads them from the context, where an operation's type says they
 * are. So the executor sits below every layer, including the credentials layers that call
 * operations themselves (`AwsCredentials.fromCognitoIdentityPool`).
 */
import * as Duration from "effect/Duration"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import { DecodeError, EndpointError, TimeoutError, TransportError } from "../errors/ClientErrors.js"
import type { AwsCredentialsService } from "../layers/credentials/AwsCredentialIdentity.js"
import type { CognitoIdentityClientService } from "../layers/CognitoIdentityClient.js"
import { classify } from "./classify.js"
import type { AnyOperation, InputOf, OperationError, OutputOf } from "./Operation.js"
import { regionOf } from "./regionOf.js"
import { attemptHeaders, constantHeaders, makeInputEncoder, signHeaders } from "./request.js"
import { clockOffsetFrom, makeResponseDecoder } from "./response.js"
import type { RetryPolicyService } from "./retry/RetryPolicyService.js"
import type { MaybeSpan } from "./telemetry.js"
import { makeAttemptSpan, makeOperationSpan, recordResponse } from "./telemetry.js"
import type { TransportResponse } from "./transport.js"

/** What one call runs with. */
export interface CallServices {
  readonly client: CognitoIdentityClientService
  /** Present for signed operations only. */
  readonly credentials: AwsCredentialsService | undefined
  readonly retryPolicy: RetryPolicyService
}

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

/**
 * What an error response teaches the client before the policy decides on a retry: the
 * service's clock after a clock-skew rejection (kept for every later call), and that the
 * credentials expired (so that the next `get` obtains new ones).
 */
const learnFrom = (
  error: unknown,
  response: TransportResponse,
  services: CallServices,
  span: MaybeSpan
): Effect.Effect<void> => {
  const failure = classify(error)
  if (failure === "expiredCredentials" && services.credentials !== undefined) return services.credentials.invalidate
  if (failure !== "clockSkew") return Effect.void
  return Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const offset = clockOffsetFrom(response.headers["date"], now)
    if (offset === undefined) return Effect.void
    span?.attribute("aws.clock_offset_ms", offset)
    return Ref.set(services.client.clockOffset, offset)
  })
}

/** A call of `Op` with the services given. */
export type Execute<Op extends AnyOperation> = (
  input: InputOf<Op>,
  services: CallServices
) => Effect.Effect<OutputOf<Op>, OperationError<Op>>

/** Turns a descriptor into `(input, services) => Effect`. */
export const execute = <Op extends AnyOperation>(op: Op): Execute<Op> => {
  // Compiled once per operation, not per call.
  const encodeInput = makeInputEncoder(op)
  const decodeResponse = makeResponseDecoder(op)
  const headersOfOp = constantHeaders(op)
  const operationSpan = makeOperationSpan(op)
  const attemptSpan = makeAttemptSpan(op)
  const signed = op.auth === "sigv4"

  const timeoutError = (scope: "attempt" | "call", duration: Duration.Duration, attempts: number) =>
    new TimeoutError({ operation: op.name, scope, timeoutMillis: Duration.toMillis(duration), attempts })

  const attempt = (
    services: CallServices,
    url: URL,
    region: string | undefined,
    body: Uint8Array,
    invocationId: string,
    parent: MaybeSpan,
    n: number
  ) =>
    attemptSpan(parent, n, (span) => {
      const { client, credentials } = services
      const exchange = Effect.gen(function*() {
        const headers = attemptHeaders(headersOfOp, invocationId, n, services.retryPolicy.maxAttempts)
        const sent = signed && credentials !== undefined && region !== undefined
          ? yield* signHeaders(credentials, { url, headers, body }, region, client.clockOffset, client.transport.sha256, n)
          : headers
        const response = yield* client.transport.send({ url, headers: sent, body, maxBytes: client.maxResponseBytes }).pipe(
          Effect.mapError((failure) =>
            failure._tag === "TooLarge"
              ? new DecodeError({
                operation: op.name,
                status: failure.status,
                attempts: n,
                message: `${op.name}: the response is larger than maxResponseBytes (${client.maxResponseBytes})`
              })
              : new TransportError({
                operation: op.name,
                attempts: n,
                message: `${op.name}: ${failure.message}`,
                ...(failure.cause === undefined ? {} : { cause: failure.cause })
              })
          )
        )
        recordResponse(span, parent, response)
        return yield* decodeResponse(response, n).pipe(
          Effect.tapError((error) => learnFrom(error, response, services, span))
        )
      })
      return Option.match(client.attemptTimeout, {
        onNone: () => exchange,
        onSome: (duration) => Effect.timeoutFail(exchange, { duration, onTimeout: () => timeoutError("attempt", duration, n) })
      })
    })

  const run = (input: unknown, services: CallServices, span: MaybeSpan) =>
    Effect.suspend(() => {
      const { client } = services
      const encoded = encodeInput(input)
      if (Either.isLeft(encoded)) return Effect.fail(encoded.left)
      const region = client.region ?? regionOf(encoded.right.wire)
      const endpoint = client.endpointFor(region)
      // The resolved endpoint is cached per region, error included: report this call's attempts on a copy.
      if (Either.isLeft(endpoint)) return Effect.fail(new EndpointError({ message: endpoint.left.message, attempts: 0 }))
      if (signed && region === undefined) {
        return Effect.fail(
          new EndpointError({
            message: `${op.name}: a region is needed to sign the request; set CognitoIdentityClient's region`,
            attempts: 0
          })
        )
      }
      const url = urlOf(endpoint.right)
      const body = encoded.right.body
      const invocationId = crypto.randomUUID()
      let attempts = 0
      // Counted when the attempt starts, not when a policy builds it (before its backoff).
      const retried = services.retryPolicy.run((n) =>
        Effect.suspend(() => {
          attempts = n
          return attempt(services, url, region, body, invocationId, span, n)
        })
      )
      return Option.match(client.callTimeout, {
        onNone: () => retried,
        onSome: (duration) => Effect.timeoutFail(retried, { duration, onTimeout: () => timeoutError("call", duration, attempts) })
      })
    })

  const call = (input: unknown, services: CallServices) => operationSpan((span) => run(input, services, span))
  // The output is what the descriptor's schema decoded, and the failures are the errors the
  // stages above build from the descriptor's lists (`response.ts`): the type `Execute` names.
  return call as Execute<Op>
}
