/**
 * SHA-256 / HMAC-SHA-256 on node:crypto for the SigV4 signer: native, and about half the CPU
 * of the portable @noble/hashes implementation per signature. `UndiciHttpClient`'s transport
 * hands it to the signer (`Transport.sha256`).
 */
// A namespace import: a named import of `hash` would fail to link where it does not exist.
import * as crypto from "node:crypto"
import type { SigV4Hash } from "../protocol/sigv4.js"

// `crypto.hash` (Node 20.12+) hashes in one call, without a Hash object: about half the CPU for
// the small bodies and canonical requests a signature hashes. Older Node 20 lines lack it.
const oneShot: typeof crypto.hash | undefined = typeof crypto.hash === "function" ? crypto.hash : undefined

export const nodeSha256: SigV4Hash = {
  sha256Hex: oneShot === undefined
    ? (data) => crypto.createHash("sha256").update(data).digest("hex")
    : (data) => oneShot("sha256", data, "hex"),
  hmac: (key, data) => crypto.createHmac("sha256", key).update(data).digest(),
  hmacHex: (key, data) => crypto.createHmac("sha256", key).update(data).digest("hex")
}
