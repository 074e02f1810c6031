/**
 * The state file at the scale the emulator claims: 4 pools × 1,000,000 identities are written
 * at start (a streamed snapshot) and read back by a second emulator, a line at a time. Every
 * identity of every pool is compared on both sides through a digest of the model's snapshot,
 * and no line of the file is longer than a few hundred kilobytes (no single string holds the
 * state). About a minute of CPU on 2 cores; CI_SCALE=0 skips it on very slow machines. It lives
 * outside test/integration so that CI runs it once, not again on each Node line.
 */
import { createHash } from "node:crypto"
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import type { EmulatorService } from "../../src/emulator/Emulator.js"
import { Emulator } from "../../src/emulator/Emulator.js"

const POOLS = 4
const IDENTITIES = 1_000_000

const dir = mkdtempSync(join(tmpdir(), "state-scale-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface PoolDigest {
  readonly pool: string
  readonly count: number
  /** Of every identity, in order: id, sequence number, dates, flags, links. */
  readonly digest: string
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Every pool's identities, digested from the model's own snapshot (its public, JSON form). */
const contents = (emulator: EmulatorService): ReadonlyArray<PoolDigest> => {
  const data = emulator.model.snapshot().data
  const pools = isRecord(data) && Array.isArray(data["pools"]) ? data["pools"] : []
  return pools.map((pool: unknown) => {
    const identities = isRecord(pool) && Array.isArray(pool["identities"]) ? pool["identities"] : []
    const hash = createHash("sha256")
    for (const identity of identities) hash.update(`${JSON.stringify(identity)}\n`)
    return { pool: isRecord(pool) ? String(pool["id"]) : "", count: identities.length, digest: hash.digest("hex") }
  })
}

const longestLine = (path: string) =>
  new Promise<number>((resolve, reject) => {
    let longest = 0
    let current = 0
    createReadStream(path)
      .on("data", (chunk: Buffer | string) => {
        const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk
        let from = 0
        for (let newline = bytes.indexOf(10); newline >= 0; newline = bytes.indexOf(10, from)) {
          longest = Math.max(longest, current + newline - from)
          current = 0
          from = newline + 1
        }
        current += bytes.byteLength - from
      })
      .on("end", () => resolve(Math.max(longest, current)))
      .on("error", reject)
  })

describe.skipIf(process.env["CI_SCALE"] === "0")("state file at scale", () => {
  it(`${POOLS} pools × ${IDENTITIES.toLocaleString("en")} identities save and load back identical`, async () => {
    const statePath = join(dir, "state")
    const saved = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const emulator = yield* Emulator.make({ statePath, seed: { pools: POOLS, identitiesPerPool: IDENTITIES } })
      expect(emulator.stateStats()).toMatchObject({ snapshots: 1 })
      return contents(emulator)
    })))
    expect(saved.map((pool) => pool.count)).toEqual(Array(POOLS).fill(IDENTITIES))
    expect(statSync(statePath).size).toBeGreaterThan(POOLS * IDENTITIES * 50)
    expect(await longestLine(statePath)).toBeLessThan(256 * 1024)

    const loaded = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const emulator = yield* Emulator.make({ statePath })
      return contents(emulator)
    })))
    expect(loaded).toEqual(saved)
  }, 600_000)
})
