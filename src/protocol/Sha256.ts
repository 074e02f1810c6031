/**
 * SHA-256 and HMAC-SHA-256 for the SigV4 signer, on @noble/hashes: synchronous, pure
 * JavaScript, the same code in Node, browsers, Deno, Bun and workers.
 */
import { hmac } from "@noble/hashes/hmac.js"
import { sha256 } from "@noble/hashes/sha2.js"
import type { Checksum, SourceData } from "./Checksum.js"

const encoder = new TextEncoder()

const toBytes = (data: SourceData): Uint8Array =>
  typeof data === "string"
    ? encoder.encode(data)
    : ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data)

type Hasher = ReturnType<typeof sha256.create> | ReturnType<typeof hmac.create>

export class Sha256 implements Checksum {
  private readonly secret: Uint8Array | undefined
  private hash: Hasher

  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : toBytes(secret)
    this.hash = this.fresh()
  }

  update(data: SourceData): void {
    this.hash.update(toBytes(data))
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest())
  }

  reset(): void {
    this.hash = this.fresh()
  }

  private fresh(): Hasher {
    return this.secret === undefined ? sha256.create() : hmac.create(sha256, this.secret)
  }
}
