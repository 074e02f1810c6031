/**
 * The command as a Unix tool, run as a real process: a closed pipe ends it quietly, a full disk
 * is one line and exit 1, the region comes from where the aws CLI finds it (and its absence is
 * named), help is short plain text, a server whose NextToken loops ends the export with a typed
 * error at once.
 */
import { layer } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { spawn, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as http from "node:http"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { emulatorCommand } from "../../src/cli/commands/emulatorCommand.js"
import { emulatorHelp } from "../../src/cli/emulatorHelp.js"
import { Emulator } from "../../src/emulator/index.js"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../support/fixtures.js"
import { built, cliEnv, main, runCli } from "./runCli.js"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Usage from "@effect/cli/Usage"

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "cli-unix-"))
const ESC = "\x1b"

class Served extends Effect.Tag("test/UnixToolServed")<Served, Effect.Effect.Success<ReturnType<typeof Emulator.serve>>>() {}

layer(Layer.scoped(Served, Emulator.serve({ port: 0, seed: { pools: 2, identitiesPerPool: 2000 } })), {
  excludeTestServices: true,
  timeout: 60_000
})("cognito-identity as a Unix tool", (it) => {
  it.effect.skipIf(!built)("`| head -1`: the first record, then a quiet exit 141 (no stack trace, no message)", () =>
    Effect.gen(function*() {
      const { url } = yield* Served
      const result = yield* Effect.async<{ code: number | null; first: string; stderr: string }>((resume) => {
        const child = spawn(process.execPath, [main, "export", "--all", "--endpoint", url], {
          env: cliEnv(),
          stdio: ["ignore", "pipe", "pipe"]
        })
        let first = ""
        let stderr = ""
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
        // What `head -1` does: read up to the first line, then close the pipe.
        child.stdout.on("data", (chunk: Buffer) => {
          if (first.includes("\n")) return
          first += chunk.toString()
          if (first.includes("\n")) child.stdout.destroy()
        })
        child.on("close", (code) => resume(Effect.succeed({ code, first: first.split("\n")[0] ?? "", stderr })))
      })
      expect(JSON.parse(result.first)).toHaveProperty("IdentityId")
      expect(result.stderr).toBe("")
      expect(result.code).toBe(141)
    }))

  it.effect.skipIf(!built || !fs.existsSync("/dev/full"))("`> /dev/full`: one line naming ENOSPC, exit 1", () =>
    Effect.gen(function*() {
      const { url } = yield* Served
      const full = fs.openSync("/dev/full", "w")
      const result = yield* runCli(["export", "--all", "--endpoint", url], { stdio: ["ignore", full, "pipe"] }).pipe(
        Effect.ensuring(Effect.sync(() => fs.closeSync(full)))
      )
      expect(result.code).toBe(1)
      expect(result.stderr.trim().split("\n")).toHaveLength(1)
      expect(result.stderr).toMatch(/^cognito-identity: ExportFileError: cannot write to stdout: ENOSPC/)
    }))

  it.effect.skipIf(!built)("region from AWS_DEFAULT_REGION, from the profile's region (AWS_PROFILE or --profile), else a message naming --region and AWS_REGION", () =>
    Effect.gen(function*() {
      const { url } = yield* Served
      const withoutRegion = cliEnv()
      delete withoutRegion["AWS_REGION"]
      const fromDefault = yield* runCli(["pools", "--endpoint", url], { env: { ...withoutRegion, AWS_DEFAULT_REGION: "us-east-1" } })
      expect(fromDefault.code, fromDefault.stderr).toBe(0)
      expect(fromDefault.stdout.trim().split("\n")).toHaveLength(2)

      const config = path.join(tmp(), "config")
      fs.writeFileSync(
        config,
        "[default]\noutput = json\n\n[profile exporter]\nregion = us-east-1\n" +
          `aws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_ACCESS_KEY}\n`
      )
      const profileEnv = { ...withoutRegion, AWS_CONFIG_FILE: config }
      const byEnv = yield* runCli(["export", "--all", "--endpoint", url], { env: { ...profileEnv, AWS_PROFILE: "exporter" } })
      expect(byEnv.code, byEnv.stderr).toBe(0)
      expect(byEnv.stdout.trim().split("\n")).toHaveLength(4000)
      const byFlag = yield* runCli(["pools", "--endpoint", url, "--profile", "exporter"], { env: profileEnv })
      expect(byFlag.code, byFlag.stderr).toBe(0)

      const none = yield* runCli(["export", "--all", "--endpoint", url], { env: profileEnv })
      expect(none.code).toBe(2)
      expect(none.stderr.trim().split("\n")).toHaveLength(1)
      expect(none.stderr).toContain("--region")
      expect(none.stderr).toContain("AWS_REGION")
    }))

  it.effect.skipIf(!built)("AWS_MAX_ATTEMPTS and AWS_RETRY_MODE are read, and refused when invalid", () =>
    Effect.gen(function*() {
      const { url } = yield* Served
      const bad = yield* runCli(["pools", "--endpoint", url], { env: cliEnv({ AWS_MAX_ATTEMPTS: "zero" }) })
      expect(bad.code).toBe(1)
      expect(bad.stderr).toContain("AWS_MAX_ATTEMPTS")
      const badMode = yield* runCli(["export", "--all", "--endpoint", url], { env: cliEnv({ AWS_RETRY_MODE: "eager" }) })
      expect(badMode.code).toBe(1)
      expect(badMode.stderr).toContain("AWS_RETRY_MODE")
      const good = yield* runCli(["pools", "--endpoint", url], { env: cliEnv({ AWS_MAX_ATTEMPTS: "5", AWS_RETRY_MODE: "adaptive" }) })
      expect(good.code, good.stderr).toBe(0)
      const flag = yield* runCli(["export", "--all", "--endpoint", url, "--max-attempts", "0"])
      expect(flag.code).toBe(2)
      expect(flag.stderr).toContain("--max-attempts must be at least 1")
    }))
})

/** A ListIdentityPools / ListIdentities server whose NextToken comes back forever. */
const loopingServer = Effect.acquireRelease(
  Effect.async<{ readonly url: string; readonly requests: () => number; readonly close: () => void }>((resume) => {
    let requests = 0
    const server = http.createServer((request, response) => {
      requests += 1
      const target = String(request.headers["x-amz-target"] ?? "")
      request.resume()
      request.on("end", () => {
        const body = target.endsWith("ListIdentityPools")
          ? { IdentityPools: [{ IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000001", IdentityPoolName: "loop" }] }
          : {
            IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000001",
            Identities: [{ IdentityId: "us-east-1:00000000-0000-4000-8000-0000000000aa" }],
            NextToken: "again"
          }
        response.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify(body))
      })
    })
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, requests: () => requests, close: () => server.close() }))
    })
  }),
  (server) => Effect.sync(server.close)
)

describe.skipIf(!built)("cognito-identity against a server whose NextToken loops", () => {
  it("export ends at once with a one-line PaginationError, exit 1, and leaves no output file", async () => {
    const dir = tmp()
    const output = path.join(dir, "out.ndjson")
    const { result, requests } = await Effect.runPromise(
      Effect.gen(function*() {
        const server = yield* loopingServer
        const result = yield* runCli(["export", "--all", "--endpoint", server.url, "--output", output])
        return { result, requests: server.requests() }
      }).pipe(Effect.scoped)
    )
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split("\n")).toHaveLength(1)
    expect(result.stderr).toMatch(/^cognito-identity: PaginationError: ListIdentities: page 2 returned a NextToken this listing already followed/)
    // ListIdentityPools, then two ListIdentities pages: the repeated token is never requested.
    expect(requests).toBe(3)
    expect(fs.readdirSync(dir)).toEqual([])
  })
})

describe.skipIf(!built)("help", () => {
  it("export --help: short plain text, the usage line names the command and the alternatives, defaults shown", async () => {
    const result = await Effect.runPromise(runCli(["export", "--help"]))
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain(ESC)
    const lines = result.stdout.trimEnd().split("\n")
    expect(lines[0]).toMatch(/^Usage: cognito-identity export \(--pool-id ID \.\.\. \| --all\) /)
    expect(lines.length).toBeLessThanOrEqual(30)
    expect(lines.every((line) => line.length <= 110)).toBe(true)
    for (const text of ["(default: ndjson)", "(default: stdout)", "--max-attempts N", "--retry-mode MODE", "(default: 300)"]) {
      expect(result.stdout).toContain(text)
    }
  })

  it("every command's help is short and plain; no arguments prints the command list and exits 2", async () => {
    for (const command of ["pools", "emulator", "demo"]) {
      const result = await Effect.runPromise(runCli([command, "--help"]))
      expect(result.code).toBe(0)
      expect(result.stdout).not.toContain(ESC)
      expect(result.stdout.startsWith(`Usage: cognito-identity ${command} `)).toBe(true)
      expect(result.stdout.trimEnd().split("\n").length).toBeLessThanOrEqual(25)
    }
    const top = await Effect.runPromise(runCli(["--help"]))
    expect(top.stdout).toMatch(/^Usage: cognito-identity COMMAND/)
    const none = await Effect.runPromise(runCli([]))
    expect(none.code).toBe(2)
    expect(none.stderr).toContain("Commands:")
  })

  it("the emulator's help page names every flag the command takes", () => {
    const usage = HelpDoc.toAnsiText(Usage.getHelp(Command.getUsage(emulatorCommand))).replace(/\x1b\[[0-9;]*m/g, "")
    const flags = new Set(usage.match(/--[a-z0-9-]+/g))
    const documented = new Set(emulatorHelp.options?.flatMap(([flag]) => flag.match(/--[a-z0-9-]+/g) ?? []))
    expect(flags.size).toBeGreaterThan(5)
    expect([...flags].filter((flag) => !documented.has(flag))).toEqual([])
  })

  const hasScript = spawnSync("script", ["--version"], { stdio: "ignore" }).status === 0
  it.skipIf(!hasScript)("on a terminal too: help has no ANSI; with NO_COLOR, neither have usage errors", () => {
    const inTerminal = (args: string, env: Record<string, string>) =>
      spawnSync("script", ["-qec", `${process.execPath} ${main} ${args}`, "/dev/null"], { env: cliEnv(env), encoding: "utf8" })
    expect(inTerminal("export --help", {}).stdout).not.toContain(ESC)
    const error = inTerminal("export --pool-id p --format xml", { NO_COLOR: "1" })
    expect(error.stdout).toContain("ndjson")
    expect(error.stdout).not.toContain(ESC)
  })
})
