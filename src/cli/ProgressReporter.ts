/**
 * Progress of a long job on stderr: a line rewritten in place on a terminal (at most 10 times
 * a second), plain lines every 5 seconds otherwise, so logs stay readable.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { ExportProgress, ExportSummary } from "../export/writeExport.js"

export const formatCount = (n: number): string => n.toLocaleString("en-US")

export const describeProgress = (p: ExportProgress): string => {
  const seconds = p.elapsedMillis / 1000
  const rate = seconds > 0 ? Math.round(p.records / seconds) : 0
  return `${formatCount(p.records)} records · ${formatCount(p.pages)} pages · ${p.poolsDone}/${p.poolsTotal} pools · ` +
    `${formatCount(rate)} records/s · ${formatCount(p.retries)} retries · ${seconds.toFixed(1)} s`
}

/** A progress line for any job whose progress says how long it has run. */
export const makeProgressLine = <P extends { readonly elapsedMillis: number }>(isTTY: boolean, describe: (progress: P) => string) => {
  // Off a terminal, the first line comes after one interval: a short job prints only its summary.
  let last: number | undefined = isTTY ? 0 : undefined
  const interval = isTTY ? 100 : 5_000
  return {
    onProgress: (progress: P) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.sync(() => {
          last ??= now - progress.elapsedMillis
          if (now - last < interval) return
          last = now
          process.stderr.write(isTTY ? `\r\x1b[2K${describe(progress)}` : `${describe(progress)}\n`)
        })),
    /** Writes the job's last line (the line in place is cleared first). */
    finish: (text: string) =>
      Effect.sync(() => {
        if (isTTY) process.stderr.write("\r\x1b[2K")
        process.stderr.write(`${text}\n`)
      })
  }
}

export const makeProgressReporter = (isTTY: boolean) => {
  const line = makeProgressLine(isTTY, describeProgress)
  return {
    onProgress: line.onProgress,
    finish: (summary: ExportSummary) => {
      const target = summary.output === "-" ? "stdout" : summary.output
      const resumed = summary.resumed ? ` (resumed; ${formatCount(summary.totalRecords)} in the file)` : ""
      return line.finish(`exported ${describeProgress(summary)} → ${target}${resumed}`)
    }
  }
}
