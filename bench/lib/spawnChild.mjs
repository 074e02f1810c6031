/** Runs one contender process and returns its parsed result line. */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { RESULT_PREFIX } from "./protocol.mjs"

const childScript = fileURLToPath(new URL("./child.mjs", import.meta.url))

/** A child that has not answered after `timeoutMs` is killed and reported as failed. */
export const runChild = (task, { nodeFlags = [], timeoutMs = 600_000 } = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", ...nodeFlags, childScript, JSON.stringify(task)], {
      stdio: ["ignore", "pipe", "pipe"]
    })
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs)
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.once("error", reject)
    child.once("close", (code, signal) => {
      clearTimeout(timer)
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX))
      const result = line === undefined ? undefined : JSON.parse(line.slice(RESULT_PREFIX.length))
      if (result?.ok === true) return resolve(result)
      reject(
        new Error(
          `${task.contender} (${task.task}) failed (exit code ${code}${signal === null ? "" : `, ${signal}`}):\n${result?.error ?? ""}\n${stderr.trim()}`
        )
      )
    })
  })
