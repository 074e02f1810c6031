/**
 * README bulk clean-up: the guests nobody has used for 90 days, reviewed as a plan, then
 * deleted from exactly that plan with a checkpoint.
 */
import { Effect } from "effect"
import { executePurgePlan, writePurgePlan } from "effect-cognito-identity/node"

/** The dry run: writes the plan (NDJSON, one identity per line) and says how many. */
export const planStaleGuests = (plan: string) =>
  writePurgePlan({ pools: "all", selection: { guests: true, notModifiedFor: "90 days" }, output: plan, requestsPerSecond: 20 })

/** Deletes the plan's identities; run it again after a crash to resume. */
export const deletePlanned = (plan: string) =>
  executePurgePlan({ plan, checkpoint: `${plan}.checkpoint`, requestsPerSecond: 20 }).pipe(
    Effect.tap((summary) =>
      Effect.log(`deleted ${summary.deleted} of ${summary.planned}; not deleted: ${summary.failures.length}`)
    )
  )
