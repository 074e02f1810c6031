/**
 * Export progress on stderr: a line rewritten in place on a terminal (at most 10 times a
 * second), plain lines every 5 seconds otherwise, so logs stay readable.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { ExportProgress, ExportSummary } from "../export/writeExport.js"

const number = (n: number) => n.toLocaleString("en-US")

export const describeProgress = (p: ExportProgress): string => {
  const seconds = p.elapsedMillis / 1000
  const rate = seconds > 0 ? Math.round(p.records / seconds) : 0
  return `${number(p.records)} records · ${number(p.pages)} pages · ${p.poolsDone}/${p.poolsTotal} pools · ` +
    `${number(rate)} records/s · ${number(p.retries)} retries · ${seconds.toFixed(1)} s`
}

export const makeProgressReporter = (isTTY: boolean) => {
  // Off a terminal, the first line comes after one interval: a short export prints only its summary.
  let last: number | undefined = isTTY ? 0 : undefined
  const interval = isTTY ? 100 : 5_000
  return {
    onProgress: (progress: ExportProgress) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.sync(() => {
          last ??= now - progress.elapsedMillis
          if (now - last < interval) return
          last = now
          process.stderr.write(isTTY ? `\r\x1b[2K${describeProgress(progress)}` : `${describeProgress(progress)}\n`)
        })),
    finish: (summary: ExportSummary) =>
      Effect.sync(() => {
        if (isTTY) process.stderr.write("\r\x1b[2K")
        const target = summary.output === "-" ? "stdout" : summary.output
        const resumed = summary.resumed ? ` (resumed; ${number(summary.totalRecords)} in the file)` : ""
        process.stderr.write(`exported ${describeProgress(summary)} → ${target}${resumed}\n`)
      })
  }
}
