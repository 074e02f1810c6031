/**
 * SHA-256 / HMAC-SHA-256 on node:crypto for @smithy/signature-v4 in tests: signing with a hash
 * other than the client's own (@noble/hashes) keeps the tests' signatures independent of it.
 */
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto"
import type { Checksum, SourceData } from "@smithy/types"

const toBinary = (data: SourceData): string | Uint8Array =>
  typeof data === "string"
    ? data
    : data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)

export class NodeSha256 implements Checksum {
  private hash: Hash | Hmac
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh()
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBinary(this.secret))
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk)
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()))
  }
  reset(): void {
    this.hash = this.fresh()
  }
}
