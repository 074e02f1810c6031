/**
 * `cognito_identity.export.pages` and `cognito_identity.export.identities`: the pages an export
 * passes on and the identities in them, exactly, over the in-process emulator: a streamed export
 * (pages and records counted against what was consumed and against the ListIdentities calls),
 * the same export under injected faults (a page retried is counted once), and `writeExport`
 * (identities counted equal the lines of the file).
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, Chunk, Effect, Exit, Layer, Stream } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Emulator } from "../../src/emulator/index.js"
import { writeExport } from "../../src/export/writeExport.js"
import { exportIdentityPages, RetryPolicy } from "../../src/index.js"
import { makeVirtualClock } from "../resilience/support.js"
import { emulatorClient, EXPORT_IDENTITIES, EXPORT_PAGES, series, tagged, testCase, THROTTLES } from "./support.js"

/** 130 identities in each of two pools: pages of 60, 60 and 10 per pool. */
const seedTwoPools = Effect.gen(function*() {
  const emulator = yield* Emulator
  const pools = yield* emulator.seed({ pools: 2, identitiesPerPool: 130 })
  emulator.resetStats()
  return { emulator, pools }
})

const listIdentitiesRequests = (emulator: Emulator["Type"]) => emulator.stats().operations["ListIdentities"]?.requests ?? 0

describe("export progress", () => {
  it.live("a streamed export: six pages and 260 identities, as consumed", () => {
    const test = testCase()
    return Effect.gen(function*() {
      const { emulator, pools } = yield* seedTwoPools
      const pages = yield* Stream.runCollect(exportIdentityPages({ pools })).pipe(Effect.scoped, tagged(test))
      const records = Chunk.reduce(pages, 0, (total, page) => total + page.records.length)
      expect([Chunk.size(pages), records]).toEqual([6, 260])
      expect(listIdentitiesRequests(emulator)).toBe(6)
      expect(yield* series(EXPORT_PAGES, test)).toEqual([{ labels: test, value: 6 }])
      expect(yield* series(EXPORT_IDENTITIES, test)).toEqual([{ labels: test, value: 260 }])
    }).pipe(Effect.provide(emulatorClient()))
  })

  it.live("under throttling, pages retried are counted once", () => {
    const test = testCase()
    return Effect.gen(function*() {
      const exit = yield* makeVirtualClock().run(Effect.gen(function*() {
        const { emulator, pools } = yield* seedTwoPools
        emulator.setFaults({ throttlingRate: 0.4, operations: ["ListIdentities"], seed: 5 })
        const records = yield* Stream.runFold(exportIdentityPages({ pools }), 0, (total, page) => total + page.records.length).pipe(
          Effect.scoped,
          tagged(test)
        )
        return { records, listed: listIdentitiesRequests(emulator) }
      }).pipe(Effect.provide(Layer.merge(emulatorClient(), RetryPolicy.layerStandard({ maxAttempts: 20 })))))
      if (Exit.isFailure(exit)) return expect.fail(Cause.pretty(exit.cause))
      const { records, listed } = exit.value
      expect(records).toBe(260)
      // Some pages took more than one request; the throttles say how many more.
      const [throttles] = yield* series(THROTTLES, test)
      expect(throttles?.value ?? 0).toBeGreaterThan(0)
      expect(listed).toBe(6 + (throttles?.value ?? 0))
      expect(yield* series(EXPORT_PAGES, test)).toEqual([{ labels: test, value: 6 }])
      expect(yield* series(EXPORT_IDENTITIES, test)).toEqual([{ labels: test, value: 260 }])
    })
  })

  it.live("writeExport: the identities counted are the lines written", () => {
    const test = testCase()
    const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "metrics-export-")), "identities.ndjson")
    return Effect.gen(function*() {
      const { pools } = yield* seedTwoPools
      const summary = yield* writeExport({ pools, format: "ndjson", output }).pipe(tagged(test))
      const lines = fs.readFileSync(output, "utf8").trim().split("\n")
      expect([summary.totalRecords, lines.length]).toEqual([260, 260])
      expect(yield* series(EXPORT_PAGES, test)).toEqual([{ labels: test, value: 6 }])
      expect(yield* series(EXPORT_IDENTITIES, test)).toEqual([{ labels: test, value: lines.length }])
    }).pipe(Effect.provide(emulatorClient()))
  })
})
