/**
 * The emulator's state on disk (`statePath` / `--state FILE`): a snapshot followed by an
 * append-only journal of changes (the line format is in `state/records.ts`).
 *
 * - **Bounded loss.** The model reports every entity it changes; the changes are appended, as
 *   one batch closed by a commit line, at most `flushMillis` (default 200 ms) after the first of
 *   them, and fdatasync'ed. The timer starts at the first change after a write, not the last,
 *   so steady traffic cannot postpone a save: `kill -9` loses at most the changes acknowledged
 *   during the last interval plus the one write in progress.
 * - **Cost follows the change.** A flush writes only the entities touched since the last one
 *   (a GetId appends ~80 bytes whatever the size of the model). Once the journal outgrows the
 *   snapshot (and at least `compactMinBytes`), a new snapshot is streamed to `FILE.tmp-<pid>`
 *   a few hundred kilobytes at a time between requests, the batches appended meanwhile are
 *   copied after it, and it replaces FILE by rename: compaction is O(model), amortised over at
 *   least as many bytes of changes, and never holds the server for more than one slice.
 * - **No single string holds the state.** Reading and writing go a line at a time; a line holds
 *   one pool or at most 1,000 identities. 4 pools × 1,000,000 identities save and load.
 * - **Failures are loud.** An unusable path (directory, permissions, disk) is refused at start
 *   by writing a probe file; a write that fails later makes the state `failed`: `failure`
 *   fails at once with the reason (the command prints it and exits non-zero) and the emulator
 *   refuses further changes rather than acknowledging what it cannot keep.
 * - **Crash leftovers.** `FILE.lock` (with the owner's pid) keeps two emulators off one file;
 *   a stale lock and `FILE.tmp-<pid>` files left by a crash are removed at the next start. A
 *   batch without its commit line (a crash mid-append) is discarded and cut off the file.
 * - The snapshot carries the JWT signing key, so tokens issued before a restart still verify.
 *   A version 1 file (one JSON document, written by earlier versions) is read and rewritten in
 *   this format at start.
 *
 * Why not an embedded database: the model must stay in memory anyway (pagination, login
 * indexes, a million identities per pool at O(page) per call), so the disk only has to keep a
 * log of changes. The databases that install from the npm registry without a compiler or a
 * binary either keep a second in-memory copy of every record and persist it as a whole
 * (sql.js, and SQLite's own WASM build, export the entire database image for each save; NeDB
 * keeps its documents in memory too), or bring a WASM database engine of tens of megabytes
 * (PGlite) into a test double whose other dependencies are a few hundred kilobytes, and would
 * still need a record format of their own. A journal of whole-entity upserts is a few hundred
 * lines, keeps the cost of a save proportional to the change, and measures at ≥ 80 % of the
 * in-memory throughput (`node bench/emulator.mjs`).
 */
import { mkdir, open, readdir, readFile, rename, rm, stat, truncate } from "node:fs/promises"
import type { FileHandle } from "node:fs/promises"
import { basename, dirname, join, resolve } from "node:path"
import type { Scope } from "effect"
import * as Data from "effect/Data"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { JwtSigner } from "./Jwt.js"
import { loadJwtSigner, makeJwtSigner } from "./Jwt.js"
import type { EmulatedServiceModel } from "./makeServiceModel.js"
import { newModelState, serviceModelOf } from "./makeServiceModel.js"
import { noChanges } from "./model/changes.js"
import { restoreState } from "./model/snapshot.js"
import type { ChangeSink, ModelState } from "./model/State.js"
import type { Touched } from "./state/records.js"
import {
  applyRecord,
  batchText,
  commitCount,
  headerLine,
  isSnapshotEnd,
  isStateHeader,
  SNAPSHOT_END,
  snapshotLines,
  STATE_FORMAT
} from "./state/records.js"

export class StateFileError extends Data.TaggedError("StateFileError")<{
  readonly path: string
  readonly message: string
  readonly cause?: unknown
}> {}

export const DEFAULT_FLUSH_MILLIS = 200
export const DEFAULT_COMPACT_MIN_BYTES = 32 * 1024 * 1024

export interface StateFileOptions {
  /** An explicit JWT key wins over the file's. */
  readonly jwt: JwtSigner | undefined
  readonly randomId: () => string
  readonly poolQuota: number
  /** Runs once on a state that did not exist yet (seeding), before its first snapshot. */
  readonly initialize?: ((model: EmulatedServiceModel) => void) | undefined
  /** Longest delay between a change and its write; default 200 ms. */
  readonly flushMillis?: number | undefined
  /** The journal is compacted once it is larger than the snapshot and than this; default 32 MiB. */
  readonly compactMinBytes?: number | undefined
}

export interface StateFileStats {
  /** Batches appended since start. */
  readonly flushes: number
  /** Records (lines other than commits) appended since start. */
  readonly records: number
  /** Bytes appended since start. */
  readonly bytes: number
  /** Snapshots written since start (the initial one included). */
  readonly snapshots: number
}

export interface StateFile {
  readonly model: EmulatedServiceModel
  /** True when the state came from the file, false when it started empty (and `initialize` ran). */
  readonly loaded: boolean
  /** Writes the changes not written yet, now; fails if the state can no longer be saved. */
  readonly flush: Effect.Effect<void, StateFileError>
  /** Writes a whole new snapshot now and waits for it. */
  readonly snapshot: Effect.Effect<void, StateFileError>
  /** Fails with the first failed save, as soon as it happens; never succeeds. */
  readonly failure: Effect.Effect<never, StateFileError>
  readonly failed: () => StateFileError | undefined
  readonly stats: () => StateFileStats
}

const errorMessage = (cause: unknown): string =>
  typeof cause === "object" && cause !== null && "message" in cause ? String(cause.message) : String(cause)

const errorCode = (cause: unknown): string | undefined =>
  typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : undefined

const io = <A>(path: string, what: string, run: () => Promise<A>): Effect.Effect<A, StateFileError> =>
  Effect.tryPromise({
    try: run,
    catch: (cause) => new StateFileError({ path, message: `${what}: ${errorMessage(cause)}`, cause })
  })

/** Writes every byte (a write may be short, e.g. at a file size limit). */
const writeAll = (path: string, handle: FileHandle, bytes: Uint8Array): Effect.Effect<void, StateFileError> =>
  Effect.gen(function*() {
    let offset = 0
    while (offset < bytes.byteLength) {
      const { bytesWritten } = yield* io(
        path,
        `cannot save the emulator state to ${path}`,
        () => handle.write(bytes, offset, bytes.byteLength - offset, null)
      )
      if (bytesWritten <= 0) {
        return yield* Effect.fail(new StateFileError({ path, message: `cannot save the emulator state to ${path}: nothing was written` }))
      }
      offset += bytesWritten
    }
  })

// ---------------------------------------------------------------------------------------------
// Start: lock, leftovers, probe
// ---------------------------------------------------------------------------------------------

/** Lock files this process holds: its own pid in a lock it does not hold is a previous life's (a container restarted). */
const heldLocks = new Set<string>()

const isAlive = (pid: number, lock: string): boolean => {
  if (pid === process.pid) return heldLocks.has(lock)
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (cause) {
    // EPERM: it exists, it is just not ours.
    return errorCode(cause) === "EPERM"
  }
}

/** `FILE.lock` holds the pid of the emulator using FILE; removed on close, or at the next start if its owner died. */
const acquireLock = (path: string): Effect.Effect<void, StateFileError, Scope.Scope> => {
  const lock = resolve(`${path}.lock`)
  const take = io(path, `cannot lock the emulator state file ${path}`, async () => {
    const handle = await open(lock, "wx", 0o600)
    let written = false
    try {
      await handle.writeFile(`${process.pid}\n`)
      written = true
    } finally {
      await handle.close()
      // A lock that could not say whose it is would only confuse the next start.
      if (!written) await rm(lock, { force: true })
    }
    heldLocks.add(lock)
  })
  const release = Effect.promise(async () => {
    heldLocks.delete(lock)
    const owner = await readFile(lock, "utf8").catch(() => "")
    if (owner.trim() === String(process.pid)) await rm(lock, { force: true }).catch(() => undefined)
  })
  const attempt = take.pipe(
    Effect.map(() => true),
    Effect.catchAll((error) => {
      if (errorCode(error.cause) !== "EEXIST") return Effect.fail(error)
      return Effect.flatMap(
        Effect.promise(() => readFile(lock, "utf8").catch(() => "")),
        (owner) => {
          const pid = Number(owner.trim())
          return isAlive(pid, lock)
            ? Effect.fail(
              new StateFileError({
                path,
                message: `the emulator state file ${path} is in use by process ${pid} (delete ${path}.lock if no emulator is running)`
              })
            )
            : Effect.as(io(path, `cannot remove the stale lock ${lock}`, () => rm(lock, { force: true })), false)
        }
      )
    })
  )
  return Effect.acquireRelease(
    Effect.flatMap(attempt, (taken) => (taken ? Effect.void : Effect.asVoid(take))),
    () => release
  )
}

/** `FILE.tmp-<pid>` files are snapshots a crash left half-written: never the state, always safe to remove. */
const removeLeftovers = (path: string): Effect.Effect<void, StateFileError> =>
  Effect.gen(function*() {
    const directory = dirname(path)
    const prefix = `${basename(path)}.tmp-`
    const names = yield* io(path, `cannot list ${directory}`, () => readdir(directory))
    for (const name of names) {
      if (!name.startsWith(prefix) || !/^\d+$/.test(name.slice(prefix.length))) continue
      yield* io(path, `cannot remove the leftover ${join(directory, name)}`, () => rm(join(directory, name), { force: true }))
    }
  })

/** Creates, writes and removes `FILE.tmp-<pid>`: what every save needs, checked before the first request. */
const probe = (path: string): Effect.Effect<void, StateFileError> =>
  io(path, `cannot write the emulator state file ${path}`, async () => {
    const temporary = `${path}.tmp-${process.pid}`
    const handle = await open(temporary, "wx", 0o600)
    try {
      await handle.writeFile("probe\n")
      await handle.sync()
    } finally {
      await handle.close()
      await rm(temporary, { force: true })
    }
  })

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

interface Loaded {
  readonly state: ModelState
  /** Bytes up to the end of the last complete batch: anything after is a torn append. */
  readonly committedBytes: number
  readonly fileBytes: number
  readonly snapshotBytes: number
  /** Rewrite the file at once (it was a version 1 document). */
  readonly rewrite: boolean
}

const READ_CHUNK = 1024 * 1024
/** A line this long is not one the emulator wrote (its longest are ~100 KB). */
const MAX_LINE = 64 * 1024 * 1024

const signerFor = (path: string, options: StateFileOptions, pem: string): Either.Either<JwtSigner, StateFileError> => {
  if (options.jwt !== undefined) return Either.right(options.jwt)
  const loaded = loadJwtSigner({ privateKeyPem: pem })
  return loaded._tag === "Loaded"
    ? Either.right(loaded.signer)
    : Either.left(new StateFileError({ path, message: `the JWT key in the emulator state file ${path} is unusable: ${loaded.reason}` }))
}

/** Reads a version 2 file line by line; `undefined` when its first line is not a version 2 header. */
const loadJournal = (
  path: string,
  options: StateFileOptions
): Effect.Effect<Loaded | undefined, StateFileError> =>
  Effect.acquireUseRelease(
    io(path, `cannot read the emulator state file ${path}`, () => open(path, "r")),
    (handle) =>
      Effect.gen(function*() {
        const damaged = (line: number, problem: string) =>
          new StateFileError({ path, message: `the emulator state file ${path} is damaged at line ${line} (${problem}); fix or remove it` })
        let state: ModelState | undefined
        let phase: "header" | "snapshot" | "journal" = "header"
        let batch: Array<unknown> = []
        let lineNumber = 0
        let committedBytes = 0
        let snapshotBytes = 0
        let position = 0
        let pieces: Array<Buffer> = []
        let pieceBytes = 0

        /** One complete line, ending at file offset `end`; "legacy" when the file is not version 2. */
        const handleLine = (bytes: Buffer, end: number): Either.Either<"ok" | "legacy", StateFileError> => {
          lineNumber += 1
          let record: unknown
          try {
            record = JSON.parse(bytes.toString("utf8"))
          } catch (cause) {
            return phase === "header" ? Either.right("legacy") : Either.left(damaged(lineNumber, errorMessage(cause)))
          }
          switch (phase) {
            case "header": {
              if (!isStateHeader(record)) return Either.right("legacy")
              const jwt = signerFor(path, options, record.jwtPrivateKeyPem)
              if (Either.isLeft(jwt)) return Either.left(jwt.left)
              state = newModelState({ jwt: jwt.right, randomId: options.randomId, poolQuota: options.poolQuota })
              phase = "snapshot"
              return Either.right("ok")
            }
            case "snapshot": {
              if (state === undefined) return Either.left(damaged(lineNumber, "no header"))
              if (isSnapshotEnd(record)) {
                phase = "journal"
                committedBytes = end
                snapshotBytes = end
                return Either.right("ok")
              }
              const problem = applyRecord(state, record)
              return problem === undefined ? Either.right("ok") : Either.left(damaged(lineNumber, problem))
            }
            case "journal": {
              if (state === undefined) return Either.left(damaged(lineNumber, "no header"))
              const count = commitCount(record)
              if (count === undefined) {
                batch.push(record)
                return Either.right("ok")
              }
              if (count !== batch.length) {
                return Either.left(damaged(lineNumber, `a batch of ${batch.length} records says it has ${count}`))
              }
              for (const entry of batch) {
                const problem = applyRecord(state, entry)
                if (problem !== undefined) return Either.left(damaged(lineNumber, problem))
              }
              batch = []
              committedBytes = end
              return Either.right("ok")
            }
          }
        }

        for (;;) {
          const chunk = Buffer.allocUnsafe(READ_CHUNK)
          const { bytesRead } = yield* io(
            path,
            `cannot read the emulator state file ${path}`,
            () => handle.read(chunk, 0, READ_CHUNK, position)
          )
          if (bytesRead === 0) break
          const data = chunk.subarray(0, bytesRead)
          let from = 0
          for (let newline = data.indexOf(10, from); newline >= 0; newline = data.indexOf(10, from)) {
            const tail = data.subarray(from, newline)
            const bytes = pieces.length === 0 ? tail : Buffer.concat([...pieces, tail])
            pieces = []
            pieceBytes = 0
            const handled = handleLine(bytes, position + newline + 1)
            if (Either.isLeft(handled)) return yield* Effect.fail(handled.left)
            if (handled.right === "legacy") return undefined
            from = newline + 1
          }
          if (from < data.byteLength) {
            pieces.push(data.subarray(from))
            pieceBytes += data.byteLength - from
            if (pieceBytes > MAX_LINE) return yield* Effect.fail(damaged(lineNumber + 1, "a line is longer than 64 MiB"))
          }
          position += bytesRead
          // Let the rest of the process breathe while a large state loads.
          yield* Effect.yieldNow()
        }
        if (phase === "header") return undefined
        if (phase === "snapshot" || state === undefined) {
          return yield* Effect.fail(
            new StateFileError({ path, message: `the emulator state file ${path} ends before its snapshot does; fix or remove it` })
          )
        }
        return { state, committedBytes, fileBytes: position, snapshotBytes, rewrite: false }
      }),
    (handle) => Effect.promise(() => handle.close().catch(() => undefined))
  )

// Version 1: one JSON document, `{format, version: 1, savedAt, model: {version: 1, data}}`.
const LEGACY_FORMAT = "effect-cognito-identity/emulator-state"
const LegacySnapshot = Schema.Struct({ version: Schema.Literal(1), data: Schema.Unknown })
const LegacyDocument = Schema.Union(
  Schema.Struct({
    format: Schema.Literal(LEGACY_FORMAT),
    version: Schema.Literal(1),
    savedAt: Schema.optional(Schema.String),
    model: LegacySnapshot
  }),
  LegacySnapshot
)
const decodeLegacy = ParseResult.decodeUnknownEither(LegacyDocument)

const loadLegacy = (path: string, options: StateFileOptions): Effect.Effect<Loaded, StateFileError> =>
  Effect.gen(function*() {
    const text = yield* io(path, `cannot read the emulator state file ${path}`, () => readFile(path, "utf8"))
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (cause) {
      return yield* Effect.fail(
        new StateFileError({ path, message: `the emulator state file ${path} is not valid JSON (${errorMessage(cause)}); fix or remove it`, cause })
      )
    }
    const decoded = decodeLegacy(json)
    if (Either.isLeft(decoded)) {
      return yield* Effect.fail(
        new StateFileError({
          path,
          message: `the emulator state file ${path} is not an emulator state (expected format "${STATE_FORMAT}", version 2 or 1); fix or remove it`,
          cause: decoded.left
        })
      )
    }
    const document = decoded.right
    const snapshot = "format" in document ? document.model : document
    const restored = restoreState(snapshot, { jwt: options.jwt, randomId: options.randomId, poolQuota: options.poolQuota })
    if (Either.isLeft(restored)) {
      return yield* Effect.fail(
        new StateFileError({
          path,
          message: `the emulator state in ${path} cannot be restored (${restored.left.reason}); fix or remove the file`,
          cause: restored.left
        })
      )
    }
    const bytes = Buffer.byteLength(text)
    return { state: restored.right, committedBytes: bytes, fileBytes: bytes, snapshotBytes: bytes, rewrite: true }
  })

/** The state in the file; undefined when there is no file (or an empty one). */
const load = (path: string, options: StateFileOptions): Effect.Effect<Loaded | undefined, StateFileError> =>
  Effect.gen(function*() {
    const info = yield* io(path, `cannot read the emulator state file ${path}`, () => stat(path)).pipe(
      Effect.catchIf((error) => errorCode(error.cause) === "ENOENT", () => Effect.succeed(undefined))
    )
    if (info === undefined || info.size === 0) return undefined
    if (!info.isFile()) {
      return yield* Effect.fail(new StateFileError({ path, message: `the emulator state file ${path} is not a regular file` }))
    }
    return (yield* loadJournal(path, options)) ?? (yield* loadLegacy(path, options))
  })

// ---------------------------------------------------------------------------------------------
// The running journal
// ---------------------------------------------------------------------------------------------

/**
 * Opens (or creates) the state file and keeps it up to date until the scope closes; closing
 * writes what is pending, waits for a snapshot in progress and releases the lock.
 */
export const openStateFile = (
  path: string,
  options: StateFileOptions
): Effect.Effect<StateFile, StateFileError, Scope.Scope> =>
  Effect.gen(function*() {
    const flushMillis = Math.max(1, options.flushMillis ?? DEFAULT_FLUSH_MILLIS)
    const compactMinBytes = Math.max(0, options.compactMinBytes ?? DEFAULT_COMPACT_MIN_BYTES)
    yield* io(path, `cannot create the directory of the emulator state file ${path}`, () => mkdir(dirname(path), { recursive: true }))
    yield* acquireLock(path)
    yield* removeLeftovers(path)
    yield* probe(path)
    const loaded = yield* load(path, options)
    const state = loaded?.state ??
      newModelState({ jwt: options.jwt ?? makeJwtSigner(), randomId: options.randomId, poolQuota: options.poolQuota })
    const model = serviceModelOf(state)
    if (loaded === undefined) options.initialize?.(model)
    if (loaded !== undefined && loaded.committedBytes < loaded.fileBytes) {
      // A batch torn by a crash: cut it off so that new batches follow a complete one.
      yield* io(path, `cannot repair the emulator state file ${path}`, () => truncate(path, loaded.committedBytes))
    }

    const failure = yield* Deferred.make<never, StateFileError>()
    const semaphore = yield* Effect.makeSemaphore(1)
    const exclusive = semaphore.withPermits(1)
    const temporary = `${path}.tmp-${process.pid}`

    let append: FileHandle | undefined
    let pending = new Map<object, Touched>()
    let timer: ReturnType<typeof setTimeout> | undefined
    let failed: StateFileError | undefined
    let closing = false
    let unsaved = 0
    let snapshotBytes = loaded?.snapshotBytes ?? 0
    let journalBytes = loaded === undefined ? 0 : loaded.committedBytes - loaded.snapshotBytes
    /** Batches appended while a snapshot is being written: they go after it too. */
    let carry: Array<Uint8Array> | undefined
    let compaction: Fiber.RuntimeFiber<void, StateFileError> | undefined
    let compactAgain = false
    const stats = { flushes: 0, records: 0, bytes: 0, snapshots: 0 }

    const fail = (error: StateFileError): Effect.Effect<void> =>
      Effect.suspend(() => {
        if (failed !== undefined) return Effect.void
        unsaved += pending.size
        pending = new Map()
        failed = new StateFileError({
          path,
          message: `${error.message} (${unsaved} change${unsaved === 1 ? "" : "s"} not saved)`,
          cause: error.cause
        })
        if (timer !== undefined) clearTimeout(timer)
        return Deferred.fail(failure, failed)
      })

    const flushOnce: Effect.Effect<void, StateFileError> = Effect.suspend(() => {
      if (failed !== undefined) return Effect.fail(failed)
      const handle = append
      if (pending.size === 0 || handle === undefined) return Effect.void
      const batch = pending
      pending = new Map()
      const { records, text } = batchText(batch.values())
      if (records === 0) return Effect.void
      const bytes = Buffer.from(text, "utf8")
      return writeAll(path, handle, bytes).pipe(
        Effect.zipRight(io(path, `cannot save the emulator state to ${path}`, () => handle.datasync())),
        Effect.tap(() => {
          stats.flushes += 1
          stats.records += records
          stats.bytes += bytes.byteLength
          journalBytes += bytes.byteLength
          carry?.push(bytes)
        }),
        Effect.tapError(() =>
          Effect.sync(() => {
            unsaved += batch.size
          })
        )
      )
    })

    /** Streams a snapshot to FILE.tmp-<pid>, copies the batches appended meanwhile, renames it over FILE. */
    const snapshotOnce: Effect.Effect<void, StateFileError> = Effect.acquireUseRelease(
      Effect.tap(
        io(path, `cannot write the emulator state file ${temporary}`, () => open(temporary, "w", 0o600)),
        () =>
          Effect.sync(() => {
            carry = []
          })
      ),
      (handle) =>
        Effect.gen(function*() {
          let written = 0
          let group: Array<string> = [headerLine(state, new Date())]
          let groupLength = 0
          const writeGroup = Effect.suspend(() => {
            const bytes = Buffer.from(group.join(""), "utf8")
            group = []
            groupLength = 0
            written += bytes.byteLength
            return writeAll(path, handle, bytes)
          })
          for (const line of snapshotLines(state)) {
            group.push(line)
            groupLength += line.length
            // ~256 KB per slice: a few milliseconds of serialisation between two requests.
            if (groupLength >= 256 * 1024) yield* writeGroup
          }
          group.push(SNAPSHOT_END)
          yield* writeGroup
          const snapshotEnd = written
          yield* exclusive(Effect.gen(function*() {
            for (const bytes of carry ?? []) {
              yield* writeAll(path, handle, bytes)
              written += bytes.byteLength
            }
            yield* io(path, `cannot save the emulator state to ${temporary}`, () => handle.sync())
            yield* io(path, `cannot replace the emulator state file ${path}`, () => rename(temporary, path))
            // The rename itself must survive a power loss; not every file system can sync a directory.
            yield* Effect.promise(async () => {
              const directory = await open(dirname(path), "r").catch(() => undefined)
              await directory?.sync().catch(() => undefined)
              await directory?.close().catch(() => undefined)
            })
            const next = yield* io(path, `cannot open the emulator state file ${path}`, () => open(path, "a"))
            const previous = append
            append = next
            if (previous !== undefined) yield* Effect.promise(() => previous.close().catch(() => undefined))
            snapshotBytes = snapshotEnd
            journalBytes = written - snapshotEnd
            stats.snapshots += 1
          }))
        }),
      (handle) =>
        Effect.promise(async () => {
          carry = undefined
          await handle.close().catch(() => undefined)
          // Gone after a successful rename; a failed snapshot leaves nothing behind.
          await rm(temporary, { force: true }).catch(() => undefined)
        })
    )

    /** Snapshots until none was asked for meanwhile; at most one runs at a time. */
    const compact = (): Fiber.RuntimeFiber<void, StateFileError> => {
      if (compaction !== undefined) {
        compactAgain = true
        return compaction
      }
      const loop: Effect.Effect<void, StateFileError> = Effect.suspend(() => {
        compactAgain = false
        return Effect.zipRight(snapshotOnce, Effect.suspend(() => (compactAgain && failed === undefined ? loop : Effect.void)))
      })
      const fiber = Effect.runFork(
        loop.pipe(
          Effect.tapError(fail),
          Effect.ensuring(Effect.sync(() => {
            compaction = undefined
          }))
        )
      )
      compaction = fiber
      return fiber
    }

    const runFlush = (): void => {
      timer = undefined
      Effect.runFork(
        exclusive(flushOnce).pipe(
          Effect.tap(() =>
            Effect.sync(() => {
              if (compaction === undefined && journalBytes > Math.max(compactMinBytes, snapshotBytes)) compact()
            })
          ),
          Effect.catchAll(fail)
        )
      )
    }

    const schedule = (): void => {
      if (timer !== undefined || failed !== undefined || closing) return
      timer = setTimeout(runFlush, flushMillis)
      timer.unref()
    }

    const touch = (key: object, entry: () => Touched): void => {
      if (failed !== undefined) {
        unsaved += 1
        return
      }
      if (!pending.has(key)) pending.set(key, entry())
      schedule()
    }

    const sink: ChangeSink = {
      identity: (identity) => touch(identity, () => ({ _tag: "Identity", identity })),
      pool: (pool) => touch(pool, () => ({ _tag: "Pool", pool })),
      credentials: (credentials) => touch(credentials, () => ({ _tag: "Credentials", credentials })),
      everything: () => {
        if (failed === undefined && !closing) compact()
      }
    }

    const snapshotNow: Effect.Effect<void, StateFileError> = Effect.suspend(() =>
      failed !== undefined ? Effect.fail(failed) : Fiber.join(compact())
    )

    if (loaded === undefined || loaded.rewrite) {
      // A new (or version 1) file: the first snapshot is written before the first request.
      yield* snapshotNow
    } else {
      append = yield* io(path, `cannot write the emulator state file ${path}`, () => open(path, "a"))
      if (journalBytes > Math.max(compactMinBytes, snapshotBytes)) compact()
    }
    state.changes = sink

    yield* Effect.addFinalizer(() =>
      Effect.gen(function*() {
        closing = true
        if (timer !== undefined) clearTimeout(timer)
        timer = undefined
        const running = compaction
        if (running !== undefined) yield* Fiber.await(running)
        yield* exclusive(flushOnce).pipe(Effect.catchAll(fail))
        state.changes = noChanges
        const handle = append
        append = undefined
        if (handle !== undefined) yield* Effect.promise(() => handle.close().catch(() => undefined))
      })
    )

    return {
      model,
      loaded: loaded !== undefined,
      flush: Effect.suspend(() => exclusive(flushOnce)).pipe(Effect.tapError(fail)),
      snapshot: snapshotNow,
      failure: Deferred.await(failure),
      failed: () => failed,
      stats: () => ({ ...stats })
    }
  })
