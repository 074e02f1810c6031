/**
 * What a tracer sees of a call: one `CognitoIdentity.<Operation>` span (`rpc.system=aws-api`,
 * `rpc.service=CognitoIdentity`, `rpc.method`, `aws.attempts`, `aws.request_id`) with a child
 * span per attempt (`aws.attempt`, `aws.attempt.outcome`, `aws.request_id`,
 * `http.response.status_code`, and `aws.clock_offset_ms` when it learned the service's clock).
 *
 * No span the executor causes holds a secret: attributes are names, numbers and request ids;
 * an exit holds the decoded output (its secrets `Redacted`) or a tagged error (which never
 * quotes input values nor keeps the signed request); and the platform's own `http.client`
 * span, whose exit would hold the signed request, is switched off for the client's requests
 * (`httpClientTransport`).
 *
 * Under Effect's built-in tracer, whose spans reach no exporter, or with the tracer switched
 * off, no span is opened: each costs about 10 µs (a span object, a copy of the context to make
 * it the parent, an exit hook), more than everything else a call does on this side of the wire.
 */
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as Predicate from "effect/Predicate"
import * as Tracer from "effect/Tracer"
import type { AnyOperation } from "./Operation.js"
import type { TransportResponse } from "./transport.js"

const builtInTracer = Context.get(DefaultServices.liveServices, Tracer.Tracer)

/** A span, or undefined when spans are not recorded. */
export type MaybeSpan = Tracer.Span | undefined

/**
 * True when the fiber's spans reach a tracer that records them: not Effect's built-in one,
 * and not switched off (`Layer.setTracerEnabled(false)`).
 */
export const isRecording = (fiber: Fiber.RuntimeFiber<unknown, unknown>): boolean =>
  fiber.currentTracer !== builtInTracer && fiber.getFiberRef(FiberRef.currentTracerEnabled)

/** Runs a call under its operation span (only when `isRecording`: the executor asks first). */
export const makeOperationSpan = (op: AnyOperation) => {
  const name = `CognitoIdentity.${op.name}`
  // A span's call site would point here, inside the library, on every call: not worth a stack.
  const options = {
    kind: "client",
    captureStackTrace: false,
    attributes: { "rpc.system": "aws-api", "rpc.service": "CognitoIdentity", "rpc.method": op.name }
  } as const
  return <A, E, R>(run: (span: Tracer.Span) => Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.useSpan(name, options, (span) => Effect.withParentSpan(run(span), span))
}

const outcomeOf = (error: unknown): string =>
  Predicate.hasProperty(error, "_tag") && typeof error._tag === "string" ? error._tag : "failure"

/** Runs one attempt under its span, a child of the operation's; none without an operation span. */
export const makeAttemptSpan = (op: AnyOperation) => {
  const name = `CognitoIdentity.${op.name}.attempt`
  const options = { kind: "client", captureStackTrace: false } as const
  return <A, E, R>(
    parent: MaybeSpan,
    attempt: number,
    run: (span: MaybeSpan) => Effect.Effect<A, E, R>
  ): Effect.Effect<A, E, R> => {
    if (parent === undefined) return run(undefined)
    parent.attribute("aws.attempts", attempt)
    return Effect.useSpan(name, options, (span) => {
      span.attribute("aws.attempt", attempt)
      return Effect.withParentSpan(
        run(span).pipe(
          Effect.tap(() => Effect.sync(() => span.attribute("aws.attempt.outcome", "success"))),
          Effect.tapError((error) => Effect.sync(() => span.attribute("aws.attempt.outcome", outcomeOf(error))))
        ),
        span
      )
    })
  }
}

/** What a response tells the spans: its status and request id. */
export const recordResponse = (attemptSpan: MaybeSpan, operationSpan: MaybeSpan, response: TransportResponse): void => {
  if (attemptSpan === undefined) return
  attemptSpan.attribute("http.response.status_code", response.status)
  const requestId = response.headers["x-amzn-requestid"]
  if (requestId !== undefined) {
    attemptSpan.attribute("aws.request_id", requestId)
    operationSpan?.attribute("aws.request_id", requestId)
  }
}
