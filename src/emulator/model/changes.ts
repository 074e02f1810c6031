/**
 * The `ChangeSink` of a model without a state file (the interface is in `State.ts`, beside the
 * state it reports on).
 */
import type { ChangeSink } from "./State.js"

/** The default: a model without a state file reports to no one. */
export const noChanges: ChangeSink = {
  identity: () => undefined,
  pool: () => undefined,
  credentials: () => undefined,
  everything: () => undefined
}
