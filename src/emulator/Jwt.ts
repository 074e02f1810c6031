/**
 * OpenID tokens issued by the emulator (docs/service-behaviour.md §7): RS256 JWTs signed with a per-emulator
 * RSA key, published as a JWKS so that tests or a local STS emulator can verify them.
 *
 * Every function is total: key handling and decoding go through node:crypto / JSON calls that can
 * throw, and all of them are wrapped so callers only ever see values.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign as cryptoSign,
  verify as cryptoVerify
} from "node:crypto"

export type JwtVerification =
  | { readonly _tag: "Valid"; readonly claims: Record<string, unknown> }
  | { readonly _tag: "Invalid"; readonly reason: string }

export interface Jwks {
  readonly keys: ReadonlyArray<Record<string, unknown>>
}

export interface JwtSigner {
  /** RFC 7638 thumbprint of the public key: stable across restarts when the PEM is persisted. */
  readonly kid: string
  /** PKCS#8 PEM of the private key, so the emulator can persist its key with its state. */
  readonly privateKeyPem: string
  /** Returns "" when the claims cannot be serialised (bigint, cycles); see `trySign`. */
  readonly sign: (claims: Record<string, unknown>) => string
  readonly trySign: (claims: Record<string, unknown>) => SignResult
  readonly verify: (token: string, now: Date) => JwtVerification
  readonly jwks: () => Jwks
}

export type SignResult =
  | { readonly _tag: "Signed"; readonly token: string }
  | { readonly _tag: "Unsignable"; readonly reason: string }

export type LoadResult =
  | { readonly _tag: "Loaded"; readonly signer: JwtSigner }
  | { readonly _tag: "InvalidKey"; readonly reason: string }

const ALG = "RS256"
const NODE_ALG = "RSA-SHA256"
/** Far above any token this emulator issues or accepts; bounds the work done on hostile input. */
const MAX_TOKEN_LENGTH = 64 * 1024

// ---------------------------------------------------------------------------------------------
// base64url / JSON helpers
// ---------------------------------------------------------------------------------------------

const base64url = (data: string | Uint8Array): string => Buffer.from(data).toString("base64url")

/**
 * Buffer.from(_, "base64url") silently skips invalid characters; a token must not decode to
 * something other than what was signed, so the alphabet and length are checked first.
 */
const decodeSegment = (segment: string): Buffer | undefined =>
  /^[A-Za-z0-9_-]*$/.test(segment) && segment.length % 4 !== 1 ? Buffer.from(segment, "base64url") : undefined

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const parseJsonObject = (bytes: Buffer | undefined): Record<string, unknown> | undefined => {
  if (bytes === undefined) return undefined
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"))
    return isRecord(value) ? value : undefined
  } catch {
    return undefined
  }
}

const safeStringify = (value: unknown): string | undefined => {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}

interface Segments {
  readonly header: string
  readonly payload: string
  readonly signature: string
}

const splitToken = (token: unknown): Segments | undefined => {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return undefined
  const parts = token.split(".")
  const [header, payload, signature] = parts
  return parts.length === 3 && header !== undefined && payload !== undefined && signature !== undefined
    ? { header, payload, signature }
    : undefined
}

// ---------------------------------------------------------------------------------------------
// Unverified decoding (third-party tokens)
// ---------------------------------------------------------------------------------------------

/**
 * Reads a JWT's header and claims without checking the signature: the emulator cannot validate
 * Facebook/Google/OIDC tokens offline, so by convention it trusts a JWT's `sub`/`exp`/`iss`/`aud`
 * and treats anything else as an opaque user id (docs/service-behaviour.md §7). `undefined` = not a JWT.
 */
export const decodeJwtUnverified = (
  token: string
): { readonly header: Record<string, unknown>; readonly claims: Record<string, unknown> } | undefined => {
  const segments = splitToken(token)
  if (segments === undefined || decodeSegment(segments.signature) === undefined) return undefined
  const header = parseJsonObject(decodeSegment(segments.header))
  const claims = parseJsonObject(decodeSegment(segments.payload))
  return header === undefined || claims === undefined ? undefined : { header, claims }
}

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

interface KeyMaterial {
  readonly privateKey: KeyObject
  readonly publicKey: KeyObject
  readonly privateKeyPem: string
  readonly publicJwk: Record<string, unknown>
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error))

const exportPem = (key: KeyObject): string => String(key.export({ type: "pkcs8", format: "pem" }))

/**
 * The public key's JWK members (RFC 7518 §6.3.1: `n` and `e`, base64url), read from its PKCS#1
 * DER (RFC 8017 A.1.1: SEQUENCE { modulus INTEGER, publicExponent INTEGER }) rather than with
 * `export({ format: "jwk" })`. On Node 20 a JWK export right after `generateKeyPairSync` was
 * seen to deadlock a test process for good (the export builds JS strings inside OpenSSL, a GC
 * runs, and its clean-up of the key-generation job waits on a lock the export holds); a DER
 * export returns one Buffer and builds nothing else.
 */
const rsaPublicJwk = (publicKey: KeyObject): Record<string, unknown> | string => {
  const der = publicKey.export({ type: "pkcs1", format: "der" })
  let at = 0
  /** One DER element of the expected tag: its contents' start and end. */
  const element = (tag: number): { readonly start: number; readonly end: number } | undefined => {
    if (der[at] !== tag) return undefined
    let length = der[at + 1] ?? 0
    at += 2
    if (length > 0x80) {
      const bytes = length - 0x80
      length = 0
      for (let i = 0; i < bytes; i++) length = length * 256 + (der[at + i] ?? 0)
      at += bytes
    }
    const start = at
    return start + length <= der.length ? { start, end: start + length } : undefined
  }
  /** An unsigned big-endian integer: its sign byte dropped (RFC 7518 §6.3.1.1: no leading zero). */
  const integer = (): string | undefined => {
    const found = element(0x02)
    if (found === undefined) return undefined
    at = found.end
    let start = found.start
    while (start < found.end - 1 && der[start] === 0) start++
    return base64url(der.subarray(start, found.end))
  }
  if (element(0x30) === undefined) return "public key is not a PKCS#1 RSAPublicKey"
  const n = integer()
  const e = integer()
  return n === undefined || e === undefined ? "public key is not a PKCS#1 RSAPublicKey" : { kty: "RSA", n, e }
}

const materialFrom = (privateKey: KeyObject): KeyMaterial | string => {
  try {
    if (privateKey.asymmetricKeyType !== "rsa") return `expected an RSA private key, got ${String(privateKey.asymmetricKeyType)}`
    const publicKey = createPublicKey(privateKey)
    const jwk = rsaPublicJwk(publicKey)
    if (typeof jwk === "string") return jwk
    return { privateKey, publicKey, privateKeyPem: exportPem(privateKey), publicJwk: jwk }
  } catch (error) {
    return errorMessage(error)
  }
}

const loadKey = (pem: string): KeyMaterial | string => {
  try {
    return materialFrom(createPrivateKey({ key: pem, format: "pem" }))
  } catch (error) {
    return `invalid private key PEM: ${errorMessage(error)}`
  }
}

const generateKey = (): KeyMaterial | string => {
  try {
    return materialFrom(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey)
  } catch (error) {
    return `RSA key generation failed: ${errorMessage(error)}`
  }
}

/** RFC 7638: SHA-256 over the required members in lexicographic order, base64url. */
const thumbprint = (jwk: Record<string, unknown>): string =>
  base64url(createHash("sha256").update(JSON.stringify({ e: jwk["e"], kty: jwk["kty"], n: jwk["n"] })).digest())

// ---------------------------------------------------------------------------------------------
// Signer
// ---------------------------------------------------------------------------------------------

const invalid = (reason: string): JwtVerification => ({ _tag: "Invalid", reason })

const signWith = (material: KeyMaterial, kid: string) => (claims: Record<string, unknown>): SignResult => {
  const payload = safeStringify(claims)
  if (payload === undefined) return { _tag: "Unsignable", reason: "claims are not JSON-serialisable" }
  const signingInput = `${base64url(JSON.stringify({ kid, typ: "JWT", alg: ALG }))}.${base64url(payload)}`
  try {
    return { _tag: "Signed", token: `${signingInput}.${base64url(cryptoSign(NODE_ALG, Buffer.from(signingInput), material.privateKey))}` }
  } catch (error) {
    return { _tag: "Unsignable", reason: errorMessage(error) }
  }
}

const signatureValid = (material: KeyMaterial, segments: Segments): boolean => {
  const signature = decodeSegment(segments.signature)
  if (signature === undefined || signature.length === 0) return false
  try {
    return cryptoVerify(NODE_ALG, Buffer.from(`${segments.header}.${segments.payload}`), material.publicKey, signature)
  } catch {
    return false
  }
}

/**
 * Header checks come before the signature so that `alg: none` and foreign keys are refused by
 * policy rather than by accident; `exp` is checked last, on claims that are known to be ours.
 * Tokens without a numeric `exp` are refused: everything this emulator issues has one.
 */
const verifyWith = (material: KeyMaterial, kid: string) => (token: string, now: Date): JwtVerification => {
  const segments = splitToken(token)
  if (segments === undefined) return invalid("malformed")
  const header = parseJsonObject(decodeSegment(segments.header))
  if (header === undefined) return invalid("malformed")
  if (header["alg"] !== ALG) return invalid(`unsupported alg: ${String(header["alg"])}`)
  if (header["kid"] !== kid) return invalid("unknown kid")
  if (!signatureValid(material, segments)) return invalid("bad signature")
  const claims = parseJsonObject(decodeSegment(segments.payload))
  if (claims === undefined) return invalid("malformed")
  const exp = claims["exp"]
  if (typeof exp !== "number" || !Number.isFinite(exp)) return invalid("missing exp")
  if (!(now.getTime() < exp * 1000)) return invalid("expired")
  return { _tag: "Valid", claims }
}

const signerFrom = (material: KeyMaterial): JwtSigner => {
  const kid = thumbprint(material.publicJwk)
  const trySign = signWith(material, kid)
  const jwk = { kty: "RSA", kid, use: "sig", alg: ALG, n: material.publicJwk["n"], e: material.publicJwk["e"] }
  return {
    kid,
    privateKeyPem: material.privateKeyPem,
    trySign,
    sign: (claims) => {
      const result = trySign(claims)
      return result._tag === "Signed" ? result.token : ""
    },
    verify: verifyWith(material, kid),
    jwks: () => ({ keys: [{ ...jwk }] })
  }
}

/**
 * Only reachable if node:crypto cannot generate an RSA key at all; keeps `makeJwtSigner` total
 * without inventing a key. Every token it is asked about is invalid.
 */
const unavailableSigner = (reason: string): JwtSigner => ({
  kid: "",
  privateKeyPem: "",
  trySign: () => ({ _tag: "Unsignable", reason }),
  sign: () => "",
  verify: () => invalid(`signer unavailable: ${reason}`),
  jwks: () => ({ keys: [] })
})

/** Like `makeJwtSigner`, but reports an unusable PEM instead of replacing it. */
export const loadJwtSigner = (options?: { readonly privateKeyPem?: string | undefined }): LoadResult => {
  const material = options?.privateKeyPem === undefined ? generateKey() : loadKey(options.privateKeyPem)
  return typeof material === "string"
    ? { _tag: "InvalidKey", reason: material }
    : { _tag: "Loaded", signer: signerFrom(material) }
}

/**
 * Generates an RSA-2048 key pair when no PEM is given. An unusable PEM is replaced by a fresh key
 * (tokens issued under the old key then stop verifying); callers restoring persisted state that
 * need to know should use `loadJwtSigner`.
 */
export const makeJwtSigner = (options?: { readonly privateKeyPem?: string | undefined }): JwtSigner => {
  const loaded = loadJwtSigner(options)
  if (loaded._tag === "Loaded") return loaded.signer
  const fresh = loadJwtSigner()
  return fresh._tag === "Loaded" ? fresh.signer : unavailableSigner(fresh.reason)
}

export const exportPrivateKeyPem = (signer: JwtSigner): string => signer.privateKeyPem
