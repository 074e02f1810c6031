/**
 * `cognito-identity emulator` as a real process (the built `dist/`, which `npm test` builds
 * first): flag ranges, a port it cannot have, a state path it cannot write, a save that fails
 * while it runs, and `kill -9` under sustained write load.
 */
import { spawn } from "node:child_process"
import type { ChildProcess } from "node:child_process"
import * as fs from "node:fs"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { Chunk, Effect, Layer, Stream } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../../src/index.js"
import { UndiciHttpClient } from "../../../src/node/index.js"
import type { Run } from "../../cli/runCli.js"
import { built, main } from "../../cli/runCli.js"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../../emulator/wire/support.js"

const dirs: Array<string> = []
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-command-"))
  dirs.push(dir)
  return dir
}
const children: Array<ChildProcess> = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

type Exit = Run

interface Running {
  readonly child: ChildProcess
  readonly url: string
  readonly exit: Promise<Exit>
}

/** Starts the command (through bash when `shell` is given, e.g. for `ulimit`); resolves once it listens or ends. */
const start = (args: ReadonlyArray<string>, shell?: string): Promise<Running | Exit> =>
  new Promise((resolve) => {
    const command = [process.execPath, main, "emulator", ...args].map((part) => `'${part}'`).join(" ")
    const child = shell === undefined
      ? spawn(process.execPath, [main, "emulator", ...args], { stdio: ["ignore", "pipe", "pipe"] })
      : spawn("bash", ["-c", `${shell}; exec ${command}`], { stdio: ["ignore", "pipe", "pipe"] })
    children.push(child)
    let stdout = ""
    let stderr = ""
    const exit = new Promise<Exit>((done) => child.on("close", (code, signal) => done({ code, signal, stdout, stderr })))
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
      if (match?.[1] !== undefined) resolve({ child, url: match[1], exit })
    })
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    void exit.then(resolve)
  })

const isRunning = (value: Running | Exit): value is Running => "url" in value

const run = async (args: ReadonlyArray<string>): Promise<Exit> => {
  const started = await start(args)
  if (isRunning(started)) {
    started.child.kill("SIGKILL")
    throw new Error(`expected the command to refuse to start: ${args.join(" ")}`)
  }
  return started
}

const client = (url: string) =>
  Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1", endpoint: url }).pipe(Layer.provide(UndiciHttpClient.layer)),
    AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }),
    RetryPolicy.layerNone
  )

const poolIdOf = (url: string) =>
  Effect.runPromise(
    CognitoIdentity.listIdentityPools({ MaxResults: 60 }).pipe(
      Effect.map((page) => page.IdentityPools?.[0]?.IdentityPoolId ?? ""),
      Effect.provide(client(url))
    )
  )

const identitiesOf = (url: string, poolId: string) =>
  Effect.runPromise(
    CognitoIdentity.listIdentitiesStream({ IdentityPoolId: poolId }).pipe(
      Stream.map((identity) => identity.IdentityId ?? ""),
      Stream.runCollect,
      Effect.map(Chunk.toReadonlyArray),
      Effect.provide(client(url))
    )
  )

/** An unauthenticated GetId over HTTP: the identity id, or undefined when the server is gone. */
const getId = async (url: string, poolId: string): Promise<string | undefined> => {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityService.GetId" },
      body: JSON.stringify({ IdentityPoolId: poolId })
    })
    if (response.status !== 200) return undefined
    const body = (await response.json()) as { IdentityId?: string }
    return body.IdentityId
  } catch {
    return undefined
  }
}

const oneLine = (stderr: string) => {
  const lines = stderr.trim().split("\n")
  expect(lines, stderr).toHaveLength(1)
  return lines[0] ?? ""
}

describe.skipIf(!built)("cognito-identity emulator (built)", () => {
  it("refuses flags outside their range: exit 2, one line naming the flag and its range", async () => {
    const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
      [["--fault-throttling", "7"], "--fault-throttling must be a number from 0 to 1, got 7"],
      [["--fault-drop", "-0.5"], "--fault-drop must be a number from 0 to 1, got -0.5"],
      [["--seed-pools", "-5"], "--seed-pools must be an integer from 0 to 1000, got -5"],
      [["--seed-identities", "-1"], "--seed-identities must be an integer from 0 to 10000000, got -1"],
      [["--latency-ms", "-100"], "--latency-ms must be an integer from 0 to 60000, got -100"],
      [["--port", "99999"], "--port must be an integer from 0 to 65535, got 99999"],
      [["--port", "0", "--iam-policies", "p.json"], "--iam-policies is only read with --enforce-iam"]
    ]
    for (const [args, message] of cases) {
      const result = await run(args)
      expect(result.code, args.join(" ")).toBe(2)
      expect(oneLine(result.stderr)).toBe(`cognito-identity: ${message} (see --help)`)
      expect(result.stdout).toBe("")
    }
  })

  it("says in one line why it cannot listen on a port that is taken", async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve))
    const address = blocker.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    try {
      const result = await run(["--port", String(port)])
      expect(result.code).toBe(1)
      expect(oneLine(result.stderr)).toBe(
        `cognito-identity: EmulatorServerError: the emulator could not listen on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}`
      )
    } finally {
      blocker.close()
    }
  })

  it("refuses at start a state path it cannot write, with exit 1 and one line", async () => {
    const dir = tmp()
    fs.writeFileSync(path.join(dir, "not-a-directory"), "")
    const result = await run(["--port", "0", "--state", path.join(dir, "not-a-directory", "state")])
    expect(result.code).toBe(1)
    expect(oneLine(result.stderr)).toMatch(/^cognito-identity: StateFileError: cannot create the directory of the emulator state file /)
    // A file size limit of 0 blocks: the probe write fails before anything listens.
    const limited = await start(["--port", "0", "--state", path.join(dir, "state")], "ulimit -f 0")
    expect(isRunning(limited)).toBe(false)
    if (!isRunning(limited)) {
      expect(limited.code).toBe(1)
      expect(oneLine(limited.stderr)).toMatch(/^cognito-identity: StateFileError: cannot (lock|write) the emulator state file .*: EFBIG/)
    }
    expect(fs.readdirSync(dir)).toEqual(["not-a-directory"])
  })

  it("a save that fails while it runs is reported at once and ends the command with exit 1", async () => {
    const dir = tmp()
    const state = path.join(dir, "state")
    // 64 KiB of file at most: a few hundred identities in, the journal cannot grow.
    const started = await start(["--port", "0", "--seed-pools", "1", "--state", state], "ulimit -f 64")
    expect(isRunning(started)).toBe(true)
    if (!isRunning(started)) return
    const poolId = await poolIdOf(started.url)
    let answered = 0
    for (let i = 0; i < 5_000; i++) {
      if ((await getId(started.url, poolId)) === undefined) break
      answered += 1
    }
    expect(answered).toBeGreaterThan(100)
    expect(answered).toBeLessThan(5_000)
    const exit = await started.exit
    expect(exit.code).toBe(1)
    expect(oneLine(exit.stderr)).toMatch(
      /^cognito-identity: StateFileError: cannot save the emulator state to .*: EFBIG: file too large, write \(\d+ changes? not saved\)$/
    )
    expect(fs.existsSync(`${state}.lock`)).toBe(false)
  })

  it("kill -9 under sustained GetId load loses only what was acknowledged in the last flush window", async () => {
    const dir = tmp()
    const state = path.join(dir, "state")
    const started = await start(["--port", "0", "--seed-pools", "1", "--state", state])
    expect(isRunning(started)).toBe(true)
    if (!isRunning(started)) return
    const poolId = await poolIdOf(started.url)

    const acknowledged = new Map<string, number>()
    let stop = false
    const worker = async () => {
      while (!stop) {
        const id = await getId(started.url, poolId)
        if (id !== undefined) acknowledged.set(id, performance.now())
      }
    }
    const workers = Array.from({ length: 16 }, worker)
    await new Promise((resolve) => setTimeout(resolve, 4_000))
    const killedAt = performance.now()
    started.child.kill("SIGKILL")
    const killed = await started.exit
    stop = true
    await Promise.all(workers)
    expect(killed.signal).toBe("SIGKILL")
    expect(acknowledged.size).toBeGreaterThan(500)

    const restarted = await start(["--port", "0", "--state", state])
    expect(isRunning(restarted)).toBe(true)
    if (!isRunning(restarted)) return
    const kept = await identitiesOf(restarted.url, poolId)
    restarted.child.kill("SIGTERM")
    expect((await restarted.exit).code).toBe(0)

    expect(new Set(kept).size).toBe(kept.length)
    const keptSet = new Set(kept)
    const lost = [...acknowledged].filter(([id]) => !keptSet.has(id))
    // The flush interval is 200 ms; 2 s leaves room for a loaded machine and still fails a
    // save that waits for traffic to stop (that loses everything acknowledged under load).
    const oldestLoss = Math.max(0, ...lost.map(([, at]) => killedAt - at))
    expect(oldestLoss, `${lost.length} of ${acknowledged.size} acknowledged identities lost`).toBeLessThan(2_000)
    expect(lost.length).toBeLessThan(acknowledged.size / 2)
  })
})
