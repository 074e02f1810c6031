#!/usr/bin/env node
/**
 * The emulator's own throughput: unsigned GetId at concurrency 32 against
 * `cognito-identity emulator` in memory and with `--state FILE`, in the same run, rounds
 * alternating, each server in its own process (as users run it) and the load generator in this
 * one (undici, 32 keep-alive connections, one request in flight per connection). Every answer
 * is checked (HTTP 200 and an identity id of the pool's region); after each round the server is
 * stopped with SIGTERM and, with --state, the file is read back and must hold every identity the
 * round was answered (a state that lost one fails the run).
 *
 *   node bench/emulator.mjs              5 rounds of 5 s per mode; writes bench/results/emulator.{md,json}
 *   node bench/emulator.mjs --smoke      CI: 300 calls per mode, answers and the state file checked, no timing
 *   node bench/emulator.mjs --moto       also moto_server, for reference (when installed)
 *   options: --rounds N --seconds S --concurrency C --no-build
 */
import { spawn, spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Pool } from "undici"
import { headersFor, makeSigner } from "./contenders/floor.mjs"
import { ensureBuilt } from "./lib/build.mjs"
import { machine } from "./lib/machine.mjs"

const root = fileURLToPath(new URL("..", import.meta.url))
const main = join(root, "dist", "cli", "main.js")
const args = process.argv.slice(2)
const flag = (name) => args.includes(`--${name}`)
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`)
  return index >= 0 && args[index + 1] !== undefined ? Number(args[index + 1]) : fallback
}
const smoke = flag("smoke")
const rounds = smoke ? 1 : option("rounds", 5)
const seconds = option("seconds", 5)
const concurrency = option("concurrency", 32)
const smokeCalls = 300
const log = (line) => process.stderr.write(`${line}\n`)

const fail = (message) => {
  log(`bench/emulator: ${message}`)
  process.exit(1)
}

/** Starts `cognito-identity emulator` with `extra` flags; resolves with its URL once it listens. */
const startEmulator = (extra) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, "emulator", "--port", "0", "--seed-pools", "1", ...extra], {
      stdio: ["ignore", "pipe", "pipe"]
    })
    let out = ""
    let err = ""
    child.stdout.on("data", (chunk) => {
      out += chunk
      const match = /listening on (\S+)/.exec(out)
      if (match) resolve({ child, url: match[1], stderr: () => err })
    })
    child.stderr.on("data", (chunk) => (err += chunk))
    child.on("exit", (code) => reject(new Error(`the emulator exited (${code}) before listening: ${err.trim()}`)))
  })

const stop = (child) =>
  new Promise((resolve) => {
    child.removeAllListeners("exit")
    child.on("exit", (code, signal) => resolve({ code, signal }))
    child.kill("SIGTERM")
  })

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer()
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

const startMoto = async () => {
  const port = await freePort()
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" })
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`)
      return { child, url: `http://127.0.0.1:${port}` }
    } catch {
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  child.kill("SIGKILL")
  throw new Error("moto_server did not start")
}

const headers = (target) => ({
  "content-type": "application/x-amz-json-1.1",
  "x-amz-target": `AWSCognitoIdentityService.${target}`
})

/**
 * The pool to call GetId on, through the signed API as any client would: the emulator's seeded
 * pool (ListIdentityPools), or one created on moto.
 */
const poolOf = async (url, kind) => {
  const signer = makeSigner()
  const [operation, body] = kind === "moto"
    ? ["CreateIdentityPool", JSON.stringify({ IdentityPoolName: "bench", AllowUnauthenticatedIdentities: true })]
    : ["ListIdentityPools", JSON.stringify({ MaxResults: 1 })]
  const response = await fetch(url, { method: "POST", headers: await headersFor(signer, new URL(url), operation, body, true), body })
  const answer = await response.json()
  const poolId = kind === "moto" ? answer.IdentityPoolId : answer.IdentityPools?.[0]?.IdentityPoolId
  if (response.status !== 200 || typeof poolId !== "string") fail(`${operation} answered ${response.status} ${JSON.stringify(answer)}`)
  return poolId
}

/** `concurrency` workers send GetId until `deadline` (ms) or `limit` calls; every answer is checked. */
const load = async (pool, poolId, { deadline, limit }) => {
  const body = JSON.stringify({ IdentityPoolId: poolId })
  const head = headers("GetId")
  const ids = []
  let started = 0
  const prefix = `${poolId.split(":")[0]}:`
  const worker = async () => {
    while (started < limit && performance.now() < deadline) {
      started++
      const response = await pool.request({ method: "POST", path: "/", headers: head, body })
      const answer = await response.body.json()
      if (response.statusCode !== 200 || typeof answer.IdentityId !== "string" || !answer.IdentityId.startsWith(prefix)) {
        fail(`GetId answered ${response.statusCode} ${JSON.stringify(answer).slice(0, 200)}`)
      }
      ids.push(answer.IdentityId)
    }
  }
  const began = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { calls: ids.length, seconds: (performance.now() - began) / 1000, ids }
}

/** Every identity id in a state file (its snapshot and committed batches), minus deleted ones. */
const identitiesInState = (path) => {
  const ids = new Set()
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.startsWith('["I"')) continue
    for (const tuple of JSON.parse(line)[2]) {
      if ((tuple[4] & 2) === 0) ids.add(tuple[0])
      else ids.delete(tuple[0])
    }
  }
  return ids
}

/** One round of one mode: a fresh server, a warm-up, the measured load, then the checks. */
const round = async (mode) => {
  const dir = mkdtempSync(join(tmpdir(), "bench-emulator-"))
  const statePath = join(dir, "state")
  try {
    const server = mode === "moto" ? await startMoto() : await startEmulator(mode === "state" ? ["--state", statePath] : [])
    const pool = new Pool(server.url, { connections: concurrency, pipelining: 1 })
    try {
      const poolId = await poolOf(server.url, mode)
      const warm = await load(pool, poolId, { deadline: performance.now() + (smoke ? 60_000 : 1_000), limit: smoke ? 50 : Infinity })
      const measured = smoke
        ? await load(pool, poolId, { deadline: performance.now() + 60_000, limit: smokeCalls })
        : await load(pool, poolId, { deadline: performance.now() + seconds * 1000, limit: Infinity })
      await pool.close()
      const stopped = mode === "moto" ? (server.child.kill("SIGTERM"), { code: 0 }) : await stop(server.child)
      if (mode !== "moto" && stopped.code !== 0) fail(`the emulator exited with ${stopped.code} ${stopped.signal ?? ""}: ${server.stderr()}`)
      let stateBytes
      if (mode === "state") {
        const kept = identitiesInState(statePath)
        for (const id of [...warm.ids, ...measured.ids]) if (!kept.has(id)) fail(`identity ${id} was answered but is not in the state file`)
        stateBytes = statSync(statePath).size
      }
      return { calls: measured.calls, seconds: measured.seconds, perSecond: measured.calls / measured.seconds, stateBytes }
    } finally {
      await pool.close().catch(() => undefined)
      if (server.child.exitCode === null) server.child.kill("SIGKILL")
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

const hasMoto = () => spawnSync("moto_server", ["--help"], { stdio: "ignore" }).status === 0

try {
  ensureBuilt({ build: !flag("no-build"), force: false, log })
} catch (error) {
  fail(error.message)
}
const modes = ["memory", "state", ...(flag("moto") ? (hasMoto() ? ["moto"] : (log("moto_server is not installed: skipped"), [])) : [])]
const samples = Object.fromEntries(modes.map((mode) => [mode, []]))
for (let r = 0; r < rounds; r++) {
  // Rotate the order every round so that neither mode always runs on a warmer machine.
  const order = modes.map((_, i) => modes[(i + r) % modes.length])
  for (const mode of order) {
    const result = await round(mode)
    samples[mode].push(result)
    log(`round ${r + 1}/${rounds} ${mode}: ${result.calls} GetId in ${result.seconds.toFixed(2)} s = ${Math.round(result.perSecond)}/s`)
  }
}

if (smoke) {
  log(`smoke: ${modes.map((mode) => `${mode} ${samples[mode][0].calls} GetId answered`).join(", ")}; the state file held every identity`)
  process.exit(0)
}

const summary = Object.fromEntries(modes.map((mode) => [mode, Math.round(median(samples[mode].map((s) => s.perSecond)))]))
// The two modes of one round ran back to back: the median of the per-round ratios is robust to
// the machine's load changing between rounds (other processes on a shared machine).
const ratioOf = (mode) => median(samples[mode].map((sample, r) => sample.perSecond / samples.memory[r].perSecond))
const ratio = ratioOf("state")
const info = machine()
const rows = [
  "| emulator, unsigned GetId at concurrency " + concurrency + " | GetId/s (median of " + rounds + " × " + seconds + " s) | vs in memory (median of per-round ratios) |",
  "| --- | ---: | ---: |",
  `| in memory | ${summary.memory.toLocaleString("en")} | 1.00× |`,
  `| \`--state FILE\` | ${summary.state.toLocaleString("en")} | ${ratio.toFixed(2)}× |`,
  ...(summary.moto === undefined ? [] : [`| moto_server (reference) | ${summary.moto.toLocaleString("en")} | ${ratioOf("moto").toFixed(2)}× |`])
]
const report = [
  `Run on ${info.cpu}, ${info.cores} cores, Node ${info.node}, ${info.date.slice(0, 10)}, load average ${info.loadAverage}: \`${["node bench/emulator.mjs", ...args].join(" ")}\``,
  "",
  ...rows,
  ""
].join("\n")
process.stdout.write(report)
writeFileSync(join(root, "bench", "results", "emulator.md"), report)
writeFileSync(join(root, "bench", "results", "emulator.json"), JSON.stringify({ machine: info, concurrency, seconds, rounds, samples, summary, ratio }, null, 1))
if (ratio < 0.8) log(`note: with --state the emulator kept ${(ratio * 100).toFixed(0)}% of its in-memory GetId/s (target: 80%)`)
