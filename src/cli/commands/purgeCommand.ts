/**
 * `cognito-identity purge`: delete the identities a selection chooses (or a plan file lists).
 * A dry run unless `--execute`: it writes the plan (NDJSON records) to stdout or `--output` and
 * says how many identities would be deleted. With `--execute` it selects first, then deletes
 * from the plan (`purgeIdentities`), and lists on stdout the identities the service would not
 * delete. Every flag combination is checked before anything is sent.
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { NotDeleted } from "../../purge/deleteIdentityBatches.js"
import type { PurgeProgress, PurgeSummary } from "../../purge/executePurgePlan.js"
import type { PurgeResult, PurgeSource } from "../../purge/purgeIdentities.js"
import { purgeIdentities } from "../../purge/purgeIdentities.js"
import type { PurgeSelection } from "../../purge/PurgeSelection.js"
import type { PlanSummary, SelectionProgress } from "../../purge/writePurgePlan.js"
import { CommandFailed } from "../CommandFailed.js"
import { connectionLayer, connectionOptions, requireRegion } from "../connection.js"
import type { Help } from "../help.js"
import { connectionHelp } from "../help.js"
import { attemptTimeoutNote, jobHelp, jobOptions, jobSettings } from "../jobOptions.js"
import { formatCount, makeProgressLine } from "../ProgressReporter.js"
import { stopOnSignal } from "../signals.js"
import { writeStdout } from "../stdout.js"
import { UsageError } from "../UsageError.js"

export const purgeHelp: Help = {
  usage: [
    "purge (--pool-id ID ... | --all) SELECTION [--output FILE] [--execute] [options]",
    "purge --plan FILE [--execute] [--checkpoint FILE] [options]"
  ],
  summary: "Delete the identities SELECTION chooses (--disabled, --guests, --not-modified-for DAYS; together,\n" +
    "an identity must meet each) or a plan lists. A dry run unless --execute: it writes the plan (NDJSON)\n" +
    "and the count, and deletes nothing.",
  options: [
    ["--pool-id ID", "an identity pool to select from (repeatable)"],
    ["--all", "every identity pool of the account in the region"],
    ["--disabled", "identities the service disabled (merged into another)"],
    ["--guests", "identities with no linked login"],
    ["--not-modified-for DAYS", "identities last modified more than DAYS days ago"],
    ["--output FILE", "the plan (default: stdout; with --execute, CHECKPOINT.plan or a temporary file)"],
    ["--plan FILE", "delete the identities this NDJSON file lists (a plan, or an export)"],
    ["--execute", "delete (default: a dry run)"],
    ["--checkpoint FILE", "with --execute: resume from FILE if present, remove it when done"],
    ...jobHelp,
    ...connectionHelp
  ],
  footer: `${attemptTimeoutNote}\nWith --execute, the identities the service would not delete are listed on stdout.\n` +
    "Exit codes: 0 done, 1 failed or some not deleted (one-line reason), 2 bad usage,\n130/143 stopped by SIGINT/SIGTERM (with --checkpoint, run it again to resume)."
}

const usage = (message: string) => Effect.fail(new UsageError({ message }))

const seconds = (millis: number) => `${(millis / 1000).toFixed(1)} s`

const describeSelecting = (p: SelectionProgress) =>
  `selecting: ${formatCount(p.listed)} identities examined · ${formatCount(p.selected)} chosen · ${formatCount(p.pages)} pages · ` +
  `${formatCount(p.retries)} retries · ${seconds(p.elapsedMillis)}`

const describeDeleting = (p: PurgeProgress) =>
  `${formatCount(p.processed)}/${formatCount(p.planned)} identities · ${formatCount(p.deleted)} deleted · ` +
  `${formatCount(p.failed)} not deleted · ${formatCount(p.batches)} batches · ${formatCount(p.retries)} retries · ${seconds(p.elapsedMillis)}`

const describePlan = (plan: PlanSummary) =>
  `${formatCount(plan.selected)} of ${formatCount(plan.listed)} identities examined (${formatCount(plan.pages)} pages · ` +
  `${formatCount(plan.retries)} retries · ${seconds(plan.elapsedMillis)})` +
  (plan.cutoff === undefined ? "" : `, none modified since ${plan.cutoff.toISOString()}`)

const notDeletedLines = (failures: ReadonlyArray<NotDeleted>) =>
  failures
    .map((failure) => JSON.stringify({ IdentityPoolId: failure.IdentityPoolId, IdentityId: failure.IdentityId, ErrorCode: failure.ErrorCode }) + "\n")
    .join("")

/** "AccessDenied: 2, InternalServerError: 1" */
const codeCounts = (failures: ReadonlyArray<NotDeleted>) => {
  const counts = new Map<string, number>()
  for (const failure of failures) counts.set(failure.ErrorCode, (counts.get(failure.ErrorCode) ?? 0) + 1)
  return [...counts].map(([code, n]) => `${code}: ${formatCount(n)}`).join(", ")
}

const report = (result: PurgeResult, finish: (text: string) => Effect.Effect<void>) =>
  Effect.gen(function*() {
    switch (result._tag) {
      case "Planned": {
        const target = result.selection.output === "-" ? "stdout" : result.selection.output
        return yield* finish(
          `would delete ${describePlan(result.selection)} → ${target}; nothing was deleted (add --execute to delete them)`
        )
      }
      case "Checked":
        return yield* finish(
          `would delete the ${formatCount(result.entries)} identities listed in ${result.plan}; nothing was deleted (add --execute to delete them)`
        )
      case "Executed": {
        const summary: PurgeSummary = result.summary
        const resumed = summary.resumed ? " (resumed)" : ""
        yield* finish(
          `deleted ${formatCount(summary.deleted)} of ${formatCount(summary.planned)} identities · ${formatCount(summary.batches)} batches · ` +
            `${formatCount(summary.retries)} retries · ${seconds(summary.elapsedMillis)}${resumed}`
        )
        if (summary.failures.length === 0) return
        yield* writeStdout(notDeletedLines(summary.failures))
        return yield* new CommandFailed({
          message: `${formatCount(summary.failures.length)} identities could not be deleted (${codeCounts(summary.failures)}); they are listed on stdout`
        })
      }
    }
  })

export const purgeCommand = Command.make(
  "purge",
  {
    poolId: Options.text("pool-id").pipe(Options.repeated),
    all: Options.boolean("all"),
    plan: Options.text("plan").pipe(Options.optional),
    disabled: Options.boolean("disabled"),
    guests: Options.boolean("guests"),
    notModifiedFor: Options.integer("not-modified-for").pipe(Options.optional),
    output: Options.text("output").pipe(Options.optional),
    execute: Options.boolean("execute"),
    checkpoint: Options.text("checkpoint").pipe(Options.optional),
    ...jobOptions,
    ...connectionOptions
  },
  (flags) =>
    Effect.gen(function*() {
      const plan = Option.getOrUndefined(flags.plan)
      const output = Option.getOrUndefined(flags.output)
      const checkpoint = Option.getOrUndefined(flags.checkpoint)
      const selects = flags.disabled || flags.guests || Option.isSome(flags.notModifiedFor)
      const pools = flags.poolId.length > 0 || flags.all
      if (plan !== undefined) {
        if (pools) return yield* usage("give --plan FILE or the pools to select from (--pool-id ID / --all), not both")
        if (selects) return yield* usage("--disabled, --guests and --not-modified-for select from pools; a plan already lists its identities")
        if (output !== undefined) return yield* usage("--output is where a selection's plan goes; with --plan there is none")
      } else {
        if ((flags.poolId.length === 0) === !flags.all) {
          return yield* usage("give either --pool-id ID (one or more) or --all, not both (or --plan FILE)")
        }
        if (!selects) {
          return yield* usage("choose identities with --disabled, --guests and/or --not-modified-for DAYS: a purge never deletes every identity")
        }
      }
      if (Option.isSome(flags.notModifiedFor) && flags.notModifiedFor.value <= 0) {
        return yield* usage("--not-modified-for must be a positive number of days")
      }
      if (checkpoint !== undefined && !flags.execute) {
        return yield* usage("--checkpoint is for --execute: a dry run deletes nothing, so there is nothing to resume")
      }
      if (flags.execute && output === "-") return yield* usage("with --execute the plan must be a file, not stdout (-)")
      const { requestsPerSecond, retry } = yield* jobSettings(flags)

      const selection: PurgeSelection = {
        disabled: flags.disabled,
        guests: flags.guests,
        notModifiedFor: Option.getOrUndefined(Option.map(flags.notModifiedFor, Duration.days))
      }
      const source: PurgeSource = plan !== undefined ? { plan } : { pools: flags.all ? "all" : flags.poolId, selection }
      const hint = !flags.execute
        ? "nothing was deleted"
        : checkpoint !== undefined
        ? `run the same command again to resume from ${checkpoint}`
        : "identities deleted so far stay deleted (use --checkpoint FILE to make a purge resumable)"
      const isTTY = process.stderr.isTTY === true
      const selecting = makeProgressLine(isTTY, describeSelecting)
      const deleting = makeProgressLine(isTTY, describeDeleting)
      const result = yield* Effect.gen(function*() {
        if (flags.all) yield* requireRegion
        return yield* purgeIdentities({
          source,
          execute: flags.execute,
          output,
          checkpoint,
          requestsPerSecond,
          retry,
          onSelectionProgress: selecting.onProgress,
          onProgress: deleting.onProgress
        })
      }).pipe(stopOnSignal(hint), Effect.provide(connectionLayer(flags)))
      yield* report(result, deleting.finish)
    })
)
