/**
 * SHA-256 and HMAC-SHA-256 for the SigV4 signer, on @noble/hashes: synchronous, pure
 * JavaScript, the same code in Node, browsers, Deno, Bun and workers. (WebCrypto is there too,
 * but only as promises: a signature would cost more in scheduling than in hashing.)
 */
import { hmac } from "@noble/hashes/hmac.js"
import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex } from "@noble/hashes/utils.js"
import type { SigV4Hash } from "./sigv4.js"

const encoder = new TextEncoder()
const bytes = (data: string | Uint8Array): Uint8Array => typeof data === "string" ? encoder.encode(data) : data

export const portableSha256: SigV4Hash = {
  sha256Hex: (data) => bytesToHex(sha256(bytes(data))),
  hmac: (key, data) => hmac(sha256, bytes(key), bytes(data)),
  hmacHex: (key, data) => bytesToHex(hmac(sha256, key, bytes(data)))
}
