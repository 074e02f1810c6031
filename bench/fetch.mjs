#!/usr/bin/env node
/**
 * CPU per GetId over fetch, the transport of browsers, Deno, Bun and Workers, on whichever
 * runtime runs this file, against two peers measured in the same process:
 *
 * - fetch: the runtime's own `fetch`, the answer read with `arrayBuffer()`, nothing else;
 * - @effect/platform: `FetchHttpClient` executing the same request, read with `arrayBuffer`
 *   (the platform's own cost, without validation, signing, retries or decoding);
 * - ours: `CognitoIdentity.getId` over `FetchHttpClient.layer` (input validated, output decoded).
 *
 *   node bench/fetch.mjs [--calls 1500] [--rounds 5]
 *   bun bench/fetch.mjs
 *   deno run -A bench/fetch.mjs
 *
 * Sequential calls to the benchmark's canned server (`lib/server.mjs`, a child process of the
 * same runtime); the three take turns each round, in a rotating order, after a warm-up of
 * `--calls` each; CPU is this process's own (`process.cpuUsage`). Every answer is checked. It
 * imports `dist/` (built first if stale). Bun and Deno come with test/runtimes (`cd
 * test/runtimes && npm ci`, then `test/runtimes/node_modules/.bin/bun` or `.../deno`).
 */
import { parseArgs } from "node:util"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { ensureBuilt } from "./lib/build.mjs"
import { expectEqual, GETID_IDENTITY, POOL_ID, REGION } from "./lib/fixtures.mjs"
import { startServer } from "./lib/serverControl.mjs"
import { median } from "./lib/stats.mjs"

const { values: args } = parseArgs({
  options: { calls: { type: "string", default: "1500" }, rounds: { type: "string", default: "5" } }
})
ensureBuilt({ build: true, force: false, log: (message) => process.stderr.write(`[fetch] ${message}\n`) })
const { CognitoIdentity, CognitoIdentityClient } = await import("../dist/index.js")
const calls = Number(args.calls)
const rounds = Number(args.rounds)

const runtimeName = globalThis.Bun !== undefined
  ? `Bun ${globalThis.Bun.version}`
  : globalThis.Deno !== undefined
  ? `Deno ${globalThis.Deno.version.deno}`
  : `Node ${process.version}`

const server = await startServer()
const url = `${server.endpoint}/`
const body = JSON.stringify({ IdentityPoolId: POOL_ID })
const headers = { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityService.GetId" }
const decoder = new TextDecoder()
const identityOf = (bytes) => JSON.parse(decoder.decode(bytes)).IdentityId

const platform = ManagedRuntime.make(FetchHttpClient.layer)
const request = HttpClientRequest.post(url).pipe(
  HttpClientRequest.setHeaders(headers),
  HttpClientRequest.bodyText(body, "application/x-amz-json-1.1")
)
const ours = ManagedRuntime.make(
  CognitoIdentityClient.layer({ region: REGION, endpoint: server.endpoint }).pipe(Layer.provide(FetchHttpClient.layer))
)

const contenders = {
  fetch: async () => identityOf(await (await fetch(url, { method: "POST", headers, body })).arrayBuffer()),
  "@effect/platform": () =>
    platform.runPromise(
      Effect.flatMap(HttpClient.HttpClient, (client) => Effect.flatMap(client.execute(request), (response) => response.arrayBuffer))
    ).then(identityOf),
  ours: () => ours.runPromise(CognitoIdentity.getId({ IdentityPoolId: POOL_ID })).then((out) => out.IdentityId)
}

const measure = async (name, call) => {
  const before = process.cpuUsage()
  for (let i = 0; i < calls; i++) expectEqual(`${name} GetId.IdentityId`, await call(), GETID_IDENTITY)
  const used = process.cpuUsage(before)
  return (used.user + used.system) / calls
}

const names = Object.keys(contenders)
for (const name of names) await measure(name, contenders[name]) // warm-up
const samples = Object.fromEntries(names.map((name) => [name, []]))
for (let round = 0; round < rounds; round++) {
  // Rotate the order every round, so that none is always measured first.
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + round) % names.length]
    samples[name].push(await measure(name, contenders[name]))
  }
}
await ours.dispose()
await platform.dispose()
await server.stop()

const base = median(samples.fetch)
console.log(`## GetId over fetch, ${runtimeName}: CPU per call (µs), median of ${rounds} rounds of ${calls} sequential calls\n`)
console.log("| contender | µs per call | × fetch | rounds |")
console.log("| --- | ---: | ---: | --- |")
for (const name of names) {
  const value = median(samples[name])
  console.log(`| ${name} | ${value.toFixed(0)} | ${(value / base).toFixed(2)}× | ${samples[name].map((s) => s.toFixed(0)).join(", ")} |`)
}
