/**
 * The synthetic account every contender talks to, shared by the server (which answers with it)
 * and the contenders (which check their answers against it). Everything is derived from
 * numbers, so the server keeps no state and a contender can check any item it receives.
 */

export const REGION = "us-east-1"

/** Static credentials for the signed calls; the server only checks that a signature is present. */
export const CREDENTIALS = Object.freeze({
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
})

/** The pool that DescribeIdentityPool, GetId and ListIdentityPools are asked about. */
export const POOL_ID = "us-east-1:7c1e9b2d-4f0a-4b3a-9e8f-000000000060"
export const POOL_NAME = "bench_pool"
export const GETID_IDENTITY = "us-east-1:0b8f8d3a-6a5e-4c1d-9f2e-5d4c3b2a1f0e"

const hex = (n, width) => n.toString(16).padStart(width, "0")

/**
 * A pool of `size` identities. The size is written (in decimal, which is also valid hex) in the
 * id's last group, so the server can serve any size without being told about it.
 */
export const exportPoolId = (size) => `us-east-1:00000000-0000-4000-8000-${String(size).padStart(12, "0")}`

export const exportPoolSize = (poolId) => {
  const match = /^us-east-1:00000000-0000-4000-8000-(\d{12})$/.exec(poolId)
  return match === null ? undefined : Number(match[1])
}

/** The id of the identity at `index` (0-based) in every export pool: looks like a real one, unique per index. */
export const identityIdAt = (index) =>
  `us-east-1:${hex(index, 8)}-7c1e-4f0a-9b2d-${hex(Math.imul(index, 2654435761) >>> 0, 12)}`

// Serialised once: the server builds pages from these pieces, and must stay cheap next to the client.
const loginSets = [
  "[]",
  `["graph.facebook.com"]`,
  `["accounts.google.com","cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"]`
]

/**
 * Epoch seconds with a millisecond fraction, as the service sends them (e.g. 1600000013.123),
 * written with integer arithmetic because formatting floats costs the server more than the rest.
 */
const epochSeconds = (millis) => `${Math.floor(millis / 1000)}.${String(millis % 1000).padStart(3, "0")}`

/** One ListIdentities item, already as JSON text (the server concatenates pages from these). */
export const identityJson = (index) => {
  const created = 1_600_000_000_000 + index * 13_123
  return `{"IdentityId":"${identityIdAt(index)}","Logins":${loginSets[index % 3]},` +
    `"CreationDate":${epochSeconds(created)},"LastModifiedDate":${epochSeconds(created + 86_400_500)}}`
}

export const PAGE_SIZE = 60

/**
 * A check of an export's items that costs every contender the same (a comparison every
 * 1,000 items); the count, the last id and the server's request count cover the rest.
 */
export class ExportCheck {
  constructor(size) {
    this.size = size
    this.count = 0
    this.lastId = undefined
    this.problem = undefined
  }

  item(id) {
    if (this.count % 1000 === 0 && id !== identityIdAt(this.count) && this.problem === undefined) {
      this.problem = `item ${this.count} has id ${id}, expected ${identityIdAt(this.count)}`
    }
    this.count++
    this.lastId = id
  }

  result() {
    const expectedLast = this.size === 0 ? undefined : identityIdAt(this.size - 1)
    const problem = this.problem ??
      (this.count !== this.size
        ? `${this.count} items, expected ${this.size}`
        : this.lastId !== expectedLast
        ? `last id ${this.lastId}, expected ${expectedLast}`
        : undefined)
    return { count: this.count, lastId: this.lastId, problem }
  }
}

/** Throws unless a call answered what the server sends. */
export const expectEqual = (what, actual, expected) => {
  if (actual !== expected) throw new Error(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`)
}
