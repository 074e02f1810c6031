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
 *
 *   node bench/decompose.mjs [--rounds 3] [--sequential 1500] [--concurrent 3000]
 *
 * Writes bench/results/decompose.md (and prints it).
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { ensureBuilt } from "./lib/build.mjs"
import { KINDS } from "./lib/config.mjs"
import { loadAverage, machine } from "./lib/machine.mjs"
import { startServer } from "./lib/serverControl.mjs"
import { runChild } from "./lib/spawnChild.mjs"
import { median } from "./lib/stats.mjs"

const STEPS = [
  { contender: "floor", label: "floor (undici + SigV4 + JSON.parse)" },
  { contender: "experiments/effect-undici", label: "+ Effect runtime (Effect.tryPromise around the floor's call)" },
  { contender: "experiments/effect-platform", label: "+ @effect/platform HttpClient on UndiciHttpClient (tracer off)" },
  { contender: "experiments/ours-node-untraced", label: "+ the executor (ours, tracer off)" },
  { contender: "ours-node", label: "+ spans: ours and HttpClient's (ours as shipped)" }
]

const { values: args } = parseArgs({
  options: {
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
  // Calls after the full GC that starts each measured loop, before it (see lib/child.mjs).
  rewarm: Number(args.rewarm),
  sequential: Number(args.sequential),
  concurrent: Number(args.concurrent),
  concurrency: 32
}
const log = (message) => process.stderr.write(`[decompose] ${message}\n`)

ensureBuilt({ build: !args["no-build"], force: false, log })
const load = loadAverage()
const server = await startServer()
const samples = {}
try {
  for (let round = 0; round < config.rounds; round++) {
    for (const { contender } of STEPS) {
      log(`round ${round + 1}/${config.rounds}: ${contender}`)
      const result = await runChild({ task: "calls", contender, endpoint: server.endpoint, ...config })
      const { counts, violations } = await server.stats(true)
      const expected = (kind) =>
        result.warmups[kind] + result.phases.filter((p) => p.name.startsWith(`${kind}/`)).reduce((n, p) => n + p.operations, 0)
      if (violations.length > 0 || KINDS.some((k) => counts[k.operation] !== expected(k.kind))) {
        throw new Error(`${contender}: unexpected requests ${JSON.stringify({ counts, violations })}`)
      }
      for (const phase of result.phases) ((samples[contender] ??= {})[phase.name] ??= []).push(phase.cpuUsPerOp)
    }
  }
} finally {
  await server.stop()
}

const phases = Object.keys(samples.floor)
const rows = STEPS.map(({ contender, label }, i) => [
  label,
  ...phases.map((phase) => {
    const value = median(samples[contender][phase])
    if (i === 0) return value.toFixed(0)
    const before = median(samples[STEPS[i - 1].contender][phase])
    const delta = value - before
    return `${value.toFixed(0)} (${delta >= 0 ? "+" : ""}${delta.toFixed(0)})`
  })
])
const m = machine()
const markdown = [
  `## CPU per call, layer by layer (µs; in brackets the step's own cost)`,
  ``,
  `${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.date}; load average ${load} at start, ${loadAverage()} at end. ` +
  `Median of ${config.rounds} rounds of at least ${config.sequential} sequential and ${config.concurrent} concurrent (c32) calls per kind, each loop right after ${config.rewarm} unmeasured calls at its own concurrency (no forced GC: see bench/README.md).`,
  ``,
  `| step | ${phases.map((p) => p.replace("/", " ")).join(" | ")} |`,
  `| --- | ${phases.map(() => "---:").join(" | ")} |`,
  ...rows.map((r) => `| ${r.join(" | ")} |`),
  ``
].join("\n")
const dir = fileURLToPath(new URL("./results/", import.meta.url))
mkdirSync(dir, { recursive: true })
writeFileSync(`${dir}decompose.md`, markdown)
process.stdout.write(markdown)
