/**
 * SHA-256 / HMAC-SHA-256 on node:crypto for the SigV4 signer: about half the CPU of the
 * portable @noble/hashes implementation per signature. UndiciHttpClient's transport hands it to the signer.
 */
import type { Checksum, SourceData } from "../protocol/Checksum.js"
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto"

const toBinary = (data: SourceData): Uint8Array | string =>
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

  update(chunk: Uint8Array): void {
    this.hash.update(chunk)
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()))
  }

  reset(): void {
    this.hash = this.fresh()
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBinary(this.secret))
  }
}
