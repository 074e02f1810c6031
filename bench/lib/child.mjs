/**
 * One contender process. Runs one task, measures its own CPU (`process.cpuUsage()` around each
 * measured loop) and memory, and prints one result line for the harness:
 *
 *   node --expose-gc bench/lib/child.mjs '{"task":"calls","contender":"sdk","endpoint":"http://…",…}'
 *
 * Tasks: `calls` (per kind: a warm-up at the measured concurrency, then a sequential loop and a
 * concurrent one, each bounded by a count and a time and each after its own re-warm), `export`
 * (an unmeasured warm-up export, then one full export of a pool of `size` identities, counted),
 * `curve` (blocks of sequential calls from the first one on, or from the full GC after a
 * warm-up, for `warmup.mjs`) and `exportCurve` (consecutive exports of one size from the first
 * one on, for `warmup.mjs --export`).
 */
import { constants, PerformanceObserver } from "node:perf_hooks"
import { ExportCheck, exportPoolId } from "./fixtures.mjs"
import { RESULT_PREFIX } from "./protocol.mjs"

const task = JSON.parse(process.argv[2] ?? "{}")

/** Collect the previous phase's garbage so that no phase pays for another (needs --expose-gc). */
const settle = () => globalThis.gc?.()

/** Peak memory while a loop runs, sampled every 25 ms: RSS, and the V8 heap and external (Buffer) parts of it. */
const startMemorySampler = () => {
  const peak = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0 }
  const sample = () => {
    const now = process.memoryUsage()
    for (const key of Object.keys(peak)) peak[key] = Math.max(peak[key], now[key])
  }
  sample()
  const timer = setInterval(sample, 25)
  return () => {
    clearInterval(timer)
    sample()
    return peak
  }
}

/** Garbage collections while a loop runs: count and pause time, minor (scavenge) and major (mark-compact). */
const startGcObserver = () => {
  const gc = { minor: 0, major: 0, minorMs: 0, majorMs: 0 }
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR ? "minor" : "major"
      gc[kind]++
      gc[`${kind}Ms`] += entry.duration
    }
  })
  observer.observe({ entryTypes: ["gc"] })
  return () => {
    observer.disconnect()
    return gc
  }
}

/**
 * Runs `body` (which says how many operations it made) and measures it, after `rewarm` (the
 * same work, unmeasured) if given. The memory peaks are sampled from before the re-warm (RSS
 * falls while V8 returns freed pages, so a peak sampled from after it could read below the
 * "before").
 *
 * Nothing is collected first. A forced full GC deoptimizes much of the JIT's code: V8 drops
 * optimized code that embedded an object the GC found dead ("weak objects" under --trace-deopt:
 * closures and contexts of earlier loops, or of the previous export's stream), and
 * re-optimizing takes thousands of calls, more for a longer code path (ours, with the Effect
 * runtime: `node bench/warmup.mjs --after-gc`). It also resets V8's old-generation limit to the
 * small live heap, so the loop that follows runs major GCs (and deopts again) that a process
 * working continuously does not: 30,000 GetId calls at c32, or one at a time, after the warm-up
 * ran without a single one, and so did 100,000 identities exported after a 240,000-identity
 * warm-up (`--trace-gc`). After a forced GC and a 60,000-identity re-warm, the same export
 * still ran a major GC and cost ours 13–14 µs per identity instead of 8.5–9.5 (the floor's:
 * 8–9 either way).
 */
const measure = async (name, body, { rewarm } = {}) => {
  const rssBefore = process.memoryUsage.rss()
  // Sampled from here on, re-warm included (see above).
  const stopSampler = startMemorySampler()
  const rewarmed = rewarm === undefined ? 0 : await rewarm()
  const stopGc = startGcObserver()
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  // On the monotonic clock V8's profiler uses, so that bench/profile.mjs can keep just this window.
  const startUs = Number(process.hrtime.bigint() / 1000n)
  const { operations, ...outcome } = await body()
  const endUs = Number(process.hrtime.bigint() / 1000n)
  const wallMs = performance.now() - start
  const cpu = process.cpuUsage(cpuBefore)
  const peak = stopSampler()
  // GC entries are delivered asynchronously; let the last ones arrive.
  await new Promise((resolve) => setImmediate(resolve))
  const gc = stopGc()
  return {
    name,
    operations,
    wallMs,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    cpuUsPerOp: (cpu.user + cpu.system) / operations,
    opsPerSec: operations / (wallMs / 1000),
    rssBefore,
    peakRss: peak.rss,
    peakHeapTotal: peak.heapTotal,
    peakHeapUsed: peak.heapUsed,
    peakExternal: peak.external,
    rewarmed,
    startUs,
    endUs,
    gc,
    ...outcome
  }
}

/**
 * At least `minCalls` calls and `minSeconds` of them, at most `maxSeconds` (whichever bound is
 * met first after the minimum count, checked after each chunk): fast contenders are measured
 * long enough to be steady, slow ones cannot stretch the run much.
 *
 * Calls go in chunks of 100 one at a time, or 32 × the concurrency, also once the minimum count
 * is reached. A chunk is one `runCalls` (for an Effect contender one `runPromise` and one
 * `Effect.forEach`), and its last calls run below the concurrency. Until December 2026 the
 * part of a loop after its minimum count ran chunks of one call, or of 32 at c32: a runtime
 * entry per call, and a ramp-down every 32 calls. That read ours at 1.5–1.9× the floor's CPU per
 * call at c32 where loops of whole chunks read 0.9–1.35×; the floor's figures barely moved.
 */
const callLoop = async (contender, kind, minCalls, concurrency, minSeconds = task.minSeconds ?? 0, maxSeconds = task.maxSeconds ?? Infinity) => {
  const chunk = concurrency === 1 ? 100 : concurrency * 32
  const started = performance.now()
  let operations = 0
  for (;;) {
    const calls = operations < minCalls ? Math.min(chunk, Math.max(minCalls - operations, concurrency)) : chunk
    await contender.runCalls(kind, calls, concurrency)
    operations += calls
    const seconds = (performance.now() - started) / 1000
    if ((operations >= minCalls && seconds >= minSeconds) || seconds >= maxSeconds) {
      return { operations }
    }
  }
}

const runCalls = async (contender) => {
  const phases = []
  const warmups = {}
  for (const kind of task.kinds ?? ["signed", "unsigned"]) {
    // Warm up at the measured concurrency: JIT, and every connection of the pool opened. Every
    // contender takes a few thousand calls to settle (`node bench/warmup.mjs` shows the curve),
    // so the warm-up is a count, cut short after `warmupMaxSeconds` for the slowest ones.
    const warm = await callLoop(contender, kind, task.warmup, task.concurrency, 0, task.warmupMaxSeconds ?? Infinity)
    warmups[kind] = warm.operations
    // Each loop first runs unmeasured at its own concurrency (see `measure`); the counts are
    // reported, so that the server's request counts still check.
    const rewarm = (concurrency) => async () => {
      if ((task.rewarm ?? 0) === 0) return 0
      const { operations } = await callLoop(contender, kind, task.rewarm, concurrency, 0, task.warmupMaxSeconds ?? Infinity)
      warmups[kind] += operations
      return operations
    }
    if (task.sequential > 0) {
      phases.push(await measure(`${kind}/seq`, () => callLoop(contender, kind, task.sequential, 1), { rewarm: rewarm(1) }))
    }
    if (task.concurrent > 0) {
      phases.push(
        await measure(`${kind}/c${task.concurrency}`, () => callLoop(contender, kind, task.concurrent, task.concurrency), {
          rewarm: rewarm(task.concurrency)
        })
      )
    }
  }
  return { phases, warmups }
}

/**
 * The JIT warming up: CPU per call of consecutive blocks of sequential calls, with no GC between
 * blocks. From the process's first call on, or (`afterGc`) from a full GC after `warmup` calls at
 * c32: what a full GC costs in re-optimization (see `measure`).
 */
const runCurve = async (contender) => {
  const phases = []
  let warmups = 0
  if (task.afterGc) {
    warmups = (await callLoop(contender, task.kind, task.warmup, 32)).operations
    settle()
  }
  for (let block = 0; block < task.blocks; block++) {
    phases.push(await measure(`${task.kind}/block${block}`, async () => {
      await contender.runCalls(task.kind, task.blockSize, 1)
      return { operations: task.blockSize }
    }))
  }
  return { phases, warmups }
}

/**
 * The JIT warming up on an export: CPU per identity of consecutive exports of `blockSize`
 * identities each, from the process's first page on, with no GC between them. Code that runs
 * once per page (the request, the page's decoding, the stream's step) is called ~60 times less
 * often than the per-identity code, so it reaches optimized code only after thousands of pages.
 */
const runExportCurve = async (contender) => {
  await contender.prepare?.(task.variant)
  const phases = []
  for (let block = 0; block < task.blocks; block++) {
    const check = new ExportCheck(task.blockSize)
    phases.push(await measure(`export/${task.variant}/block${block}`, async () => {
      await contender.exportCount(task.variant, exportPoolId(task.blockSize), check)
      return { operations: task.blockSize, ...check.result() }
    }))
    if (check.result().problem !== undefined) throw new Error(`${task.contender} ${task.variant}: ${check.result().problem}`)
  }
  return { phases, warmups: 0 }
}

const runExport = async (contender) => {
  await contender.prepare?.(task.variant)
  // The heap that "retained" is read against: collected, before any export ran.
  settle()
  const heapBaseline = process.memoryUsage().heapUsed
  // An export first, unmeasured, so that both sizes measure the steady state rather than the
  // JIT warming up: code that runs once per page takes thousands of pages to settle, for every
  // contender (`node bench/warmup.mjs --export`). The measured export follows it at once, with
  // no forced GC in between (see `measure`).
  if (task.warmupSize > 0) {
    const warm = new ExportCheck(task.warmupSize)
    await contender.exportCount(task.variant, exportPoolId(task.warmupSize), warm)
    if (warm.result().problem !== undefined) throw new Error(`warm-up export: ${warm.result().problem}`)
  }
  const check = new ExportCheck(task.size)
  const phase = await measure(`export/${task.variant}/${task.size}`, async () => {
    await contender.exportCount(task.variant, exportPoolId(task.size), check)
    return { operations: task.size, ...check.result() }
  })
  if (phase.problem !== undefined) throw new Error(`${task.contender} ${task.variant}: ${phase.problem}`)
  // What the process holds once collected, against the same before any export: the warm-up's
  // optimized code and caches (the same at every size), plus whatever the exports leaked (which
  // grows with the export's size).
  settle()
  phase.heapAfterGc = process.memoryUsage().heapUsed
  phase.heapBaseline = heapBaseline
  return { phases: [phase] }
}

const main = async () => {
  // A plain name is one of bench/contenders/; a path (experiments/x) is relative to bench/.
  const module = task.contender.includes("/") ? `../${task.contender}.mjs` : `../contenders/${task.contender}.mjs`
  const { create } = await import(module)
  const contender = await create({ endpoint: task.endpoint })
  const run = { export: runExport, exportCurve: runExportCurve, curve: runCurve, calls: runCalls }[task.task]
  const { phases, warmups } = await run(contender)
  await contender.close()
  const maxRss = process.resourceUsage().maxRSS * 1024
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ ok: true, phases, warmups, maxRss })}\n`)
  // Idle keep-alive sockets (global fetch's pool) would otherwise hold the process open.
  process.exit(0)
}

main().catch((error) => {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ ok: false, error: String(error?.stack ?? error) })}\n`)
  // A failed contender may still hold keep-alive sockets; do not wait for them.
  process.exit(1)
})
