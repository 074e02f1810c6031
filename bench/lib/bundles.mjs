/**
 * Bundle size of a one-GetId program (bench/programs/), minified with esbuild and gzipped
 * with node:zlib. For browser builds, every import of a Node built-in is kept external and
 * traced back to the program through esbuild's metafile, so a node-only import in the core
 * is reported with its exact import chain instead of a bare resolve error.
 */
import { builtinModules } from "node:module"
import { fileURLToPath } from "node:url"
import { gzipSync, constants as zlib } from "node:zlib"
import * as esbuild from "esbuild"

const root = fileURLToPath(new URL("../..", import.meta.url))

export const BUNDLES = [
  { name: "ours (UndiciHttpClient)", contender: "ours", program: "ours-node.mjs", platform: "node" },
  { name: "ours (UndiciHttpClient, subpath imports)", contender: "ours", program: "ours-node-subpath.mjs", platform: "node" },
  { name: "SDK", contender: "sdk", program: "sdk.mjs", platform: "node" },
  { name: "ours (FetchHttpClient)", contender: "ours", program: "ours-browser.mjs", platform: "browser" },
  // esbuild keeps every operation of the root import's `CognitoIdentity` namespace (see the program).
  { name: "ours (FetchHttpClient, subpath imports)", contender: "ours", program: "ours-browser-subpath.mjs", platform: "browser" },
  { name: "SDK", contender: "sdk", program: "sdk.mjs", platform: "browser" },
  // Not contenders: what any client built on Effect starts from, for reading the rows above.
  { name: "reference: Effect runtime alone", contender: "reference", program: "reference-effect.mjs", platform: "browser" },
  {
    name: "reference: Effect + FetchHttpClient + one Schema",
    // The bare program the bundle goal is measured over.
    contender: "bare",
    program: "reference-effect-http-schema.mjs",
    platform: "browser"
  }
]

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
const builtins = new RegExp(`^(node:.*|(${builtinModules.map(escape).join("|")})(/.*)?)$`)

/** Keeps Node built-ins external in a browser build so that the build succeeds and can be inspected. */
const keepBuiltinsExternal = {
  name: "keep-builtins-external",
  setup(build) {
    build.onResolve({ filter: builtins }, (args) => ({ path: args.path, external: true }))
  }
}

/** For each node built-in the bundle imports: the chain of files from the entry point to it. */
const builtinChains = (metafile, entry) => {
  const parents = new Map([[entry, undefined]])
  const queue = [entry]
  const found = []
  while (queue.length > 0) {
    const file = queue.shift()
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (imported.external) {
        if (builtins.test(imported.path)) {
          const chain = [imported.path]
          for (let at = file; at !== undefined; at = parents.get(at)) chain.unshift(at)
          found.push(chain)
        }
      } else if (!parents.has(imported.path)) {
        parents.set(imported.path, file)
        queue.push(imported.path)
      }
    }
  }
  return found
}

/** Bytes in the output per package (or `dist/` for this project), largest first. */
const contributors = (metafile) => {
  const byPackage = new Map()
  for (const output of Object.values(metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)
      if (file.startsWith("bench/")) continue // the program itself
      const name = match?.[1] ?? (file.startsWith("dist/") ? "(this project's dist/)" : file)
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput)
    }
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ name, bytes }))
}

/**
 * This project's modules in the bundle (dist/ paths), so that the report can tell what a
 * one-GetId program drags in: any signer module, any operation other than GetId.
 */
const ourModules = (metafile) => included(metafile).filter((file) => file.startsWith("dist/")).map((file) => file.slice(5)).sort()

/** Every input file that left at least one byte in the output (esbuild lists tree-shaken files with 0). */
const included = (metafile) =>
  Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([file]) => file)
  )

export const buildOne = async ({ name, contender, program, platform }) => {
  const entry = `bench/programs/${program}`
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    target: "es2022",
    legalComments: "none",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: platform === "browser" ? [keepBuiltinsExternal] : []
  })
  const code = result.outputFiles[0].contents
  return {
    name,
    contender,
    platform,
    program: entry,
    minifiedBytes: code.length,
    gzipBytes: gzipSync(code, { level: zlib.Z_BEST_COMPRESSION }).length,
    nodeBuiltinChains: platform === "browser" ? builtinChains(result.metafile, entry) : [],
    modules: Object.keys(result.metafile.inputs).length,
    contributors: contributors(result.metafile).slice(0, 8),
    ourModules: ourModules(result.metafile),
    // Signing code in the bundle: the project's signer modules and the hash libraries they use.
    signerModules: included(result.metafile).filter((file) =>
      /dist\/protocol\/(sign|sigv4|Sha256)|@smithy\/signature-v4|@noble\/hashes/.test(file)
    )
  }
}

export const measureBundles = async () => {
  const results = []
  for (const spec of BUNDLES) {
    try {
      results.push(await buildOne(spec))
    } catch (error) {
      results.push({ ...spec, error: String(error?.message ?? error) })
    }
  }
  return results
}
