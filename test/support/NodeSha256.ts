/**
 * SHA-256 / HMAC-SHA-256 on node:crypto in the shape @smithy/signature-v4 asks for (a
 * `Checksum` class with a promise `digest`), for the tests that sign with smithy as an
 * independent signer. The client signs with its own synchronous signer (src/protocol/sigv4.ts).
 */
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto"

type SourceData = string | ArrayBuffer | ArrayBufferView

const toBinary = (data: SourceData): Uint8Array | string =>
  typeof data === "string"
    ? data
    : data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)

export class NodeSha256 {
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
