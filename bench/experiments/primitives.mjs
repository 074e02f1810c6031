#!/usr/bin/env node
/**
 * CPU cost of the building blocks one call of this client goes through, each measured alone in
 * this process (no server): Effect combinators the executor and UndiciHttpClient use per call,
 * Schema encoding and decoding of real payloads (and the compiled decoder the client answers
 * with), and SigV4 signing (ours, synchronous, on node:crypto and on @noble/hashes, against the
 * floor's @smithy/signature-v4 on node:crypto). For reading the profiles, and for checking a fix.
 *
 *   node --expose-gc bench/experiments/primitives.mjs
 */
import { Headers } from "@effect/platform"
import { Effect, ParseResult } from "effect"
import { DescribeIdentityPoolOutput } from "../../dist/operations/DescribeIdentityPool.js"
import { GetIdInput } from "../../dist/operations/GetId.js"
import { ListIdentitiesOutput } from "../../dist/operations/ListIdentities.js"
import { nodeSha256 } from "../../dist/node/NodeSha256.js"
import { portableSha256 } from "../../dist/protocol/Sha256.js"
import { signatureHeaders } from "../../dist/protocol/sigv4.js"
import { fastDecodeEither } from "../../dist/schemas/compileDecoder.js"
import { headersFor, makeSigner } from "../contenders/floor.mjs"
import { CREDENTIALS, exportPoolId, identityJson, POOL_ID } from "../lib/fixtures.mjs"

const measure = async (label, n, body) => {
  for (let i = 0; i < Math.min(n, 2_000); i++) await body()
  globalThis.gc?.()
  const before = process.cpuUsage()
  for (let i = 0; i < n; i++) await body()
  const used = process.cpuUsage(before)
  console.log(`${label.padEnd(62)} ${((used.user + used.system) / n).toFixed(1).padStart(7)} µs`)
}

const N = 20_000
const attributes = { "rpc.system": "aws-api", "rpc.service": "CognitoIdentity", "rpc.method": "GetId" }

console.log("Effect, per run (each line includes the first one):")
await measure("Effect.runPromise(Effect.void)", N, () => Effect.runPromise(Effect.void))
await measure("  + Effect.withSpan (default: captures a stack trace)", N, () =>
  Effect.runPromise(Effect.withSpan(Effect.void, "x", { kind: "client", attributes })))
await measure("  + Effect.withSpan, captureStackTrace: false", N, () =>
  Effect.runPromise(Effect.withSpan(Effect.void, "x", { kind: "client", attributes, captureStackTrace: false })))
await measure("  + Effect.locallyWith(Headers.currentRedactedNames, …)", N, () =>
  Effect.runPromise(Effect.locallyWith(Effect.void, Headers.currentRedactedNames, (names) => [...names, "x-amz-security-token"])))
await measure("  + Effect.cached(…).pipe(Effect.runSync), then run it", N, () =>
  Effect.runPromise(Effect.suspend(() => Effect.cached(Effect.succeed(1)).pipe(Effect.runSync))))
await measure("  + Effect.tryPromise(() => a memoised promise)", N, () => {
  const promise = Promise.resolve(1)
  return Effect.runPromise(Effect.tryPromise(() => promise))
})

console.log("Schema (this client's own schemas, from dist/):")
const encodeGetId = ParseResult.encodeEither(GetIdInput, { errors: "all" })
await measure("encode GetIdInput", N, () => encodeGetId({ IdentityPoolId: POOL_ID }))
const describe = JSON.parse(JSON.stringify({
  IdentityPoolId: POOL_ID,
  IdentityPoolName: "bench_pool",
  AllowUnauthenticatedIdentities: true,
  SupportedLoginProviders: { "graph.facebook.com": "1234567890123456" },
  CognitoIdentityProviders: [{ ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI", ClientId: "5f3kqp2ni0v1bq8q2ha1e2rtvn" }],
  IdentityPoolTags: { team: "identity" }
}))
const decodeDescribe = ParseResult.decodeUnknownEither(DescribeIdentityPoolOutput, { errors: "all" })
await measure("decode DescribeIdentityPoolOutput", N, () => decodeDescribe(describe))
const pageText = `{"IdentityPoolId":"${exportPoolId(1000)}","Identities":[${
  Array.from({ length: 60 }, (_, i) => identityJson(i)).join(",")
}],"NextToken":"60"}`
const page = JSON.parse(pageText)
const decodePage = ParseResult.decodeUnknownEither(ListIdentitiesOutput, { errors: "all" })
await measure("decode ListIdentitiesOutput, one page of 60", 3_000, () => decodePage(page))
const fastDecodePage = fastDecodeEither(ListIdentitiesOutput, decodePage)
await measure("  the same with the compiled decoder in front (as the client does)", 3_000, () => fastDecodePage(page))
await measure("JSON.parse of that page", 3_000, () => JSON.parse(pageText))

console.log("SigV4, one DescribeIdentityPool request:")
const url = new URL("http://127.0.0.1:8080/")
const body = new TextEncoder().encode(`{"IdentityPoolId":"${POOL_ID}"}`)
const credentials = { accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: CREDENTIALS.secretAccessKey }
const scope = { region: "us-east-1", service: "cognito-identity" }
const headers = {
  "x-amz-target": "AWSCognitoIdentityService.DescribeIdentityPool",
  "content-type": "application/x-amz-json-1.1",
  "x-amz-user-agent": "effect-cognito-identity/0.1.0",
  "amz-sdk-invocation-id": crypto.randomUUID(),
  "amz-sdk-request": "attempt=1; max=3"
}
const request = { method: "POST", path: "/", query: undefined, headers: { ...headers, host: url.host }, body }
await measure("ours: signatureHeaders on node:crypto (the Node transports)", 5_000, () =>
  signatureHeaders(nodeSha256, request, credentials, scope, new Date()))
await measure("ours: signatureHeaders on @noble/hashes (fetch)", 5_000, () =>
  signatureHeaders(portableSha256, request, credentials, scope, new Date()))
const signer = makeSigner()
await measure("floor: SignatureV4 on node:crypto", 5_000, () => headersFor(signer, url, "DescribeIdentityPool", body, true))
