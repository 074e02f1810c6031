/**
 * Running an independent peer (boto3 in a Python script, the aws CLI) as a child process
 * against the emulator server: an environment that holds the AWS documentation key pair and
 * nothing of the developer's (no profile, no config or credentials file, no instance metadata,
 * no proxy for loopback), and a runner that captures the exit code, stdout and stderr.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect } from "effect"

import { ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY } from "../../support/fixtures.js"

export { ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY } from "../../support/fixtures.js"

/**
 * The peer's environment for the scope's lifetime. Every inherited `AWS_*` variable is dropped
 * (AWS_PROFILE, session tokens, endpoint overrides, CA bundles...), the config and credentials
 * files point at paths in a fresh temporary directory that are never created, and retries are
 * off so that a server error shows in the result instead of being retried away.
 */
export const peerEnvironment = Effect.acquireRelease(
  Effect.sync(() => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cognito-peer-"))
    const inherited: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !key.toUpperCase().startsWith("AWS_")) inherited[key] = value
    }
    const env: Record<string, string> = {
      ...inherited,
      AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
      AWS_DEFAULT_REGION: REGION,
      AWS_REGION: REGION,
      AWS_CONFIG_FILE: path.join(dir, "missing-config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "missing-credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_MAX_ATTEMPTS: "1",
      AWS_RETRY_MODE: "standard",
      // aws CLI v2: no pager, no interactive prompt.
      AWS_PAGER: "",
      AWS_CLI_AUTO_PROMPT: "off",
      NO_PROXY: "127.0.0.1,localhost",
      no_proxy: "127.0.0.1,localhost",
      PYTHONDONTWRITEBYTECODE: "1",
      PYTHONIOENCODING: "utf-8"
    }
    return { dir, env }
  }),
  ({ dir }) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

export interface PeerResult {
  readonly command: string
  /** null when the process could not start or was killed (see `signal`, `stderr`). */
  readonly exitCode: number | null
  readonly signal: string | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `command args` to completion (killed after `timeoutMillis`); never fails. */
export const runPeer = (
  command: string,
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string>>,
  timeoutMillis = 30_000
): Effect.Effect<PeerResult> =>
  Effect.async<PeerResult>((resume) => {
    const display = [command, ...args].map((arg) => (/[\s"']/.test(arg) ? JSON.stringify(arg) : arg)).join(" ")
    const child = spawn(command, [...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: timeoutMillis,
      killSignal: "SIGKILL"
    })
    const stdout: Array<Buffer> = []
    const stderr: Array<Buffer> = []
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk))
    let done = false
    const finish = (exitCode: number | null, signal: string | null, extra = "") => {
      if (done) return
      done = true
      resume(Effect.succeed({
        command: display,
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8") + extra
      }))
    }
    child.once("error", (error) => finish(null, null, `\n${command} could not run: ${error.message}`))
    child.once("close", (code, signal) => finish(code, signal))
    // Interrupted (test timeout): kill the one process this call started.
    return Effect.sync(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
    })
  })

/** A one-line account of a peer run, for assertion messages. */
export const describeRun = (result: PeerResult): string =>
  `${result.command} → exit ${result.exitCode ?? result.signal}\nstdout: ${result.stdout.slice(0, 2000)}\nstderr: ${
    result.stderr.slice(0, 2000)
  }`
