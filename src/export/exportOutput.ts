/**
 * Where an export's bytes go, and how a file output avoids ever looking finished when it is not:
 *
 * - a regular file `F` is written as `F.partial` and renamed to `F` (then the directory is
 *   fsync'ed) only once the export is complete. A failed or stopped export leaves no `F`; its
 *   `F.partial` is removed, or kept when a checkpoint can resume it. An `F` from an earlier run
 *   stays untouched until the rename replaces it.
 * - anything else that already exists and is not a regular file (`/dev/null`, a FIFO, a
 *   terminal) is written in place: there is nothing to rename, and no checkpoint.
 * - `-` is stdout. Its write errors come back as values: `EPIPE` when the reader went away
 *   (`| head`), `ENOSPC` on a full disk.
 *
 * With a checkpoint, the bytes written are hashed as they go (SHA-256), so that a resume can
 * check that the partial file still holds exactly what the checkpoint acknowledged.
 */
import * as Effect from "effect/Effect"
import { createHash, type Hash } from "node:crypto"
import { createReadStream } from "node:fs"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { ExportFileError, fileError } from "./ExportFileError.js"

export interface ExportOutput {
  /** Appends `text`; the number of bytes written. */
  readonly write: (text: string) => Effect.Effect<number, ExportFileError>
  /** Flushes to disk; the hex SHA-256 of everything the file holds (empty without hashing). */
  readonly sync: Effect.Effect<string, ExportFileError>
  /** The export is complete: flush, close, and put the file in its place. */
  readonly complete: Effect.Effect<void, ExportFileError>
  /** The export stopped: close, and remove the partial file unless it is kept for a resume. */
  readonly abandon: (keepPartial: boolean) => Effect.Effect<void>
}

const encoder = new TextEncoder()

export const partialPath = (output: string): string => `${output}.partial`

/** True when `a` and `b` name the same file: the same absolute path, or the same inode. */
export const sameFile = (a: string, b: string): Effect.Effect<boolean> =>
  path.resolve(a) === path.resolve(b)
    ? Effect.succeed(true)
    : Effect.promise(async () => {
      const [sa, sb] = await Promise.all([fs.stat(a).catch(() => undefined), fs.stat(b).catch(() => undefined)])
      return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino
    })

/** True when `file` exists and is not a regular file (a device, a FIFO): written in place. */
export const isSpecialFile = (file: string): Effect.Effect<boolean> =>
  Effect.promise(() => fs.stat(file).then((stat) => !stat.isFile(), () => false))

/** Stdout, with write errors as values (a listener keeps Node from throwing them as well). */
export const stdoutOutput: ExportOutput = (() => {
  const ignore = () => {}
  const write = (text: string) =>
    Effect.async<number, ExportFileError>((resume) => {
      const bytes = encoder.encode(text)
      // The stream also emits 'error' after the callback; without a listener Node would crash.
      process.stdout.on("error", ignore)
      process.stdout.write(bytes, (error) => {
        setImmediate(() => process.stdout.removeListener("error", ignore))
        resume(error ? Effect.fail(fileError("stdout", "cannot write to")(error)) : Effect.succeed(bytes.length))
      })
    })
  return { write, sync: Effect.succeed(""), complete: Effect.void, abandon: () => Effect.void }
})()

interface FileHandleOutputOptions {
  /** The file written. */
  readonly file: string
  /** Renamed to this when complete; undefined for a file written in place. */
  readonly finalPath: string | undefined
  readonly handle: fs.FileHandle
  readonly hash: Hash | undefined
}

const handleOutput = ({ file, finalPath, handle, hash }: FileHandleOutputOptions): ExportOutput => {
  let closed = false
  const close = Effect.promise(async () => {
    if (closed) return
    closed = true
    await handle.close().catch(() => undefined)
  })
  return {
    write: (text) => {
      const bytes = encoder.encode(text)
      return Effect.tryPromise({ try: () => handle.write(bytes), catch: fileError(file, "cannot write") }).pipe(
        Effect.tap(() => hash?.update(bytes)),
        Effect.as(bytes.length)
      )
    },
    sync: Effect.tryPromise({ try: () => handle.sync(), catch: fileError(file, "cannot sync") }).pipe(
      Effect.map(() => (hash === undefined ? "" : hash.copy().digest("hex")))
    ),
    complete: Effect.gen(function*() {
      yield* Effect.tryPromise({ try: () => handle.sync(), catch: fileError(file, "cannot sync") })
      yield* close
      if (finalPath !== undefined) yield* renameDurably(file, finalPath)
    }),
    abandon: (keepPartial) =>
      Effect.zipRight(
        close,
        finalPath === undefined || keepPartial ? Effect.void : Effect.promise(() => fs.rm(file, { force: true }))
      )
  }
}

/** Renames `from` to `to` and fsyncs the directory, so that the rename survives a crash. */
export const renameDurably = (from: string, to: string): Effect.Effect<void, ExportFileError> =>
  Effect.tryPromise({
    try: async () => {
      await fs.rename(from, to)
      // Not every platform can open a directory for fsync; the rename itself has happened.
      const directory = await fs.open(path.dirname(to), "r").catch(() => undefined)
      if (directory !== undefined) await directory.sync().catch(() => undefined).finally(() => directory.close())
    },
    catch: fileError(to, "cannot rename the finished export to")
  })

/** A fresh output: `F.partial` (renamed when complete), or `F` itself when it is a device or FIFO. */
export const openFresh = (output: string, hashing: boolean): Effect.Effect<ExportOutput, ExportFileError> =>
  Effect.flatMap(isSpecialFile(output), (special) => {
    const file = special ? output : partialPath(output)
    return Effect.tryPromise({ try: () => fs.open(file, "w"), catch: fileError(file, "cannot open output") }).pipe(
      Effect.map((handle) =>
        handleOutput({ file, finalPath: special ? undefined : output, handle, hash: hashing ? createHash("sha256") : undefined })
      )
    )
  })

/** SHA-256 of the first `bytes` bytes of `file`, or undefined when the file holds fewer (or none). */
export const hashPrefix = (file: string, bytes: number): Effect.Effect<Hash | undefined, ExportFileError> =>
  Effect.tryPromise({
    try: async () => {
      const size = await fs.stat(file).then((stat) => stat.size, (error: NodeJS.ErrnoException) =>
        error.code === "ENOENT" ? -1 : Promise.reject(error))
      if (size < bytes) return undefined
      const hash = createHash("sha256")
      if (bytes === 0) return hash
      await new Promise<void>((resolve, reject) => {
        createReadStream(file, { start: 0, end: bytes - 1 })
          .on("data", (chunk) => hash.update(chunk))
          .on("end", resolve)
          .on("error", reject)
      })
      return hash
    },
    catch: fileError(file, "cannot read")
  })

/**
 * Reopens `file` to continue after its first `bytes` bytes, provided they are still the ones
 * whose SHA-256 is `sha256`; whatever follows them (written after the last checkpoint) is cut.
 */
export const openResumed = (
  file: string,
  finalPath: string,
  bytes: number,
  sha256: string
): Effect.Effect<ExportOutput, ExportFileError> =>
  Effect.gen(function*() {
    const hash = yield* hashPrefix(file, bytes)
    const refuse = (what: string) =>
      Effect.fail(
        new ExportFileError({
          path: file,
          message: `${file} ${what} since the checkpoint was written, so the export cannot resume; delete the checkpoint to start over`
        })
      )
    if (hash === undefined) return yield* refuse(`is missing or shorter than the ${bytes} bytes the checkpoint acknowledged: it was truncated or replaced`)
    if (hash.copy().digest("hex") !== sha256) return yield* refuse(`no longer holds the bytes the checkpoint acknowledged: it was changed`)
    const handle = yield* Effect.tryPromise({
      try: async () => {
        await fs.truncate(file, bytes)
        return fs.open(file, "a")
      },
      catch: fileError(file, "cannot open output")
    })
    return handleOutput({ file, finalPath, handle, hash })
  })
