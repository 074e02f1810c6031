/**
 * Resumable purges with the command as a process: killed with SIGKILL at several points (while
 * selecting, right after the plan was recorded, twice while deleting: no finalizer runs), then
 * run again until done; every chosen identity is deleted exactly once and no other is touched
 * (the server's ledger), and nothing is left next to the checkpoint. SIGINT stops with exit 130
 * and says how to resume; a dry run stopped by SIGTERM says nothing was deleted.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Emulator } from "../../src/emulator/index.js"
import { keys, ledgerModel, modelIdentities, seedMix } from "../purge/support.js"
import { built, runCli } from "./runCli.js"

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "cli-purge-resume-"))

/** Plan entries the checkpoint records as done; -1 while there is none (or it is being replaced). */
const processed = (checkpoint: string): number => {
  try {
    return (JSON.parse(fs.readFileSync(checkpoint, "utf8")) as { processed: number }).processed
  } catch {
    return -1
  }
}

const serve = Effect.gen(function*() {
  const { ledger, model } = ledgerModel()
  const pools = seedMix(model, 400)
  const before = modelIdentities(model)
  const server = yield* Effect.orDie(Emulator.serve({ port: 0, model }))
  return { ledger, model, pools, before, url: server.url }
})

describe.skipIf(!built)("cognito-identity purge: checkpoints with the command", () => {
  it.live("kill -9 while selecting, at the first checkpoint and twice while deleting, then resumed: exact", () =>
    Effect.gen(function*() {
      const { before, ledger, model, url } = yield* serve
      const dir = tmp()
      const checkpoint = path.join(dir, "purge.checkpoint")
      const args = ["purge", "--all", "--guests", "--execute", "--checkpoint", checkpoint, "--endpoint", url, "--rate", "8"]
      const chosen = before.filter((i) => i.logins === 0)
      // "selecting": the plan is being written; then the checkpoint records this many entries done.
      const points = ["selecting", 0, 240, 600] as const
      const killedAt: Array<number> = []
      for (const point of points) {
        let killed = false
        const run = yield* runCli(args, {
          watch: (kill) => {
            const ready = point === "selecting" ? fs.existsSync(`${checkpoint}.plan.partial`) : processed(checkpoint) >= point
            if (!killed && ready) {
              killed = true
              killedAt.push(processed(checkpoint))
              kill("SIGKILL")
            }
          }
        })
        expect(run.signal, run.stderr).toBe("SIGKILL")
        // Nothing is deleted before the plan is complete and recorded.
        if (point === "selecting") expect(ledger.requests).toEqual([])
      }
      expect(killedAt[0]).toBe(-1)
      expect(killedAt.slice(1).every((n, i) => n > (killedAt[i] ?? -2))).toBe(true)
      const last = yield* runCli(args)
      expect(last.code, last.stderr).toBe(0)
      expect(last.stderr).toContain("(resumed)")
      expect(last.stderr).toContain(`deleted ${chosen.length} of ${chosen.length} identities`)
      const chosenIds = new Set(chosen.map((i) => i.id))
      expect([...ledger.deleted.keys()].sort()).toEqual([...chosenIds].sort())
      expect([...ledger.deleted.values()].every((n) => n === 1)).toBe(true)
      expect([...ledger.sent.keys()].every((id) => chosenIds.has(id))).toBe(true)
      // At most the batch in flight at each kill was sent again.
      expect(ledger.requests.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(chosen.length + 3 * 60)
      expect(keys(modelIdentities(model))).toEqual(keys(before.filter((i) => !chosenIds.has(i.id))))
      expect(fs.readdirSync(dir)).toEqual([])
    }).pipe(Effect.scoped), 180_000)

  it.live("SIGINT: exit 130 with the resume hint, then resumed exactly; SIGTERM on a dry run: 143, nothing deleted", () =>
    Effect.gen(function*() {
      const { before, ledger, pools, url } = yield* serve
      const pool = pools[0] ?? ""
      const dir = tmp()
      const checkpoint = path.join(dir, "purge.checkpoint")
      const args = ["purge", "--pool-id", pool, "--guests", "--not-modified-for", "30", "--execute", "--checkpoint", checkpoint]
      let sent = false
      const stopped = yield* runCli([...args, "--endpoint", url, "--rate", "4"], {
        watch: (kill) => {
          if (!sent && processed(checkpoint) >= 0) {
            sent = true
            kill("SIGINT")
          }
        }
      })
      expect(stopped.code).toBe(130)
      expect(stopped.stderr.trim().split("\n").at(-1)).toBe(
        `cognito-identity: stopped by SIGINT; run the same command again to resume from ${checkpoint}`
      )
      const resumed = yield* runCli([...args, "--endpoint", url])
      expect(resumed.code, resumed.stderr).toBe(0)
      const chosen = before.filter((i) => i.pool === pool && i.logins === 0 && i.modified < Date.now() - 30 * 86_400_000)
      // Several batches: the signal comes while some are left.
      expect(chosen.length).toBeGreaterThan(240)
      expect([...ledger.deleted.keys()].sort()).toEqual(chosen.map((i) => i.id).sort())

      let terminated = false
      const dry = yield* runCli(["purge", "--all", "--guests", "--endpoint", url, "--rate", "2", "--output", path.join(dir, "plan")], {
        watch: (kill) => {
          if (!terminated && fs.existsSync(path.join(dir, "plan.partial"))) {
            terminated = true
            kill("SIGTERM")
          }
        }
      })
      expect(dry.code).toBe(143)
      expect(dry.stderr).toContain("stopped by SIGTERM; nothing was deleted")
      expect(fs.readdirSync(dir)).toEqual([])
      expect(ledger.deleted.size).toBe(chosen.length)
    }).pipe(Effect.scoped), 120_000)
})
