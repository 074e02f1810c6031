/**
 * Runs the built command (`dist/cli/main.js`, which `npm test` builds first) as a real process:
 * exit code, signal, stdout and stderr. `watch` is called every 20 ms and may signal it.
 */
import { spawn } from "node:child_process"
import type { StdioOptions } from "node:child_process"
import * as fs from "node:fs"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../support/fixtures.js"

export const main = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url))
export const built = fs.existsSync(main)

export interface Run {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** The example credentials and a region; nothing of the developer's AWS settings. */
export const cliEnv = (extra: Readonly<Record<string, string>> = {}): Record<string, string> => {
  const inherited: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.toUpperCase().startsWith("AWS_") && key !== "NO_COLOR") inherited[key] = value
  }
  return {
    ...inherited,
    AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    AWS_REGION: "us-east-1",
    ...extra
  }
}

export interface RunOptions {
  readonly env?: Readonly<Record<string, string>>
  /** Default: stdin ignored, stdout and stderr piped. */
  readonly stdio?: StdioOptions
  readonly watch?: (kill: (signal: NodeJS.Signals) => void) => void
}

export const runCli = (args: ReadonlyArray<string>, options: RunOptions = {}) =>
  Effect.async<Run>((resume) => {
    const child = spawn(process.execPath, [main, ...args], {
      env: options.env ?? cliEnv(),
      stdio: options.stdio ?? ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    const watch = options.watch
    const timer = watch === undefined ? undefined : setInterval(() => watch((signal) => child.kill(signal)), 20)
    child.on("close", (code, signal) => {
      clearInterval(timer)
      resume(Effect.succeed({ code, signal, stdout, stderr }))
    })
    return Effect.sync(() => {
      clearInterval(timer)
      child.kill("SIGKILL")
    })
  })

/** "pool identity" keys of an NDJSON export file. */
export const ndjsonKeys = (file: string): Array<string> =>
  fs.readFileSync(file, "utf8").split("\n").filter((line) => line !== "").map((line) => {
    const record = JSON.parse(line) as { IdentityPoolId: string; IdentityId: string }
    return `${record.IdentityPoolId} ${record.IdentityId}`
  })

/** The records a checkpoint file acknowledges; -1 while there is none (or it is being replaced). */
export const acknowledged = (checkpoint: string): number => {
  try {
    return (JSON.parse(fs.readFileSync(checkpoint, "utf8")) as { recordsWritten: number }).recordsWritten
  } catch {
    return -1
  }
}
