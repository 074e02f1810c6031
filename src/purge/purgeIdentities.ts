/**
 * A purge in one call, as the `cognito-identity purge` command runs it: a dry run by default
 * (the plan of what would be deleted), or, with `execute`, select then delete from the plan
 * (`executePurgePlan.ts` says why the plan comes first). With a checkpoint the plan is kept
 * next to it (`CHECKPOINT.plan`, unless `output` names it), so that a purge killed anywhere
 * resumes the same plan instead of selecting again: a second selection, made after some
 * deletions, would be another set. Selection, deletion and their retries share one rate limit
 * and one retry policy.
 */
import * as Effect from "effect/Effect"
import { randomUUID } from "node:crypto"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import type { ExportError } from "../export/exportIdentities.js"
import { distinctPools } from "../export/exportIdentities.js"
import type { ExportFileError } from "../export/ExportFileError.js"
import { partialPath, sameFile } from "../export/exportOutput.js"
import { resolveExportRetryPolicy } from "../export/exportRetry.js"
import { makeRequestLimit } from "../export/requestLimit.js"
import type { OperationRequirements } from "../operationFunction.js"
import type { DeleteOptions } from "./deleteIdentityBatches.js"
import type { ExecutePlanError, PurgeProgress, PurgeSummary } from "./executePurgePlan.js"
import { executePurgePlanWith } from "./executePurgePlan.js"
import { inspectPlan } from "./planFile.js"
import { readPurgeCheckpoint } from "./PurgeCheckpoint.js"
import { PurgeOptionsError } from "./PurgeOptionsError.js"
import type { PurgeSelection } from "./PurgeSelection.js"
import { choosesEverything, describeSelection } from "./PurgeSelection.js"
import type { PlanSummary, SelectionProgress } from "./writePurgePlan.js"
import { writePurgePlanWith } from "./writePurgePlan.js"

/** What to purge: the identities a selection chooses in some pools, or those a plan file lists. */
export type PurgeSource =
  | { readonly pools: "all" | ReadonlyArray<string>; readonly selection: PurgeSelection }
  | { readonly plan: string }

export interface PurgeOptions extends DeleteOptions {
  readonly source: PurgeSource
  /** Delete. Default false: a dry run, which only says what would be deleted. */
  readonly execute?: boolean | undefined
  /**
   * Where a selection's plan is written: a file, or "-" (stdout; dry runs only). Default: stdout
   * for a dry run; when executing, `CHECKPOINT.plan` with a checkpoint, else a temporary file.
   */
  readonly output?: string | undefined
  /** When executing: resume from this file if present, keep it current, remove it when done. */
  readonly checkpoint?: string | undefined
  /** ListIdentities page size while selecting, 1..60. Default 60. */
  readonly pageSize?: number | undefined
  readonly onSelectionProgress?: ((progress: SelectionProgress) => Effect.Effect<void>) | undefined
  readonly onProgress?: ((progress: PurgeProgress) => Effect.Effect<void>) | undefined
}

export type PurgeResult =
  /** A dry run of a selection: the plan written. */
  | { readonly _tag: "Planned"; readonly selection: PlanSummary }
  /** A dry run of a plan file: checked, nothing deleted. */
  | { readonly _tag: "Checked"; readonly plan: string; readonly entries: number }
  /** Deleted; `selection` is undefined when a plan or a checkpoint gave the identities. */
  | { readonly _tag: "Executed"; readonly selection: PlanSummary | undefined; readonly summary: PurgeSummary }

export type PurgeError = ExportError | ExecutePlanError | ExportFileError | PurgeOptionsError

/** A selection's origin in words, kept in the checkpoint: pools compared as a set. */
export const describeOrigin = (pools: "all" | ReadonlyArray<string>, selection: PurgeSelection): string =>
  `${pools === "all" ? "all pools" : `pools ${[...distinctPools(pools)].sort().join(", ")}`}: ${describeSelection(selection)}`

const refuse = (message: string) => Effect.fail(new PurgeOptionsError({ message }))

const removeQuietly = (file: string) =>
  Effect.promise(() => Promise.all([fs.rm(file, { force: true }), fs.rm(partialPath(file), { force: true })]))

export const purgeIdentities = (
  options: PurgeOptions
): Effect.Effect<PurgeResult, PurgeError, OperationRequirements<"sigv4">> =>
  Effect.gen(function*() {
    const source = options.source
    const execute = options.execute === true
    if (!execute && options.checkpoint !== undefined) {
      return yield* refuse("a checkpoint is for a purge that deletes (execute); a dry run deletes nothing to resume")
    }
    const policy = yield* resolveExportRetryPolicy(options.retry)
    const limit = yield* makeRequestLimit(options.requestsPerSecond)

    if ("plan" in source) {
      if (options.output !== undefined) return yield* refuse("a purge from a plan writes no plan: drop the output")
      if (!execute) return { _tag: "Checked", plan: source.plan, entries: (yield* inspectPlan(source.plan)).entries } as const
      const summary = yield* executePurgePlanWith({ ...options, plan: source.plan }, policy, limit)
      return { _tag: "Executed", selection: undefined, summary } as const
    }

    if (choosesEverything(source.selection)) {
      return yield* refuse("a selection needs at least one criterion (disabled, guests, notModifiedFor): a purge never chooses every identity by default")
    }
    if (source.pools !== "all" && source.pools.length === 0) return yield* refuse("no pool given")
    const selectOptions = { ...options, pools: source.pools, selection: source.selection, onProgress: options.onSelectionProgress }
    if (!execute) {
      const selection = yield* writePurgePlanWith({ ...selectOptions, output: options.output ?? "-" }, policy, limit)
      return { _tag: "Planned", selection } as const
    }

    if (options.output === "-") return yield* refuse("a purge that deletes needs its plan in a file, not stdout")
    const checkpoint = options.checkpoint
    const kept = options.output ?? (checkpoint === undefined ? undefined : `${checkpoint}.plan`)
    const plan = kept ?? path.join(os.tmpdir(), `cognito-identity-purge-${randomUUID()}.ndjson`)
    if (checkpoint !== undefined && (yield* sameFile(checkpoint, plan))) {
      return yield* refuse(`the checkpoint ${checkpoint} and the plan ${plan} must be different files`)
    }
    const origin = describeOrigin(source.pools, source.selection)
    const deleteFrom = executePurgePlanWith({ ...options, plan, origin }, policy, limit)
    // A checkpoint already there: its plan is the one to finish (the origin and plan are checked).
    if (checkpoint !== undefined && (yield* readPurgeCheckpoint(checkpoint)) !== undefined) {
      const summary = yield* deleteFrom
      if (options.output === undefined) yield* removeQuietly(plan)
      return { _tag: "Executed", selection: undefined, summary } as const
    }
    const purge = Effect.gen(function*() {
      const selection = yield* writePurgePlanWith({ ...selectOptions, output: plan }, policy, limit)
      const summary = yield* deleteFrom
      return { _tag: "Executed", selection, summary } as const
    })
    if (kept === undefined) return yield* Effect.ensuring(purge, removeQuietly(plan))
    const result = yield* purge
    if (options.output === undefined) yield* removeQuietly(plan)
    return result
  }).pipe(Effect.scoped)
