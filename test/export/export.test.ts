/**
 * Full identity exports over the emulator server (real HTTP, SigV4 verified): exact contents in
 * NDJSON and CSV, the same exact result under injected faults, and resume after interruption.
 */
import { describe, expect, it, layer } from "@effect/vitest"
import { parse } from "csv-parse/sync"
import { Deferred, Effect, Fiber, Layer } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import { Emulator } from "../../src/emulator/index.js"
import type { EmulatorService } from "../../src/emulator/index.js"
import { toCsvLine } from "../../src/export/formatRecord.js"
import type { IdentityRecord } from "../../src/export/IdentityRecord.js"
import { writeExport } from "../../src/export/writeExport.js"
import { UndiciHttpClient } from "../../src/node/index.js"
import { identityKeys } from "../support/emulatorContents.js"
import { testCredentials } from "../support/layers.js"

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "export-test-"))

const fastRetries = RetryPolicy.layerStandard({
  maxAttempts: 12,
  baseDelay: "1 millis",
  throttlingBaseDelay: "1 millis",
  maxDelay: "5 millis"
})

/** An emulator server with 10,000 identities in 4 pools, and a client for it. */
const served = Effect.gen(function*() {
  const server = yield* Emulator.serve({ port: 0, seed: { pools: 4, identitiesPerPool: 2500 } })
  const client = Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1", endpoint: server.url }).pipe(Layer.provide(UndiciHttpClient.layer)),
    testCredentials,
    fastRetries
  )
  return { server, client }
})

class Served extends Effect.Tag("test/Served")<Served, Effect.Effect.Success<typeof served>>() {}

const readNdjsonKeys = (file: string) =>
  fs.readFileSync(file, "utf8").split("\n").filter((line) => line !== "").map((line) => {
    const record = JSON.parse(line) as { IdentityPoolId: string; IdentityId: string }
    return `${record.IdentityPoolId} ${record.IdentityId}`
  })

const expectExact = (exported: ReadonlyArray<string>, emulator: EmulatorService) => {
  const expected = identityKeys(emulator)
  expect(expected).toHaveLength(10_000)
  expect(new Set(exported).size).toBe(exported.length)
  expect([...exported].sort()).toEqual([...expected].sort())
}

layer(Layer.scoped(Served, served), { excludeTestServices: true, timeout: 120_000 })("export over the emulator server", (it) => {
  it.effect("NDJSON: every identity of every pool exactly once", () =>
    Effect.gen(function*() {
      const { client, server } = yield* Served
      const file = path.join(tmp(), "all.ndjson")
      const summary = yield* writeExport({ pools: "all", format: "ndjson", output: file }).pipe(Effect.provide(client))
      expect(summary).toMatchObject({ records: 10_000, totalRecords: 10_000, poolsDone: 4, poolsTotal: 4, resumed: false })
      expectExact(readNdjsonKeys(file), server.emulator)
    }))

  it.effect("CSV: RFC 4180 header and rows, same contents", () =>
    Effect.gen(function*() {
      const { client, server } = yield* Served
      const file = path.join(tmp(), "all.csv")
      yield* writeExport({ pools: "all", format: "csv", output: file }).pipe(Effect.provide(client))
      const text = fs.readFileSync(file, "utf8")
      expect(text.startsWith("IdentityPoolId,IdentityId,Logins,CreationDate,LastModifiedDate,Disabled,DeveloperUserIdentifiers\r\n")).toBe(true)
      expect(text.endsWith("\r\n")).toBe(true)
      const rows: Array<Array<string>> = parse(text, { from_line: 2 })
      expect(rows.every((row) => row.length === 7)).toBe(true)
      // Logins are a JSON array in one cell.
      expect(rows.every((row) => Array.isArray(JSON.parse(row[2] ?? "")))).toBe(true)
      expectExact(rows.map((row) => `${row[0]} ${row[1]}`), server.emulator)
    }))

  it.effect("with throttling, InternalErrorException and dropped connections: the same exact result", () =>
    Effect.gen(function*() {
      const { client, server } = yield* Served
      server.emulator.setFaults({ throttlingRate: 0.1, internalErrorRate: 0.05, dropConnectionRate: 0.02, seed: 7 })
      server.emulator.resetStats()
      const file = path.join(tmp(), "faults.ndjson")
      const summary = yield* writeExport({ pools: "all", format: "ndjson", output: file }).pipe(
        Effect.provide(client),
        Effect.ensuring(Effect.sync(() => server.emulator.setFaults(undefined)))
      )
      expectExact(readNdjsonKeys(file), server.emulator)
      const outcomes = server.emulator.stats().operations["ListIdentities"]?.outcomes ?? {}
      expect(outcomes["TooManyRequestsException"] ?? 0).toBeGreaterThan(0)
      expect(outcomes["InternalErrorException"] ?? 0).toBeGreaterThan(0)
      expect(outcomes["DropConnection"] ?? 0).toBeGreaterThan(0)
      expect(summary.retries).toBeGreaterThan(0)
    }))

  it.effect("interrupted half-way, then resumed from the checkpoint: exact result", () =>
    Effect.gen(function*() {
      const { client, server } = yield* Served
      const dir = tmp()
      const file = path.join(dir, "resume.ndjson")
      const checkpoint = path.join(dir, "resume.checkpoint.json")
      const halfway = yield* Deferred.make<void>()
      const run = (onProgress?: (p: { records: number }) => Effect.Effect<void>) =>
        writeExport({ pools: "all", format: "ndjson", output: file, checkpoint, onProgress }).pipe(Effect.provide(client))
      const first = yield* Effect.fork(run((p) => (p.records >= 5_000 ? Deferred.succeed(halfway, undefined) : Effect.void)))
      yield* Deferred.await(halfway)
      yield* Fiber.interrupt(first)
      expect(fs.existsSync(checkpoint)).toBe(true)
      const saved = JSON.parse(fs.readFileSync(checkpoint, "utf8")) as { recordsWritten: number; outputBytes: number }
      expect(saved.recordsWritten).toBeGreaterThanOrEqual(5_000)
      expect(saved.recordsWritten).toBeLessThan(10_000)
      // A crash between writing a page and saving the checkpoint leaves records past the checkpoint:
      expect(fs.existsSync(file)).toBe(false)
      fs.appendFileSync(`${file}.partial`, "{\"IdentityPoolId\":\"partial\",\"IdentityId\":\"page\"}\n")
      const second = yield* run()
      expect(second.resumed).toBe(true)
      expect(second.totalRecords).toBe(10_000)
      expect(second.records).toBe(10_000 - saved.recordsWritten)
      expect(fs.existsSync(checkpoint)).toBe(false)
      expectExact(readNdjsonKeys(file), server.emulator)
    }))

  it.effect("a checkpoint from another export is refused, never silently reused", () =>
    Effect.gen(function*() {
      const { client } = yield* Served
      const dir = tmp()
      const checkpoint = path.join(dir, "cp.json")
      fs.writeFileSync(
        checkpoint,
        JSON.stringify({
          version: 1,
          format: "csv",
          output: path.join(dir, "other.csv"),
          hideDisabled: false,
          developerUserIdentifiers: false,
          cursor: { pools: [], poolIndex: 0 },
          recordsWritten: 0,
          outputBytes: 0
        })
      )
      const error = yield* writeExport({ pools: "all", format: "ndjson", output: path.join(dir, "x.ndjson"), checkpoint })
        .pipe(Effect.provide(client), Effect.flip)
      expect(error._tag).toBe("ExportFileError")
      fs.writeFileSync(checkpoint, "{ not json")
      const corrupt = yield* writeExport({ pools: "all", format: "ndjson", output: path.join(dir, "x.ndjson"), checkpoint })
        .pipe(Effect.provide(client), Effect.flip)
      expect(corrupt).toMatchObject({ _tag: "ExportFileError" })
      expect(corrupt.message).toContain("delete it to start over")
    }))
})

describe("CSV (RFC 4180, safe to open in a spreadsheet)", () => {
  const record = (overrides: Partial<IdentityRecord>): IdentityRecord => ({
    IdentityPoolId: "us-east-1:p",
    IdentityId: "us-east-1:i",
    Logins: [],
    CreationDate: new Date(0),
    LastModifiedDate: undefined,
    Disabled: false,
    DeveloperUserIdentifiers: undefined,
    ...overrides
  })
  /** What a reader following the README's rule gets back: parse, drop one leading quote. */
  const readBack = (line: string) =>
    (parse(line) as Array<Array<string>>)[0]?.map((cell) => (cell.startsWith("'") ? cell.slice(1) : cell)) ?? []

  it("quotes fields with commas, quotes, CR or LF and doubles quotes; lists are JSON arrays", () => {
    const line = toCsvLine(record({
      Logins: ["graph.facebook.com", "a,b"],
      DeveloperUserIdentifiers: ["say \"hi\"", "line\nbreak", "cr\rhere"]
    }))
    expect(line).toBe(
      "us-east-1:p,us-east-1:i,\"[\"\"graph.facebook.com\"\",\"\"a,b\"\"]\",1970-01-01T00:00:00.000Z,,false," +
        "\"[\"\"say \\\"\"hi\\\"\"\"\",\"\"line\\nbreak\"\",\"\"cr\\rhere\"\"]\"\r\n"
    )
    const cells = readBack(line)
    expect(JSON.parse(cells[2] ?? "")).toEqual(["graph.facebook.com", "a,b"])
    expect(JSON.parse(cells[6] ?? "")).toEqual(["say \"hi\"", "line\nbreak", "cr\rhere"])
  })

  it("an id containing ; stays one id; [] is none, an empty cell is not looked up", () => {
    const cells = readBack(toCsvLine(record({ Logins: [], DeveloperUserIdentifiers: ["a;b", "c"] })))
    expect(cells[2]).toBe("[]")
    expect(JSON.parse(cells[6] ?? "")).toEqual(["a;b", "c"])
    expect(readBack(toCsvLine(record({ DeveloperUserIdentifiers: undefined })))[6]).toBe("")
  })

  it("neutralises formula-leading cells (OWASP) reversibly", () => {
    const dangerous = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1+1)", "+1", "-1", "\tx", "\rx", "\uFF1D1", "'=x", "'plain"]
    for (const value of dangerous) {
      // In a record's plain cells (ids), where a spreadsheet would look at the first character.
      const line = toCsvLine(record({ IdentityId: value }))
      const raw = (parse(line) as Array<Array<string>>)[0]?.[1] ?? ""
      expect(raw.startsWith("'"), value).toBe(true)
      expect(readBack(line)[1]).toBe(value)
    }
    // Inside a list the cell starts with "[": never a formula, and the values come back exact.
    const line = toCsvLine(record({ DeveloperUserIdentifiers: ["=HYPERLINK(\"x\")", "@SUM(1+1)"] }))
    expect((parse(line) as Array<Array<string>>)[0]?.[6]?.startsWith("[")).toBe(true)
    expect(JSON.parse(readBack(line)[6] ?? "")).toEqual(["=HYPERLINK(\"x\")", "@SUM(1+1)"])
    expect(readBack(toCsvLine(record({ IdentityId: "us-east-1:plain" })))[1]).toBe("us-east-1:plain")
  })
})
