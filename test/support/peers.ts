/**
 * Independent peers for integration tests: moto_server, boto3 and the aws CLI. Each is looked
 * up on PATH; when absent the suite is skipped with a message saying what to install.
 */
import { spawn, spawnSync } from "node:child_process"
import * as net from "node:net"
import { Effect } from "effect"

/** True when `command args` runs and exits 0 within a few seconds. */
export const available = (command: string, args: ReadonlyArray<string>): boolean => {
  const result = spawnSync(command, [...args], { stdio: "ignore", timeout: 20_000 })
  return result.error === undefined && result.status === 0
}

/** Each check spawns a process, so it runs only when a suite asks, and once. */
const once = (check: () => boolean) => {
  let result: boolean | undefined
  return () => (result ??= check())
}

export const hasMoto = once(() => available("moto_server", ["--help"]))
export const hasBoto3 = once(() => available("python3", ["-c", "import boto3"]))
export const hasAwsCli = once(() => available("aws", ["--version"]))

export const skipMessage = (what: string, install: string) =>
  `${what} is not installed here, so this suite is skipped (install it with: ${install}); CI runs it.`

/**
 * CI sets REQUIRE_PEERS=1: a missing peer must fail the run there rather than skip silently.
 * Call at module level of a peer suite with whether the peer is present.
 */
export const requirePeer = (present: boolean, what: string): void => {
  if (!present && process.env["REQUIRE_PEERS"] === "1") {
    process.exitCode = 1
    // vitest reports an error thrown while collecting the file as a failed suite.
    throw new Error(`REQUIRE_PEERS=1 but ${what} is not available`)
  }
}

const freePort = Effect.async<number>((resume) => {
  const server = net.createServer()
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => resume(Effect.succeed(port)))
  })
})

const accepts = (port: number) =>
  Effect.async<boolean>((resume) => {
    const socket = net.connect(port, "127.0.0.1")
    socket.once("connect", () => {
      socket.destroy()
      resume(Effect.succeed(true))
    })
    socket.once("error", () => resume(Effect.succeed(false)))
  })

/** Starts `moto_server` on a free loopback port for the scope's lifetime. */
export const startMoto = Effect.gen(function*() {
  const port = yield* freePort
  const child = yield* Effect.acquireRelease(
    Effect.sync(() => spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" })),
    (process) =>
      Effect.async<void>((resume) => {
        if (process.exitCode !== null) return resume(Effect.void)
        process.once("exit", () => resume(Effect.void))
        process.kill("SIGTERM")
      })
  )
  for (let i = 0; i < 300; i++) {
    if (yield* accepts(port)) return { url: `http://127.0.0.1:${port}`, pid: child.pid }
    yield* Effect.promise(() => new Promise((r) => setTimeout(r, 50)))
  }
  return yield* Effect.dieMessage(`moto_server did not start listening on port ${port} within 15 s`)
})
