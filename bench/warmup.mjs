#!/usr/bin/env node
/**
 * How many calls each contender needs before its CPU per call settles (the JIT warming up):
 * CPU per call over consecutive blocks of sequential calls, from a fresh process's first call,
 * or with `--after-gc` from a full GC after 3,000 calls at c32 (a full GC drops optimized code
 * that embedded objects it found dead, and the JIT compiles it again). This is why the call
 * loops of `run.mjs` measure after a warm-up of a few thousand calls, with no forced GC before
 * them, each right after unmeasured calls at its own concurrency.
 *
 * With `--export`, the same for exports: CPU per identity of consecutive exports of `--block`
 * identities each (default 20,000) from a fresh process's first page, for the export
 * contenders. This is why `run.mjs` exports 240,000 identities, unmeasured, before each
 * measured export.
 *
 *   node bench/warmup.mjs [--kind unsigned] [--blocks 12] [--block 500] [--rounds 3] [--after-gc] [--contenders ours-node,sdk,floor]
 *   node bench/warmup.mjs --export [--blocks 15] [--block 20000] [--rounds 3] [--contenders ours-node/stream,ours-node/records,sdk/loop,floor/loop]
 *
 * Prints one row per contender: the median over rounds of each block's CPU µs per call (or per
 * identity), and for exports the cumulative CPU per identity from the first page to the end of
 * each block (what a fresh process's export of that size costs).
 */
import { parseArgs } from "node:util"
import { ensureBuilt } from "./lib/build.mjs"
import { startServer } from "./lib/serverControl.mjs"
import { runChild } from "./lib/spawnChild.mjs"
import { median } from "./lib/stats.mjs"

const { values: args } = parseArgs({
  options: {
    kind: { type: "string", default: "unsigned" },
    blocks: { type: "string" },
    block: { type: "string" },
    rounds: { type: "string", default: "3" },
    contenders: { type: "string" },
    "after-gc": { type: "boolean", default: false },
    export: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false }
  }
})
const log = (message) => process.stderr.write(`[warmup] ${message}\n`)
ensureBuilt({ build: !args["no-build"], force: false, log })
const exporting = args.export
const contenders = (args.contenders ?? (exporting ? "ours-node/stream,ours-node/records,sdk/loop,floor/loop" : "ours-node,sdk,floor"))
  .split(",")
const blocks = Number(args.blocks ?? (exporting ? 15 : 12))
const blockSize = Number(args.block ?? (exporting ? 20_000 : 500))

/** The child's task for one contender (an export contender is `<contender>/<variant>`). */
const taskFor = (contender, endpoint) => {
  if (!exporting) {
    return { task: "curve", contender, endpoint, kind: args.kind, blocks, blockSize, afterGc: args["after-gc"], warmup: 3_000 }
  }
  const [name, variant] = contender.split("/")
  if (variant === undefined) throw new Error(`--export contenders are <contender>/<variant> (ours-node/stream), not ${contender}`)
  return { task: "exportCurve", contender: name, variant, endpoint, blocks, blockSize }
}

const server = await startServer()
const samples = Object.fromEntries(contenders.map((c) => [c, Array.from({ length: blocks }, () => [])]))
const cumulative = Object.fromEntries(contenders.map((c) => [c, Array.from({ length: blocks }, () => [])]))
try {
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const contender of contenders) {
      log(`round ${round + 1}/${args.rounds}: ${contender}`)
      const result = await runChild(taskFor(contender, server.endpoint))
      let cpu = 0
      result.phases.forEach((phase, i) => {
        samples[contender][i].push(phase.cpuUsPerOp)
        cpu += phase.cpuUsPerOp
        cumulative[contender][i].push(cpu / (i + 1))
      })
    }
  }
} finally {
  await server.stop()
}
const ends = Array.from({ length: blocks }, (_, i) => ((i + 1) * blockSize).toLocaleString("en-US"))
const row = (contender, values) => `| ${contender} | ${values.map((s) => median(s).toFixed(exporting ? 1 : 0)).join(" | ")} |`
const header = () => {
  console.log(`| contender | ${ends.map((e) => `to ${e}`).join(" | ")} |`)
  console.log(`| --- | ${ends.map(() => "---:").join(" | ")} |`)
}
if (exporting) {
  console.log(`CPU µs per identity, consecutive exports of ${blockSize.toLocaleString("en-US")} identities from a fresh process (median of ${args.rounds})\n`)
  header()
  for (const contender of contenders) console.log(row(contender, samples[contender]))
  console.log(`\nFrom the first page to the end of each block: CPU µs per identity of a fresh process's export of that size (median of ${args.rounds})\n`)
  header()
  for (const contender of contenders) console.log(row(contender, cumulative[contender]))
} else {
  const from = args["after-gc"] ? "a full GC after 3,000 calls at c32" : "a fresh process"
  console.log(`CPU µs per ${args.kind} call, blocks of ${blockSize} sequential calls from ${from} (median of ${args.rounds})\n`)
  header()
  for (const contender of contenders) console.log(row(contender, samples[contender]))
}
