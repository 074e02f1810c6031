#!/usr/bin/env node
/**
 * What a contender's steady-state loop promotes into V8's old generation, with V8's
 * allocation-site pretenuring on (Node's default) and off (`--no-allocation-site-pretenuring`),
 * each in a process of its own against the canned server. Promoted bytes are what each
 * scavenge adds to the old generation (`v8.GCProfiler`, the same figure as `--trace-gc-nvp`'s
 * `promoted`): garbage that only a major GC can take back, which is what grows a long export's
 * heap and RSS.
 *
 * With `--sample`, a sampling heap profile of the same loop keeps only what outlived a scavenge
 * (`includeObjectsCollectedByMinorGC: false`) and prints the functions that allocated most of
 * it, per call or identity: where pretenured objects, and what they keep alive, come from.
 *
 *   node bench/experiments/promotion.mjs                        # ours-node and floor, sequential GetId
 *   node bench/experiments/promotion.mjs ours-node --sample     # ... and who allocated what was promoted
 *   node bench/experiments/promotion.mjs ours-node floor --export 100000
 *   node bench/experiments/promotion.mjs ours-node --kind signed --concurrency 32 --calls 40000
 *
 * `--warmup N` changes the warm-up (10,000 calls; an export of 240,000 identities). It measures
 * dist/, rebuilt first when src/ is newer (`--no-build`: a stale dist/ is an error instead).
 */
import { spawn } from "node:child_process"
import { Session } from "node:inspector/promises"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import v8 from "node:v8"
import { ensureBuilt } from "../lib/build.mjs"
import { ExportCheck, exportPoolId } from "../lib/fixtures.mjs"
import { startServer } from "../lib/serverControl.mjs"

const PRETENURING = { on: [], off: ["--no-allocation-site-pretenuring"] }

const optionsOf = (args) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      kind: { type: "string", default: "unsigned" },
      calls: { type: "string", default: "20000" },
      concurrency: { type: "string", default: "1" },
      export: { type: "string" },
      warmup: { type: "string" },
      sample: { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false }
    }
  })
  const number = (value) => (value === undefined ? undefined : Number(value))
  return {
    contenders: positionals.length === 0 ? ["ours-node", "floor"] : positionals,
    kind: values.kind,
    calls: Number(values.calls),
    concurrency: Number(values.concurrency),
    export: number(values.export),
    warmup: number(values.warmup),
    sample: values.sample,
    build: !values["no-build"]
  }
}

/** The contender's measured work: `calls` calls, or one export of `export` identities. */
const workOf = (client, task) =>
  task.export === undefined
    ? { units: task.calls, unit: "call", run: () => runCalls(client, task) }
    : { units: task.export, unit: "identity", run: () => runExport(client, task.export, exportVariant(task.contender)) }

const runCalls = async (client, task) => {
  for (let done = 0; done < task.calls; done += 1_000) await client.runCalls(task.kind, Math.min(1_000, task.calls - done), task.concurrency)
}

/** ours exports with `listIdentitiesStream`; the floor and the SDK with their NextToken loop. */
const exportVariant = (contender) => (contender.startsWith("ours") ? "stream" : "loop")

const runExport = async (client, size, variant) => {
  const check = new ExportCheck(size)
  await client.exportCount(variant, exportPoolId(size), check)
  const { problem } = check.result()
  if (problem !== undefined) throw new Error(`export: ${problem}`)
}

const oldGeneration = (stats) =>
  stats.heapSpaceStatistics
    .filter((space) => space.spaceName === "old_space" || space.spaceName === "large_object_space")
    .reduce((sum, space) => sum + space.spaceUsedSize, 0)

/** Runs in the measured process: warm-up, then the loop under the GC profiler (and the sampler). */
const child = async (task) => {
  const server = await startServer()
  try {
    const { create } = await import(`../contenders/${task.contender}.mjs`)
    const client = await create({ endpoint: server.endpoint })
    const work = workOf(client, task)
    // The JIT's warm-up (bench/warmup.mjs): pretenuring decisions are made during it.
    if (task.export === undefined) await runCalls(client, { ...task, calls: task.warmup ?? 10_000 })
    else await runExport(client, task.warmup ?? 240_000, exportVariant(task.contender))

    const profiler = new v8.GCProfiler()
    profiler.start()
    const cpu = process.cpuUsage()
    await work.run()
    const used = process.cpuUsage(cpu)
    const { statistics } = profiler.stop()
    const scavenges = statistics.filter((gc) => gc.gcType === "Scavenge")
    const promoted = scavenges.reduce((sum, gc) => sum + oldGeneration(gc.afterGC) - oldGeneration(gc.beforeGC), 0)
    const result = {
      scavenges: scavenges.length,
      majors: statistics.filter((gc) => gc.gcType === "MarkSweepCompact").length,
      promotedPerScavenge: scavenges.length === 0 ? 0 : promoted / scavenges.length,
      promotedPerUnit: promoted / work.units,
      cpuPerUnit: (used.user + used.system) / work.units,
      unit: work.unit,
      sample: undefined
    }

    if (task.sample) {
      const session = new Session()
      session.connect()
      await session.post("HeapProfiler.startSampling", {
        samplingInterval: 256,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: false
      })
      await work.run()
      const { profile } = await session.post("HeapProfiler.stopSampling")
      session.disconnect()
      result.sample = topAllocators(profile, work.units)
    }
    await client.close()
    return result
  } finally {
    await server.stop()
  }
}

/** Bytes per unit by allocating function (the frame V8 ran, inlined callees folded into it). */
const topAllocators = (profile, units) => {
  const bytes = new Map()
  const visit = (node) => {
    if (node.selfSize > 0) {
      const { functionName, url, lineNumber } = node.callFrame
      const where = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^.*\/(dist|bench)\//, "$1/")}:${lineNumber + 1}`
      bytes.set(where, (bytes.get(where) ?? 0) + node.selfSize)
    }
    for (const next of node.children) visit(next)
  }
  visit(profile.head)
  return [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([where, size]) => ({ where, perUnit: size / units }))
}

const runChild = (task, nodeFlags) =>
  new Promise((resolve, reject) => {
    const script = fileURLToPath(import.meta.url)
    const proc = spawn(process.execPath, [...nodeFlags, script, "--child", JSON.stringify(task)], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    proc.stdout.on("data", (chunk) => (out += chunk))
    proc.on("error", reject)
    proc.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? ""
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`${task.contender}: the child exited with ${code}\n${out}`))
      else resolve(JSON.parse(line))
    })
  })

const kb = (bytes) => (bytes / 1024).toFixed(0)

const main = async () => {
  const options = optionsOf(process.argv.slice(2))
  ensureBuilt({ build: options.build, force: false, log: (message) => process.stderr.write(`[promotion] ${message}\n`) })
  const what = options.export === undefined
    ? `${options.calls.toLocaleString("en-US")} ${options.kind === "signed" ? "DescribeIdentityPool" : "GetId"} calls at concurrency ${options.concurrency}`
    : `an export of ${options.export.toLocaleString("en-US")} identities`
  console.log(`Promotion during ${what}, after the warm-up (Node ${process.version})\n`)
  console.log("| contender | pretenuring | scavenges | major GCs | promoted KB / scavenge | promoted bytes / unit | CPU µs / unit |")
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
  const samples = []
  for (const contender of options.contenders) {
    for (const [mode, flags] of Object.entries(PRETENURING)) {
      const result = await runChild({ ...options, contenders: undefined, contender }, flags)
      console.log(`| ${contender} | ${mode} | ${result.scavenges} | ${result.majors} | ${kb(result.promotedPerScavenge)} | ${result.promotedPerUnit.toFixed(0)} per ${result.unit} | ${result.cpuPerUnit.toFixed(1)} |`)
      if (result.sample !== undefined) samples.push({ contender, mode, result })
    }
  }
  for (const { contender, mode, result } of samples) {
    console.log(`\n${contender}, pretenuring ${mode}: what outlived a scavenge, by allocating function (bytes per ${result.unit}, sampled)`)
    for (const { where, perUnit } of result.sample) console.log(`  ${perUnit.toFixed(0).padStart(6)}  ${where}`)
  }
}

if (process.argv[2] === "--child") {
  child(JSON.parse(process.argv[3])).then(
    (result) => {
      console.log(JSON.stringify(result))
      process.exit(0)
    },
    (error) => {
      console.error(error)
      process.exit(1)
    }
  )
} else {
  main().catch((error) => {
    console.error(error.message)
    process.exit(1)
  })
}
