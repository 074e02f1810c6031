import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { writeExport } from "../../export/writeExport.js"
import { connectionLayer, connectionOptions } from "../connection.js"
import { makeProgressReporter } from "../ProgressReporter.js"
import { stopOnSignal } from "../signals.js"
import { UsageError } from "../UsageError.js"

const usage = (message: string) => Effect.fail(new UsageError({ message }))

export const exportCommand = Command.make(
  "export",
  {
    poolId: Options.text("pool-id").pipe(Options.withDescription("An identity pool to export (repeatable)"), Options.repeated),
    all: Options.boolean("all").pipe(Options.withDescription("Export every identity pool of the account in the region")),
    format: Options.choice("format", ["ndjson", "csv"]).pipe(Options.withDefault("ndjson" as const)),
    output: Options.text("output").pipe(
      Options.withDescription("Output file (default: stdout)"),
      Options.withDefault("-")
    ),
    checkpoint: Options.text("checkpoint").pipe(
      Options.withDescription("Checkpoint file: resume from it if present; removed when the export completes"),
      Options.optional
    ),
    rate: Options.integer("rate").pipe(Options.withDescription("Requests per second at most"), Options.optional),
    withDeveloperIds: Options.boolean("with-developer-ids").pipe(
      Options.withDescription("Add each identity's developer user identifiers (LookupDeveloperIdentity)")
    ),
    hideDisabled: Options.boolean("hide-disabled").pipe(Options.withDescription("Leave disabled identities out")),
    ...connectionOptions
  },
  (flags) =>
    Effect.gen(function*() {
      if ((flags.poolId.length === 0) === !flags.all) {
        return yield* usage("give either --pool-id ID (one or more) or --all")
      }
      if (Option.isSome(flags.rate) && flags.rate.value <= 0) return yield* usage("--rate must be a positive number")
      const reporter = makeProgressReporter(process.stderr.isTTY === true)
      const summary = yield* writeExport({
        pools: flags.all ? "all" : flags.poolId,
        format: flags.format,
        output: flags.output,
        checkpoint: Option.getOrUndefined(flags.checkpoint),
        requestsPerSecond: Option.getOrUndefined(flags.rate),
        developerLookupConcurrency: flags.withDeveloperIds ? 8 : 0,
        hideDisabled: flags.hideDisabled,
        onProgress: reporter.onProgress
      }).pipe(stopOnSignal, Effect.provide(connectionLayer(flags)))
      yield* reporter.finish(summary)
    })
).pipe(Command.withDescription("Export every identity of one or more pools (or all pools) as NDJSON or CSV"))
