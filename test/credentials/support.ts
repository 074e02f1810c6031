/**
 * For the credentials tests: capture every log line and span (name, attributes, events, exit)
 * an effect produces, so a test can assert that no secret ever reaches them; and a fake
 * credentials source that counts its fetches and can be held in flight.
 */
import type { Exit } from "effect"
import { Cause, Deferred, Effect, HashMap, Inspectable, Logger, LogLevel, Option, Redacted, Tracer } from "effect"
import { expect } from "vitest"
import type { AwsCredentialIdentity, CredentialsError } from "../../src/index.js"

export interface Telemetry {
  readonly logs: Array<string>
  readonly spans: Array<string>
  /** Everything captured, as one string to search. */
  readonly text: () => string
}

const show = (value: unknown): string => {
  try {
    return typeof value === "string" ? value : Inspectable.format(value)
  } catch {
    return String(value)
  }
}

/**
 * Runs `effect` with a logger (all levels, debug included) and a tracer that record what they
 * see. Logs are formatted as the logfmt logger would (message, annotations, cause).
 */
export const captureTelemetry = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const logs: Array<string> = []
    const spans: Array<string> = []
    const logger = Logger.make((options) => {
      logs.push(Logger.logfmtLogger.log(options))
      logs.push(show(options.message))
      for (const [key, value] of HashMap.toEntries(options.annotations)) logs.push(`${key}=${show(value)}`)
      if (!Cause.isEmpty(options.cause)) logs.push(Cause.pretty(options.cause, { renderErrorCause: true }))
    })
    const tracer = Tracer.make({
      span: (name, parent, context, links, startTime, kind) => {
        const attributes = new Map<string, unknown>()
        const record: Array<string> = [`span ${name}`]
        spans.push("")
        const index = spans.length - 1
        const flush = () => {
          spans[index] = [...record, ...[...attributes].map(([k, v]) => `${k}=${show(v)}`)].join("\n")
        }
        const span: Tracer.Span = {
          _tag: "Span",
          name,
          spanId: `span-${index}`,
          traceId: "trace",
          parent,
          context,
          status: { _tag: "Started", startTime },
          attributes,
          links,
          sampled: true,
          kind,
          // What exporters record at the end: the status and, for a failure, the error (an
          // OpenTelemetry exception event); a success value is never exported.
          end: (_endTime: bigint, exit: Exit.Exit<unknown, unknown>) => {
            record.push(`status=${exit._tag}`)
            if (exit._tag === "Failure") {
              record.push(Cause.pretty(exit.cause, { renderErrorCause: true }))
              record.push(show(Cause.squash(exit.cause)))
            }
            flush()
          },
          attribute: (key, value) => {
            attributes.set(key, value)
            flush()
          },
          event: (eventName, _time, eventAttributes) => {
            record.push(`event ${eventName} ${show(eventAttributes ?? {})}`)
            flush()
          },
          addLinks: () => {}
        }
        flush()
        return span
      },
      context: (f) => f()
    })
    const result = yield* effect.pipe(
      Effect.exit,
      Logger.withMinimumLogLevel(LogLevel.All),
      Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
      Effect.withTracer(tracer)
    )
    const telemetry: Telemetry = { logs, spans, text: () => [...logs, ...spans].join("\n") }
    return { result, telemetry }
  })

/** Asserts that none of `secrets` occurs in any of `texts`. */
export const expectNoSecrets = (texts: ReadonlyArray<string>, secrets: ReadonlyArray<string>) => {
  for (const text of texts) {
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(3)
      expect(text, "a secret leaked").not.toContain(secret)
    }
  }
}

/** `String(err)`, `JSON.stringify(err)`, its message, and Effect's own rendering of it. */
export const renderings = (error: unknown): Array<string> => [
  String(error),
  JSON.stringify(error),
  error instanceof Error ? error.message : "",
  error instanceof Error ? error.stack ?? "" : "",
  Inspectable.format(error),
  Cause.pretty(Cause.fail(error), { renderErrorCause: true })
]

export const credentialsAt = (
  n: number,
  expiration?: Date
): AwsCredentialIdentity => ({
  accessKeyId: `AKIDFAKE${n}`,
  secretAccessKey: Redacted.make(`secret-${n}-DO-NOT-PRINT`),
  sessionToken: Redacted.make(`token-${n}-DO-NOT-PRINT`),
  expiration
})

/**
 * A source whose fetches are counted. `next` decides each answer (by fetch number, from 1).
 * While `hold` is set, fetches wait for `release`, so a test can act while one is in flight.
 */
export const makeFakeSource = (
  next: (n: number) => Effect.Effect<AwsCredentialIdentity, CredentialsError>
) =>
  Effect.gen(function*() {
    let fetches = 0
    let gate = Option.none<Deferred.Deferred<void>>()
    const source = {
      name: "fake source",
      fetch: Effect.suspend(() => {
        fetches += 1
        const n = fetches
        return Option.match(gate, {
          onNone: () => next(n),
          onSome: (d) => Effect.zipRight(Deferred.await(d), next(n))
        })
      })
    }
    return {
      source,
      fetches: () => fetches,
      hold: Effect.map(Deferred.make<void>(), (d) => {
        gate = Option.some(d)
      }),
      release: Effect.suspend((): Effect.Effect<void> =>
        Option.match(gate, {
          onNone: () => Effect.void,
          onSome: (d) => {
            gate = Option.none()
            return Effect.asVoid(Deferred.succeed(d, undefined))
          }
        })
      )
    }
  })

/** Lets forked fibers (a background refresh) run to their next suspension. */
export const settle = Effect.repeatN(Effect.yieldNow(), 50)


/**
 * Runs `effect` with the process environment changed (`undefined` unsets a variable), and
 * restores it afterwards whatever happens. The default ConfigProvider reads the environment at
 * each load, so code under test sees the change.
 */
export const withProcessEnv = <A, E, R>(
  vars: Readonly<Record<string, string | undefined>>,
  effect: Effect.Effect<A, E, R>
) =>
  Effect.acquireUseRelease(
    Effect.sync(() => {
      const saved = new Map(Object.keys(vars).map((name) => [name, process.env[name]] as const))
      for (const [name, value] of Object.entries(vars)) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
      return saved
    }),
    () => effect,
    (saved) =>
      Effect.sync(() => {
        for (const [name, value] of saved) {
          if (value === undefined) delete process.env[name]
          else process.env[name] = value
        }
      })
  )

/**
 * Polls `condition` until it holds, letting forked fibers and the event loop (promises the
 * HTTP layers resolve) run in between; real time, at most about two seconds, then fails.
 */
export const eventually = <E, R>(condition: Effect.Effect<boolean, E, R>, what: string) =>
  Effect.gen(function*() {
    for (let i = 0; i < 400; i++) {
      if (yield* condition) return
      yield* Effect.yieldNow()
      yield* Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 5)))
    }
    expect.fail(`timed out waiting until ${what}`)
  })
