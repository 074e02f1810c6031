#!/usr/bin/env node
/**
 * Runs an example's `main`: `node examples/run.mjs quickstart`. esbuild (a devDependency)
 * strips the types into node_modules/.cache/examples/, where the example's
 * `import … from "effect-cognito-identity"` resolves to this package's own dist/ (a package may
 * import itself by name), so run `npm run build` first (`npm install` does).
 */
import { build } from "esbuild"
import { existsSync } from "node:fs"
import { fileURLToPath, pathToFileURL } from "node:url"

const name = process.argv[2]
const entry = name === undefined ? undefined : fileURLToPath(new URL(`./${name}.ts`, import.meta.url))
if (entry === undefined || !existsSync(entry)) {
  console.error("usage: node examples/run.mjs <example> (quickstart, ...: a file of examples/ that exports main)")
  process.exit(2)
}
if (!existsSync(fileURLToPath(new URL("../dist/index.js", import.meta.url)))) {
  console.error("dist/ is missing: run `npm run build` first")
  process.exit(1)
}
const outfile = fileURLToPath(new URL(`../node_modules/.cache/examples/${name}.mjs`, import.meta.url))
await build({ entryPoints: [entry], outfile, bundle: true, packages: "external", platform: "node", format: "esm", logLevel: "warning" })
const example = await import(pathToFileURL(outfile).href)
const { Cause, Effect, Exit } = await import("effect")
if (!Effect.isEffect(example.main)) {
  console.error(`examples/${name}.ts exports no main to run`)
  process.exit(2)
}
const exit = await Effect.runPromiseExit(example.main)
if (Exit.isFailure(exit)) {
  console.error(String(Cause.squash(exit.cause)))
  process.exitCode = 1
}
