/**
 * Counts every request the emulator receives, per operation and per outcome, so that tests
 * can assert what reached the service ("exactly one GetCredentialsForIdentity", "the retry
 * made three attempts", "two calls were throttled").
 */

export interface OperationStats {
  /** Requests routed to the operation, whatever their outcome. */
  readonly requests: number
  /** By outcome: "Success", an error code ("ValidationException", ...), "DropConnection", ... */
  readonly outcomes: Readonly<Record<string, number>>
}

export interface EmulatorStats {
  /** Every request received, routed or not (pre-flights and bad targets included). */
  readonly requests: number
  /** By operation name; requests that named no operation are under {@link UNROUTED}. */
  readonly operations: Readonly<Record<string, OperationStats>>
  /** By outcome, over all requests. */
  readonly outcomes: Readonly<Record<string, number>>
}

/** The "operation" of requests that named none (pre-flights, bad paths, unknown targets). */
export const UNROUTED = "(none)"

export interface StatsRecorder {
  readonly record: (operation: string | undefined, outcome: string) => void
  readonly snapshot: () => EmulatorStats
  readonly reset: () => void
}

const bump = (counts: Map<string, number>, key: string): void => {
  counts.set(key, (counts.get(key) ?? 0) + 1)
}

export const makeStatsRecorder = (): StatsRecorder => {
  let requests = 0
  const outcomes = new Map<string, number>()
  const operations = new Map<string, { requests: number; outcomes: Map<string, number> }>()
  return {
    record: (operation, outcome) => {
      requests += 1
      bump(outcomes, outcome)
      const name = operation ?? UNROUTED
      let entry = operations.get(name)
      if (entry === undefined) {
        entry = { requests: 0, outcomes: new Map() }
        operations.set(name, entry)
      }
      entry.requests += 1
      bump(entry.outcomes, outcome)
    },
    snapshot: () => ({
      requests,
      outcomes: Object.fromEntries(outcomes),
      operations: Object.fromEntries(
        [...operations].map(([name, entry]) => [name, { requests: entry.requests, outcomes: Object.fromEntries(entry.outcomes) }])
      )
    }),
    reset: () => {
      requests = 0
      outcomes.clear()
      operations.clear()
    }
  }
}
