/**
 * A purge through the network it will meet: the emulator server behind the fault-injecting
 * proxy (about 10% throttling, 5% InternalError, 3% connections reset after the server
 * answered, 2% HTML 502 pages, 2% truncated bodies, 0–20 ms latency), with the purge's default
 * retry policy or standard mode. The library and the command as a process must each delete
 * every chosen identity exactly once (the server's ledger: a request the proxy broke after the
 * server processed it is sent again, and deletes nothing more) and touch no other; boto3's
 * `list_identities`, straight from the server, must then see exactly the others.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { Emulator } from "../../src/emulator/index.js"
import { CognitoIdentityClient } from "../../src/index.js"
import { UndiciHttpClient, purgeIdentities } from "../../src/node/index.js"
import { built, cliEnv, runCli } from "../cli/runCli.js"
import { describeRun, peerEnvironment, runPeer } from "../integration/boto/support.js"
import { chaosProxy, exportFaults } from "../resilience/chaosProxy.js"
import { hasBoto3, requirePeer, skipMessage } from "../support/peers.js"
import { testCredentials } from "../support/layers.js"
import type { ModelIdentity } from "./support.js"
import { keys, ledgerModel, modelIdentities, seedMix } from "./support.js"

const BOTO3_IDENTITIES = fileURLToPath(new URL("../resilience/boto3_identities.py", import.meta.url))
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "purge-chaos-"))

/** A served emulator holding the seeded mix, its ledger, and what it held before. */
const served = Effect.gen(function*() {
  const { ledger, model } = ledgerModel()
  seedMix(model, 400)
  const before = modelIdentities(model)
  const server = yield* Effect.orDie(Emulator.serve({ port: 0, model }))
  return { ledger, model, before, url: server.url, port: server.port }
})

/** Exactly the guests deleted, each once; boto3 lists exactly the others. */
const judge = (
  { before, ledger, model, url }: Effect.Effect.Success<typeof served>
) =>
  Effect.gen(function*() {
    const chosen = before.filter((i: ModelIdentity) => i.logins === 0)
    const chosenIds = new Set(chosen.map((i) => i.id))
    expect(chosen.length).toBeGreaterThan(500)
    expect([...ledger.deleted.keys()].sort()).toEqual([...chosenIds].sort())
    expect([...ledger.deleted.values()].every((n) => n === 1)).toBe(true)
    expect([...ledger.sent.keys()].every((id) => chosenIds.has(id))).toBe(true)
    const remaining = keys(before.filter((i) => !chosenIds.has(i.id)))
    expect(keys(modelIdentities(model))).toEqual(remaining)
    const { env } = yield* peerEnvironment
    const listed = yield* runPeer("python3", [BOTO3_IDENTITIES, url], env, 60_000)
    if (listed.exitCode !== 0) return yield* Effect.dieMessage(`boto3 could not list the identities: ${describeRun(listed)}`)
    expect((JSON.parse(listed.stdout) as Array<string>).sort()).toEqual(remaining)
    return chosen.length
  })

requirePeer(hasBoto3(), "python3 with boto3")

describe.skipIf(!hasBoto3())(`purge through a faulty network${hasBoto3() ? "" : `: ${skipMessage("python3 with boto3", "pip install boto3")}`}`, () => {
  // Seeds whose fault sequence holds every kind of fault within the purge's first 36 requests.
  const libraryRuns = [[1, undefined], [27, "standard"], [35, "standard"]] as const
  for (const [seed, mode] of libraryRuns) {
    it.live(`library, seed ${seed}, ${mode ?? "default"} retry mode: every guest deleted once, no other touched`, () =>
      Effect.gen(function*() {
        const server = yield* served
        const proxy = yield* chaosProxy(server.port, { seed, weights: exportFaults, latencyMillis: 20 })
        const result = yield* purgeIdentities({
          source: { pools: "all", selection: { guests: true } },
          execute: true,
          checkpoint: path.join(tmp(), "purge.checkpoint"),
          ...(mode === undefined ? {} : { retry: { mode } })
        }).pipe(
          Effect.provide(Layer.mergeAll(
            CognitoIdentityClient.layer({ region: "us-east-1", endpoint: proxy.url }).pipe(Layer.provide(UndiciHttpClient.layer)),
            testCredentials
          ))
        )
        const chosen = yield* judge(server)
        if (result._tag !== "Executed") return expect.unreachable()
        expect(result.summary).toMatchObject({ planned: chosen, deleted: chosen, failed: 0 })
        expect(result.summary.retries + (result.selection?.retries ?? 0)).toBeGreaterThan(0)
        for (const [kind, count] of Object.entries(proxy.counts)) expect(count, kind).toBeGreaterThan(0)
      }).pipe(Effect.scoped), 180_000)
  }

  for (const seed of [20, 50]) {
    it.live.skipIf(!built)(`command, seed ${seed}: exit 0, every guest deleted once, no other touched`, () =>
      Effect.gen(function*() {
        const server = yield* served
        const proxy = yield* chaosProxy(server.port, { seed, weights: exportFaults, latencyMillis: 20 })
        const run = yield* runCli(["purge", "--all", "--guests", "--execute", "--endpoint", proxy.url, "--retry-mode", "standard"], {
          env: cliEnv()
        })
        expect(run.code, run.stderr).toBe(0)
        const chosen = yield* judge(server)
        expect(run.stderr).toContain(`deleted ${chosen.toLocaleString("en-US")} of ${chosen.toLocaleString("en-US")} identities`)
        expect(run.stdout).toBe("")
        for (const [kind, count] of Object.entries(proxy.counts)) expect(count, kind).toBeGreaterThan(0)
      }).pipe(Effect.scoped), 180_000)
  }
})
