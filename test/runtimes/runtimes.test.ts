/**
 * The smoke program (test/packaging/app) on Bun, Deno and workerd, each importing the package as
 * that runtime's users do: Bun and Deno from the application's node_modules (the packed tarball
 * installed next to effect 3.22.2), workerd through an esbuild bundle as a Workers build makes
 * it. Against the emulator over HTTP: a signed stream over three pages, an unsigned GetId, a
 * signed DescribeIdentityPool with static credentials, a typed service error and a typed client
 * error. The runtimes come from this directory's own package (`npm ci` here).
 */
import { spawn } from "node:child_process"
import { copyFile } from "node:fs/promises"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { build } from "esbuild"
import { Effect } from "effect"
import { Emulator } from "effect-cognito-identity/emulator"
import { requirePeer } from "../support/peers.js"
import { describeRun, lastJsonLine, makeScratchApp, run, type ScratchApp } from "../packaging/scratchApp.js"
import { expectSmokeReport, type SmokeResult } from "../packaging/smokeExpectations.js"
import { INSTALL_RUNTIMES, runtimes } from "./runtimes.js"

const missing = (["bun", "deno", "workerd"] as const).filter((name) => runtimes[name] === undefined)
requirePeer(missing.length === 0, `the runtimes ${missing.join(", ")} (${INSTALL_RUNTIMES})`)
if (missing.length > 0) {
  console.warn(`${missing.join(", ")} not installed here, so their smoke tests are skipped (install with: ${INSTALL_RUNTIMES}); CI runs them.`)
}

let app: ScratchApp | undefined

beforeAll(async () => {
  if (missing.length === 3) return
  app = await makeScratchApp({ dependencies: { effect: "3.22.2", "@effect/platform": "0.97.2" } })
  expect(app.install.code, describeRun("npm install", app.install)).toBe(0)
}, 600_000)

afterAll(() => app?.remove())

const appDir = () => {
  if (app === undefined) throw new Error("the scratch application was not made")
  return app.dir
}

/** An emulator with one seeded pool of 25 identities; checks what reached it once `body` is done. */
const againstEmulator = (body: (url: string, poolId: string) => Promise<SmokeResult>) =>
  Effect.scoped(Effect.gen(function*() {
    const { emulator, url } = yield* Emulator.serve({ port: 0 })
    const [poolId = ""] = yield* emulator.seed({ pools: 1, identitiesPerPool: 25 })
    const report = yield* Effect.promise(() => body(url, poolId))
    expectSmokeReport(report, { listed: 25 })
    const stats = emulator.stats().operations
    expect(stats["ListIdentities"]?.outcomes).toEqual({ Success: 3 })
    expect(stats["GetId"]?.outcomes).toEqual({ Success: 1 })
    expect(stats["DescribeIdentityPool"]?.outcomes).toEqual({ Success: 1, ResourceNotFoundException: 1 })
    // The invalid GetId never left the runtime.
    expect(Object.keys(stats).sort()).toEqual(["DescribeIdentityPool", "GetId", "ListIdentities"])
  }))

const reportOf = (output: unknown): SmokeResult => {
  const result = output as { readonly ok: boolean; readonly report?: SmokeResult; readonly error?: string }
  expect(result.error).toBeUndefined()
  expect(result.ok).toBe(true)
  return result.report as SmokeResult
}

describe("Bun", () => {
  it.live.skipIf(runtimes.bun === undefined)("runs the smoke program from node_modules", () =>
    againstEmulator(async (url, poolId) => {
      const result = await run(runtimes.bun ?? "bun", ["main.ts", url, poolId], { cwd: appDir(), timeoutMs: 120_000 })
      expect(result.code, describeRun("bun", result)).toBe(0)
      return reportOf(lastJsonLine(result))
    }), 180_000)
})

describe("Deno", () => {
  it.live.skipIf(runtimes.deno === undefined)("runs the smoke program from node_modules, with network access to the emulator only", () =>
    againstEmulator(async (url, poolId) => {
      const args = [
        "run",
        "--no-prompt",
        // The app's own files import each other as `./smoke.js` (for tsc); Deno maps that to smoke.ts.
        "--sloppy-imports",
        `--allow-net=${new URL(url).host}`,
        // Read by msgpackr, which `import { FetchHttpClient } from "@effect/platform"` loads.
        "--allow-env=MSGPACKR_NATIVE_ACCELERATION_DISABLED",
        "main.ts",
        url,
        poolId
      ]
      const result = await run(runtimes.deno ?? "deno", args, { cwd: appDir(), env: { ...process.env, NO_COLOR: "1" }, timeoutMs: 120_000 })
      expect(result.code, describeRun("deno", result)).toBe(0)
      return reportOf(lastJsonLine(result))
    }), 180_000)
})

/** Starts `workerd serve`, learns its port from --control-fd, GETs `path`, and stops it. */
const fetchFromWorkerd = (workerd: string, cwd: string, path: string) =>
  new Promise<{ readonly status: number; readonly body: string }>((resolve, reject) => {
    const child = spawn(workerd, ["serve", "config.capnp", "--control-fd=3"], { cwd, stdio: ["ignore", "pipe", "pipe", "pipe"] })
    let output = ""
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()))
    let answered = false
    const exited = new Promise<void>((done) => child.once("exit", () => done()))
    child.once("exit", (code, signal) => {
      if (!answered) reject(new Error(`workerd exited (${code ?? signal}) before answering:\n${output}`))
    })
    let control = ""
    child.stdio[3]?.on("data", (chunk: Buffer) => {
      control += chunk.toString()
      const listen = control.split("\n").map((line) => line.trim()).filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { readonly event: string; readonly port?: number })
        .find((event) => event.event === "listen")
      if (listen?.port === undefined || answered) return
      answered = true
      fetch(`http://127.0.0.1:${listen.port}${path}`)
        .then(async (response) => ({ status: response.status, body: await response.text() }))
        .then(
          (answer) => {
            child.kill("SIGTERM")
            return exited.then(() => resolve(answer))
          },
          (error: unknown) => {
            child.kill("SIGTERM")
            reject(error)
          }
        )
    })
  })

describe("workerd", () => {
  it.live.skipIf(runtimes.workerd === undefined)("runs the smoke program bundled as a Workers module, without Node.js compatibility", () =>
    againstEmulator(async (url, poolId) => {
      const dir = appDir()
      // As a Workers build bundles (Wrangler's conditions): no node:* import may remain.
      const bundle = await build({
        absWorkingDir: dir,
        entryPoints: ["worker.ts"],
        bundle: true,
        format: "esm",
        platform: "browser",
        conditions: ["workerd", "worker", "browser"],
        outfile: "worker.bundle.js",
        logLevel: "silent",
        metafile: true
      })
      const nodeImports = Object.values(bundle.metafile.outputs).flatMap((output) => output.imports)
        .filter((imported) => imported.path.startsWith("node:"))
      expect(nodeImports).toEqual([])
      await copyFile(fileURLToPath(new URL("./workerd/config.capnp", import.meta.url)), join(dir, "config.capnp"))
      const query = new URLSearchParams({ endpoint: url, identityPoolId: poolId })
      const answer = await fetchFromWorkerd(runtimes.workerd ?? "workerd", dir, `/?${query}`)
      expect(answer.status, answer.body).toBe(200)
      return reportOf(JSON.parse(answer.body))
    }), 180_000)
})
