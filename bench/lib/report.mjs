/** The Markdown report: machine and command, then one table per figure, then the goals. */
import { BASELINE } from "./coldStart.mjs"
import { CALL_CONTENDERS, EXPORT_CONTENDERS } from "./config.mjs"
import { signingPackages } from "./summarize.mjs"

const KiB = 1024
const num = (v, digits = 0) =>
  v === undefined || !Number.isFinite(v) ? "–" : v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
const x = (v) => (v === undefined || !Number.isFinite(v) ? "–" : `${v.toFixed(2)}×`)
/** A Markdown table; the first column and those listed in `left` are left-aligned, the rest right-aligned. */
const table = (header, rows, left = []) =>
  [
    `| ${header.join(" | ")} |`,
    `| ${header.map((_, i) => (i === 0 || left.includes(i) ? "---" : "---:")).join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`)
  ].join("\n")

/** Whether the run chose this contender (`--contenders`): a row of one it did not choose is left out, not "failed". */
const chosen = (raw, id) => raw.config.contenders === undefined || raw.config.contenders.includes(id)

const callTables = (raw, calls) => {
  const phases = [...new Set(Object.values(calls).flatMap((p) => Object.keys(p)))]
  if (phases.length === 0) return []
  const head = ["contender", ...phases.map((p) => p.replace("/", " "))]
  const cell = (figure, value, digits, vsSdk, vsFloor) =>
    figure === undefined ? "failed" : `${num(value, digits)} (${x(vsSdk)} SDK, ${x(vsFloor)} floor)`
  const contenders = CALL_CONTENDERS.filter(({ id }) => chosen(raw, id))
  const cpu = contenders.map(({ id, label }) => [
    label,
    ...phases.map((p) => cell(calls[id]?.[p], calls[id]?.[p]?.cpuUsPerCall, 0, calls[id]?.[p]?.cpuVsSdk, calls[id]?.[p]?.cpuVsFloor))
  ])
  const rate = contenders.map(({ id, label }) => [
    label,
    ...phases.map((p) => cell(calls[id]?.[p], calls[id]?.[p]?.callsPerSec, 0, calls[id]?.[p]?.rateVsSdk, calls[id]?.[p]?.rateVsFloor))
  ])
  const noise = contenders.map(({ id, label }) => [
    label,
    ...phases.map((p) => (calls[id]?.[p]?.cpuSpread === undefined ? "–" : `±${(calls[id][p].cpuSpread * 50).toFixed(0)}%`))
  ])
  const c = raw.config
  return [
    `## Calls: client CPU per call (µs, lower is better)`,
    ``,
    `Signed = DescribeIdentityPool, unsigned = GetId. Per round and kind: ${num(c.warmup)} warm-up calls at c${c.concurrency}${c.warmupMaxSeconds === undefined ? "" : ` (at most ${c.warmupMaxSeconds} s)`}, then a sequential loop and one at concurrency ${c.concurrency}, each right after ${num(c.rewarm ?? 0)} unmeasured calls at its own concurrency (and no forced GC: a full GC drops optimized code), each of at least ${num(c.sequential)} / ${num(c.concurrent)} calls and ${c.minSeconds} s, at most ${c.maxSeconds} s; median of ${c.rounds} round(s). CPU is the contender process's own (user + system).`,
    ``,
    table(head, cpu),
    ``,
    `## Calls: throughput (calls/s, higher is better)`,
    ``,
    table(head, rate),
    ``,
    `Spread of CPU per call over rounds ((max − min) / 2 / median):`,
    ``,
    table(head, noise),
    ``
  ]
}

const exportTables = (raw, exports) => {
  const sizes = Object.keys(exports).map(Number).sort((a, b) => a - b)
  if (sizes.length === 0) return []
  const rows = sizes.flatMap((size) =>
    EXPORT_CONTENDERS.filter(({ contender }) => chosen(raw, contender)).map(({ id, label }) => {
      const f = exports[size][id]
      if (f === undefined) return [label, num(size), "failed", "", "", "", "", "", "", "", ""]
      return [
        label,
        num(size),
        `${num(f.identitiesPerSec)} (${x(f.rateVsSdk)} SDK, ${x(f.rateVsFloor)} floor)`,
        `${num(f.cpuUsPerIdentity, 1)} (${x(f.cpuVsSdk)} SDK, ${x(f.cpuVsFloor)} floor)`,
        num(f.peakRssMB, 0),
        x(f.rssVsSdk),
        `${num(f.startRssMB, 0)} + ${num(f.growthMB, 0)}`,
        `${num(f.peakHeapMB, 0)} / ${num(f.peakExternalMB, 0)}`,
        num(f.retainedMB, 1),
        `${num(f.gcMs, 0)} (${f.gcCounts})`,
        String(f.rounds)
      ]
    })
  )
  return [
    `## Export (count every identity of a pool; 60 per page)`,
    ``,
    `Each process first exports ${num(raw.config.exportWarmup)} identities unmeasured (JIT warm-up: \`node bench/warmup.mjs --export\`), then the measured export, with no forced GC between them (a full GC drops optimized code and resets V8's old-generation limit). Peak RSS is the process's maxRSS (module footprint and warm-up included); "before + growth" splits the sampled RSS into what the process held before the measured export (its modules and the heap the warm-up grew) and how much the export added. Heap / external are the sampled peaks of V8's heap (heapTotal) and of memory held outside it (Buffers) during the export. Retained is the heap after a full GC at the end minus the heap after a full GC before the warm-up: the optimized code and caches of the warm-up (the same at every size), and anything leaked, which would grow with the export's size. GC is the pause time during the export (minor/major collections).`,
    ``,
    table(["contender", "identities", "identities/s", "CPU µs/identity", "peak RSS MB", "RSS × SDK", "RSS before + growth MB", "heap / external peak MB", "retained MB", "GC ms (minor/major)", "rounds"], rows),
    ``
  ]
}

const bundleTable = (bundles) => {
  if (bundles.length === 0) return []
  const rows = bundles.map((b) =>
    b.error !== undefined
      ? [b.name, b.platform, "build failed", "", "", "", b.error.split("\n")[0]]
      : [
        b.name,
        b.platform,
        num(b.minifiedBytes / KiB, 1),
        num(b.gzipBytes / KiB, 1),
        `${x(b.gzipVsSdk)}`,
        b.gzipOverBareBytes === undefined || b.contender === "bare" ? "–" : `${b.gzipOverBareBytes >= 0 ? "+" : ""}${num(b.gzipOverBareBytes / KiB, 1)}`,
        b.nodeBuiltinChains.length === 0
          ? "none"
          : [
            ...b.nodeBuiltinChains.slice(0, 5).map((c) => c.join(" → ")),
            ...(b.nodeBuiltinChains.length > 5 ? [`… ${b.nodeBuiltinChains.length - 5} more in the JSON`] : [])
          ].join("<br>"),
        b.contributors.slice(0, 4).map((c) => `${c.name} ${num(c.bytes / KiB, 0)}`).join(", ")
      ]
  )
  return [
    `## Bundle of a one-GetId program (esbuild --bundle --minify, ESM, es2022; gzip level 9)`,
    ``,
    table(["program", "platform", "minified KiB", "gzip KiB", "gzip × SDK", "gzip KiB over bare Effect", "node built-ins (import chain)", "largest packages (minified KiB)"], rows, [1, 6, 7]),
    ``,
    `"Bare Effect" is the reference program (Effect + FetchHttpClient + one Schema): what any Effect client built on @effect/platform starts from.`,
    ``,
    ...bundles.filter((b) => b.contender === "ours" && b.error === undefined).map((b) => {
      const operations = b.ourModules.filter((m) => m.startsWith("operations/") && m !== "operations/index.js")
      const signing = signingPackages(b)
      return `- ${b.name}, ${b.platform}: ${b.ourModules.length} modules of this project; operations: ${
        operations.map((m) => m.slice("operations/".length, -3)).join(", ")
      }; signing code: ${signing.length === 0 ? "none" : signing.join(", ")}`
    }),
    ``
  ]
}

const coldTable = (cold) => {
  if (cold === undefined) return []
  const rows = Object.entries(cold).map(([name, f]) => [
    name === BASELINE ? "`node -e 0`" : name,
    num(f.exitMs, 0),
    f.overBaselineMs === undefined ? "–" : `+${num(f.overBaselineMs, 0)}`,
    f.vsSdkMs === undefined ? "–" : `${f.vsSdkMs >= 0 ? "+" : ""}${num(f.vsSdkMs, 0)}`,
    f.vsBareMs === undefined || name.startsWith("bare") ? "–" : `${f.vsBareMs >= 0 ? "+" : ""}${num(f.vsBareMs, 0)}`,
    f.responseAtMs === undefined ? "–" : num(f.responseAtMs, 0),
    f.rssMB === undefined ? "–" : num(f.rssMB, 0),
    String(f.spawns)
  ])
  return [
    `## Cold start: process start to first GetId response`,
    ``,
    `Spawn-to-exit of a process that loads the client, makes one GetId call and exits at once; median over spawns. "As installed" loads node_modules/ and dist/ file by file; "(bundled)" runs one esbuild bundle of the same program (platform node, minified), as Lambda functions are usually shipped. "vs SDK" and "vs bare Effect" compare installed with installed and bundled with bundled; "bare" is a program that imports effect, Schema and @effect/platform and makes the same GetId call with FetchHttpClient (\`contenders/bare.mjs\`). "RSS at response" is the process's resident memory once it has its answer: what its modules cost before any work (the export table's peaks start from there).`,
    ``,
    table(["contender", "spawn→exit ms", "vs node -e 0", "vs SDK ms", "vs bare Effect ms", "response at (in-process) ms", "RSS at response MB", "spawns"], rows),
    ``
  ]
}

export const renderReport = (raw) => {
  const { summary, machine: m } = raw
  const lines = [
    `# effect-cognito-identity benchmarks (${raw.config.mode} run)`,
    ``,
    `- machine: ${m.cpu}, ${m.cores} cores, ${m.platform}; Node ${m.node}`,
    `- date: ${m.date}; load average at start ${m.loadAverage}, at end ${raw.loadAverageAtEnd}`,
    `- command: \`${raw.command}\` (${raw.durationSeconds.toFixed(0)} s${raw.build.built ? `, build ${raw.build.seconds.toFixed(0)} s` : ""})`,
    ``
  ]
  if (raw.config.mode === "smoke") {
    lines.push(`> Smoke run: sizes are tiny and the timings mean nothing; it only checks that every contender got correct answers.`, ``)
  }
  if (raw.failures.length > 0) {
    lines.push(`**Failures:**`, ``, ...raw.failures.map((f) => `- ${f.split("\n")[0]}`), ``)
  }
  lines.push(
    ...callTables(raw, summary.calls),
    ...exportTables(raw, summary.exports),
    ...bundleTable(summary.bundles),
    ...coldTable(summary.coldStart)
  )
  if (raw.config.mode !== "smoke") {
    lines.push(
      `## Goals`,
      ``,
      table(["goal", "measured", "verdict"], summary.goals.map((g) => [g.goal, g.measured, g.verdict]), [1, 2]),
      ``
    )
  }
  return `${lines.join("\n")}\n`
}
