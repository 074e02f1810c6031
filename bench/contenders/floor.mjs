/**
 * The floor: what a signed awsJson1.1 call costs with nothing but the essentials. JSON built
 * by hand, SigV4 by @smithy/signature-v4 on node:crypto, undici `request` on a keep-alive
 * Agent, JSON.parse. No validation, no retries, no error decoding.
 */
import { createHash, createHmac } from "node:crypto"
import { SignatureV4 } from "@smithy/signature-v4"
import { Agent, request } from "undici"
import { CREDENTIALS, expectEqual, GETID_IDENTITY, PAGE_SIZE, POOL_ID, POOL_NAME, REGION } from "../lib/fixtures.mjs"
import { runLoop } from "../lib/loop.mjs"

const asBuffer = (data) =>
  typeof data === "string"
    ? data
    : ArrayBuffer.isView(data)
    ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    : Buffer.from(data)

/** The Checksum interface SignatureV4 wants, on node:crypto. */
export class NodeSha256 {
  constructor(secret) {
    this.secret = secret === undefined ? undefined : asBuffer(secret)
    this.reset()
  }
  update(data) {
    this.hash.update(asBuffer(data))
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.hash.digest()))
  }
  reset() {
    this.hash = this.secret === undefined ? createHash("sha256") : createHmac("sha256", this.secret)
  }
}

export const makeSigner = () =>
  new SignatureV4({ service: "cognito-identity", region: REGION, sha256: NodeSha256, credentials: CREDENTIALS, applyChecksum: false })

/** The awsJson1.1 headers of an operation, signed when asked (host is signed, then left for the transport to set). */
export const headersFor = async (signer, url, operation, body, signed) => {
  const headers = { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityService.${operation}` }
  if (!signed) return headers
  const request = await signer.sign({
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: "/",
    headers: { ...headers, host: url.host },
    body
  })
  const { host: _host, ...signedHeaders } = request.headers
  return signedHeaders
}

export const create = async ({ endpoint }) => {
  const url = new URL(endpoint)
  const agent = new Agent({ connections: 64, keepAliveTimeout: 4_000 })
  const signer = makeSigner()

  const post = async (operation, body, signed) => {
    const headers = await headersFor(signer, url, operation, body, signed)
    const response = await request(url, { method: "POST", headers, body, dispatcher: agent })
    const text = await response.body.text()
    if (response.statusCode !== 200) throw new Error(`${operation}: HTTP ${response.statusCode} ${text}`)
    return JSON.parse(text)
  }

  const poolBody = `{"IdentityPoolId":"${POOL_ID}"}`
  const calls = {
    signed: async () =>
      expectEqual("DescribeIdentityPool.IdentityPoolName", (await post("DescribeIdentityPool", poolBody, true)).IdentityPoolName, POOL_NAME),
    unsigned: async () =>
      expectEqual("GetId.IdentityId", (await post("GetId", poolBody, false)).IdentityId, GETID_IDENTITY)
  }

  /** One page of a pool's identities, from `token` (undefined: the first page). */
  const listPage = (poolId, token) =>
    post(
      "ListIdentities",
      `{"IdentityPoolId":"${poolId}","MaxResults":${PAGE_SIZE}` + (token === undefined ? "}" : `,"NextToken":${JSON.stringify(token)}}`),
      true
    )

  const exports = {
    loop: async (poolId, check) => {
      let token
      do {
        const page = await listPage(poolId, token)
        for (const identity of page.Identities ?? []) check.item(identity.IdentityId)
        token = page.NextToken
      } while (token !== undefined)
    }
  }

  return {
    getId: async () => (await post("GetId", poolBody, false)).IdentityId,
    runCalls: (kind, n, concurrency) => runLoop(n, concurrency, calls[kind]),
    /** One call, and one page of an export, for the decomposition experiments (bench/experiments/). */
    call: (kind) => calls[kind](),
    listPage,
    exportCount: (variant, poolId, check) => exports[variant](poolId, check),
    close: () => agent.close()
  }
}
