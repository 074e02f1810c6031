#!/usr/bin/env node
/**
 * Where ours spends its CPU per call beyond the floor, by adding one layer at a time (each
 * step is a contender of its own, run interleaved like the main benchmark):
 *
 *   floor                        undici + SigV4 + JSON.parse
 *   + Effect runtime             experiments/effect-undici: the floor's calls inside Effect.forEach
 *   + HttpClient, UndiciHttpClient experiments/effect-platform: @effect/platform HttpClient on dist/node, tracer off
 *   + executor                   experiments/ours-node-untraced: this client, tracer off
 *   + spans                      ours-node: this client as shipped (its spans and HttpClient's)
 *   (worker fibers)              experiments/ours-node-workers: the same, c32 as 32 fibers that each
 *                                call in turn (the floor's loop shape) instead of a fiber per call
 *
 *   node bench/decompose.mjs [--rounds 3] [--sequential 1500] [--concurrent 3000]
 *
 * With `--export`, the same for an export (CPU per identity of `--size` identities, after the
 * benchmark's warm-up export of 240,000, no forced GC):
 *
 *   floor                        undici + SigV4 + JSON.parse, a NextToken loop
 *   + Effect Stream              experiments/effect-undici: the floor's pages in Stream.paginateEffect
 *   + the client                 ours-node: listIdentitiesStream as shipped
 *
 *   node bench/decompose.mjs --export [--rounds 3] [--size 100000] [--export-warmup 240000]
 *
 * Writes bench/results/decompose.md, or decompose-export.md (and prints it).
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { ensureBuilt } from "./lib/build.mjs"
import { KINDS, PRESETS } from "./lib/config.mjs"
import { PAGE_SIZE } from "./lib/fixtures.mjs"
import { loadAverage, machine } from "./lib/machine.mjs"
import { startServer } from "./lib/serverControl.mjs"
import { runChild } from "./lib/spawnChild.mjs"
import { median } from "./lib/stats.mjs"

const STEPS = [
  { contender: "floor", label: "floor (undici + SigV4 + JSON.parse)" },
  { contender: "experiments/effect-undici", label: "+ Effect runtime (Effect.tryPromise around the floor's call)" },
  { contender: "experiments/effect-platform", label: "+ @effect/platform HttpClient on UndiciHttpClient (tracer off)" },
  { contender: "experiments/ours-node-untraced", label: "+ the executor (ours, tracer off)" },
  { contender: "ours-node", label: "+ spans: ours and HttpClient's (ours as shipped)" },
  // Not a layer: the same client, its c32 loop 32 fibers making call after call as the floor's
  // 32 workers do, instead of `Effect.forEach`'s fiber per call (seq is the same loop).
  { contender: "experiments/ours-node-workers", label: "ours, c32 loop as 32 worker fibers instead of a fiber per call" }
]

const EXPORT_STEPS = [
  { contender: "floor", variant: "loop", label: "floor (undici + SigV4 + JSON.parse, a NextToken loop)" },
  { contender: "experiments/effect-undici", variant: "stream", label: "+ Effect Stream (the floor's pages in Stream.paginateEffect)" },
  // Under Effect's built-in tracer the client opens no span (protocol/telemetry.ts), so there is
  // no tracing step: this is the client as shipped.
  { contender: "ours-node", variant: "stream", label: "+ the client (listIdentitiesStream: validation, signing, decoding, retries, prefetch)" }
]

const { values: args } = parseArgs({
  options: {
    export: { type: "boolean", default: false },
    size: { type: "string", default: "100000" },
    "export-warmup": { type: "string" },
    rounds: { type: "string", default: "3" },
    warmup: { type: "string", default: "3000" },
    rewarm: { type: "string", default: "4000" },
    sequential: { type: "string", default: "1500" },
    concurrent: { type: "string", default: "3000" },
    "no-build": { type: "boolean", default: false }
  }
})
const config = {
  rounds: Number(args.rounds),
  warmup: Number(args.warmup),
  // Unmeasured calls right before each measured loop, at its own concurrency (see lib/child.mjs).
  rewarm: Number(args.rewarm),
  sequential: Number(args.sequential),
  concurrent: Number(args.concurrent),
  concurrency: 32
}
const exportSize = Number(args.size)
const exportWarmup = Number(args["export-warmup"] ?? PRESETS.full.exportWarmup)
const log = (message) => process.stderr.write(`[decompose] ${message}\n`)

/** One step's phases ({ name: cpuUsPerOp }), its requests checked against the server's counts. */
const runCalls = async (server, { contender }) => {
  const result = await runChild({ task: "calls", contender, endpoint: server.endpoint, ...config })
  const { counts, violations } = await server.stats(true)
  const expected = (kind) =>
    result.warmups[kind] + result.phases.filter((p) => p.name.startsWith(`${kind}/`)).reduce((n, p) => n + p.operations, 0)
  if (violations.length > 0 || KINDS.some((k) => counts[k.operation] !== expected(k.kind))) {
    throw new Error(`${contender}: unexpected requests ${JSON.stringify({ counts, violations })}`)
  }
  return Object.fromEntries(result.phases.map((phase) => [phase.name, phase.cpuUsPerOp]))
}

const runExport = async (server, { contender, variant }) => {
  const result = await runChild({ task: "export", contender, variant, endpoint: server.endpoint, size: exportSize, warmupSize: exportWarmup })
  const { counts, violations } = await server.stats(true)
  const pages = (n) => Math.ceil(n / PAGE_SIZE)
  if (violations.length > 0 || counts.ListIdentities !== pages(exportWarmup) + pages(exportSize)) {
    throw new Error(`${contender}: unexpected requests ${JSON.stringify({ counts, violations })}`)
  }
  return { [`export ${exportSize.toLocaleString("en-US")}`]: result.phases[0].cpuUsPerOp }
}

const steps = args.export ? EXPORT_STEPS : STEPS
const run = args.export ? runExport : runCalls
ensureBuilt({ build: !args["no-build"], force: false, log })
const load = loadAverage()
const server = await startServer()
const samples = {}
try {
  await server.stats(true)
  for (let round = 0; round < config.rounds; round++) {
    for (const step of steps) {
      log(`round ${round + 1}/${config.rounds}: ${step.contender}`)
      for (const [phase, cpu] of Object.entries(await run(server, step))) ((samples[step.contender] ??= {})[phase] ??= []).push(cpu)
    }
  }
} finally {
  await server.stop()
}

const phases = Object.keys(samples[steps[0].contender])
const digits = args.export ? 1 : 0
const rows = steps.map(({ contender, label }, i) => [
  label,
  ...phases.map((phase) => {
    const value = median(samples[contender][phase])
    const floor = median(samples[steps[0].contender][phase])
    if (i === 0) return value.toFixed(digits)
    const before = median(samples[steps[i - 1].contender][phase])
    const delta = value - before
    return `${value.toFixed(digits)} (${delta >= 0 ? "+" : ""}${delta.toFixed(digits)}; ${(value / floor).toFixed(2)}× floor)`
  })
])
const m = machine()
const method = args.export
  ? `Median of ${config.rounds} rounds of one export of ${exportSize.toLocaleString("en-US")} identities (60 per page) per step, each in a process of its own right after an unmeasured export of ${exportWarmup.toLocaleString("en-US")} (no forced GC: see bench/README.md).`
  : `Median of ${config.rounds} rounds of at least ${config.sequential} sequential and ${config.concurrent} concurrent (c32) calls per kind, each loop right after ${config.rewarm} unmeasured calls at its own concurrency (no forced GC: see bench/README.md).`
const markdown = [
  args.export
    ? `## CPU per identity exported, layer by layer (µs; in brackets the step's own cost, and the total over the floor)`
    : `## CPU per call, layer by layer (µs; in brackets the step's own cost, and the total over the floor)`,
  ``,
  `${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.date}; load average ${load} at start, ${loadAverage()} at end. ${method}`,
  ``,
  `| step | ${phases.map((p) => p.replace("/", " ")).join(" | ")} |`,
  `| --- | ${phases.map(() => "---:").join(" | ")} |`,
  ...rows.map((r) => `| ${r.join(" | ")} |`),
  ``
].join("\n")
const dir = fileURLToPath(new URL("./results/", import.meta.url))
mkdirSync(dir, { recursive: true })
writeFileSync(`${dir}${args.export ? "decompose-export.md" : "decompose.md"}`, markdown)
process.stdout.write(markdown)
