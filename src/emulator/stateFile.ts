/**
 * The emulator's state on disk (`statePath` / `--state FILE`): loaded once at start, saved
 * atomically (write `FILE.tmp-<pid>`, fsync, rename) shortly after the last change and again
 * on close, so a crash mid-write never leaves a truncated file behind. A missing file means
 * "start empty"; a file that cannot be read back is an error at start, never overwritten.
 *
 * The model's snapshot carries its JWT signing key, so tokens issued before a restart still
 * verify against the JWKS after it.
 */
import { mkdir, open, readFile, rename, rm } from "node:fs/promises"
import { dirname } from "node:path"
import type { Scope } from "effect"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { ModelSnapshot } from "./ServiceModel.js"

export class StateFileError extends Data.TaggedError("StateFileError")<{
  readonly path: string
  readonly message: string
  readonly cause?: unknown
}> {}

export interface EmulatorState {
  readonly model: ModelSnapshot
}

const FORMAT = "effect-cognito-identity/emulator-state"

const Snapshot = Schema.Struct({ version: Schema.Literal(1), data: Schema.Unknown })

const Envelope = Schema.Struct({
  format: Schema.Literal(FORMAT),
  version: Schema.Literal(1),
  savedAt: Schema.optional(Schema.String),
  model: Snapshot
})

/** The file is this envelope, or (written by other tools) a bare model snapshot. */
const StateDocument = Schema.Union(Envelope, Snapshot)
const decodeDocument = ParseResult.decodeUnknownEither(StateDocument)

const errorMessage = (cause: unknown): string =>
  typeof cause === "object" && cause !== null && "message" in cause ? String(cause.message) : String(cause)

const isMissing = (cause: unknown): boolean =>
  typeof cause === "object" && cause !== null && "code" in cause && cause.code === "ENOENT"

/** Reads the state file; `undefined` when there is none yet. */
export const loadStateFile = (path: string): Effect.Effect<EmulatorState | undefined, StateFileError> =>
  Effect.gen(function*() {
    const text = yield* Effect.tryPromise({
      try: () => readFile(path, "utf8").then((content): string | undefined => content),
      catch: (cause) => cause
    }).pipe(
      Effect.catchAll((cause) =>
        isMissing(cause)
          ? Effect.succeed(undefined)
          : Effect.fail(new StateFileError({ path, message: `cannot read the emulator state file ${path}: ${errorMessage(cause)}`, cause }))
      )
    )
    if (text === undefined) return undefined
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (cause) {
      return yield* Effect.fail(
        new StateFileError({
          path,
          message: `the emulator state file ${path} is not valid JSON (${errorMessage(cause)}); fix or remove it`,
          cause
        })
      )
    }
    const decoded = decodeDocument(json)
    if (Either.isLeft(decoded)) {
      return yield* Effect.fail(
        new StateFileError({
          path,
          message: `the emulator state file ${path} is not an emulator state (expected format "${FORMAT}", version 1); fix or remove it`,
          cause: decoded.left
        })
      )
    }
    const document = decoded.right
    return "format" in document ? { model: document.model } : { model: document }
  })

/** Writes the whole state atomically: a reader sees the old file or the new one, never half of one. */
export const saveStateFile = (path: string, state: EmulatorState): Effect.Effect<void, StateFileError> =>
  Effect.gen(function*() {
    let text: string
    try {
      text = JSON.stringify(
        {
          format: FORMAT,
          version: 1,
          savedAt: new Date().toISOString(),
          model: state.model
        },
        null,
        1
      )
    } catch (cause) {
      return yield* Effect.fail(new StateFileError({ path, message: `the emulator state cannot be serialised: ${errorMessage(cause)}`, cause }))
    }
    const temporary = `${path}.tmp-${process.pid}`
    yield* Effect.tryPromise({
      try: async () => {
        await mkdir(dirname(path), { recursive: true })
        const handle = await open(temporary, "w", 0o600)
        try {
          await handle.writeFile(text, "utf8")
          await handle.sync()
        } finally {
          await handle.close()
        }
        await rename(temporary, path)
      },
      catch: (cause) => new StateFileError({ path, message: `cannot save the emulator state to ${path}: ${errorMessage(cause)}`, cause })
    }).pipe(
      Effect.tapError(() => Effect.promise(() => rm(temporary, { force: true }).catch(() => undefined)))
    )
  })

export interface StateSaver {
  /** Schedules a save `debounceMillis` after the last call. */
  readonly schedule: () => void
  /** Saves now (after any save in progress). */
  readonly flush: Effect.Effect<void, StateFileError>
  /** The failure of the last background save, if it failed. */
  readonly lastError: () => StateFileError | undefined
}

/**
 * A debounced saver, flushed when the scope closes. Background saves run on real timers,
 * not Effect's Clock: a test on TestClock must still get its file written.
 */
export const makeStateSaver = (
  path: string,
  current: () => EmulatorState,
  options: { readonly debounceMillis?: number | undefined } = {}
): Effect.Effect<StateSaver, never, Scope.Scope> =>
  Effect.gen(function*() {
    const debounceMillis = options.debounceMillis ?? 250
    let timer: ReturnType<typeof setTimeout> | undefined
    let dirty = false
    let lastError: StateFileError | undefined
    // Saves run one at a time, in order.
    let chain: Promise<void> = Promise.resolve()

    const saveOnce = (): Promise<void> => {
      const next = chain.then(async () => {
        if (!dirty) return
        dirty = false
        const result = await Effect.runPromise(Effect.either(Effect.suspend(() => saveStateFile(path, current()))))
        if (Either.isLeft(result)) {
          dirty = true
          lastError = result.left
        } else {
          lastError = undefined
        }
      })
      chain = next
      return next
    }

    const schedule = () => {
      dirty = true
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = undefined
        void saveOnce()
      }, debounceMillis)
    }

    const flush = Effect.gen(function*() {
      if (timer !== undefined) {
        clearTimeout(timer)
        timer = undefined
      }
      yield* Effect.promise(() => saveOnce())
      if (lastError !== undefined) return yield* Effect.fail(lastError)
    })

    yield* Effect.addFinalizer(() => Effect.ignore(Effect.suspend(() => {
      dirty = true
      return flush
    })))

    return { schedule, flush, lastError: () => lastError }
  })
