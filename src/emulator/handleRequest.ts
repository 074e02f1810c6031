/**
 * The emulator's awsJson1.1 front end: one function from a request to a response, shared by
 * the HTTP server and the in-process `HttpClient`. It checks, in the order of docs/service-behaviour.md
 * §2.1 (so that when several things are wrong, the same error always wins):
 *
 * 1. CORS pre-flight, method, path and body size;
 * 2. Content-Type, then route (`X-Amz-Target` → operation) → UnknownOperationException;
 * 3. authentication (SigV4; skipped for the four public operations when unsigned);
 * 4. body parse → SerializationException;
 * 5. input decode with the operation's schema → SerializationException / ValidationException;
 * 6. IAM (opt-in) → AccessDeniedException; throttling (opt-in) → TooManyRequestsException;
 * 7. injected faults (opt-in);
 * 8. the model, whose output is encoded with the operation's output schema.
 *
 * Time comes from Effect's `Clock` and fault draws from its `Random`, so tests drive both.
 * The returned effect never fails: a defect anywhere becomes a 500 `InternalFailure`
 * without a stack trace.
 */
import { randomUUID } from "node:crypto"
import type { Schema } from "effect"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import type { AnyOperation } from "../protocol/Operation.js"
import { regionOf } from "../protocol/regionOf.js"
import { operationTable } from "../operations/table.js"
import { Unit } from "../schemas/Unit.js"
import { TARGET_PREFIX } from "../service.js"
import type { Authorizer } from "./iam/authorize.js"
import type { CallContext, ServiceModel } from "./ServiceModel.js"
import type { AuthenticatorOptions } from "./wire/authenticate.js"
import { makeAuthenticator } from "./wire/authenticate.js"
import { contentTypeProblem } from "./wire/contentType.js"
import { describeInputFailure } from "./wire/describeInputFailure.js"
import type { FaultOptions } from "./wire/FaultInjector.js"
import { makeFaultInjector } from "./wire/FaultInjector.js"
import { parseBody } from "./wire/parseBody.js"
import type { RateLimitSetting } from "./wire/RateLimiter.js"
import { makeRateLimiter } from "./wire/RateLimiter.js"
import type { ReplyContext } from "./wire/replies.js"
import { documentReply, errorReply, preflightReply, serviceUnavailableReply, successReply } from "./wire/replies.js"
import type { EmulatorStats } from "./wire/StatsRecorder.js"
import { makeStatsRecorder } from "./wire/StatsRecorder.js"
import type { WireRequest, WireResponse } from "./wire/WireMessage.js"
import { dropConnection } from "./wire/WireMessage.js"

export type { WireReply, WireRequest, WireResponse } from "./wire/WireMessage.js"

export const JWKS_PATH = "/.well-known/jwks.json"
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

/** Used for unsigned calls whose input names no region (cannot happen once the input is valid). */
const FALLBACK_REGION = "us-east-1"

export interface RequestHandlerOptions extends AuthenticatorOptions {
  readonly model: ServiceModel
  /** Throttling per (account, region, operation); off by default. */
  readonly rateLimits?: RateLimitSetting
  /** Injected faults; off by default. */
  readonly faults?: FaultOptions | undefined
  /** Larger bodies are answered 413. Default 1 MiB. */
  readonly maxBodyBytes?: number | undefined
  /** Serves `GET /.well-known/jwks.json` when given: the keys that verify the emulator's tokens. */
  readonly jwks?: (() => unknown) | undefined
  /**
   * Called after a successful call of an operation that may change the model's state (the
   * state file saver listens). Must not throw; a throw is ignored.
   */
  readonly onChange?: ((operation: string) => void) | undefined
  /**
   * The opt-in IAM check of signed calls to the signed operations, after the input is valid
   * and before throttling; a denial is answered as such. Off when undefined.
   */
  readonly authorize?: Authorizer | undefined
}

export interface RequestHandler {
  (request: WireRequest): Effect.Effect<WireResponse>
  /** Requests received so far, per operation and per outcome. */
  readonly stats: () => EmulatorStats
  readonly resetStats: () => void
  /** Replaces the fault configuration (undefined: no faults). */
  readonly setFaults: (faults: FaultOptions | undefined) => void
  /** Replaces the throttling configuration and empties every bucket. */
  readonly setRateLimits: (rateLimits: RateLimitSetting) => void
  /** Counts a request answered elsewhere (the server refuses oversized requests before calling the handler). */
  readonly record: (operation: string | undefined, outcome: string) => void
}

interface CompiledOperation {
  readonly operation: AnyOperation
  readonly decode: (input: unknown) => Either.Either<unknown, ParseResult.ParseIssue>
  /** Undefined for operations that answer an empty body. */
  readonly encode: ((output: unknown) => Either.Either<unknown, ParseResult.ParseIssue>) | undefined
}

// Compiled once for the process: the descriptors are constants.
const compiled: ReadonlyMap<string, CompiledOperation> = new Map(
  [...operationTable].map(([name, operation]): [string, CompiledOperation] => {
    const output: Schema.Schema.AnyNoContext = operation.output
    return [name, {
      operation,
      decode: ParseResult.decodeUnknownEither(operation.input, { errors: "all" }),
      encode: output === Unit ? undefined : ParseResult.encodeUnknownEither(output, { errors: "all" })
    }]
  })
)

interface Outcome {
  readonly outcome: string
  readonly response: WireResponse
}

const failed = (context: ReplyContext, code: string, message: string, status?: number): Outcome => ({
  outcome: code,
  response: errorReply(context, code, message, status)
})

/** The first line of a defect's message, for the InternalFailure answer: never its stack. */
const defectSummary = (cause: Cause.Cause<unknown>): string => {
  const defect = Cause.squash(cause)
  const raw = defect instanceof Error ? defect.message : typeof defect === "string" ? defect : ""
  const line = raw.split("\n")[0]?.replace(/\s+at\s.*$/, "").slice(0, 200) ?? ""
  return line === "" ? "" : ` (${line})`
}

export const makeRequestHandler = (options: RequestHandlerOptions): RequestHandler => {
  const { model } = options
  const authenticate = makeAuthenticator(options)
  const limiter = makeRateLimiter(options.rateLimits)
  const faults = makeFaultInjector(options.faults)
  const stats = makeStatsRecorder()
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES

  // A read-only operation (its descriptor says so) never changes the state: no save follows it.
  const notifyChange = (operation: AnyOperation): void => {
    if (options.onChange === undefined || operation.readOnly) return
    try {
      options.onChange(operation.name)
    } catch {
      // The listener's failure must not turn a successful call into an error.
    }
  }

  const call = (
    entry: CompiledOperation,
    request: WireRequest,
    context: ReplyContext
  ): Effect.Effect<Outcome> =>
    Effect.gen(function*() {
      const { operation } = entry
      const name = operation.name

      // Authentication. Public operations are served unsigned, but a signature, when
      // present, must be valid (Smithy @optionalAuth).
      const auth = authenticate(request, context.now)
      if (auth._tag === "Rejected") return failed(context, auth.code, auth.message)
      if (auth._tag === "Unsigned" && operation.auth !== "none") {
        return failed(context, "MissingAuthenticationTokenException", "Request is missing Authentication Token")
      }

      const body = parseBody(request.body)
      if (Either.isLeft(body)) return failed(context, "SerializationException", body.left)

      const decoded = entry.decode(body.right)
      if (Either.isLeft(decoded)) {
        const failure = describeInputFailure(operation.input.ast, body.right, decoded.left, operation.secrets.input)
        return failed(context, failure.code, failure.message)
      }

      const accountId = auth._tag === "Authenticated" ? auth.accountId : undefined
      const region = auth._tag === "Authenticated" ? auth.region : regionOf(body.right) ?? FALLBACK_REGION

      if (auth._tag === "Authenticated" && operation.auth !== "none" && options.authorize !== undefined) {
        const denied = options.authorize({ operation: name, accessKeyId: auth.accessKeyId, accountId: auth.accountId, region, input: body.right })
        if (denied !== undefined) return failed(context, denied.code, denied.message)
      }

      // Unsigned callers of the public operations are one anonymous account per region: the
      // pool's owner is only known to the model [EMULATOR].
      if (!limiter.take({ accountId: accountId ?? "(anonymous)", region, operation: name }, context.now.getTime())) {
        return failed(context, "TooManyRequestsException", "Rate exceeded")
      }

      const injected = yield* faults.draw(name)
      if (Duration.greaterThan(injected.latency, Duration.zero)) yield* Effect.sleep(injected.latency)
      switch (injected.fault) {
        case "Throttling":
          return failed(context, "TooManyRequestsException", "Rate exceeded")
        case "InternalError":
          return failed(context, "InternalErrorException", "An internal error occurred (injected fault)")
        case "ServiceUnavailable":
          return { outcome: "ServiceUnavailable", response: serviceUnavailableReply(context) }
        case "DropConnection":
          return { outcome: "DropConnection", response: dropConnection }
        case "None":
          break
      }

      const callContext: CallContext = { accountId, region, now: context.now }
      const result = yield* Effect.sync(() => model.handle(name, decoded.right, callContext))
      if (Either.isLeft(result)) return failed(context, result.left.code, result.left.message)
      notifyChange(operation)
      if (entry.encode === undefined) return { outcome: "Success", response: successReply(context, undefined) }
      const encoded = entry.encode(result.right)
      if (Either.isLeft(encoded)) {
        return failed(
          context,
          "InternalFailure",
          `The emulator's model answered ${name} with an output that does not match the operation's output shape`
        )
      }
      return { outcome: "Success", response: successReply(context, JSON.stringify(encoded.right)) }
    })

  const route = (request: WireRequest, context: ReplyContext, routed: (name: string) => void): Effect.Effect<Outcome> => {
    const method = request.method.toUpperCase()
    if (method === "OPTIONS") {
      return Effect.succeed({
        outcome: "Preflight",
        response: preflightReply(context, request.headers["access-control-request-headers"])
      })
    }
    if ((method === "GET" || method === "HEAD") && request.path === JWKS_PATH && options.jwks !== undefined) {
      const jwks = options.jwks
      return Effect.sync(() => ({ outcome: "Jwks", response: documentReply(context, jwks()) }))
    }
    if (method !== "POST") {
      return Effect.succeed(
        failed(context, "MethodNotAllowedException", `Only POST / is served (and OPTIONS pre-flights); got ${method.slice(0, 16)}`, 405)
      )
    }
    if (request.path !== "/") {
      return Effect.succeed(failed(context, "NotFoundException", "Nothing is served here: the service answers POST /", 404))
    }
    if (request.body.byteLength > maxBodyBytes) {
      return Effect.succeed(failed(context, "RequestEntityTooLargeException", tooLargeMessage(maxBodyBytes), 413))
    }
    const unsupported = contentTypeProblem(request.headers["content-type"])
    if (unsupported !== undefined) return Effect.succeed(failed(context, "UnknownOperationException", unsupported))
    const target = request.headers["x-amz-target"]
    const entry = target !== undefined && target.startsWith(TARGET_PREFIX)
      ? compiled.get(target.slice(TARGET_PREFIX.length))
      : undefined
    if (entry === undefined) {
      const shown = target === undefined ? "no X-Amz-Target header" : `X-Amz-Target '${target.slice(0, 128)}'`
      return Effect.succeed(failed(context, "UnknownOperationException", `Unknown operation: ${shown}`))
    }
    routed(entry.operation.name)
    return call(entry, request, context)
  }

  const handle = (request: WireRequest): Effect.Effect<WireResponse> =>
    Effect.gen(function*() {
      const context: ReplyContext = { requestId: randomUUID(), now: new Date(yield* Clock.currentTimeMillis) }
      let operation: string | undefined
      const outcome = yield* Effect.suspend(() =>
        route(request, context, (name) => {
          operation = name
        })
      ).pipe(
        Effect.catchAllCause((cause) =>
          Cause.isInterruptedOnly(cause)
            ? Effect.failCause(cause)
            : Effect.as(
              Effect.logDebug("emulator: unexpected failure", cause),
              failed(
                context,
                "InternalFailure",
                `The emulator failed unexpectedly while handling the request${defectSummary(cause)}`,
                500
              )
            )
        )
      )
      stats.record(operation, outcome.outcome)
      return outcome.response
    })

  return Object.assign(handle, {
    stats: stats.snapshot,
    resetStats: stats.reset,
    setFaults: faults.configure,
    setRateLimits: limiter.configure,
    record: stats.record
  })
}

/** The 413 message, shared with the server, which refuses large bodies before reading them. */
export const tooLargeMessage = (maxBodyBytes: number): string =>
  `The request body is larger than the emulator accepts (maxBodyBytes: ${maxBodyBytes} bytes)`
