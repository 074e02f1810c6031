#!/usr/bin/env node
/**
 * The client's own CPU per call, without a network: the executor (validation, encoding,
 * endpoint, headers, SigV4 for the signed call, the retry policy's step, decoding, spans,
 * metrics) over an in-memory transport that answers on the next turn of the event loop, against
 * a bare Effect program that only waits for the same turn and parses the same JSON. What is
 * left between the two is everything this package adds to a call; what a real call costs on
 * top (sockets, undici, the kernel) is in `run.mjs`'s tables.
 *
 *   node bench/overhead.mjs [--calls 50000] [--rounds 5]
 *
 * Each variant runs in its own process, rounds alternate; median µs per call.
 */
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { ensureBuilt } from "./lib/build.mjs"
import { median } from "./lib/stats.mjs"

const VARIANTS = ["bare", "unsigned", "signed"]
const { values: args } = parseArgs({
  options: {
    calls: { type: "string", default: "50000" },
    rounds: { type: "string", default: "5" },
    variant: { type: "string" },
    "no-build": { type: "boolean", default: false }
  }
})

const measureOne = async (variant, calls) => {
  const Effect = await import("effect/Effect")
  const Layer = await import("effect/Layer")
  const ManagedRuntime = await import("effect/ManagedRuntime")
  const FetchHttpClient = await import("@effect/platform/FetchHttpClient")
  const { AwsCredentials, CognitoIdentity, CognitoIdentityClient, CognitoIdentityTransport } = await import("../dist/index.js")
  // The hashes the Node transports hand the signer (node:crypto), as UndiciHttpClient does.
  const { nodeSha256 } = await import("../dist/node/NodeSha256.js")
  const { CREDENTIALS, GETID_IDENTITY, POOL_ID, POOL_NAME, REGION } = await import("./lib/fixtures.mjs")
  const answers = {
    bare: JSON.stringify({ IdentityId: GETID_IDENTITY }),
    unsigned: JSON.stringify({ IdentityId: GETID_IDENTITY }),
    signed: JSON.stringify({ IdentityPoolId: POOL_ID, IdentityPoolName: POOL_NAME, AllowUnauthenticatedIdentities: true })
  }
  const body = new TextEncoder().encode(answers[variant])
  const nextTurn = (value) => Effect.async((resume) => void setImmediate(() => resume(Effect.succeed(value))))
  const transport = Layer.succeed(CognitoIdentityTransport, {
    sha256: nodeSha256,
    send: () => nextTurn({ status: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body })
  })
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(
      CognitoIdentityClient.layer({ region: REGION, endpoint: "http://127.0.0.1:1" }).pipe(
        // The layer takes an HttpClient; the transport in its context is what calls use.
        Layer.provide(Layer.merge(transport, FetchHttpClient.layer))
      ),
      AwsCredentials.static(CREDENTIALS)
    )
  )
  const decoder = new TextDecoder()
  const call = {
    bare: Effect.map(nextTurn(body), (bytes) => JSON.parse(decoder.decode(bytes)).IdentityId),
    unsigned: Effect.map(CognitoIdentity.getId({ IdentityPoolId: POOL_ID }), (out) => out.IdentityId),
    signed: Effect.map(CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL_ID }), (out) => out.IdentityPoolName)
  }[variant]
  const expected = variant === "signed" ? POOL_NAME : GETID_IDENTITY
  const loop = (n) =>
    runtime.runPromise(Effect.forEach(Array.from({ length: n }), () =>
      Effect.flatMap(call, (value) => value === expected ? Effect.void : Effect.die(new Error(`${variant}: answered ${value}`))), { discard: true }))
  await loop(Math.min(calls, 20_000)) // the JIT settles
  const before = process.cpuUsage()
  await loop(calls)
  const used = process.cpuUsage(before)
  await runtime.dispose()
  return (used.user + used.system) / calls
}

if (args.variant !== undefined) {
  process.stdout.write(`${JSON.stringify({ usPerCall: await measureOne(args.variant, Number(args.calls)) })}\n`)
} else {
  ensureBuilt({ build: !args["no-build"], force: false, log: (m) => process.stderr.write(`[overhead] ${m}\n`) })
  const samples = Object.fromEntries(VARIANTS.map((v) => [v, []]))
  const self = fileURLToPath(import.meta.url)
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const variant of round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) {
      const child = spawnSync(process.execPath, [self, "--variant", variant, "--calls", args.calls], { encoding: "utf8" })
      if (child.status !== 0) throw new Error(`${variant}: ${child.stderr}`)
      samples[variant].push(JSON.parse(child.stdout.trim().split("\n").pop()).usPerCall)
    }
  }
  const bare = median(samples.bare)
  console.log(`CPU µs per call over an in-memory transport (median of ${args.rounds} rounds of ${Number(args.calls).toLocaleString("en-US")} calls)\n`)
  console.log("| variant | µs per call | over bare Effect |")
  console.log("| --- | ---: | ---: |")
  console.log(`| bare Effect (wait one turn, JSON.parse) | ${bare.toFixed(1)} | – |`)
  console.log(`| ours, GetId (unsigned) | ${median(samples.unsigned).toFixed(1)} | +${(median(samples.unsigned) - bare).toFixed(1)} |`)
  console.log(`| ours, DescribeIdentityPool (signed) | ${median(samples.signed).toFixed(1)} | +${(median(samples.signed) - bare).toFixed(1)} |`)
}
