/**
 * SHA-256 / HMAC-SHA-256 on node:crypto for @smithy/signature-v4 in tests. Signatures are
 * checked by the emulator's verifier, which recomputes SigV4 on its own (not with @smithy).
 */
export { NodeSha256 } from "../../src/node/NodeSha256.js"
