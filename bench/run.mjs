#!/usr/bin/env node
/**
 * Benchmarks this client against the AWS SDK v3 client and a raw signed-request floor, in one
 * run: CPU per call and throughput, full exports, bundle size and cold start. See
 * bench/README.md. Every contender runs in its own process against a local canned server
 * (its own process too), rounds alternate the contenders, and each figure is a median over
 * rounds, also given as a ratio to the SDK and to the floor of the same run.
 *
 *   npm run bench                 full run (< 5 minutes on 2 cores)
 *   npm run bench -- --smoke      a few hundred calls and a 10k export per contender, checks answers only
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { ensureBuilt } from "./lib/build.mjs"
import { measureBundles } from "./lib/bundles.mjs"
import { coldStartRequests, measureColdStarts } from "./lib/coldStart.mjs"
import { CALL_CONTENDERS, COLD_CONTENDERS, EXPORT_CONTENDERS, KINDS, PRESETS } from "./lib/config.mjs"
import { PAGE_SIZE } from "./lib/fixtures.mjs"
import { loadAverage, machine } from "./lib/machine.mjs"
import { renderReport } from "./lib/report.mjs"
import { startServer } from "./lib/serverControl.mjs"
import { runChild } from "./lib/spawnChild.mjs"
import { summarize } from "./lib/summarize.mjs"

const HELP = `usage: node bench/run.mjs [options]
  --smoke               small sizes, checks answers only (CI)
  --no-build            fail if dist/ is stale instead of running npm run build
  --rebuild             run npm run build even if dist/ looks up to date
  --only <list>         phases to run, comma separated: calls,export,bundle,cold (default: all)
  --contenders <list>   contenders to run, comma separated (default: all): ours-node,ours-fetch,sdk,floor,bare
  --rounds <n>          rounds of the call benchmark
  --warmup <n>          warm-up calls per kind (at the measured concurrency)
  --sequential <n>      measured sequential calls per kind and round (at least)
  --concurrent <n>      measured concurrent calls per kind and round (at least)
  --min-seconds <s>     a measured call loop runs at least this long...
  --max-seconds <s>     ...and stops after this long even short of its count
  --concurrency <n>     calls in flight in the concurrent loop (default 32)
  --exports <list>      export sizes and rounds, e.g. 100000x3,1000000x1
  --export-warmup <n>   identities exported, unmeasured, before each measured export (0: none)
  --cold-spawns <n>     spawns per contender for the cold start
  --node-flags <flags>  V8/Node flags for every contender process of the calls and export
                        phases, space separated (e.g. --node-flags=--no-allocation-site-pretenuring)
  --out <dir>           where latest.md and latest.json go (default bench/results)`

const { values: args } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
    only: { type: "string" },
    contenders: { type: "string" },
    rounds: { type: "string" },
    warmup: { type: "string" },
    sequential: { type: "string" },
    concurrent: { type: "string" },
    concurrency: { type: "string" },
    "min-seconds": { type: "string" },
    "max-seconds": { type: "string" },
    exports: { type: "string" },
    "export-warmup": { type: "string" },
    "cold-spawns": { type: "string" },
    "node-flags": { type: "string" },
    out: { type: "string" },
    help: { type: "boolean", default: false }
  }
})
if (args.help) {
  console.log(HELP)
  process.exit(0)
}

const preset = PRESETS[args.smoke ? "smoke" : "full"]
const int = (value, fallback) => (value === undefined ? fallback : Number.parseInt(value, 10))
const config = {
  mode: args.smoke ? "smoke" : "full",
  rounds: int(args.rounds, preset.rounds),
  warmup: int(args.warmup, preset.warmup),
  warmupMaxSeconds: preset.warmupMaxSeconds,
  rewarm: preset.rewarm,
  sequential: int(args.sequential, preset.sequential),
  concurrent: int(args.concurrent, preset.concurrent),
  concurrency: int(args.concurrency, preset.concurrency),
  minSeconds: args["min-seconds"] === undefined ? preset.minSeconds : Number(args["min-seconds"]),
  maxSeconds: args["max-seconds"] === undefined ? preset.maxSeconds : Number(args["max-seconds"]),
  exports: args.exports === undefined
    ? preset.exports
    : args.exports.split(",").map((spec) => {
      const [size, rounds = "1"] = spec.split("x")
      return { size: Number(size), rounds: Number(rounds) }
    }),
  exportWarmup: int(args["export-warmup"], preset.exportWarmup),
  coldSpawns: int(args["cold-spawns"], preset.coldSpawns),
  phases: (args.only ?? "calls,export,bundle,cold").split(","),
  // Undefined: every contender. The report leaves out the rows of those not chosen.
  contenders: args.contenders?.split(",")
}
const chosen = config.contenders === undefined ? undefined : new Set(config.contenders)
const keep = (id) => chosen === undefined || chosen.has(id)
const callContenders = CALL_CONTENDERS.filter(({ id }) => keep(id))
const exportContenders = EXPORT_CONTENDERS.filter(({ contender }) => keep(contender))
const coldContenders = COLD_CONTENDERS.filter(keep)
const outDir = args.out ?? fileURLToPath(new URL("./results", import.meta.url))
const command = ["node", "bench/run.mjs", ...process.argv.slice(2)].join(" ")
/** Experiments only: a report made with them says so in its command line. */
const nodeFlags = (args["node-flags"] ?? "").split(" ").filter((flag) => flag !== "")

const log = (message) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
const failures = []

/** Rotates the contender order each round, so that no contender always runs first or last. */
const rotated = (list, round) => list.map((_, i) => list[(i + round) % list.length])

/** The server's counts must be exactly what the contender was asked to do: no retry, no lost page. */
const checkRequests = async (server, what, expected) => {
  const { counts, violations } = await server.stats(true)
  const problems = [...violations]
  for (const [operation, count] of Object.entries({ ...counts, ...expected })) {
    if ((counts[operation] ?? 0) !== (expected[operation] ?? 0)) {
      problems.push(`${operation}: the server saw ${counts[operation] ?? 0} requests, expected ${expected[operation] ?? 0}`)
    }
  }
  if (problems.length > 0) throw new Error(`${what}: ${problems.join("; ")}`)
}

const attempt = async (what, body) => {
  try {
    return await body()
  } catch (error) {
    failures.push(`${what}: ${error.message}`)
    log(`FAILED ${what}: ${error.message.split("\n").slice(0, 4).join(" | ")}`)
    return undefined
  }
}

const runCalls = async (server) => {
  const samples = {}
  for (let round = 0; round < config.rounds; round++) {
    for (const { id } of rotated(callContenders, round)) {
      log(`calls round ${round + 1}/${config.rounds}: ${id}`)
      const result = await attempt(`calls ${id} round ${round + 1}`, async () => {
        const result = await runChild({
          task: "calls",
          contender: id,
          endpoint: server.endpoint,
          warmup: config.warmup,
          warmupMaxSeconds: config.warmupMaxSeconds,
          rewarm: config.rewarm,
          sequential: config.sequential,
          concurrent: config.concurrent,
          concurrency: config.concurrency,
          minSeconds: config.minSeconds,
          maxSeconds: config.maxSeconds
        }, { nodeFlags })
        const made = (kind) =>
          result.warmups[kind] + result.phases.filter((p) => p.name.startsWith(`${kind}/`)).reduce((n, p) => n + p.operations, 0)
        await checkRequests(server, `calls ${id}`, Object.fromEntries(KINDS.map((k) => [k.operation, made(k.kind)])))
        return result
      })
      if (result === undefined) continue
      for (const phase of result.phases) {
        ;((samples[id] ??= {})[phase.name] ??= []).push({ round, ...phase, maxRss: result.maxRss })
      }
    }
  }
  return samples
}

const runExports = async (server) => {
  const samples = {}
  for (const { size, rounds } of config.exports) {
    for (let round = 0; round < rounds; round++) {
      for (const spec of rotated(exportContenders, round)) {
        log(`export ${size.toLocaleString("en")} round ${round + 1}/${rounds}: ${spec.id}`)
        const result = await attempt(`export ${size} ${spec.id} round ${round + 1}`, async () => {
          const result = await runChild({
            task: "export",
            contender: spec.contender,
            variant: spec.variant,
            endpoint: server.endpoint,
            size,
            warmupSize: config.exportWarmup
          }, { nodeFlags })
          const pages = (n) => (n > 0 ? Math.max(1, Math.ceil(n / PAGE_SIZE)) : 0)
          await checkRequests(server, `export ${spec.id}`, {
            ListIdentities: pages(config.exportWarmup) + pages(size)
          })
          return result
        })
        if (result === undefined) continue
        ;((samples[size] ??= {})[spec.id] ??= []).push({ round, ...result.phases[0], maxRss: result.maxRss })
      }
    }
  }
  return samples
}

const main = async () => {
  const started = Date.now()
  const build = ensureBuilt({ build: !args["no-build"], force: args.rebuild, log })
  const raw = { machine: machine(), command, config, build }
  log(`${config.mode} run on ${raw.machine.cpu} (${raw.machine.cores} cores), load ${raw.machine.loadAverage}`)

  const server = await startServer()
  try {
    if (config.phases.includes("calls")) raw.calls = await runCalls(server)
    if (config.phases.includes("export")) raw.exports = await runExports(server)
    if (config.phases.includes("cold")) {
      log(`cold start: ${config.coldSpawns} spawns each`)
      raw.coldStart = await attempt("cold start", async () => {
        const samples = await measureColdStarts(coldContenders, server.endpoint, config.coldSpawns)
        await checkRequests(server, "cold start", { GetId: coldStartRequests(coldContenders, config.coldSpawns) })
        return samples
      })
    }
  } finally {
    await server.stop()
  }
  if (config.phases.includes("bundle")) {
    log("bundles (esbuild)")
    raw.bundles = await attempt("bundles", measureBundles)
    for (const bundle of raw.bundles ?? []) {
      if (bundle.error !== undefined) failures.push(`bundle ${bundle.name} (${bundle.platform}): ${bundle.error}`)
    }
  }

  raw.failures = failures
  raw.durationSeconds = (Date.now() - started) / 1000
  raw.loadAverageAtEnd = loadAverage()
  raw.summary = summarize(raw)

  const markdown = renderReport(raw)
  mkdirSync(outDir, { recursive: true })
  const stem = config.mode === "smoke" ? "smoke" : "latest"
  writeFileSync(`${outDir}/${stem}.md`, markdown)
  writeFileSync(`${outDir}/${stem}.json`, `${JSON.stringify(raw, null, 2)}\n`)
  process.stdout.write(markdown)
  log(`done in ${raw.durationSeconds.toFixed(0)} s; wrote ${outDir}/${stem}.md and ${stem}.json`)
  if (failures.length > 0) {
    log(`${failures.length} failure(s):\n  ${failures.join("\n  ")}`)
    process.exitCode = 1
  }
}

main().catch((error) => {
  log(error.stack ?? String(error))
  process.exitCode = 1
})
