/**
 * The one executor: what a call does, top to bottom. Each step is a module of its own:
 *
 * 1. `request.ts`: check and encode the input (a `ValidationError` means nothing was sent);
 * 2. the endpoint: the configured region's, else the region inside the id being addressed;
 * 3. per attempt, under the `RetryPolicy`: the headers (`request.ts`), signed for signed
 *    operations (`sign.ts`, handed in by `signedOperationFunction`, with the service's clock as
 *    last learned);
 * 4. `transport.ts`: send, and read the body with the size cap;
 * 5. `response.ts`: decode the output, or turn the error response into its tagged error;
 *    an error response also teaches the client what the retry needs (below: `failWith`);
 * 6. `telemetry.ts`: the call's span and one span per attempt, when a tracer records them;
 *    `metrics/recordMetrics.ts`: the call's duration, its retries and throttles.
 *
 * A call is a handful of Effect steps and no more: everything that can be decided without
 * waiting (encoding, endpoint, headers, the signature, decoding, metrics) is plain code inside
 * the steps that wait anyway (the credentials, the transport, the retry policy). What a call
 * reads of its fiber (clock, tracer, metric labels) is read once, when it starts.
 *
 * The executor is given the services a call runs with (`CallServices`) and reads no Context
 * tag: `operationFunction.ts` reads them from the context, where an operation's type says they
 * are. So the executor sits below every layer, including the credentials layers that call
 * operations themselves (`AwsCredentials.fromCognitoIdentityPool`).
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import type * as MetricLabel from "effect/MetricLabel"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import { DecodeError, EndpointError, TimeoutError, TransportError } from "../errors/ClientErrors.js"
import type { AwsCredentialsService } from "../layers/credentials/AwsCredentialIdentity.js"
import type { CognitoIdentityClientService } from "../layers/CognitoIdentityClient.js"
import type { OperationMetrics } from "../metrics/recordMetrics.js"
import { makeOperationMetrics } from "../metrics/recordMetrics.js"
import type { FailureClass } from "./classify.js"
import { classify } from "./classify.js"
import type { AnyOperation, InputOf, OperationError, OutputOf } from "./Operation.js"
import { regionOf } from "./regionOf.js"
import { attemptHeaders, makeInputEncoder } from "./request.js"
import { clockOffsetFrom, makeResponseDecoder } from "./response.js"
import type { RetryPolicyService } from "./retry/RetryPolicyService.js"
import type { Sign } from "./sign.js"
import type { MaybeSpan } from "./telemetry.js"
import { isRecording, makeAttemptSpan, makeOperationSpan, recordResponse } from "./telemetry.js"
import type { TransportFailure, TransportResponse } from "./transport.js"

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

/** One call in flight: what its attempts share. */
interface Call {
  readonly compiled: Compiled
  readonly services: CallServices
  readonly clock: Clock.Clock
  readonly metricLabels: ReadonlyArray<MetricLabel.MetricLabel>
  readonly url: URL
  readonly region: string | undefined
  readonly body: Uint8Array
  readonly invocationId: string
  readonly span: MaybeSpan
  /** The attempt running (1, 2, ...): what a call timeout reports. */
  attempts: number
  /** The class of the last failed attempt, the reason of the next retry. */
  lastFailure: FailureClass | "other"
}

/** What an operation compiles to, once. */
interface Compiled {
  readonly encodeInput: ReturnType<typeof makeInputEncoder>
  readonly decodeResponse: ReturnType<typeof makeResponseDecoder>
  readonly headers: ReturnType<typeof attemptHeaders>
  readonly operationSpan: ReturnType<typeof makeOperationSpan>
  readonly attemptSpan: ReturnType<typeof makeAttemptSpan>
  readonly metrics: OperationMetrics
}

/** A call of `Op` with the services given. */
export type Execute<Op extends AnyOperation> = (
  input: InputOf<Op>,
  services: CallServices
) => Effect.Effect<OutputOf<Op>, OperationError<Op>>

/** A call of `Op` on the fiber that runs it (`Effect.withFiberRuntime`), for the operation functions. */
export type ExecuteOn<Op extends AnyOperation> = (
  input: InputOf<Op>,
  services: CallServices,
  fiber: Fiber.RuntimeFiber<unknown, unknown>
) => Effect.Effect<OutputOf<Op>, OperationError<Op>>

/**
 * Compiles a descriptor, once: `(input, services, fiber) => Effect`. `sign` is the signing
 * stage, given for signed operations only (`signedOperationFunction`).
 */
export const compileOperation = <Op extends AnyOperation>(op: Op, sign?: Sign): ExecuteOn<Op> => {
  // Compiled on the first call, not at import: a program pays for the operations it calls.
  let compiled: Compiled | undefined
  const compile = (): Compiled => ({
    encodeInput: makeInputEncoder(op),
    decodeResponse: makeResponseDecoder(op),
    headers: attemptHeaders(op),
    operationSpan: makeOperationSpan(op),
    attemptSpan: makeAttemptSpan(op),
    metrics: makeOperationMetrics(op.name)
  })

  const timeoutError = (scope: "attempt" | "call", duration: Duration.Duration, attempts: number) =>
    new TimeoutError({ operation: op.name, scope, timeoutMillis: Duration.toMillis(duration), attempts })

  /** The attempt ran out of time; the policy may retry it. */
  const attemptTimedOut = (call: Call, duration: Duration.Duration, n: number) => {
    call.lastFailure = "transient"
    return timeoutError("attempt", duration, n)
  }

  const transportError = (failure: Exclude<TransportFailure, { readonly _tag: "Timeout" }>, call: Call, n: number) => {
    call.lastFailure = "transient"
    return failure._tag === "TooLarge"
      ? new DecodeError({
        operation: op.name,
        status: failure.status,
        attempts: n,
        message: `${op.name}: the response is larger than maxResponseBytes (${call.services.client.maxResponseBytes})`
      })
      : new TransportError({
        operation: op.name,
        attempts: n,
        message: `${op.name}: ${failure.message}`,
        ...(failure.cause === undefined ? {} : { cause: failure.cause })
      })
  }

  /**
   * An error response, after what it teaches the client before the policy decides on a retry:
   * the service's clock after a clock-skew rejection (kept for every later call), that the
   * credentials expired (so that the next `get` obtains new ones), that the service throttles.
   */
  const failWith = (error: unknown, response: TransportResponse, call: Call, span: MaybeSpan): Effect.Effect<never, unknown> => {
    const failure = classify(error)
    call.lastFailure = failure ?? "other"
    if (failure === "throttling") call.compiled.metrics.throttle(call.metricLabels)
    const { credentials, client } = call.services
    if (failure === "expiredCredentials" && credentials !== undefined) return Effect.zipRight(credentials.invalidate, Effect.fail(error))
    if (failure === "clockSkew") {
      const offset = clockOffsetFrom(response.headers["date"], call.clock.unsafeCurrentTimeMillis())
      if (offset !== undefined) {
        span?.attribute("aws.clock_offset_ms", offset)
        return Effect.zipRight(Ref.set(client.clockOffset, offset), Effect.fail(error))
      }
    }
    return Effect.fail(error)
  }

  /**
   * One attempt: headers, signature, exchange, decoding. Under an attempt timeout, a transport
   * that `timeouts` is handed what is left of it when the request goes out (signing, which may
   * wait for credentials, counts against it, and a wait for credentials not in hand is raced
   * against it); any other transport is raced against it as a whole.
   */
  const attempt = (call: Call, n: number, span: MaybeSpan): Effect.Effect<unknown, unknown> => {
    const { client, credentials, retryPolicy } = call.services
    const headers = call.compiled.headers(call.invocationId, n, retryPolicy.maxAttempts)
    const timeout = client.attemptTimeout
    const native = Option.isSome(timeout) && client.transport.timeouts === true
    const deadline = native ? call.clock.unsafeCurrentTimeMillis() + Duration.toMillis(timeout.value) : undefined
    const exchange = (sent: Readonly<Record<string, string>>): Effect.Effect<unknown, unknown> => {
      let timeoutMillis: number | undefined
      if (deadline !== undefined && Option.isSome(timeout)) {
        timeoutMillis = deadline - call.clock.unsafeCurrentTimeMillis()
        // Signing took the whole attempt: nothing is sent.
        if (timeoutMillis <= 0) return Effect.fail(attemptTimedOut(call, timeout.value, n))
      }
      return Effect.matchEffect(
        client.transport.send({ url: call.url, headers: sent, body: call.body, maxBytes: client.maxResponseBytes, timeoutMillis }),
        {
          onFailure: (failure) =>
            Effect.fail(
              failure._tag !== "Timeout"
                ? transportError(failure, call, n)
                : Option.isSome(timeout)
                ? attemptTimedOut(call, timeout.value, n)
                // A transport's own limit, not this client's: reported as what broke underneath.
                : transportError({ _tag: "Transport", message: "the transport timed out", cause: undefined }, call, n)
            ),
          onSuccess: (response) => {
            recordResponse(span, call.span, response)
            const decoded = call.compiled.decodeResponse(response, n, call.clock)
            return Either.isRight(decoded) ? Effect.succeed(decoded.right) : failWith(decoded.left, response, call, span)
          }
        }
      )
    }
    if (sign === undefined || credentials === undefined || call.region === undefined) {
      return Option.isNone(timeout) || native ? exchange(headers) : raceAttempt(call, exchange(headers), timeout.value, n)
    }
    const signing = sign(
      { credentials, clockOffset: client.clockOffset, clock: call.clock, hash: client.transport.sha256, region: call.region },
      { url: call.url, headers, body: call.body },
      n
    )
    if (Option.isNone(timeout)) return Effect.flatMap(signing, exchange)
    if (!native) return raceAttempt(call, Effect.flatMap(signing, exchange), timeout.value, n)
    // The transport's timer starts when the request goes out; the wait for credentials before it
    // (a first fetch, a refresh that is due, a provider that hangs) is bounded by a race of its
    // own, unless the credentials are already in hand and signing cannot wait.
    const inHand = credentials.current?.(call.clock.unsafeCurrentTimeMillis()) !== undefined
    return Effect.flatMap(
      inHand || deadline === undefined
        ? signing
        : raceAttempt(call, signing, timeout.value, n, Duration.millis(Math.max(0, deadline - call.clock.unsafeCurrentTimeMillis()))),
      exchange
    )
  }

  /** `effect` raced against the attempt timeout (`within`: what is left of it), as the attempt's TimeoutError. */
  const raceAttempt = <A>(
    call: Call,
    effect: Effect.Effect<A, unknown>,
    duration: Duration.Duration,
    n: number,
    within: Duration.Duration = duration
  ): Effect.Effect<A, unknown> =>
    Effect.timeoutFail(effect, { duration: within, onTimeout: () => attemptTimedOut(call, duration, n) })

  /** Every attempt the policy allows, under the call timeout; the call's metrics at the end. */
  const attempts = (call: Call, started: bigint) => {
    const { client, retryPolicy } = call.services
    const { attemptSpan, metrics } = call.compiled
    // Counted when the attempt starts, not when a policy builds it (before its backoff).
    const retried = retryPolicy.run((n) =>
      Effect.suspend(() => {
        call.attempts = n
        if (n > 1) metrics.retry(call.lastFailure, call.metricLabels)
        return call.span === undefined ? attempt(call, n, undefined) : attemptSpan(call.span, n, (span) => attempt(call, n, span))
      })
    )
    const timeout = client.callTimeout
    const bounded = Option.isNone(timeout) ? retried : Effect.timeoutFail(retried, {
      duration: timeout.value,
      onTimeout: () => timeoutError("call", timeout.value, call.attempts)
    })
    const seconds = () => Number(call.clock.unsafeCurrentTimeNanos() - started) / 1e9
    return Effect.matchEffect(bounded, {
      onFailure: (error) => {
        metrics.call(seconds(), tagOf(error), call.metricLabels)
        return Effect.fail(error)
      },
      onSuccess: (output) => {
        metrics.call(seconds(), undefined, call.metricLabels)
        return Effect.succeed(output)
      }
    })
  }

  const run: ExecuteOn<AnyOperation> = (input, services, fiber) => {
    const current = compiled ??= compile()
    const clock = Context.get(fiber.currentDefaultServices, Clock.Clock)
    const metricLabels = fiber.getFiberRef(FiberRef.currentMetricLabels)
    const started = clock.unsafeCurrentTimeNanos()
    const refuse = (error: { readonly _tag: string }) => {
      current.metrics.call(Number(clock.unsafeCurrentTimeNanos() - started) / 1e9, error._tag, metricLabels)
      return Effect.fail(error)
    }
    const { client } = services
    const encoded = current.encodeInput(input)
    if (Either.isLeft(encoded)) return refuse(encoded.left)
    const region = client.region ?? regionOf(encoded.right.wire)
    const endpoint = client.endpointFor(region)
    // The resolved endpoint is cached per region, error included: report this call's attempts on a copy.
    if (Either.isLeft(endpoint)) return refuse(new EndpointError({ message: endpoint.left.message, attempts: 0 }))
    if (sign !== undefined && region === undefined) {
      return refuse(
        new EndpointError({
          message: `${op.name}: a region is needed to sign the request; set CognitoIdentityClient's region`,
          attempts: 0
        })
      )
    }
    const call = (span: MaybeSpan): Call => ({
      compiled: current,
      services,
      clock,
      metricLabels,
      url: urlOf(endpoint.right),
      region,
      body: encoded.right.body,
      invocationId: crypto.randomUUID(),
      span,
      attempts: 0,
      lastFailure: "other"
    })
    return isRecording(fiber)
      ? current.operationSpan((span) => attempts(call(span), started))
      : attempts(call(undefined), started)
  }
  // The output is what the descriptor's schema decoded, and the failures are the errors the
  // stages above build from the descriptor's lists (`response.ts`): the type `ExecuteOn` names.
  return run as ExecuteOn<Op>
}

const tagOf = (error: unknown): string =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string" ? error._tag : "unknown"

/**
 * `(input, services) => Effect`: a call with services the caller already holds (the identity
 * pool credentials call GetId and GetCredentialsForIdentity this way, below the layers).
 */
export const execute = <Op extends AnyOperation>(op: Op, sign?: Sign): Execute<Op> => {
  const run = compileOperation(op, sign)
  return (input, services) => Effect.withFiberRuntime((fiber) => run(input, services, fiber))
}
