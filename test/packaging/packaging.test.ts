/**
 * The package as users get it: packed with `npm pack`, installed from the tarball into an
 * application that pins another 3.x patch of effect. npm must install one copy of effect and
 * of @effect/platform (ours are peer dependencies), the application's program must type-check
 * against the published declarations (which name no @smithy type) with `skipLibCheck: false`,
 * and it must run against the emulator over HTTP, on fetch and on the Node transport.
 */
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Emulator } from "effect-cognito-identity/emulator"
import {
  describeRun,
  filesEndingWith,
  installedCopies,
  lastJsonLine,
  makeScratchApp,
  repoRoot,
  run,
  type ScratchApp
} from "./scratchApp.js"
import { expectSmokeReport, type SmokeResult } from "./smokeExpectations.js"

/** Another patch than the repository's devDependency (3.22.4): the lowest the peer range allows. */
const APP_EFFECT = "3.22.2"
const APP_PLATFORM = "0.97.2"

let app: ScratchApp

beforeAll(async () => {
  app = await makeScratchApp({
    dependencies: { effect: APP_EFFECT, "@effect/platform": APP_PLATFORM, "@types/node": "20.19.43" }
  })
}, 600_000)

afterAll(() => app?.remove())

describe("the packed package in an application on effect " + APP_EFFECT, () => {
  it("installs without a peer conflict, with one copy of effect and of @effect/platform", async () => {
    expect(app.install.code, describeRun("npm install", app.install)).toBe(0)
    expect(app.install.stderr).not.toMatch(/ERESOLVE|peer dep|invalid/i)
    const nodeModules = join(app.dir, "node_modules")
    expect(await installedCopies(nodeModules, "effect")).toEqual([{ path: join(nodeModules, "effect"), version: APP_EFFECT }])
    expect(await installedCopies(nodeModules, "@effect/platform")).toEqual([
      { path: join(nodeModules, "@effect", "platform"), version: APP_PLATFORM }
    ])
    const ls = await run("npm", ["ls", "--all", "effect", "@effect/platform"], { cwd: app.dir })
    expect(ls.code, describeRun("npm ls", ls)).toBe(0)
  })

  it("publishes peer ranges, not pins, for effect and @effect/platform", async () => {
    const installed = JSON.parse(
      await readFile(join(app.dir, "node_modules", "effect-cognito-identity", "package.json"), "utf8")
    ) as Record<string, Record<string, string> | undefined>
    expect(installed["peerDependencies"]).toEqual({ effect: "^3.22.2", "@effect/platform": "^0.97.2" })
    expect(Object.keys(installed["dependencies"] ?? {})).not.toContain("effect")
    expect(Object.keys(installed["dependencies"] ?? {})).not.toContain("@effect/platform")
  })

  it("names no @smithy type in any published declaration file", async () => {
    const declarations = await filesEndingWith(join(app.dir, "node_modules", "effect-cognito-identity", "dist"), ".d.ts")
    expect(declarations.length).toBeGreaterThan(50)
    const offenders: Array<string> = []
    for (const file of declarations) {
      const text = await readFile(file, "utf8")
      if (/(from|import\()\s*["']@smithy\//.test(text)) offenders.push(file)
    }
    expect(offenders).toEqual([])
  })

  it("type-checks the application against the published declarations (skipLibCheck: false)", async () => {
    const tsc = await run(process.execPath, [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], {
      cwd: app.dir
    })
    expect(tsc.code, describeRun("tsc", tsc)).toBe(0)
    // A full type-check of the application and its dependencies' declarations: ~10 s alone,
    // 40 s and more while other test files compete for two cores.
  }, 240_000)

  it.live("runs the application against the emulator over HTTP, on fetch and on the Node transport", () =>
    Effect.scoped(Effect.gen(function*() {
      const { emulator, url } = yield* Emulator.serve({ port: 0 })
      const [poolId = ""] = yield* emulator.seed({ pools: 1, identitiesPerPool: 25 })
      // The type-check test compiled the program to dist/ (tsc's outDir).
      const result = yield* Effect.promise(() => run(process.execPath, ["dist/node.js", url, poolId], { cwd: app.dir }))
      expect(result.code, describeRun("the application", result)).toBe(0)
      const output = lastJsonLine(result) as { readonly reports: Record<"fetch" | "node", SmokeResult> }
      // Each run creates a guest identity: the second lists the first's.
      expectSmokeReport(output.reports.fetch, { listed: 25 })
      expectSmokeReport(output.reports.node, { listed: 26 })
      expect(output.reports.node.guestIdentityId).not.toBe(output.reports.fetch.guestIdentityId)
      const stats = emulator.stats().operations
      expect(stats["ListIdentities"]?.outcomes).toEqual({ Success: 6 }) // 3 pages each
      expect(stats["GetId"]?.outcomes).toEqual({ Success: 2 })
      expect(stats["DescribeIdentityPool"]?.outcomes).toEqual({ Success: 2, ResourceNotFoundException: 2 })
    })), 120_000)
})
