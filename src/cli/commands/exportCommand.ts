import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { writeExport } from "../../export/writeExport.js"
import { connectionLayer, connectionOptions, requireRegion } from "../connection.js"
import type { Help } from "../help.js"
import { connectionHelp } from "../help.js"
import { attemptTimeoutNote, jobHelp, jobOptions, jobSettings } from "../jobOptions.js"
import { makeProgressReporter } from "../ProgressReporter.js"
import { stopOnSignal } from "../signals.js"
import { UsageError } from "../UsageError.js"

const usage = (message: string) => Effect.fail(new UsageError({ message }))

export const exportHelp: Help = {
  usage: [
    "export (--pool-id ID ... | --all) [--output FILE] [--checkpoint FILE] [options]"
  ],
  summary: "Export every identity of one or more identity pools, or of all pools in the region, as NDJSON or CSV.",
  options: [
    ["--pool-id ID", "an identity pool to export (repeatable)"],
    ["--all", "every identity pool of the account in the region"],
    ["--format ndjson|csv", "record format (default: ndjson)"],
    ["--output FILE", "written as FILE.partial, renamed when complete (default: stdout)"],
    ["--checkpoint FILE", "resume from FILE if present, keep it current, remove it when done"],
    ["--with-developer-ids", "add each identity's developer user identifiers"],
    ["--hide-disabled", "leave disabled identities out"],
    ...jobHelp,
    ...connectionHelp
  ],
  footer: `${attemptTimeoutNote}\n` +
    "Exit codes: 0 done, 1 failed (one-line reason), 2 bad usage, 130/143 stopped by SIGINT/SIGTERM."
}

export const exportCommand = Command.make(
  "export",
  {
    poolId: Options.text("pool-id").pipe(Options.repeated),
    all: Options.boolean("all"),
    format: Options.choice("format", ["ndjson", "csv"]).pipe(Options.withDefault("ndjson" as const)),
    output: Options.text("output").pipe(Options.withDefault("-")),
    checkpoint: Options.text("checkpoint").pipe(Options.optional),
    withDeveloperIds: Options.boolean("with-developer-ids"),
    hideDisabled: Options.boolean("hide-disabled"),
    ...jobOptions,
    ...connectionOptions
  },
  (flags) =>
    Effect.gen(function*() {
      if ((flags.poolId.length === 0) === !flags.all) {
        return yield* usage("give either --pool-id ID (one or more) or --all, not both")
      }
      const { requestsPerSecond, retry } = yield* jobSettings(flags)
      const checkpoint = Option.getOrUndefined(flags.checkpoint)
      const hint = checkpoint !== undefined
        ? `run the same command again to resume from ${checkpoint}`
        : flags.output === "-"
        ? undefined
        : `nothing was written to ${flags.output} (use --checkpoint FILE to make an export resumable)`
      const reporter = makeProgressReporter(process.stderr.isTTY === true)
      const summary = yield* Effect.gen(function*() {
        if (flags.all) yield* requireRegion
        return yield* writeExport({
          pools: flags.all ? "all" : flags.poolId,
          format: flags.format,
          output: flags.output,
          checkpoint,
          requestsPerSecond,
          developerLookupConcurrency: flags.withDeveloperIds ? 8 : 0,
          hideDisabled: flags.hideDisabled,
          retry,
          onProgress: reporter.onProgress
        })
      }).pipe(stopOnSignal(hint), Effect.provide(connectionLayer(flags)))
      yield* reporter.finish(summary)
    })
)
