#!/usr/bin/env node
/**
 * How many calls each contender needs before its CPU per call settles (the JIT warming up):
 * CPU per call over consecutive blocks of sequential calls, from a fresh process's first call,
 * or with `--after-gc` from a full GC after 3,000 calls at c32 (a full GC drops optimized code
 * that embedded objects it found dead, and the JIT compiles it again). This is why the call
 * loops of `run.mjs` measure after a warm-up of a few thousand calls, and re-warm after the full
 * GC that starts each measured loop.
 *
 *   node bench/warmup.mjs [--kind unsigned] [--blocks 12] [--block 500] [--rounds 3] [--after-gc] [--contenders ours-node,sdk,floor]
 *
 * Prints one row per contender: the median over rounds of each block's CPU µs per call.
 */
import { parseArgs } from "node:util"
import { ensureBuilt } from "./lib/build.mjs"
import { startServer } from "./lib/serverControl.mjs"
import { runChild } from "./lib/spawnChild.mjs"
import { median } from "./lib/stats.mjs"

const { values: args } = parseArgs({
  options: {
    kind: { type: "string", default: "unsigned" },
    blocks: { type: "string", default: "12" },
    block: { type: "string", default: "500" },
    rounds: { type: "string", default: "3" },
    contenders: { type: "string", default: "ours-node,sdk,floor" },
    "after-gc": { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false }
  }
})
const log = (message) => process.stderr.write(`[warmup] ${message}\n`)
ensureBuilt({ build: !args["no-build"], force: false, log })
const contenders = args.contenders.split(",")
const blocks = Number(args.blocks)
const blockSize = Number(args.block)
const server = await startServer()
const samples = Object.fromEntries(contenders.map((c) => [c, Array.from({ length: blocks }, () => [])]))
try {
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const contender of contenders) {
      log(`round ${round + 1}/${args.rounds}: ${contender}`)
      const result = await runChild({ task: "curve", contender, endpoint: server.endpoint, kind: args.kind, blocks, blockSize,
        afterGc: args["after-gc"], warmup: 3_000 })
      result.phases.forEach((phase, i) => samples[contender][i].push(phase.cpuUsPerOp))
    }
  }
} finally {
  await server.stop()
}
const ends = Array.from({ length: blocks }, (_, i) => ((i + 1) * blockSize).toLocaleString("en-US"))
const from = args["after-gc"] ? "a full GC after 3,000 calls at c32" : "a fresh process"
console.log(`CPU µs per ${args.kind} call, blocks of ${blockSize} sequential calls from ${from} (median of ${args.rounds})\n`)
console.log(`| contender | ${ends.map((e) => `to ${e}`).join(" | ")} |`)
console.log(`| --- | ${ends.map(() => "---:").join(" | ")} |`)
for (const contender of contenders) {
  console.log(`| ${contender} | ${samples[contender].map((s) => median(s).toFixed(0)).join(" | ")} |`)
}
