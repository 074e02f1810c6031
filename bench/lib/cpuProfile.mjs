/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and says where the samples went: the top
 * functions by self time, self time per package, and, for this project's own code, self and
 * inclusive time per function mapped back to src/ through dist/'s source maps.
 */
import { existsSync, readFileSync } from "node:fs"
import { SourceMap } from "node:module"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../..", import.meta.url))

const category = ({ url, functionName }) => {
  if (url === "") {
    if (functionName === "(garbage collector)") return "GC"
    if (functionName === "(idle)") return "idle"
    if (functionName === "(program)") return "native / (program)"
    return "native"
  }
  if (url.startsWith("node:")) return "node internals"
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg !== null) return pkg[1]
  if (url.includes("/dist/")) return "ours (dist/)"
  if (url.includes("/bench/")) return "bench harness"
  return url
}

const sourceMaps = new Map()
/** dist/x.js line → src/x.ts line, when the source map is there. */
const original = (url, line, column) => {
  if (!url.includes("/dist/") || url.includes("node_modules")) return undefined
  const file = fileURLToPath(url)
  if (!sourceMaps.has(file)) {
    const mapFile = `${file}.map`
    sourceMaps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))) : undefined)
  }
  const entry = sourceMaps.get(file)?.findEntry(line, column)
  if (entry === undefined || entry.originalSource === undefined) return undefined
  const source = entry.originalSource.startsWith("file:") ? fileURLToPath(entry.originalSource) : new URL(entry.originalSource, url).pathname
  return `${source.replace(root, "")}:${entry.originalLine + 1}`
}

const where = ({ url, lineNumber, columnNumber }) => {
  if (url === "") return ""
  return original(url, lineNumber, columnNumber) ??
    `${url.replace(`file://${root}`, "").replace(/^.*node_modules\//, "")}:${lineNumber + 1}`
}

const label = (frame) => `${frame.functionName || "(anonymous)"} ${where(frame)}`.trim()

/**
 * `window` (`{ startUs, endUs }` on the monotonic clock, as the bench child reports its measured
 * loops) keeps only the samples taken inside it, leaving start-up and warm-up out.
 */
export const analyzeProfile = (path, { top = 25, window } = {}) => {
  const profile = JSON.parse(readFileSync(path, "utf8"))
  if (window !== undefined) {
    let at = profile.startTime
    const kept = []
    profile.samples.forEach((id, i) => {
      at += profile.timeDeltas[i]
      if (at >= window.startUs && at <= window.endUs) kept.push(id)
    })
    profile.samples = kept
    profile.startTime = Math.max(profile.startTime, window.startUs)
    profile.endTime = Math.min(profile.endTime, window.endUs)
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)

  const total = profile.samples.length
  const idle = profile.samples.filter((id) => byId.get(id).callFrame.functionName === "(idle)").length
  const self = new Map()
  const categories = new Map()
  const oursSelf = new Map()
  const oursInclusive = new Map()
  const inclusive = new Map()
  const bump = (map, key, n = 1) => map.set(key, (map.get(key) ?? 0) + n)

  for (const id of profile.samples) {
    const frame = byId.get(id).callFrame
    if (frame.functionName === "(idle)") continue
    bump(self, label(frame))
    bump(categories, category(frame))
    if (category(frame) === "ours (dist/)") bump(oursSelf, label(frame))
    // Inclusive time of our functions: count each function once per sample, however deep it recurses.
    const seen = new Set()
    const seenAny = new Set()
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at).callFrame
      if (f.functionName === "(root)") continue
      seenAny.add(label(f))
      if (category(f) === "ours (dist/)") seen.add(label(f))
    }
    for (const key of seen) bump(oursInclusive, key)
    for (const key of seenAny) bump(inclusive, key)
  }

  const busy = total - idle
  const rank = (map, n) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, samples]) => ({
      name,
      samples,
      percentOfBusy: (100 * samples) / busy
    }))
  return {
    file: path,
    window,
    samples: total,
    busySamples: busy,
    intervalUs: profile.samples.length > 1 ? (profile.endTime - profile.startTime) / profile.samples.length : undefined,
    categories: rank(categories, 30),
    topSelf: rank(self, top),
    oursSelf: rank(oursSelf, top),
    oursInclusive: rank(oursInclusive, top),
    inclusive: rank(inclusive, 2 * top)
  }
}

export const renderProfile = (analysis, title) => {
  const section = (heading, rows) => [
    `### ${heading}`,
    "",
    "| % of busy samples | samples | function / package |",
    "| ---: | ---: | --- |",
    ...rows.map((r) => `| ${r.percentOfBusy.toFixed(1)} | ${r.samples} | ${r.name.replace(/\|/g, "\\|")} |`),
    ""
  ]
  return [
    `## ${title}`,
    "",
    `${analysis.file}: ${analysis.samples} samples (${analysis.busySamples} not idle), ~${analysis.intervalUs?.toFixed(0)} µs apart` +
      (analysis.window === undefined ? ", whole process." : ", measured loop only (start-up and warm-up left out)."),
    "",
    ...section("Self time by package", analysis.categories),
    ...section("Top functions by self time", analysis.topSelf),
    ...section("Our code (dist/ mapped to src/): self time", analysis.oursSelf),
    ...section("Our code: inclusive time (the function or anything it calls)", analysis.oursInclusive),
    ...section(
      "Any code: inclusive time (the runtime's own loops come first; look below them)",
      analysis.inclusive
    )
  ].join("\n")
}
