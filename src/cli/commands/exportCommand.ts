import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { DEFAULT_ATTEMPT_TIMEOUT } from "../../export/exportIdentities.js"
import type { ExportRetryOptions } from "../../export/exportRetry.js"
import { DEFAULT_GIVE_UP_AFTER } from "../../export/exportRetry.js"
import { writeExport } from "../../export/writeExport.js"
import { retrySettings } from "../../protocol/retry/retryConfig.js"
import { connectionLayer, connectionOptions, requireRegion } from "../connection.js"
import type { Help } from "../help.js"
import { connectionHelp } from "../help.js"
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
    ["--rate N", "at most N requests per second (default: no limit)"],
    ["--with-developer-ids", "add each identity's developer user identifiers"],
    ["--hide-disabled", "leave disabled identities out"],
    ["--retry-mode MODE", "standard or adaptive (default: AWS_RETRY_MODE, else adaptive)"],
    ["--max-attempts N", "attempts per request (default: AWS_MAX_ATTEMPTS, else no limit)"],
    ["--give-up-after SECONDS", `stop after this long without progress (default: ${Duration.toSeconds(DEFAULT_GIVE_UP_AFTER)})`],
    ...connectionHelp
  ],
  footer: `Each attempt times out after ${Duration.toSeconds(DEFAULT_ATTEMPT_TIMEOUT)} s and is retried.\n` +
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
    rate: Options.integer("rate").pipe(Options.optional),
    withDeveloperIds: Options.boolean("with-developer-ids"),
    hideDisabled: Options.boolean("hide-disabled"),
    retryMode: Options.choice("retry-mode", ["standard", "adaptive"]).pipe(Options.optional),
    maxAttempts: Options.integer("max-attempts").pipe(Options.optional),
    giveUpAfter: Options.integer("give-up-after").pipe(Options.optional),
    ...connectionOptions
  },
  (flags) =>
    Effect.gen(function*() {
      if ((flags.poolId.length === 0) === !flags.all) {
        return yield* usage("give either --pool-id ID (one or more) or --all, not both")
      }
      if (Option.isSome(flags.rate) && flags.rate.value <= 0) return yield* usage("--rate must be a positive number")
      if (Option.isSome(flags.maxAttempts) && flags.maxAttempts.value < 1) return yield* usage("--max-attempts must be at least 1")
      if (Option.isSome(flags.giveUpAfter) && flags.giveUpAfter.value <= 0) {
        return yield* usage("--give-up-after must be a positive number of seconds")
      }
      const checkpoint = Option.getOrUndefined(flags.checkpoint)
      // Flags win over AWS_MAX_ATTEMPTS / AWS_RETRY_MODE, which win over the export's defaults.
      const environment = yield* retrySettings
      const retry: ExportRetryOptions = {
        mode: Option.getOrUndefined(Option.orElse(flags.retryMode, () => environment.mode)),
        maxAttempts: Option.getOrUndefined(Option.orElse(flags.maxAttempts, () => environment.maxAttempts)),
        giveUpAfter: Option.getOrUndefined(Option.map(flags.giveUpAfter, Duration.seconds))
      }
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
          requestsPerSecond: Option.getOrUndefined(flags.rate),
          developerLookupConcurrency: flags.withDeveloperIds ? 8 : 0,
          hideDisabled: flags.hideDisabled,
          retry,
          onProgress: reporter.onProgress
        })
      }).pipe(stopOnSignal(hint), Effect.provide(connectionLayer(flags)))
      yield* reporter.finish(summary)
    })
)
