/**
 * `cognito-identity purge` as a process against the emulator server: a dry run writes exactly
 * the chosen identities and deletes nothing; a plan reviewed then executed deletes exactly it;
 * identities the service refuses are listed on stdout with exit 1; every bad flag combination
 * is a usage error (exit 2, one line) with nothing sent; help is short, plain and complete.
 */
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Usage from "@effect/cli/Usage"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { purgeCommand, purgeHelp } from "../../src/cli/commands/purgeCommand.js"
import { Emulator } from "../../src/emulator/index.js"
import type { Refuse } from "../purge/support.js"
import { DAY, keys, ledgerModel, modelIdentities, seedMix } from "../purge/support.js"
import { built, cliEnv, ndjsonKeys, runCli } from "./runCli.js"

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "cli-purge-"))

const serve = (refuse?: Refuse) =>
  Effect.gen(function*() {
    const { ledger, model } = ledgerModel(refuse)
    const pools = seedMix(model, 200)
    const before = modelIdentities(model)
    const server = yield* Effect.orDie(Emulator.serve({ port: 0, model }))
    return { ledger, model, pools, before, url: server.url, emulator: server.emulator }
  })

const stdoutKeys = (stdout: string) =>
  stdout.split("\n").filter((line) => line !== "").map((line) => {
    const record = JSON.parse(line) as { IdentityPoolId: string; IdentityId: string }
    return `${record.IdentityPoolId} ${record.IdentityId}`
  }).sort()

describe.skipIf(!built)("cognito-identity purge", () => {
  it.live("dry run: the plan on stdout is exactly the old guests, the count on stderr, nothing deleted", () =>
    Effect.gen(function*() {
      const { before, emulator, ledger, model, url } = yield* serve()
      const run = yield* runCli(["purge", "--all", "--guests", "--not-modified-for", "90", "--endpoint", url])
      expect(run.code, run.stderr).toBe(0)
      const expected = keys(before.filter((i) => i.logins === 0 && i.modified < Date.now() - 90 * DAY))
      expect(expected.length).toBeGreaterThan(100)
      expect(stdoutKeys(run.stdout)).toEqual(expected)
      const lines = run.stderr.trim().split("\n")
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(
        new RegExp(`^would delete ${expected.length} of ${before.length} identities examined .*none modified since \\S+Z → stdout; nothing was deleted \\(add --execute`)
      )
      expect(ledger.requests).toEqual([])
      expect(emulator.stats().operations["DeleteIdentities"]).toBeUndefined()
      expect(keys(modelIdentities(model))).toEqual(keys(before))
    }).pipe(Effect.scoped), 60_000)

  it.live("a plan written with --output, checked with --plan, then executed: exactly its identities deleted, once", () =>
    Effect.gen(function*() {
      const { before, ledger, model, pools, url } = yield* serve()
      const dir = tmp()
      const plan = path.join(dir, "plan.ndjson")
      const dry = yield* runCli(["purge", "--pool-id", pools[0] ?? "", "--pool-id", pools[2] ?? "", "--disabled", "--output", plan, "--endpoint", url])
      expect(dry.code, dry.stderr).toBe(0)
      expect(dry.stdout).toBe("")
      const chosen = before.filter((i) => i.disabled && (i.pool === pools[0] || i.pool === pools[2]))
      expect(ndjsonKeys(plan).sort()).toEqual(keys(chosen))
      expect(dry.stderr).toContain(`→ ${plan}; nothing was deleted`)

      const check = yield* runCli(["purge", "--plan", plan, "--endpoint", url])
      expect(check.code, check.stderr).toBe(0)
      expect(check.stderr).toContain(`would delete the ${chosen.length} identities listed in ${plan}; nothing was deleted`)
      expect(ledger.requests).toEqual([])

      const run = yield* runCli(["purge", "--plan", plan, "--execute", "--endpoint", url])
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).toBe("")
      expect(run.stderr).toMatch(new RegExp(`^deleted ${chosen.length} of ${chosen.length} identities · 1 batches · 0 retries`))
      expect([...ledger.deleted.keys()].sort()).toEqual(chosen.map((i) => i.id).sort())
      expect([...ledger.sent.values()].every((n) => n === 1)).toBe(true)
      const gone = new Set(chosen.map((i) => i.id))
      expect(keys(modelIdentities(model))).toEqual(keys(before.filter((i) => !gone.has(i.id))))
      // The reviewed plan is the user's file: kept.
      expect(fs.readdirSync(dir)).toEqual(["plan.ndjson"])
    }).pipe(Effect.scoped), 60_000)

  it.live("identities the service refuses are listed on stdout; exit 1 with a one-line reason; the temporary plan is removed", () => {
    const denied = new Set<string>()
    return Effect.gen(function*() {
      const { before, ledger, url } = yield* serve((ids, call) => {
        if (call === 2) ids.slice(10, 13).forEach((id) => denied.add(id))
        return new Map(ids.filter((id) => denied.has(id)).map((id) => [id, "AccessDenied"] as const))
      })
      const scratch = tmp()
      const run = yield* runCli(["purge", "--all", "--guests", "--execute", "--endpoint", url], { env: cliEnv({ TMPDIR: scratch }) })
      expect(run.code).toBe(1)
      const guests = before.filter((i) => i.logins === 0)
      const refused = stdoutKeys(run.stdout)
      expect(refused).toEqual(keys(before.filter((i) => denied.has(i.id))))
      expect(run.stdout).toContain(`"ErrorCode":"AccessDenied"`)
      const lines = run.stderr.trim().split("\n")
      expect(lines).toHaveLength(2)
      expect(lines[0]).toMatch(new RegExp(`^deleted ${guests.length - 3} of ${guests.length} identities`))
      expect(lines[1]).toBe("cognito-identity: 3 identities could not be deleted (AccessDenied: 3); they are listed on stdout")
      expect(ledger.deleted.size).toBe(guests.length - 3)
      expect(fs.readdirSync(scratch)).toEqual([])
    }).pipe(Effect.scoped)
  }, 60_000)

  it.live("bad flag combinations: exit 2, one line, and nothing sent", () =>
    Effect.gen(function*() {
      const { emulator, url } = yield* serve()
      const dir = tmp()
      const plan = path.join(dir, "plan.ndjson")
      fs.writeFileSync(plan, "")
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [["--guests"], "give either --pool-id ID"],
        [["--pool-id", "us-east-1:00000000-0000-4000-8000-000000000001", "--all", "--guests"], "not both"],
        [["--all"], "choose identities with --disabled, --guests and/or --not-modified-for DAYS"],
        [["--plan", plan, "--all"], "give --plan FILE or the pools"],
        [["--plan", plan, "--guests"], "a plan already lists its identities"],
        [["--plan", plan, "--output", path.join(dir, "x")], "with --plan there is none"],
        [["--all", "--guests", "--checkpoint", path.join(dir, "c")], "--checkpoint is for --execute"],
        [["--all", "--guests", "--not-modified-for", "0"], "--not-modified-for must be a positive number of days"],
        [["--all", "--guests", "--execute", "--output", "-"], "the plan must be a file"],
        [["--all", "--guests", "--rate", "0"], "--rate must be a positive number"],
        [["--all", "--guests", "--max-attempts", "0"], "--max-attempts must be at least 1"],
        [["--all", "--guests", "--give-up-after", "-5"], "--give-up-after must be a positive number"],
        [["--all", "--guests", "--not-modified-for", "soon"], ""],
        [["--all", "--guests", "--yes"], ""]
      ]
      // Independent processes: four at a time.
      const runs = yield* Effect.forEach(cases, ([args]) => runCli(["purge", ...args, "--endpoint", url]), { concurrency: 4 })
      cases.forEach(([args, message], i) => {
        const run = runs[i]
        expect(run?.code, `${args.join(" ")}: ${run?.stderr}`).toBe(2)
        expect(run?.stdout).toBe("")
        if (message !== "") {
          expect(run?.stderr.trim().split("\n")).toHaveLength(1)
          expect(run?.stderr).toContain(message)
        }
      })
      expect(emulator.stats().requests).toBe(0)
      expect(fs.readdirSync(dir)).toEqual(["plan.ndjson"])
    }).pipe(Effect.scoped), 120_000)

  it.live("help: short plain text naming every flag; the command list names purge", () =>
    Effect.gen(function*() {
      const page = yield* runCli(["purge", "--help"])
      expect(page.code).toBe(0)
      const lines = page.stdout.trimEnd().split("\n")
      expect(lines[0]).toMatch(/^Usage: cognito-identity purge \(--pool-id ID \.\.\. \| --all\) SELECTION /)
      expect(lines.length).toBeLessThanOrEqual(35)
      expect(lines.every((line) => line.length <= 110)).toBe(true)
      expect(page.stdout).not.toContain("\x1b")
      const usage = HelpDoc.toAnsiText(Usage.getHelp(Command.getUsage(purgeCommand))).replace(/\x1b\[[0-9;]*m/g, "")
      const flags = new Set(usage.match(/--[a-z0-9-]+/g))
      const documented = new Set(purgeHelp.options?.flatMap(([flag]) => flag.match(/--[a-z0-9-]+/g) ?? []))
      expect(flags.size).toBeGreaterThan(10)
      expect([...flags].filter((flag) => !documented.has(flag))).toEqual([])
      const top = yield* runCli(["--help"])
      expect(top.stdout).toMatch(/\n {2}purge {2,}delete identities/)
    }), 60_000)
})
