/**
 * What the model tells the state file about each change it makes. Every code path that mutates
 * the state reports the entity it touched here, right after touching it; the state file's
 * journal writes the entity's state as of the next flush, so a change reported once and changed
 * again before the flush costs one record. A test replays random operation sequences through a
 * journal and compares the reloaded model with the live one, so a mutation that forgets to
 * report itself is caught there.
 */
import type { IssuedCredentials } from "./CredentialStore.js"
import type { Identity, Pool } from "./State.js"

export interface ChangeSink {
  /** An identity was created, linked, unlinked, merged, disabled or deleted. */
  readonly identity: (identity: Identity) => void
  /** A pool was created, reconfigured (settings, tags, roles, principal tags) or deleted. */
  readonly pool: (pool: Pool) => void
  readonly credentials: (credentials: IssuedCredentials) => void
  /**
   * Too many changes to list one by one (seeding a million identities): the whole state is
   * to be written again.
   */
  readonly everything: () => void
}

/** The default: a model without a state file reports to no one. */
export const noChanges: ChangeSink = {
  identity: () => undefined,
  pool: () => undefined,
  credentials: () => undefined,
  everything: () => undefined
}
