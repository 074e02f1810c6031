/**
 * From raw samples to the figures of the report: medians over rounds, ratios to the SDK and to
 * the floor of the same run, and the project's goals checked against them.
 */
import { BASELINE } from "./coldStart.mjs"
import { median, ratio, spread } from "./stats.mjs"

const MB = 1024 * 1024

const callFigures = (calls = {}) => {
  const out = {}
  for (const [id, phases] of Object.entries(calls)) {
    for (const [phase, samples] of Object.entries(phases)) {
      const cpu = samples.map((s) => s.cpuUsPerOp)
      ;(out[id] ??= {})[phase] = {
        rounds: samples.length,
        cpuUsPerCall: median(cpu),
        cpuSpread: spread(cpu),
        callsPerSec: median(samples.map((s) => s.opsPerSec))
      }
    }
  }
  for (const phases of Object.values(out)) {
    for (const [phase, figure] of Object.entries(phases)) {
      const sdk = out.sdk?.[phase]
      const floor = out.floor?.[phase]
      figure.cpuVsSdk = ratio(figure.cpuUsPerCall, sdk?.cpuUsPerCall)
      figure.cpuVsFloor = ratio(figure.cpuUsPerCall, floor?.cpuUsPerCall)
      figure.rateVsSdk = ratio(figure.callsPerSec, sdk?.callsPerSec)
      figure.rateVsFloor = ratio(figure.callsPerSec, floor?.callsPerSec)
    }
  }
  return out
}

const exportFigures = (exports = {}) => {
  const out = {}
  for (const [size, variants] of Object.entries(exports)) {
    for (const [id, samples] of Object.entries(variants)) {
      ;(out[size] ??= {})[id] = {
        rounds: samples.length,
        identitiesPerSec: median(samples.map((s) => s.opsPerSec)),
        cpuUsPerIdentity: median(samples.map((s) => s.cpuUsPerOp)),
        peakRssMB: median(samples.map((s) => s.maxRss / MB)),
        growthMB: median(samples.map((s) => (s.peakRss - s.rssBefore) / MB)),
        peakHeapMB: median(samples.map((s) => s.peakHeapTotal / MB)),
        peakExternalMB: median(samples.map((s) => s.peakExternal / MB)),
        retainedMB: median(samples.map((s) => (s.heapAfterGc - s.heapBefore) / MB)),
        gcMs: median(samples.map((s) => s.gc.minorMs + s.gc.majorMs)),
        gcCounts: `${median(samples.map((s) => s.gc.minor))}/${median(samples.map((s) => s.gc.major))}`
      }
    }
    for (const figure of Object.values(out[size])) {
      const sdk = out[size]["sdk/loop"]
      const floor = out[size]["floor/loop"]
      figure.rateVsSdk = ratio(figure.identitiesPerSec, sdk?.identitiesPerSec)
      figure.rateVsFloor = ratio(figure.identitiesPerSec, floor?.identitiesPerSec)
      figure.cpuVsSdk = ratio(figure.cpuUsPerIdentity, sdk?.cpuUsPerIdentity)
      figure.cpuVsFloor = ratio(figure.cpuUsPerIdentity, floor?.cpuUsPerIdentity)
      figure.rssVsSdk = ratio(figure.peakRssMB, sdk?.peakRssMB)
    }
  }
  return out
}

const bundleFigures = (bundles = []) =>
  bundles.map((bundle) => {
    const sdk = bundles.find((b) => b.contender === "sdk" && b.platform === bundle.platform)
    return { ...bundle, gzipVsSdk: ratio(bundle.gzipBytes, sdk?.gzipBytes), minifiedVsSdk: ratio(bundle.minifiedBytes, sdk?.minifiedBytes) }
  })

const coldFigures = (cold) => {
  if (cold === undefined) return undefined
  const base = median(cold[BASELINE].exitMs)
  return Object.fromEntries(
    Object.entries(cold).map(([name, samples]) => {
      // Installed is compared with installed, bundled with bundled.
      const sdk = median(cold[name.endsWith("(bundled)") ? "sdk (bundled)" : "sdk"]?.exitMs ?? [])
      const exitMs = median(samples.exitMs)
      return [name, {
        spawns: samples.exitMs.length,
        exitMs,
        overBaselineMs: name === BASELINE ? undefined : exitMs - base,
        responseAtMs: median(samples.responseAtMs),
        vsSdkMs: name === BASELINE || sdk === undefined ? undefined : exitMs - sdk
      }]
    })
  )
}

const verdict = (ok) => (ok === undefined ? "n/a" : ok ? "met" : "missed")
const all = (values) => (values.some((v) => v === undefined) ? undefined : values.every(Boolean))
const x = (value) => (value === undefined ? "n/a" : `${value.toFixed(2)}×`)

const goals = ({ calls, exports, bundles, coldStart }) => {
  const list = []
  const ours = calls["ours-node"] ?? {}
  const phases = Object.keys(ours)
  for (const kind of ["signed", "unsigned"]) {
    const mine = phases.filter((p) => p.startsWith(`${kind}/`))
    list.push({
      goal: `CPU per ${kind} call ≤ 1.25× the floor (ours, UndiciHttpClient)`,
      measured: mine.map((p) => `${p.split("/")[1]} ${x(ours[p].cpuVsFloor)} floor, ${x(ours[p].cpuVsSdk)} SDK`).join("; "),
      verdict: verdict(all(mine.map((p) => ours[p].cpuVsFloor === undefined ? undefined : ours[p].cpuVsFloor <= 1.25)))
    })
  }
  const concurrent = phases.filter((p) => !p.endsWith("/seq"))
  list.push({
    goal: "Throughput at c32 ≥ 2× the SDK (ours, UndiciHttpClient)",
    measured: concurrent.map((p) => `${p.split("/")[0]} ${x(ours[p].rateVsSdk)}`).join("; "),
    verdict: verdict(all(concurrent.map((p) => ours[p].rateVsSdk === undefined ? undefined : ours[p].rateVsSdk >= 2)))
  })
  const sizes = Object.keys(exports).map(Number).sort((a, b) => a - b)
  const oursExports = ["ours-node/stream", "ours-node/records"]
  const rates = sizes.flatMap((size) => oursExports.map((id) => [size, id, exports[size][id]]))
  list.push({
    goal: "Export rate ≥ 0.9× the floor's",
    measured: rates.map(([size, id, f]) => `${id.split("/")[1]} ${size / 1000}k ${x(f?.rateVsFloor)}`).join("; "),
    verdict: verdict(all(rates.map(([, , f]) => f?.rateVsFloor === undefined ? undefined : f.rateVsFloor >= 0.9)))
  })
  list.push({
    goal: "Export peak RSS ≤ the SDK's",
    measured: rates.map(([size, id, f]) => `${id.split("/")[1]} ${size / 1000}k ${f?.peakRssMB?.toFixed(0)} vs ${exports[size]["sdk/loop"]?.peakRssMB?.toFixed(0)} MB`).join("; "),
    verdict: verdict(all(rates.map(([, , f]) => f?.rssVsSdk === undefined ? undefined : f.rssVsSdk <= 1)))
  })
  if (sizes.length >= 2) {
    const [small, large] = [sizes[0], sizes[sizes.length - 1]]
    const deltas = oursExports.map((id) => [id, exports[large][id]?.peakRssMB - exports[small][id]?.peakRssMB])
    list.push({
      goal: `Export peak RSS flat from ${small / 1000}k to ${large / 1000}k (within 10 MB)`,
      measured: deltas.map(([id, d]) => `${id.split("/")[1]} ${Number.isFinite(d) ? `${d >= 0 ? "+" : ""}${d.toFixed(1)} MB` : "n/a"}`).join("; "),
      verdict: verdict(all(deltas.map(([, d]) => Number.isFinite(d) ? d <= 10 : undefined)))
    })
  }
  const browser = bundles.find((b) => b.contender === "ours" && b.platform === "browser")
  list.push({
    goal: "Browser bundle of a one-GetId program ≤ the SDK's (gzip)",
    measured: browser === undefined ? "n/a" : `${x(browser.gzipVsSdk)} (node built-ins pulled in: ${browser.nodeBuiltinChains?.length ?? "?"})`,
    verdict: verdict(browser?.gzipVsSdk === undefined ? undefined : browser.gzipVsSdk <= 1 && browser.nodeBuiltinChains.length === 0)
  })
  for (const variant of ["", " (bundled)"]) {
    const coldOurs = coldStart?.[`ours-node${variant}`]
    list.push({
      goal: `Cold start no slower than the SDK's (ours, UndiciHttpClient${variant === "" ? ", as installed" : ", bundled"})`,
      measured: coldOurs?.vsSdkMs === undefined ? "n/a" : `${coldOurs.vsSdkMs >= 0 ? "+" : ""}${coldOurs.vsSdkMs.toFixed(0)} ms vs SDK`,
      verdict: verdict(coldOurs?.vsSdkMs === undefined ? undefined : coldOurs.vsSdkMs <= 0)
    })
  }
  return list
}

export const summarize = (raw) => {
  const summary = {
    calls: callFigures(raw.calls),
    exports: exportFigures(raw.exports),
    bundles: bundleFigures(raw.bundles ?? []),
    coldStart: coldFigures(raw.coldStart)
  }
  summary.goals = goals(summary)
  return summary
}
