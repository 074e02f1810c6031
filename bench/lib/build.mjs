/**
 * The benchmark measures the shipped JavaScript in dist/, so dist/ must match src/. It is
 * rebuilt (`npm run build`) when any source or build config is newer than its output or an
 * output is missing; with `--no-build` a stale dist/ is an error instead.
 */
import { execFileSync } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../..", import.meta.url))

const sources = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : []
  })

/** Why dist/ is stale (the first reason found), or undefined when it is up to date. */
export const staleness = () => {
  const configs = ["tsconfig.json", "tsconfig.build.json"].map((f) => statSync(join(root, f)).mtimeMs)
  const newestConfig = Math.max(...configs)
  for (const source of sources(join(root, "src"))) {
    const output = join(root, "dist", relative(join(root, "src"), source)).replace(/\.ts$/, ".js")
    if (!existsSync(output)) return `${relative(root, output)} is missing`
    const built = statSync(output).mtimeMs
    if (built < statSync(source).mtimeMs) return `${relative(root, source)} is newer than ${relative(root, output)}`
    if (built < newestConfig) return `a build config is newer than ${relative(root, output)}`
  }
  return undefined
}

export const ensureBuilt = ({ build, force, log }) => {
  const stale = force ? "a rebuild was asked for (--rebuild)" : staleness()
  if (stale === undefined) {
    log("dist/ is up to date with src/")
    return { built: false }
  }
  if (!build) {
    throw new Error(`dist/ is stale (${stale}); run \`npm run build\` or drop --no-build`)
  }
  log(`building dist/ (${stale}) ...`)
  const started = Date.now()
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] })
  const still = staleness()
  if (still !== undefined) throw new Error(`dist/ is still stale after npm run build: ${still}`)
  return { built: true, seconds: (Date.now() - started) / 1000, reason: stale }
}
