/**
 * Checkpoints that cannot lie, through `writeExport` over the in-process emulator: every
 * combination that used to end with a wrong file is refused before anything is sent or
 * written, a failed export leaves no file that looks finished, and a crash at the very end
 * (after the last page, before the rename or before the checkpoint is removed) still finishes
 * exactly.
 */
import { describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Layer } from "effect"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Emulator } from "../../src/emulator/index.js"
import type { EmulatorService } from "../../src/emulator/index.js"
import { writeExport } from "../../src/export/writeExport.js"
import type { WriteExportOptions } from "../../src/export/writeExport.js"
import { CognitoIdentityClient } from "../../src/index.js"
import { ndjsonKeys } from "../cli/runCli.js"
import { identityKeys } from "../support/emulatorContents.js"
import { testCredentials } from "../support/layers.js"

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "checkpoint-test-"))
const MISSING = "us-east-1:00000000-0000-4000-8000-00000000dead"

const inProcess = () => {
  const emulator = Emulator.layer()
  return Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(emulator)),
    testCredentials,
    emulator
  )
}

/** Seeds 3 pools of 300 and returns them with the emulator. */
const seeded = Effect.gen(function*() {
  const emulator = yield* Emulator
  const pools = yield* emulator.seed({ pools: 3, identitiesPerPool: 300 })
  emulator.resetStats()
  return { emulator, pools }
})

/** Starts `options`' export and interrupts it once `records` are acknowledged by the checkpoint. */
const interruptAfter = (options: WriteExportOptions, records: number) =>
  Effect.gen(function*() {
    const reached = yield* Deferred.make<void>()
    const fiber = yield* Effect.fork(writeExport({
      ...options,
      onProgress: (p) => (p.records >= records ? Deferred.succeed(reached, undefined) : Effect.void)
    }))
    yield* Deferred.await(reached)
    yield* Fiber.interrupt(fiber)
  })

const keysOf = (emulator: EmulatorService, pools: ReadonlyArray<string>) =>
  identityKeys(emulator).filter((key) => pools.some((pool) => key.startsWith(`${pool} `))).sort()

describe("checkpoints that cannot lie", () => {
  it.live("--output F --checkpoint F (or F.partial, or a link to F) is refused before anything is sent", () =>
    Effect.gen(function*() {
      const { emulator, pools } = yield* seeded
      const dir = tmp()
      const output = path.join(dir, "out.ndjson")
      fs.writeFileSync(output, "keep me\n")
      fs.linkSync(output, path.join(dir, "link"))
      for (const checkpoint of [output, path.join(dir, ".", "out.ndjson"), `${output}.partial`, path.join(dir, "link")]) {
        const error = yield* writeExport({ pools, format: "ndjson", output, checkpoint }).pipe(Effect.flip)
        expect(error).toMatchObject({ _tag: "ExportFileError", message: expect.stringContaining("must be different files") })
      }
      expect(emulator.stats().requests).toBe(0)
      expect(fs.readFileSync(output, "utf8")).toBe("keep me\n")
    }).pipe(Effect.provide(inProcess())))

  it.live("resuming with another pool list is refused, naming what differs; the same pools in another order resume", () =>
    Effect.gen(function*() {
      const { emulator, pools } = yield* seeded
      const [a, b, c] = pools as [string, string, string]
      const dir = tmp()
      const output = path.join(dir, "out.ndjson")
      const checkpoint = path.join(dir, "out.checkpoint")
      yield* interruptAfter({ pools: [a, b], format: "ndjson", output, checkpoint, pageSize: 20 }, 100)
      expect(fs.existsSync(checkpoint)).toBe(true)
      const sent = emulator.stats().requests

      const other = yield* writeExport({ pools: [c], format: "ndjson", output, checkpoint }).pipe(Effect.flip)
      expect(other._tag).toBe("ExportFileError")
      expect(other.message).toContain(`pools ${a}, ${b} in the checkpoint, ${c} now`)
      expect(other.message).toContain(`only in the checkpoint: ${a}, ${b}; only asked now: ${c}`)
      const all = yield* writeExport({ pools: "all", format: "ndjson", output, checkpoint }).pipe(Effect.flip)
      expect(all.message).toContain("--all now")
      const csv = yield* writeExport({ pools: [a, b], format: "csv", output, checkpoint, hideDisabled: true }).pipe(Effect.flip)
      expect(csv.message).toContain("format ndjson in the checkpoint, csv now")
      expect(csv.message).toContain("hide-disabled off in the checkpoint, on now")
      expect(emulator.stats().requests).toBe(sent)

      const resumed = yield* writeExport({ pools: [b, a, a], format: "ndjson", output, checkpoint, pageSize: 20 })
      expect(resumed.resumed).toBe(true)
      const keys = ndjsonKeys(output)
      expect(new Set(keys).size).toBe(keys.length)
      expect([...keys].sort()).toEqual(keysOf(emulator, [a, b]))
    }).pipe(Effect.provide(inProcess())))

  it.live("an output that shrank or changed since the checkpoint is refused, never padded or appended to", () =>
    Effect.gen(function*() {
      const { pools } = yield* seeded
      const dir = tmp()
      const output = path.join(dir, "out.ndjson")
      const partial = `${output}.partial`
      const checkpoint = path.join(dir, "out.checkpoint")
      const options: WriteExportOptions = { pools, format: "ndjson", output, checkpoint, pageSize: 30 }
      yield* interruptAfter(options, 400)
      const saved = JSON.parse(fs.readFileSync(checkpoint, "utf8")) as { outputBytes: number }
      const original = fs.readFileSync(partial)

      fs.truncateSync(partial, saved.outputBytes - 10)
      const shrunk = yield* writeExport(options).pipe(Effect.flip)
      expect(shrunk.message).toMatch(/is missing or shorter than the \d+ bytes the checkpoint acknowledged/)
      expect(fs.statSync(partial).size).toBe(saved.outputBytes - 10)

      // Same size, other bytes (a record edited in place).
      const edited = Buffer.from(original)
      edited.write("X", 20)
      fs.writeFileSync(partial, edited)
      const changed = yield* writeExport(options).pipe(Effect.flip)
      expect(changed.message).toContain("no longer holds the bytes the checkpoint acknowledged")

      fs.rmSync(partial)
      const missing = yield* writeExport(options).pipe(Effect.flip)
      expect(missing.message).toContain("is missing or shorter")
      expect(fs.existsSync(output)).toBe(false)
    }).pipe(Effect.provide(inProcess())))

  it.live("without a checkpoint, a failed export leaves no file that looks finished (nor its partial file)", () =>
    Effect.gen(function*() {
      const { pools } = yield* seeded
      const dir = tmp()
      const output = path.join(dir, "out.ndjson")
      const error = yield* writeExport({ pools: [pools[0] ?? "", MISSING], format: "ndjson", output }).pipe(Effect.flip)
      expect(error._tag).toBe("ResourceNotFoundException")
      expect(fs.readdirSync(dir)).toEqual([])
      // An earlier complete export is left as it was, not replaced by a partial one.
      fs.writeFileSync(output, "earlier\n")
      yield* writeExport({ pools: [MISSING], format: "ndjson", output }).pipe(Effect.flip)
      expect(fs.readFileSync(output, "utf8")).toBe("earlier\n")
      expect(fs.readdirSync(dir)).toEqual(["out.ndjson"])
    }).pipe(Effect.provide(inProcess())))

  it.live("with a checkpoint, a failed export keeps its partial file and checkpoint, and the rerun finishes it", () =>
    Effect.gen(function*() {
      const { emulator, pools } = yield* seeded
      const dir = tmp()
      const output = path.join(dir, "out.csv")
      const checkpoint = path.join(dir, "out.checkpoint")
      // Standard mode, 2 attempts: once every request fails, the export ends quickly.
      const options: WriteExportOptions = { pools, format: "csv", output, checkpoint, retry: { mode: "standard", maxAttempts: 2 } }
      const error = yield* writeExport({
        ...options,
        onProgress: (p) =>
          Effect.sync(() => {
            if (p.records >= 300) emulator.setFaults({ internalErrorRate: 1, operations: ["ListIdentities"] })
          })
      }).pipe(Effect.flip)
      expect(error).toMatchObject({ _tag: "InternalErrorException", attempts: 2 })
      expect(fs.existsSync(output)).toBe(false)
      expect(fs.existsSync(`${output}.partial`)).toBe(true)
      const saved = JSON.parse(fs.readFileSync(checkpoint, "utf8")) as { recordsWritten: number }
      expect(saved.recordsWritten).toBeGreaterThanOrEqual(300)
      emulator.setFaults(undefined)
      const done = yield* writeExport(options)
      expect(done).toMatchObject({ resumed: true, totalRecords: 900, records: 900 - saved.recordsWritten })
      expect(fs.readdirSync(dir)).toEqual(["out.csv"])
      expect(fs.readFileSync(output, "utf8").trimEnd().split("\r\n")).toHaveLength(901)
    }).pipe(Effect.provide(inProcess())))

  it.live("a crash after the last page, before the rename or before the checkpoint was removed, still ends exact", () =>
    Effect.gen(function*() {
      const { emulator, pools } = yield* seeded
      const dir = tmp()
      const output = path.join(dir, "out.ndjson")
      const checkpoint = path.join(dir, "out.checkpoint")
      yield* writeExport({ pools, format: "ndjson", output })
      const bytes = fs.readFileSync(output)
      const complete = {
        version: 2,
        export: { format: "ndjson", output, pools, hideDisabled: false, developerUserIdentifiers: false },
        partial: `${output}.partial`,
        cursor: { pools, poolIndex: pools.length },
        recordsWritten: 900,
        outputBytes: bytes.length,
        outputSha256: createHash("sha256").update(bytes).digest("hex")
      }
      // Before the rename: the complete export is still F.partial (plus, say, a torn extra line).
      fs.renameSync(output, `${output}.partial`)
      fs.appendFileSync(`${output}.partial`, "{\"torn\":")
      fs.writeFileSync(checkpoint, JSON.stringify(complete))
      const sent = emulator.stats().requests
      const finished = yield* writeExport({ pools, format: "ndjson", output, checkpoint })
      expect(finished).toMatchObject({ resumed: true, records: 0, totalRecords: 900 })
      expect(fs.readFileSync(output)).toEqual(bytes)
      expect(fs.readdirSync(dir)).toEqual(["out.ndjson"])
      // After the rename, before the checkpoint was removed.
      fs.writeFileSync(checkpoint, JSON.stringify(complete))
      yield* writeExport({ pools, format: "ndjson", output, checkpoint })
      expect(fs.readFileSync(output)).toEqual(bytes)
      expect(fs.readdirSync(dir)).toEqual(["out.ndjson"])
      expect(emulator.stats().requests).toBe(sent)
      expect(ndjsonKeys(output).sort()).toEqual(keysOf(emulator, pools))
    }).pipe(Effect.provide(inProcess())))

  it.live("a checkpoint of another version, or not a checkpoint, is refused with what to do", () =>
    Effect.gen(function*() {
      const { pools } = yield* seeded
      const dir = tmp()
      const checkpoint = path.join(dir, "cp.json")
      const output = path.join(dir, "x.ndjson")
      fs.writeFileSync(checkpoint, JSON.stringify({ version: 1, format: "ndjson", output, cursor: { pools, poolIndex: 0 } }))
      const old = yield* writeExport({ pools, format: "ndjson", output, checkpoint }).pipe(Effect.flip)
      expect(old.message).toContain("written by another version of this tool (checkpoint version 1); delete it to start over")
      fs.writeFileSync(checkpoint, "{ not json")
      const corrupt = yield* writeExport({ pools, format: "ndjson", output, checkpoint }).pipe(Effect.flip)
      expect(corrupt.message).toContain("is not a valid checkpoint; delete it to start over")
    }).pipe(Effect.provide(inProcess())))
})
