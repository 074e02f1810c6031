/**
 * AWS Signature Version 4 (header signing), synchronous: the algorithm of the AWS General
 * Reference ("Create a signed AWS API request"), written from it. Synchronous because every
 * hash it needs is: node:crypto on Node (`node/NodeSha256.ts`), @noble/hashes elsewhere
 * (`Sha256.ts`). A promise-based signer costs a call ~70 µs of CPU more, in microtask hops
 * and fiber resumptions, than the hashing itself.
 *
 * It is general (any method, path, query and headers), so that it can be checked against
 * AWS's own test suite (`test/protocol/sigv4.test.ts`) and against @smithy/signature-v4 on
 * random requests; the client only ever signs `POST /` with a JSON body.
 *
 * 1. canonical request: method, canonical URI (the path normalised and each segment
 *    URI-encoded: the path as sent is encoded once more, as every service but S3 expects),
 *    canonical query (sorted, encoded), canonical headers (lower-case names, sorted, values
 *    trimmed with inner whitespace collapsed), the signed header names, the payload's SHA-256;
 * 2. string to sign: algorithm, timestamp, scope (`date/region/service/aws4_request`) and the
 *    canonical request's SHA-256;
 * 3. signature: HMAC-SHA-256 under the signing key, derived from the secret key through the
 *    date, region and service (cached: it changes once a day).
 */

/** The hashes SigV4 needs, synchronous. */
export interface SigV4Hash {
  /** SHA-256 of `data` (a string as UTF-8), lowercase hex. */
  readonly sha256Hex: (data: string | Uint8Array) => string
  /** HMAC-SHA-256 of `data` (UTF-8) under `key`. */
  readonly hmac: (key: Uint8Array | string, data: string) => Uint8Array
  /** The same, lowercase hex. */
  readonly hmacHex: (key: Uint8Array, data: string) => string
}

export interface SigV4Request {
  readonly method: string
  /** The path as it is sent (percent-encoded where the URL needed it). */
  readonly path: string
  /** Decoded names and values. */
  readonly query?: Readonly<Record<string, string | ReadonlyArray<string>>> | undefined
  /** Must include `host`. Names in any case. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array | string
}

export interface SigV4Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string | undefined
}

export interface SigV4Scope {
  readonly region: string
  readonly service: string
}

/** What a signature adds to the request. */
export interface SigV4Headers {
  readonly "x-amz-date": string
  readonly "x-amz-security-token"?: string
  readonly authorization: string
}

const ALGORITHM = "AWS4-HMAC-SHA256"

/**
 * Never signed: the signature itself, and the hop-by-hop and agent headers that proxies and
 * HTTP stacks add, drop or rewrite on the way (a signed one that changed would break the
 * signature). The same set as the AWS SDKs leave out.
 */
const UNSIGNED: ReadonlySet<string> = new Set([
  "authorization",
  "cache-control",
  "connection",
  "expect",
  "from",
  "keep-alive",
  "max-forwards",
  "pragma",
  "referer",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "user-agent",
  "x-amzn-trace-id"
])
const isSigned = (name: string): boolean => !UNSIGNED.has(name) && !name.startsWith("proxy-") && !name.startsWith("sec-")

const encoder = new TextEncoder()
const hexByte = Array.from({ length: 256 }, (_, i) => `%${i.toString(16).toUpperCase().padStart(2, "0")}`)

/** RFC 3986 percent-encoding of everything but the unreserved characters, over UTF-8. */
export const uriEncode = (value: string): string => {
  if (/^[A-Za-z0-9\-._~]*$/.test(value)) return value
  let out = ""
  for (const byte of encoder.encode(value)) {
    const unreserved = (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) ||
      byte === 0x2d || byte === 0x2e || byte === 0x5f || byte === 0x7e
    out += unreserved ? String.fromCharCode(byte) : hexByte[byte]
  }
  return out
}

/** The path without empty, `.` and `..` segments (RFC 3986 §5.2.4), each segment encoded. */
const canonicalUri = (path: string): string => {
  if (path === "/" || path === "") return "/"
  const segments: Array<string> = []
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue
    if (segment === "..") segments.pop()
    else segments.push(uriEncode(segment))
  }
  const trailing = segments.length > 0 && path.endsWith("/") ? "/" : ""
  return `${path.startsWith("/") ? "/" : ""}${segments.join("/")}${trailing}`
}

const canonicalQuery = (query: SigV4Request["query"]): string => {
  if (query === undefined) return ""
  const pairs: Array<readonly [string, string]> = []
  for (const key of Object.keys(query)) {
    const value = query[key]
    const name = uriEncode(key)
    for (const item of typeof value === "string" ? [value] : value ?? []) pairs.push([name, uriEncode(item)])
  }
  // By encoded name, then by encoded value (not by `name=value`: `%7D%20=` would sort before `%7D=`).
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
  return pairs.map(([name, value]) => `${name}=${value}`).join("&")
}

/** `20150830T123600Z`. */
export const amzDate = (date: Date): string => {
  // Every call signed within the same second has the same stamp: formatted once per second.
  const second = Math.floor(date.getTime() / 1000)
  if (second !== lastStamp.second) {
    lastStamp.second = second
    lastStamp.text = date.toISOString().replace(/[-:]|\.\d{3}/g, "")
  }
  return lastStamp.text
}
const lastStamp = { second: Number.NaN, text: "" }

/** A header value with nothing to trim or fold (no line break, tab, or leading, trailing or double space). */
const isCanonicalValue = (value: string): boolean => /^(?:[^\r\n\t ]+(?: [^\r\n\t ]+)*)?$/.test(value)

/** The signing key for a day, region and service: four HMACs, kept while they stay the same. */
interface KeyCache {
  scope: string
  key: Uint8Array
}
const keys = new WeakMap<SigV4Hash, WeakMap<SigV4Credentials, KeyCache>>()

const signingKey = (hash: SigV4Hash, credentials: SigV4Credentials, day: string, scope: SigV4Scope, credentialScope: string) => {
  let byCredentials = keys.get(hash)
  if (byCredentials === undefined) {
    byCredentials = new WeakMap()
    keys.set(hash, byCredentials)
  }
  const cached = byCredentials.get(credentials)
  if (cached !== undefined && cached.scope === credentialScope) return cached.key
  const key = hash.hmac(
    hash.hmac(hash.hmac(hash.hmac(`AWS4${credentials.secretAccessKey}`, day), scope.region), scope.service),
    "aws4_request"
  )
  byCredentials.set(credentials, { scope: credentialScope, key })
  return key
}

/** The canonical request (step 1) and the signed header names. */
export const canonicalRequest = (
  hash: SigV4Hash,
  request: SigV4Request,
  extra: Readonly<Record<string, string>>
): { readonly canonical: string; readonly signedHeaders: string } => {
  const values = new Map<string, string>()
  const add = (name: string, value: string) => {
    const lower = name.toLowerCase()
    if (!isSigned(lower)) return
    values.set(lower, isCanonicalValue(value) ? value : value.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").trim())
  }
  for (const name of Object.keys(request.headers)) add(name, request.headers[name] ?? "")
  for (const name of Object.keys(extra)) add(name, extra[name] ?? "")
  const names = [...values.keys()].sort()
  let headers = ""
  for (const name of names) headers += `${name}:${values.get(name)}\n`
  const signedHeaders = names.join(";")
  const canonical = `${request.method}\n${canonicalUri(request.path)}\n${canonicalQuery(request.query)}\n${headers}\n${signedHeaders}\n${
    hash.sha256Hex(request.body)
  }`
  return { canonical, signedHeaders }
}

/** Signs `request` at `date`: the headers to add to it. */
export const signatureHeaders = (
  hash: SigV4Hash,
  request: SigV4Request,
  credentials: SigV4Credentials,
  scope: SigV4Scope,
  date: Date
): SigV4Headers => {
  const timestamp = amzDate(date)
  const day = timestamp.slice(0, 8)
  const added: Record<string, string> = credentials.sessionToken === undefined
    ? { "x-amz-date": timestamp }
    : { "x-amz-date": timestamp, "x-amz-security-token": credentials.sessionToken }
  const { canonical, signedHeaders } = canonicalRequest(hash, request, added)
  const credentialScope = `${day}/${scope.region}/${scope.service}/aws4_request`
  const stringToSign = `${ALGORITHM}\n${timestamp}\n${credentialScope}\n${hash.sha256Hex(canonical)}`
  const signature = hash.hmacHex(signingKey(hash, credentials, day, scope, credentialScope), stringToSign)
  const authorization = `${ALGORITHM} Credential=${credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
  return credentials.sessionToken === undefined
    ? { "x-amz-date": timestamp, authorization }
    : { "x-amz-date": timestamp, "x-amz-security-token": credentials.sessionToken, authorization }
}
