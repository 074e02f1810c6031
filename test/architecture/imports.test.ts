/**
 * The import graph of `src`, read with the TypeScript compiler's own pre-processor (every
 * `import`, `import type` and `export … from`): no module imports itself back through any
 * chain, and the layers stay where docs/architecture.md puts them.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import ts from "typescript"
import { describe, expect, it } from "vitest"

const SRC = path.resolve(import.meta.dirname, "../../src")

const sourceFiles = (dir: string): Array<string> =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : []
  })

/** Module (relative to src) → the src modules it imports. */
const graph: ReadonlyMap<string, ReadonlyArray<string>> = new Map(
  sourceFiles(SRC).map((file) => {
    const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true)
    const imports = info.importedFiles
      .map((ref) => ref.fileName)
      .filter((name) => name.startsWith("."))
      .map((name) => path.relative(SRC, path.resolve(path.dirname(file), name.replace(/\.js$/, ".ts"))))
    return [path.relative(SRC, file), [...new Set(imports)]]
  })
)

/** Strongly connected components of more than one module, or a module importing itself (Tarjan). */
const cycles = (graph: ReadonlyMap<string, ReadonlyArray<string>>): Array<Array<string>> => {
  let index = 0
  const indices = new Map<string, number>()
  const lowlink = new Map<string, number>()
  const stack: Array<string> = []
  const onStack = new Set<string>()
  const found: Array<Array<string>> = []
  const visit = (node: string): void => {
    indices.set(node, index)
    lowlink.set(node, index)
    index += 1
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next)
        lowlink.set(node, Math.min(lowlink.get(node) ?? 0, lowlink.get(next) ?? 0))
      } else if (onStack.has(next)) {
        lowlink.set(node, Math.min(lowlink.get(node) ?? 0, indices.get(next) ?? 0))
      }
    }
    if (lowlink.get(node) === indices.get(node)) {
      const component: Array<string> = []
      let member: string | undefined
      do {
        member = stack.pop()
        if (member === undefined) break
        onStack.delete(member)
        component.push(member)
      } while (member !== node)
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort())
    }
  }
  for (const node of graph.keys()) if (!indices.has(node)) visit(node)
  return found
}

/** Every module `from` reaches, itself excluded. */
const reachable = (from: string): ReadonlySet<string> => {
  const seen = new Set<string>()
  const pending = [...(graph.get(from) ?? [])]
  while (pending.length > 0) {
    const next = pending.pop()
    if (next === undefined || seen.has(next)) continue
    seen.add(next)
    pending.push(...(graph.get(next) ?? []))
  }
  return seen
}

describe("the import graph of src", () => {
  it("reads every module and resolves every relative import to one of them", () => {
    expect(graph.size).toBeGreaterThan(100)
    for (const [module, imports] of graph) {
      for (const target of imports) expect(graph.has(target), `${module} imports ${target}`).toBe(true)
    }
  })

  it("has no cycle, type-only imports included", () => {
    expect(cycles(graph)).toEqual([])
  })

  it("finds a cycle when there is one (the check can fail)", () => {
    const withCycle = new Map(graph)
    withCycle.set("service.ts", ["CognitoIdentity.ts"])
    expect(cycles(withCycle).some((component) => component.includes("service.ts"))).toBe(true)
  })

  it("descriptors load neither the executor nor a layer", () => {
    for (const module of graph.keys()) {
      if (!module.startsWith("operations/")) continue
      const loaded = [...reachable(module)]
      expect(loaded.filter((m) => m.startsWith("layers/") || m === "protocol/execute.ts"), module).toEqual([])
    }
  })

  it("the emulator routes by the descriptors without loading the executor or the client's layers", () => {
    const loaded = [...reachable("emulator/index.ts")]
    expect(loaded).toContain("operations/table.ts")
    expect(loaded.filter((m) => m.startsWith("layers/") || m === "protocol/execute.ts" || m === "CognitoIdentity.ts")).toEqual([])
  })

  it("the executor reads no Context tag: it imports no layer module at run time", () => {
    const executor = ["protocol/execute.ts", "protocol/request.ts", "protocol/response.ts", "protocol/telemetry.ts", "protocol/transport.ts"]
    for (const module of executor) {
      const source = fs.readFileSync(path.join(SRC, module), "utf8")
      const valueImports = [...source.matchAll(/^import (?!type )[^\n]* from "([^"]+)"/gm)].map((m) => m[1] ?? "")
      expect(valueImports.filter((name) => name.includes("/layers/")), module).toEqual([])
    }
  })
})
