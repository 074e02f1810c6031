/**
 * Resumable exports with the command as a process: killed with SIGKILL at several points (no
 * finalizer runs: the file and checkpoint are as the crash left them), rerun until done, the
 * file holds every identity exactly once; a checkpoint that does not fit is refused with exit
 * 1 and a one-line reason. (SIGINT and its resume hint: cli.test.ts.)
 */
import { layer } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { expect } from "vitest"
import { Emulator } from "../../src/emulator/index.js"
import { identityKeys } from "../support/emulatorContents.js"
import { acknowledged, built, ndjsonKeys, runCli } from "./runCli.js"

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "cli-resume-"))

class Served extends Effect.Tag("test/ResumeServed")<Served, Effect.Effect.Success<ReturnType<typeof Emulator.serve>>>() {}

layer(Layer.scoped(Served, Emulator.serve({ port: 0, seed: { pools: 3, identitiesPerPool: 1000 } })), {
  excludeTestServices: true,
  timeout: 120_000
})("cognito-identity export: checkpoints with the command", (it) => {
  it.effect.skipIf(!built)("kill -9 at several points (before the first checkpoint, mid-pool, at a pool boundary, late), then exact", () =>
    Effect.gen(function*() {
      const { url, emulator } = yield* Served
      const dir = tmp()
      const output = path.join(dir, "all.ndjson")
      const checkpoint = path.join(dir, "all.checkpoint")
      const args = ["export", "--all", "--output", output, "--checkpoint", checkpoint, "--endpoint", url]
      // Kill once the partial file exists (no checkpoint yet), then once the checkpoint has
      // acknowledged at least this many records. 20 requests/s: slow enough to land mid-way.
      const points = [0, 540, 1000, 2400]
      const killedAt: Array<number> = []
      for (const point of points) {
        let killed = false
        const run = yield* runCli([...args, "--rate", "20"], {
          watch: (kill) => {
            const ready = point === 0 ? fs.existsSync(`${output}.partial`) : acknowledged(checkpoint) >= point
            if (!killed && ready) {
              killed = true
              killedAt.push(acknowledged(checkpoint))
              kill("SIGKILL")
            }
          }
        })
        expect(run.signal, run.stderr).toBe("SIGKILL")
        expect(fs.existsSync(output)).toBe(false)
      }
      // Each kill came later than the one before.
      expect(killedAt.slice(1).every((n, i) => n > (killedAt[i] ?? -1))).toBe(true)
      const last = yield* runCli(args)
      expect(last.code, last.stderr).toBe(0)
      expect(last.stderr).toContain("resumed")
      const keys = ndjsonKeys(output)
      expect(new Set(keys).size).toBe(keys.length)
      expect(keys.sort()).toEqual(identityKeys(emulator).sort())
      expect(fs.readdirSync(dir)).toEqual(["all.ndjson"])
    }))

  it.effect.skipIf(!built)("refusals: the same file for output and checkpoint; a checkpoint of other pools", () =>
    Effect.gen(function*() {
      const { url, emulator } = yield* Served
      const [a, , c] = identityKeys(emulator).map((key) => key.split(" ")[0] ?? "").filter((id, i, all) => all.indexOf(id) === i)
      const dir = tmp()
      const output = path.join(dir, "out.ndjson")
      const same = yield* runCli(["export", "--pool-id", a ?? "", "--output", output, "--checkpoint", output, "--endpoint", url])
      expect(same.code).toBe(1)
      expect(same.stderr.trim().split("\n")).toHaveLength(1)
      expect(same.stderr).toContain("must be different files")
      expect(fs.readdirSync(dir)).toEqual([])

      const checkpoint = path.join(dir, "out.checkpoint")
      let killed = false
      yield* runCli(["export", "--pool-id", a ?? "", "--output", output, "--checkpoint", checkpoint, "--endpoint", url, "--rate", "10"], {
        watch: (kill) => {
          if (!killed && acknowledged(checkpoint) >= 120) {
            killed = true
            kill("SIGKILL")
          }
        }
      })
      const other = yield* runCli(["export", "--pool-id", c ?? "", "--output", output, "--checkpoint", checkpoint, "--endpoint", url])
      expect(other.code).toBe(1)
      expect(other.stderr.trim().split("\n")).toHaveLength(1)
      expect(other.stderr).toContain(`pools ${a} in the checkpoint, ${c} now`)
      expect(fs.existsSync(output)).toBe(false)
    }))
})
