/**
 * Helpers shared by the security tests: bodies that count what was pulled (for the recording
 * HttpClient of test/support/RecordingHttp.ts, which answers anything), a client over a
 * transport, the error tags an operation may fail with, and a capture of everything tracing
 * and logging see.
 */
import { inspect } from "node:util"
import type { HttpClient } from "@effect/platform"
import type { Exit } from "effect"
import { Cause, Layer, Logger, LogLevel, Option, Tracer } from "effect"
import { commonErrors, signedErrors } from "../../src/errors/CommonErrors.js"
import { AwsCredentials, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import type { CognitoIdentityClientOptions } from "../../src/index.js"
import type { AnyOperation } from "../../src/protocol/Operation.js"

// -------------------------------------------------------------------------------------------
// Bodies that count what the client read
// -------------------------------------------------------------------------------------------

/** A body of `total` bytes produced on demand, counting what the reader pulled. */
export const countingStream = (total: number, chunk = 64 * 1024, fill = 0x20) => {
  const state = { pulled: 0, cancelled: false }
  const piece = new Uint8Array(chunk).fill(fill)
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) {
        controller.close()
        return
      }
      const size = Math.min(chunk, total - state.pulled)
      state.pulled += size
      controller.enqueue(size === chunk ? piece.slice() : piece.slice(0, size))
    },
    cancel() {
      state.cancelled = true
    }
  })
  return { stream, state }
}

export const SIGNING = {
  accessKeyId: "AKIDSECURITYTESTS0001",
  secretAccessKey: "SigningSecret/K7MDENG+bPxRfiCYsecurityKEY",
  sessionToken: "SigningSessionToken//////////wEaCXVzLWVhc3QtMSJHMEUCIQDsecurity"
} as const

/** A client (region us-east-1, no retries) over a transport, with credentials carrying a session token. */
export const clientOver = (
  http: Layer.Layer<HttpClient.HttpClient>,
  options: CognitoIdentityClientOptions = { region: "us-east-1" }
) =>
  Layer.mergeAll(
    CognitoIdentityClient.layer(options).pipe(Layer.provide(http)),
    AwsCredentials.static(SIGNING),
    RetryPolicy.layerNone
  )

// -------------------------------------------------------------------------------------------
// What an operation may fail with
// -------------------------------------------------------------------------------------------

const CLIENT_SIDE = ["ValidationError", "EndpointError", "TransportError", "TimeoutError", "DecodeError"]

/** Every tag in the operation's declared error type (`OperationError`). */
export const declaredTags = (op: AnyOperation): ReadonlySet<string> =>
  new Set([
    ...op.errors.map((e) => e._tag),
    ...commonErrors.map((e) => e._tag),
    "UnknownServiceError",
    ...CLIENT_SIDE,
    ...(op.auth === "sigv4" ? [...signedErrors.map((e) => e._tag), "CredentialsError"] : [])
  ])

export const tagOf = (error: unknown): string =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string" ? error._tag : "(untagged)"

/**
 * The failure of an exit that must be a typed one: a plain `Fail` (no defect, no
 * interruption) whose error carries one of `tags`. Returns the error.
 */
export const typedFailure = (exit: Exit.Exit<unknown, unknown>, tags: ReadonlySet<string>, label: string): unknown => {
  if (exit._tag === "Success") throw new Error(`${label}: expected a failure, got a success`)
  if (!Cause.isFailType(exit.cause)) {
    throw new Error(`${label}: expected a plain Fail, got:\n${Cause.pretty(exit.cause).slice(0, 2000)}`)
  }
  const error = exit.cause.error
  if (!tags.has(tagOf(error))) throw new Error(`${label}: ${tagOf(error)} is not among the operation's declared errors`)
  return error
}

// -------------------------------------------------------------------------------------------
// Capturing logs and spans
// -------------------------------------------------------------------------------------------

interface RecordedSpan {
  readonly name: string
  readonly attributes: Map<string, unknown>
  readonly events: Array<{ readonly name: string; readonly attributes: Record<string, unknown> | undefined }>
  exit: Exit.Exit<unknown, unknown> | undefined
}

const render = (value: unknown): string => {
  let json = ""
  try {
    json = JSON.stringify(value) ?? ""
  } catch (error) {
    json = `(JSON.stringify threw ${String(error)})`
  }
  return `${String(value)}\n${json}\n${inspect(value, { depth: 10 })}`
}

/**
 * A tracer and a logger that keep everything they are given, rendered the ways exporters and
 * log sinks render it (String, JSON, util.inspect, Cause.pretty, Effect's own log formats).
 */
export const makeCapture = () => {
  const spans: Array<RecordedSpan> = []
  const logs: Array<string> = []
  let ids = 0

  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const recorded: RecordedSpan = { name, attributes: new Map(), events: [], exit: undefined }
      spans.push(recorded)
      const spanId = `span-${++ids}`
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId,
        traceId: "trace-security",
        parent,
        context,
        get status(): Tracer.SpanStatus {
          return recorded.exit === undefined
            ? { _tag: "Started", startTime }
            : { _tag: "Ended", startTime, endTime: startTime, exit: recorded.exit }
        },
        get attributes(): ReadonlyMap<string, unknown> {
          return recorded.attributes
        },
        links: [...links],
        sampled: true,
        kind,
        end: (_endTime, exit) => {
          recorded.exit = exit
        },
        attribute: (key, value) => {
          recorded.attributes.set(key, value)
        },
        event: (eventName, _time, attributes) => {
          recorded.events.push({ name: eventName, attributes })
        },
        addLinks: () => undefined
      }
      return span
    },
    context: (f) => f()
  })

  const logger = Logger.make((options) => {
    // Every format a log sink might use, each run on the same entry.
    logs.push(
      Logger.stringLogger.log(options),
      Logger.logfmtLogger.log(options),
      Logger.jsonLogger.log(options),
      render(Logger.structuredLogger.log(options)),
      render(options.message),
      Cause.pretty(options.cause),
      render(options.annotations)
    )
  })

  const layer = Layer.mergeAll(
    Layer.setTracer(tracer),
    Logger.replace(Logger.defaultLogger, logger),
    Logger.minimumLogLevel(LogLevel.All)
  )

  /** Everything captured so far, as one text to search. */
  const text = (): string => {
    const parts: Array<string> = [...logs]
    for (const span of spans) {
      parts.push(span.name)
      for (const [key, value] of span.attributes) parts.push(`${key}=${render(value)}`)
      for (const event of span.events) parts.push(event.name, render(event.attributes))
      if (span.exit !== undefined && span.exit._tag === "Failure") {
        // What an exporter (@effect/opentelemetry) records when a span ends in failure: the
        // pretty cause, and each error's type, message and stack. A success records no value.
        parts.push(Cause.pretty(span.exit.cause))
        for (const error of Cause.failures(span.exit.cause)) {
          parts.push(tagOf(error), error instanceof Error ? `${error.message}\n${String(error.stack)}` : String(error))
        }
        for (const defect of Cause.defects(span.exit.cause)) parts.push(String(defect))
      }
    }
    return parts.join("\n")
  }

  const spanNames = (): ReadonlyArray<string> => spans.map((s) => s.name)
  const attribute = (spanName: string, key: string): Option.Option<unknown> => {
    const span = spans.find((s) => s.name === spanName && s.attributes.has(key))
    return span === undefined ? Option.none() : Option.some(span.attributes.get(key))
  }

  return { layer, text, spanNames, attribute, spans }
}

/** Every rendering of a value a user or a library might produce. */
export const renderings = (value: unknown): string => render(value)

/** Cause.pretty and friends for an exit's failure. */
export const renderExit = (exit: Exit.Exit<unknown, unknown>): string => {
  if (exit._tag === "Success") return render(exit.value)
  const parts = [Cause.pretty(exit.cause), render(exit.cause)]
  for (const failure of Cause.failures(exit.cause)) {
    parts.push(render(failure))
    if (failure instanceof Error) parts.push(failure.message, String(failure.stack))
  }
  return parts.join("\n")
}
