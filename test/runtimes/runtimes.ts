/**
 * The runtimes of this directory's own package (Bun, Deno, workerd, Node 22 and 24), installed
 * with `npm ci` here and kept out of the project's install. A runtime that is not installed
 * is `undefined`: suites skip with a message, or fail under REQUIRE_PEERS=1 (CI).
 */
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"

const installed = (relative: string): string | undefined => {
  const path = fileURLToPath(new URL(`./node_modules/${relative}`, import.meta.url))
  return existsSync(path) ? path : undefined
}

export const runtimes = {
  bun: installed(".bin/bun"),
  deno: installed(".bin/deno"),
  workerd: installed(".bin/workerd"),
  node22: installed("node22/bin/node"),
  node24: installed("node24/bin/node")
} as const

export const INSTALL_RUNTIMES = "cd test/runtimes && npm ci"
