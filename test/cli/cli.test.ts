/**
 * The `cognito-identity` command as users run it: a real process (the built `dist/`, which
 * `npm test` builds first), real sockets, exit codes and output files.
 */
import { layer } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { Emulator } from "../../src/emulator/index.js"
import { identityKeys } from "../support/emulatorContents.js"
import { acknowledged, cliEnv, main, ndjsonKeys, runCli } from "./runCli.js"

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "cli-test-"))
const env = cliEnv()

/** Runs the command to completion; `watch` is called every 20 ms and may send a signal. */
const run = (args: ReadonlyArray<string>, watch?: (kill: (s: NodeJS.Signals) => void) => void) =>
  runCli(args, watch === undefined ? {} : { watch })

describe.skipIf(!fs.existsSync(main))("cognito-identity (built)", () => {
  it("demo exits 0 and writes every seeded identity", async () => {
    const output = path.join(tmp(), "demo.ndjson")
    const result = await Effect.runPromise(run(["demo", "--pools", "2", "--identities", "750", "--output", output]))
    expect(result.code).toBe(0)
    expect(result.stdout.trim().split("\n").at(-1)).toBe(output)
    const lines = fs.readFileSync(output, "utf8").trim().split("\n")
    expect(lines).toHaveLength(1500)
    expect(new Set(lines.map((line) => (JSON.parse(line) as { IdentityId: string }).IdentityId)).size).toBe(1500)
    expect(result.stderr).toContain("exported 1,500 records")
  })

  it("bad usage exits non-zero with a one-line reason", async () => {
    const result = await Effect.runPromise(run(["export", "--format", "csv"]))
    expect(result.code).not.toBe(0)
    expect(result.stderr + result.stdout).toContain("--pool-id")
  })

  it("an unreachable endpoint exits 1 with a one-line reason", async () => {
    const result = await Effect.runPromise(
      run(["pools", "--endpoint", "http://127.0.0.1:9", "--region", "us-east-1"])
    )
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split("\n")).toHaveLength(1)
    expect(result.stderr).toMatch(/^cognito-identity: TransportError/)
  })

  it("emulator prints its address, serves, and stops cleanly on SIGTERM", async () => {
    const state = path.join(tmp(), "state.json")
    const child = spawn(process.execPath, [main, "emulator", "--port", "0", "--seed-pools", "1", "--seed-identities", "5", "--state", state], {
      env,
      stdio: ["ignore", "pipe", "pipe"]
    })
    const url = await new Promise<string>((resolve, reject) => {
      let out = ""
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString()
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
        if (match?.[1] !== undefined) resolve(match[1])
      })
      child.on("exit", () => reject(new Error(`exited early: ${out}`)))
    })
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityService.GetId" },
      body: JSON.stringify({ IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000" })
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ __type: "ResourceNotFoundException" })
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
    child.kill("SIGTERM")
    expect(await exit).toBe(0)
    expect(fs.existsSync(state)).toBe(true)
  })
})

class Served extends Effect.Tag("test/CliServed")<Served, Effect.Effect.Success<ReturnType<typeof Emulator.serve>>>() {}

layer(Layer.scoped(Served, Emulator.serve({ port: 0, seed: { pools: 3, identitiesPerPool: 1000 } })), {
  excludeTestServices: true,
  timeout: 120_000
})("cognito-identity export against an emulator started by the test", (it) => {
  it.effect.skipIf(!fs.existsSync(main))("export --all --format csv: exactly the emulator's identities", () =>
    Effect.gen(function*() {
      const { url, emulator } = yield* Served
      const output = path.join(tmp(), "all.csv")
      const result = yield* run(["export", "--all", "--format", "csv", "--output", output, "--endpoint", url])
      expect(result.code).toBe(0)
      const rows = fs.readFileSync(output, "utf8").split("\r\n").slice(1, -1)
      expect(rows.map((row) => row.split(",").slice(0, 2).join(" ")).sort()).toEqual(identityKeys(emulator).sort())
    }))

  it.effect.skipIf(!fs.existsSync(main))("SIGINT mid-export exits 130 with a checkpoint; the same command resumes it exactly", () =>
    Effect.gen(function*() {
      const { url, emulator } = yield* Served
      const dir = tmp()
      const output = path.join(dir, "all.ndjson")
      const checkpoint = path.join(dir, "all.checkpoint")
      const args = ["export", "--all", "--output", output, "--checkpoint", checkpoint, "--endpoint", url]
      let signalled = false
      // 10 requests/s: slow enough to be interrupted half-way.
      const first = yield* run([...args, "--rate", "10"], (kill) => {
        if (!signalled && acknowledged(checkpoint) >= 600) {
          signalled = true
          kill("SIGINT")
        }
      })
      expect(first.code).toBe(130)
      expect(first.stderr.trim().split("\n").at(-1)).toBe(
        `cognito-identity: stopped by SIGINT; run the same command again to resume from ${checkpoint}`
      )
      expect(fs.existsSync(output)).toBe(false)
      expect(fs.existsSync(checkpoint)).toBe(true)
      const second = yield* run(args)
      expect(second.code).toBe(0)
      expect(second.stderr).toContain("resumed")
      const keys = ndjsonKeys(output)
      expect(new Set(keys).size).toBe(keys.length)
      expect(keys.sort()).toEqual(identityKeys(emulator).sort())
      expect(fs.existsSync(checkpoint)).toBe(false)
    }))
})
