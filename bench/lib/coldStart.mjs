/**
 * Cold start: spawn-to-exit time of a process that loads a contender, makes one GetId call and
 * exits, for each contender as installed and as one esbuild bundle (how Lambda functions are
 * usually shipped), against `node -e 0`. Spawns are interleaved so that drift in the machine's
 * load hits every contender alike.
 */
import { spawn } from "node:child_process"
import { mkdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import * as esbuild from "esbuild"
import { GETID_IDENTITY } from "./fixtures.mjs"

const root = fileURLToPath(new URL("../..", import.meta.url))
const coldScript = fileURLToPath(new URL("./cold.mjs", import.meta.url))
const bundleDir = fileURLToPath(new URL("../results/.cold-bundles/", import.meta.url))

export const BASELINE = "node -e 0"

const timeProcess = (args) =>
  new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.once("error", reject)
    child.once("exit", (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      if (code !== 0) return reject(new Error(`node ${args.join(" ")} exited with ${code}: ${stderr.trim()}`))
      resolve({ ms, stdout })
    })
  })

/** One ESM file per contender; `require` is provided for the CommonJS packages inside (undici, the SDK). */
const bundleContender = async (contender) => {
  const outfile = `${bundleDir}${contender}.mjs`
  await esbuild.build({
    stdin: {
      contents: `import { create } from "./bench/contenders/${contender}.mjs"\n` +
        `import { runCold } from "./bench/lib/coldMain.mjs"\n` +
        `await runCold(create, process.argv[2])\n`,
      resolveDir: root,
      sourcefile: `cold-${contender}.mjs`
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: "silent"
  })
  return outfile
}

/**
 * `{ [name]: { exitMs: [...], responseAtMs: [...], rss: [...] } }`, `spawns` samples each; names are the
 * contender ids, `<id> (bundled)` and `node -e 0`.
 */
export const measureColdStarts = async (contenders, endpoint, spawns) => {
  mkdirSync(bundleDir, { recursive: true })
  const runs = [{ name: BASELINE, args: ["-e", "0"] }]
  for (const id of contenders) runs.push({ name: id, args: [coldScript, id, endpoint] })
  for (const id of contenders) runs.push({ name: `${id} (bundled)`, args: [await bundleContender(id), endpoint] })
  const samples = Object.fromEntries(runs.map(({ name }) => [name, { exitMs: [], responseAtMs: [], rss: [] }]))
  for (let i = 0; i < spawns; i++) {
    for (const { name, args } of runs) {
      const { ms, stdout } = await timeProcess(args)
      samples[name].exitMs.push(ms)
      if (name === BASELINE) continue
      const answer = JSON.parse(stdout.trim().split("\n").pop())
      if (answer.identityId !== GETID_IDENTITY) throw new Error(`${name}: cold GetId answered ${answer.identityId}`)
      samples[name].responseAtMs.push(answer.responseAtMs)
      samples[name].rss.push(answer.rss)
    }
  }
  return samples
}

/** GetId requests a cold-start phase makes. */
export const coldStartRequests = (contenders, spawns) => 2 * contenders.length * spawns
