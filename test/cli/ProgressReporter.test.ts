/** Export progress on stderr: rewritten in place on a terminal, plain lines every 5 s otherwise. */
import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { afterEach, beforeEach, vi } from "vitest"
import { describeProgress, makeProgressReporter } from "../../src/cli/ProgressReporter.js"

const progress = (records: number, elapsedMillis: number) => ({
  records,
  pages: Math.ceil(records / 60),
  poolsDone: 1,
  poolsTotal: 3,
  retries: 2,
  elapsedMillis
})

describe("progress reporter", () => {
  let written: Array<string> = []
  beforeEach(() => {
    written = []
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
  })
  afterEach(() => vi.restoreAllMocks())

  it("describes records, pages, pools, rate, retries and elapsed time", () => {
    expect(describeProgress(progress(12_000, 2_000))).toBe(
      "12,000 records · 200 pages · 1/3 pools · 6,000 records/s · 2 retries · 2.0 s"
    )
  })

  it.effect("off a terminal: plain lines, at most one every 5 seconds, the first after 5 seconds", () =>
    Effect.gen(function*() {
      const reporter = makeProgressReporter(false)
      yield* TestClock.setTime(10_000)
      yield* reporter.onProgress(progress(60, 100))
      yield* TestClock.adjust("1 second")
      yield* reporter.onProgress(progress(120, 1_100))
      yield* TestClock.adjust("5 seconds")
      yield* reporter.onProgress(progress(180, 6_100))
      // Nothing in the first 5 seconds (a short export prints only its summary), then one line.
      expect(written).toHaveLength(1)
      expect(written.every((line) => line.endsWith("\n") && !line.includes("\r"))).toBe(true)
      expect(written[0]).toContain("180 records")
    }))

  it.effect("on a terminal: the line is rewritten in place, up to 10 times a second, and cleared at the end", () =>
    Effect.gen(function*() {
      const reporter = makeProgressReporter(true)
      yield* TestClock.setTime(10_000)
      yield* reporter.onProgress(progress(60, 100))
      yield* TestClock.adjust("50 millis")
      yield* reporter.onProgress(progress(120, 150))
      yield* TestClock.adjust("100 millis")
      yield* reporter.onProgress(progress(180, 250))
      expect(written).toHaveLength(2)
      expect(written.every((line) => line.startsWith("\r\x1b[2K") && !line.endsWith("\n"))).toBe(true)
      yield* reporter.finish({ ...progress(180, 300), totalRecords: 180, resumed: false, output: "out.ndjson" })
      expect(written.at(-1)).toBe("exported 180 records · 3 pages · 1/3 pools · 600 records/s · 2 retries · 0.3 s → out.ndjson\n")
    }))
})
