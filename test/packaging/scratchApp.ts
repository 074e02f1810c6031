/**
 * A user's application, made from scratch in a temporary directory: the package as published
 * (`npm pack` of this checkout), installed from the tarball next to the application's own pinned
 * `effect` and `@effect/platform`, with the programs of `app/` copied in. The packaging test
 * and the runtime smoke tests run their programs there, so they see what users see.
 */
import { execFile } from "node:child_process"
import { existsSync } from "node:fs"
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { basename, join } from "node:path"
import { fileURLToPath } from "node:url"

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url))
const appSources = fileURLToPath(new URL("./app/", import.meta.url))

export interface Completed {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs a command to completion; never rejects (the caller asserts on the result). */
export const run = (
  command: string,
  args: ReadonlyArray<string>,
  options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number }
): Promise<Completed> =>
  new Promise((resolve) => {
    execFile(
      command,
      [...args],
      { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null
        resolve({ code, signal: error?.signal ?? null, stdout, stderr: error !== null && stderr === "" ? String(error) : stderr })
      }
    )
  })

/** For failure messages: what a command printed. */
export const describeRun = (what: string, result: Completed): string =>
  `${what} exited ${result.code ?? result.signal}\n--- stdout\n${result.stdout.slice(-4000)}\n--- stderr\n${result.stderr.slice(-4000)}`

/** The last line of stdout, parsed: the programs print their result as one JSON line. */
export const lastJsonLine = (result: Completed): unknown => {
  const line = result.stdout.trim().split("\n").at(-1) ?? ""
  try {
    return JSON.parse(line)
  } catch {
    throw new Error(describeRun("the program printed no JSON result;", result))
  }
}

/** `npm pack` of the built package (dist/ must be built: `npm test` builds it first). */
export const packPackage = async (destination: string): Promise<string> => {
  if (!existsSync(join(repoRoot, "dist", "index.js"))) {
    throw new Error("dist/ is not built: run `npm run build` (npm test does) before the packaging tests")
  }
  const packed = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", destination], { cwd: repoRoot })
  if (packed.code !== 0) throw new Error(describeRun("npm pack", packed))
  const [entry] = JSON.parse(packed.stdout) as ReadonlyArray<{ readonly filename: string }>
  if (entry === undefined) throw new Error(describeRun("npm pack named no file;", packed))
  return join(destination, entry.filename)
}

export interface ScratchApp {
  readonly dir: string
  readonly tarball: string
  readonly install: Completed
  readonly remove: () => Promise<void>
}

export interface ScratchAppOptions {
  /** The application's own pins: a 3.x patch other than this repository's. */
  readonly dependencies: Readonly<Record<string, string>>
  /** More of the application's source files (absolute paths), copied in beside `app/`'s. */
  readonly files?: ReadonlyArray<string>
}

/**
 * Packs the package, writes an application that depends on the tarball and on `dependencies`,
 * copies `app/` in and runs `npm install` (the npm registry, or npm's cache when it holds the
 * versions). The install's result is returned, not asserted: the caller checks it.
 */
export const makeScratchApp = async (options: ScratchAppOptions): Promise<ScratchApp> => {
  const dir = await mkdtemp(join(tmpdir(), "effect-cognito-identity-app-"))
  const remove = () => rm(dir, { recursive: true, force: true })
  const tarball = await packPackage(dir)
  const manifest = {
    name: "scratch-app",
    private: true,
    type: "module",
    dependencies: { ...options.dependencies, "effect-cognito-identity": `file:${tarball}` }
  }
  await writeFile(join(dir, "package.json"), JSON.stringify(manifest, null, 2))
  for (const file of await readdir(appSources)) await copyFile(join(appSources, file), join(dir, file))
  for (const file of options.files ?? []) await copyFile(file, join(dir, basename(file)))
  const install = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: dir, timeoutMs: 600_000 })
  return { dir, tarball, install, remove }
}

export interface InstalledCopy {
  readonly path: string
  readonly version: string
}

/** Every installed copy of a package under `nodeModules`, however deeply nested. */
export const installedCopies = async (nodeModules: string, name: string): Promise<ReadonlyArray<InstalledCopy>> => {
  const found: Array<InstalledCopy> = []
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name === ".bin") continue
      if (entry.name.startsWith("@")) {
        await visit(join(dir, entry.name))
        continue
      }
      const packageDir = join(dir, entry.name)
      const manifest = await readFile(join(packageDir, "package.json"), "utf8").then(
        (text) => JSON.parse(text) as { readonly name?: string; readonly version?: string },
        () => undefined
      )
      if (manifest?.name === name) found.push({ path: packageDir, version: manifest.version ?? "" })
      await visit(join(packageDir, "node_modules"))
    }
  }
  await visit(nodeModules)
  return found
}

/** Every file under `dir` whose name ends with `suffix`. */
export const filesEndingWith = async (dir: string, suffix: string): Promise<ReadonlyArray<string>> => {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(suffix)).map((entry) => join(entry.parentPath, entry.name))
}
