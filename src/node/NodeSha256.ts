/**
 * SHA-256 / HMAC-SHA-256 on node:crypto for the SigV4 signer: native, and about half the CPU
 * of the portable @noble/hashes implementation per signature. `UndiciHttpClient`'s transport
 * hands it to the signer (`Transport.sha256`).
 */
import { createHash, createHmac } from "node:crypto"
import type { SigV4Hash } from "../protocol/sigv4.js"

export const nodeSha256: SigV4Hash = {
  sha256Hex: (data) => createHash("sha256").update(data).digest("hex"),
  hmac: (key, data) => createHmac("sha256", key).update(data).digest(),
  hmacHex: (key, data) => createHmac("sha256", key).update(data).digest("hex")
}
