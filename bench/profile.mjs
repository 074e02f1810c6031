#!/usr/bin/env node
/**
 * Profiles one contender on one scenario with `node --cpu-prof` and prints where its CPU went
 * (by package, top functions, and this project's functions mapped to src/).
 *
 *   node bench/profile.mjs <contender> <scenario> [--n <calls or identities>] [--warmup <identities>] [--interval <µs>]
 *
 * contender: ours-node | ours-fetch | sdk | floor
 * scenario:  signed-seq | signed-c32 | unsigned-seq | unsigned-c32 | export-<variant> | cold
 *            (export variants: stream, records for ours; loop for sdk and floor)
 *
 * The profile covers the whole process (start-up included), so the measured part is made
 * large by default; profiles and their summaries go to bench/results/profiles/.
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, readdirSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { ensureBuilt } from "./lib/build.mjs"
import { analyzeProfile, renderProfile } from "./lib/cpuProfile.mjs"
import { startServer } from "./lib/serverControl.mjs"
import { runChild } from "./lib/spawnChild.mjs"

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { n: { type: "string" }, warmup: { type: "string" }, interval: { type: "string", default: "200" }, "no-build": { type: "boolean", default: false } }
})
const [contender, scenario] = positionals
if (contender === undefined || scenario === undefined) {
  console.error("usage: node bench/profile.mjs <contender> <scenario> [--n N] [--warmup N] [--interval µs]")
  process.exit(2)
}

const dir = fileURLToPath(new URL("./results/profiles/", import.meta.url))
const name = `${contender.replaceAll("/", "-")}-${scenario}`
const log = (message) => process.stderr.write(`[profile] ${message}\n`)
mkdirSync(dir, { recursive: true })
ensureBuilt({ build: !options["no-build"], force: false, log })
const profFlags = ["--cpu-prof", `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`, `--cpu-prof-interval=${options.interval}`]

const server = await startServer()
let window
const windowOf = (result) => ({
  startUs: Math.min(...result.phases.map((p) => p.startUs)),
  endUs: Math.max(...result.phases.map((p) => p.endUs))
})
try {
  if (scenario === "cold") {
    const cold = fileURLToPath(new URL("./lib/cold.mjs", import.meta.url))
    const run = spawnSync(process.execPath, [...profFlags, cold, contender, server.endpoint], { encoding: "utf8" })
    if (run.status !== 0) throw new Error(run.stderr)
  } else if (scenario.startsWith("export-")) {
    const size = Number(options.n ?? 300_000)
    const result = await runChild(
      { task: "export", contender, variant: scenario.slice("export-".length), endpoint: server.endpoint, size, warmupSize: Number(options.warmup ?? 240_000) },
      { nodeFlags: profFlags }
    )
    window = windowOf(result)
  } else {
    const [kind, mode] = scenario.split("-")
    const n = Number(options.n ?? 10_000)
    const concurrency = mode === "seq" ? 1 : Number(mode.slice(1))
    const result = await runChild({
      task: "calls",
      contender,
      endpoint: server.endpoint,
      kinds: [kind],
      warmup: 500,
      // Unmeasured calls at the loop's own concurrency right before it, as run.mjs does (see lib/child.mjs).
      rewarm: 4_000,
      sequential: concurrency === 1 ? n : 0,
      concurrent: concurrency === 1 ? 0 : n,
      concurrency: Math.max(concurrency, 1)
    }, { nodeFlags: profFlags })
    window = windowOf(result)
  }
} finally {
  await server.stop()
}

const file = readdirSync(dir).find((f) => f === `${name}.cpuprofile`)
const markdown = renderProfile(analyzeProfile(`${dir}${file}`, { window }), `${contender}, ${scenario}`)
writeFileSync(`${dir}${name}.md`, `${markdown}\n`)
process.stdout.write(`${markdown}\n`)
log(`wrote ${dir}${name}.cpuprofile and ${name}.md`)
