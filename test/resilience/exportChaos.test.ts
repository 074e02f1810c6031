/**
 * The job the package exists for, through the network it will meet: a full export of 3 pools ×
 * 1,000 identities (51 pages) from the emulator server, through a proxy that answers about 10%
 * of requests with throttling, 5% with InternalError, resets 3% of the connections mid-body,
 * answers 2% with a load balancer's HTML 502, truncates 2% of the bodies and delays every
 * answer by 0–20 ms. With the export's default retry policy (nothing configured), the library
 * and the command as a process must each end with exactly the identities boto3's
 * `list_identities` sees, straight from the server: no loss, no duplicate, exit 0.
 */
import { layer } from "@effect/vitest"
import { Context, Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect } from "vitest"
import { Emulator } from "../../src/emulator/index.js"
import { writeExport } from "../../src/export/writeExport.js"
import { CognitoIdentityClient } from "../../src/index.js"
import { UndiciHttpClient } from "../../src/node/index.js"
import { built, cliEnv, ndjsonKeys, runCli } from "../cli/runCli.js"
import { describeRun, peerEnvironment, runPeer } from "../integration/boto/support.js"
import { hasBoto3, requirePeer, skipMessage } from "../support/peers.js"
import { testCredentials } from "../support/layers.js"
import { chaosProxy, exportFaults } from "./chaosProxy.js"

const SCRIPT = fileURLToPath(new URL("./boto3_identities.py", import.meta.url))
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "export-chaos-"))

class Peer extends Context.Tag("test/ExportChaosPeer")<Peer, {
  readonly port: number
  /** What boto3 listed, sorted. */
  readonly expected: ReadonlyArray<string>
}>() {}

const peerLayer = Layer.scoped(
  Peer,
  Effect.gen(function*() {
    const served = yield* Effect.orDie(Emulator.serve({ port: 0, seed: { pools: 3, identitiesPerPool: 1000 } }))
    const { env } = yield* peerEnvironment
    const result = yield* runPeer("python3", [SCRIPT, served.url], env, 60_000)
    if (result.exitCode !== 0) return yield* Effect.dieMessage(`boto3 could not list the identities: ${describeRun(result)}`)
    const listed = JSON.parse(result.stdout) as Array<string>
    return { port: Number(new URL(served.url).port), expected: [...listed].sort() }
  })
)

const exact = (exported: ReadonlyArray<string>, expected: ReadonlyArray<string>) => {
  expect(expected).toHaveLength(3000)
  expect(new Set(exported).size, "duplicates").toBe(exported.length)
  expect([...exported].sort()).toEqual(expected)
}

requirePeer(hasBoto3(), "python3 with boto3")

if (!hasBoto3()) {
  describe.skip(`export through a faulty network: ${skipMessage("python3 with boto3", "pip install boto3")}`, () => {})
} else {
  layer(peerLayer, { excludeTestServices: true, timeout: 180_000 })("export through a faulty network", (it) => {
    // Seeds whose fault sequence holds every kind of fault within the export's 52 pages. The
    // default (adaptive) policy paces itself after each throttle, which takes ~3× as long as
    // standard mode against this random throttling: two seeds run in standard mode to save time.
    const libraryRuns = [[1, undefined], [16, "standard"], [27, "standard"]] as const
    for (const [seed, mode] of libraryRuns) {
      it.effect(`library, seed ${seed}, ${mode ?? "default"} retry mode: exactly the identities boto3 lists`, () =>
        Effect.gen(function*() {
          const { port, expected } = yield* Peer
          const proxy = yield* chaosProxy(port, { seed, weights: exportFaults, latencyMillis: 20 })
          const file = path.join(tmp(), "all.ndjson")
          const summary = yield* writeExport({
            pools: "all",
            format: "ndjson",
            output: file,
            ...(mode === undefined ? {} : { retry: { mode } })
          }).pipe(
            Effect.provide(
              Layer.mergeAll(
                CognitoIdentityClient.layer({ region: "us-east-1", endpoint: proxy.url }).pipe(Layer.provide(UndiciHttpClient.layer)),
                testCredentials
              )
            )
          )
          exact(ndjsonKeys(file), expected)
          expect(summary.pages).toBeGreaterThanOrEqual(51)
          // Every kind of fault happened, and was retried through.
          for (const [mode, count] of Object.entries(proxy.counts)) expect(count, mode).toBeGreaterThan(0)
          expect(summary.retries).toBeGreaterThan(0)
        }).pipe(Effect.scoped))
    }

    for (const seed of [20, 22]) {
      it.effect.skipIf(!built)(`command, seed ${seed}: exit 0 and exactly the identities boto3 lists`, () =>
        Effect.gen(function*() {
          const { port, expected } = yield* Peer
          const proxy = yield* chaosProxy(port, { seed, weights: exportFaults, latencyMillis: 20 })
          const file = path.join(tmp(), "all.ndjson")
          const result = yield* runCli(["export", "--all", "--output", file, "--endpoint", proxy.url], { env: cliEnv() })
          expect(result.code, result.stderr).toBe(0)
          exact(ndjsonKeys(file), expected)
          expect(result.stderr).toMatch(/exported 3,000 records · \d+ pages · 3\/3 pools/)
          for (const [mode, count] of Object.entries(proxy.counts)) expect(count, mode).toBeGreaterThan(0)
        }).pipe(Effect.scoped))
    }
  })
}
