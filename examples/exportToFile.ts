/**
 * README exports: every identity of every pool, as a Stream (constant memory) or straight to a
 * file with a checkpoint that lets an interrupted export resume.
 */
import { Effect, Stream } from "effect"
import { exportIdentities } from "effect-cognito-identity"
import { writeExport } from "effect-cognito-identity/node"

/** Count identities per provider without holding them in memory. */
export const providerCounts = exportIdentities({ pools: "all" }).pipe(
  Stream.runFold(new Map<string, number>(), (counts, record) => {
    for (const provider of record.Logins.length === 0 ? ["(guest)"] : record.Logins) {
      counts.set(provider, (counts.get(provider) ?? 0) + 1)
    }
    return counts
  }),
  Effect.scoped
)

/** NDJSON to a file, resumable, at most 20 requests per second. */
export const exportAll = (output: string) =>
  writeExport({ pools: "all", format: "ndjson", output, checkpoint: `${output}.checkpoint`, requestsPerSecond: 20 })
