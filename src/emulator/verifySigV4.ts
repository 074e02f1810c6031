/**
 * Server-side verification of AWS Signature Version 4 (header form) for the emulator.
 *
 * This is deliberately an independent implementation on node:crypto: tests use it to re-verify
 * signatures produced by the client (which signs with @smithy/signature-v4), so sharing code with
 * the signer would let a bug on one side hide the same bug on the other.
 *
 * Error codes and wording follow the AWS "Coral" JSON stack (docs/service-behaviour.md §3.4, §4). Where no
 * public observation exists the wording is an emulator choice and says so in a comment.
 *
 * The function is total: every input, including a throwing `lookup`, yields a VerifyResult.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto"
import { partitions } from "../protocol/partitions.js"

export interface SigV4Request {
  readonly method: string
  /** The raw request path as received, without the query string. */
  readonly path: string
  /** The raw query string without '?', possibly "". */
  readonly query: string
  /** Lower-case names, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly body: Uint8Array
}

export interface SigningKeyEntry {
  readonly secretAccessKey: string
  readonly accountId: string
  readonly sessionToken?: string | undefined
  /** When the temporary credentials stop being valid (→ ExpiredTokenException). */
  readonly expiration?: Date | undefined
}

export interface VerifyOptions {
  readonly now: Date
  /** The signing name the scope must carry, "cognito-identity" for this service. */
  readonly service: string
  readonly lookup: (accessKeyId: string) => SigningKeyEntry | undefined
  /** Allowed distance between X-Amz-Date and `now`; default 5 minutes. */
  readonly maxSkewMillis?: number
}

export type RejectionCode =
  | "IncompleteSignatureException"
  | "InvalidSignatureException"
  | "UnrecognizedClientException"
  | "ExpiredTokenException"

export type VerifyResult =
  | { readonly _tag: "Unsigned" }
  | {
    readonly _tag: "Verified"
    readonly accessKeyId: string
    readonly accountId: string
    readonly region: string
    readonly signedHeaders: ReadonlyArray<string>
  }
  | { readonly _tag: "Rejected"; readonly code: RejectionCode; readonly message: string }

export type Rejected = Extract<VerifyResult, { readonly _tag: "Rejected" }>

const ALGORITHM = "AWS4-HMAC-SHA256"
const TERMINATOR = "aws4_request"
const DEFAULT_MAX_SKEW_MILLIS = 5 * 60 * 1000

export const SIGNATURE_MISMATCH_MESSAGE =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
export const INVALID_TOKEN_MESSAGE = "The security token included in the request is invalid."
export const EXPIRED_TOKEN_MESSAGE = "The security token included in the request is expired"

const reject = (code: RejectionCode, message: string): Rejected => ({ _tag: "Rejected", code, message })

const isRejected = (value: unknown): value is Rejected =>
  typeof value === "object" && value !== null && "_tag" in value && value._tag === "Rejected"

// ---------------------------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------------------------

type HeaderMap = ReadonlyMap<string, string>

/**
 * Lower-cases names defensively (callers other than node:http may pass mixed case) and joins
 * repeated values with "," — the SigV4 rule for a header that occurs several times.
 */
const normaliseHeaders = (headers: SigV4Request["headers"]): HeaderMap => {
  const map = new Map<string, string>()
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue
    const value = typeof raw === "string" ? raw : raw.join(",")
    const key = name.toLowerCase()
    const previous = map.get(key)
    map.set(key, previous === undefined ? value : `${previous},${value}`)
  }
  return map
}

/**
 * Same whitespace rule as the SDK signers: line breaks become spaces, runs of spaces/tabs
 * collapse to one, and the ends are trimmed.
 */
const canonicalHeaderValue = (value: string): string =>
  value.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").replace(/^ | $/g, "")

// ---------------------------------------------------------------------------------------------
// Authorization header
// ---------------------------------------------------------------------------------------------

interface ParsedAuthorization {
  readonly _tag: "Parsed"
  readonly credential: string
  readonly signedHeaders: string
  readonly signature: string
}

const missingParameter = (name: string): string => `Authorization header requires '${name}' parameter.`
const MISSING_DATE = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."

/**
 * Coral splits the parameter list on commas *and* whitespace, which is why a stray space after
 * "Credential=" surfaces as "'<key>/...' not a valid key=value pair" (observed on DynamoDB and
 * Cloud9). We mirror that so such client bugs look the same as against AWS.
 */
const parseParameters = (rest: string, authorization: string): ReadonlyMap<string, string> | Rejected => {
  const params = new Map<string, string>()
  for (const token of rest.split(/[\s,]+/)) {
    if (token === "") continue
    const eq = token.indexOf("=")
    if (eq < 0) {
      return reject(
        "IncompleteSignatureException",
        `'${token}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`
      )
    }
    const key = token.slice(0, eq)
    // First occurrence wins, so a duplicated parameter cannot override the one that was signed.
    if (!params.has(key)) params.set(key, token.slice(eq + 1))
  }
  return params
}

/**
 * An unknown scheme ("Bearer x", SigV2 "AWS AKID:sig", garbage) is reported by Coral as if none of
 * the SigV4 parameters were present (observed on API Gateway and CloudFront), so it is treated
 * that way here rather than with a separate "unsupported algorithm" message.
 */
const parseAuthorization = (authorization: string, hasDate: boolean): ParsedAuthorization | Rejected => {
  const trimmed = authorization.trim()
  const space = trimmed.search(/\s/)
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space)
  const rest = space < 0 ? "" : trimmed.slice(space + 1)
  const params = algorithm === ALGORITHM ? parseParameters(rest, authorization) : new Map<string, string>()
  if (isRejected(params)) return params
  const credential = params.get("Credential")
  const signature = params.get("Signature")
  const signedHeaders = params.get("SignedHeaders")
  const problems = [
    ...(credential === undefined ? [missingParameter("Credential")] : []),
    ...(signature === undefined ? [missingParameter("Signature")] : []),
    ...(signedHeaders === undefined ? [missingParameter("SignedHeaders")] : []),
    ...(hasDate ? [] : [MISSING_DATE])
  ]
  if (credential === undefined || signature === undefined || signedHeaders === undefined || problems.length > 0) {
    return reject("IncompleteSignatureException", `${problems.join(" ")} Authorization=${authorization}`)
  }
  return { _tag: "Parsed", credential, signedHeaders, signature }
}

// ---------------------------------------------------------------------------------------------
// Credential scope
// ---------------------------------------------------------------------------------------------

interface CredentialScope {
  readonly _tag: "Scope"
  readonly accessKeyId: string
  readonly date: string
  readonly region: string
  readonly service: string
}

const parseCredential = (credential: string): CredentialScope | Rejected => {
  const parts = credential.split("/")
  const [accessKeyId, date, region, service, terminator] = parts
  if (
    parts.length !== 5 || accessKeyId === undefined || date === undefined || region === undefined ||
    service === undefined || terminator === undefined
  ) {
    return reject(
      "IncompleteSignatureException",
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`
    )
  }
  if (terminator !== TERMINATOR) {
    return reject(
      "IncompleteSignatureException",
      `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'.`
    )
  }
  return { _tag: "Scope", accessKeyId, date, region, service }
}

/**
 * A region is valid when it belongs to one of AWS's partitions (their `regionRegex`, from the
 * endpoint rules' partition table): `us-east-1` and any future `xx-name-N` region, not `mars-1`
 * or `aws-global`. AWS answers a scope outside its regions with InvalidSignatureException
 * "Credential should be scoped to a valid region, not '<region>'." (observed on SQS, IAM, SES,
 * Glue: aws/aws-sdk-ruby#508, aws/aws-sdk-go#156, aws/aws-sdk-java#1097,
 * aws/aws-sdk-java-v2#988). AWS also refuses a real region other than the endpoint's; the
 * emulator serves every region on one endpoint, so it cannot.
 */
export const regionRejection = (region: string): Rejected | undefined =>
  partitions.some((partition) => partition.regionRegex.test(region))
    ? undefined
    : reject("InvalidSignatureException", `Credential should be scoped to a valid region, not '${region}'.`)

const checkScope = (scope: CredentialScope, service: string): Rejected | undefined => {
  if (scope.service !== service) {
    return reject("InvalidSignatureException", `Credential should be scoped to correct service: '${service}'.`)
  }
  return regionRejection(scope.region)
}

// ---------------------------------------------------------------------------------------------
// Signed headers
// ---------------------------------------------------------------------------------------------

interface SignedHeaderList {
  readonly _tag: "SignedHeaders"
  /** Verbatim from the Authorization header: it is part of the canonical request as sent. */
  readonly raw: string
  readonly names: ReadonlyArray<string>
}

/**
 * `host` not signed is an IncompleteSignatureException, with the wording API Gateway uses
 * ("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."): it is a
 * structural defect of the Authorization header, detectable without any key, like the other
 * IncompleteSignature cases. A listed header that is absent is also IncompleteSignature, with the
 * wording observed on AppSync (awslabs/aws-mobile-appsync-sdk-js#702).
 */
const parseSignedHeaders = (raw: string, headers: HeaderMap): SignedHeaderList | Rejected => {
  const names = raw.split(";").map((name) => name.toLowerCase())
  if (!names.includes("host")) {
    return reject("IncompleteSignatureException", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
  }
  const absent = names.find((name) => !headers.has(name))
  if (absent !== undefined) {
    return reject(
      "IncompleteSignatureException",
      `'${absent}' is named as a SignedHeader, but it does not exist in the HTTP request.`
    )
  }
  return { _tag: "SignedHeaders", raw, names }
}

// ---------------------------------------------------------------------------------------------
// Request time
// ---------------------------------------------------------------------------------------------

interface RequestTime {
  readonly _tag: "Time"
  readonly date: Date
  /** ISO-8601 basic format, the form that goes into the string to sign. */
  readonly basic: string
}

const toBasicIso = (date: Date): string =>
  Number.isNaN(date.getTime()) ? String(date) : date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "")

const parseAmzDate = (value: string): RequestTime | Rejected => {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  const invalid = reject(
    "IncompleteSignatureException",
    `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`
  )
  if (match === null) return invalid
  const [, y, mo, d, h, mi, s] = match.map(Number)
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined || s === undefined) {
    return invalid
  }
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s))
  // Date.UTC silently rolls 20240230 over to March; a round trip catches impossible dates.
  return toBasicIso(date) === value ? { _tag: "Time", date, basic: value } : invalid
}

// The `Date` header fallback (RFC 7231 format). No Coral wording for an unparsable Date header has
// been observed; this message is an emulator choice modelled on the X-Amz-Date one.
const parseHttpDate = (value: string): RequestTime | Rejected => {
  const millis = Date.parse(value)
  const date = new Date(millis)
  const year = Number.isNaN(millis) ? -1 : date.getUTCFullYear()
  if (year < 1970 || year > 9999) {
    return reject("IncompleteSignatureException", `Date header must be an RFC 7231 HTTP-date. Got '${value}'.`)
  }
  return { _tag: "Time", date, basic: toBasicIso(date) }
}

const requestTime = (headers: HeaderMap): RequestTime | Rejected | undefined => {
  const amzDate = headers.get("x-amz-date")
  if (amzDate !== undefined) return parseAmzDate(amzDate.trim())
  const httpDate = headers.get("date")
  return httpDate === undefined ? undefined : parseHttpDate(httpDate.trim())
}

const checkScopeDate = (scope: CredentialScope, time: RequestTime): Rejected | undefined => {
  const day = time.basic.slice(0, 8)
  return scope.date === day ? undefined : reject(
    "InvalidSignatureException",
    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
      `'${scope.date}' != '${day}', from '${time.basic}'.`
  )
}

const formatMinutes = (millis: number): string => `${millis / 60_000} min.`

/**
 * Written as `!(a >= b)` rather than `a < b` so that an invalid `now` or skew (NaN) rejects
 * instead of silently opening the window.
 */
const checkSkew = (time: RequestTime, now: Date, maxSkewMillis: number): Rejected | undefined => {
  const at = time.date.getTime()
  const earliest = new Date(now.getTime() - maxSkewMillis)
  const latest = new Date(now.getTime() + maxSkewMillis)
  if (!(at >= earliest.getTime())) {
    return reject(
      "InvalidSignatureException",
      `Signature expired: ${time.basic} is now earlier than ${toBasicIso(earliest)} ` +
        `(${toBasicIso(now)} - ${formatMinutes(maxSkewMillis)})`
    )
  }
  if (!(at <= latest.getTime())) {
    return reject(
      "InvalidSignatureException",
      `Signature not yet current: ${time.basic} is still later than ${toBasicIso(latest)} ` +
        `(${toBasicIso(now)} + ${formatMinutes(maxSkewMillis)})`
    )
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------------

interface KnownKey {
  readonly _tag: "Known"
  readonly entry: SigningKeyEntry
}

// `lookup` is caller code; a throwing store must not escape a function documented as total.
const safeLookup = (lookup: VerifyOptions["lookup"], accessKeyId: string): SigningKeyEntry | undefined => {
  try {
    return lookup(accessKeyId)
  } catch {
    return undefined
  }
}

const sha256 = (data: string | Uint8Array): Buffer => createHash("sha256").update(data).digest()

// Hashing first gives equal-length buffers, so timingSafeEqual can be used on any two strings.
const constantTimeEquals = (a: string, b: string): boolean => timingSafeEqual(sha256(a), sha256(b))

/**
 * A session token is bound to its key: a missing, different, or superfluous token (a token sent
 * with long-term credentials) is "invalid", exactly as for an unknown key.
 */
const checkCredentials = (
  accessKeyId: string,
  headers: HeaderMap,
  options: VerifyOptions
): KnownKey | Rejected => {
  const entry = safeLookup(options.lookup, accessKeyId)
  if (entry === undefined) return reject("UnrecognizedClientException", INVALID_TOKEN_MESSAGE)
  const token = headers.get("x-amz-security-token")
  const expected = entry.sessionToken
  const tokenOk = expected === undefined ? token === undefined : token !== undefined && constantTimeEquals(token, expected)
  if (!tokenOk) return reject("UnrecognizedClientException", INVALID_TOKEN_MESSAGE)
  if (entry.expiration !== undefined && !(options.now.getTime() < entry.expiration.getTime())) {
    return reject("ExpiredTokenException", EXPIRED_TOKEN_MESSAGE)
  }
  return { _tag: "Known", entry }
}

// ---------------------------------------------------------------------------------------------
// Canonical request
// ---------------------------------------------------------------------------------------------

/**
 * RFC 3986 encoding of the UTF-8 bytes, keeping only unreserved characters. Works on bytes so it
 * cannot throw on lone surrogates (encodeURIComponent would).
 */
const uriEncode = (value: string): string => {
  let out = ""
  for (const byte of Buffer.from(value, "utf8")) {
    const unreserved =
      (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) ||
      byte === 0x2d || byte === 0x2e || byte === 0x5f || byte === 0x7e
    out += unreserved ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`
  }
  return out
}

/**
 * Canonical URI for every service except S3: remove empty, "." and ".." segments, then URI-encode
 * the (already percent-encoded) path once more, keeping "/". That "double encoding" is what AWS
 * and the SDK signers do for non-S3 services (a "%20" on the wire becomes "%2520" here). For
 * cognito-identity the path is always "/", but other paths must not verify by accident.
 */
const canonicalUri = (rawPath: string): string => {
  const path = rawPath === "" ? "/" : rawPath
  const segments: Array<string> = []
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue
    if (segment === "..") segments.pop()
    else segments.push(segment)
  }
  const leading = path.startsWith("/") ? "/" : ""
  const trailing = segments.length > 0 && path.endsWith("/") ? "/" : ""
  return uriEncode(`${leading}${segments.join("/")}${trailing}`).replace(/%2F/g, "/")
}

const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * Query parameters are decoded and re-encoded with the strict SigV4 encoder, then sorted by name
 * and value. '+' is kept as a literal plus (re-encoded "%2B"): SDK signers never emit '+' for a
 * space, so reading it as a space would only mask a client that did.
 */
const canonicalQuery = (query: string): string => {
  const pairs: Array<readonly [string, string]> = []
  for (const piece of query.split("&")) {
    if (piece === "") continue
    const eq = piece.indexOf("=")
    const name = eq < 0 ? piece : piece.slice(0, eq)
    const value = eq < 0 ? "" : piece.slice(eq + 1)
    pairs.push([uriEncode(safeDecode(name)), uriEncode(safeDecode(value))])
  }
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
  pairs.sort(([an, av], [bn, bv]) => compare(an, bn) || compare(av, bv))
  return pairs.map(([name, value]) => `${name}=${value}`).join("&")
}

const canonicalHeaders = (names: ReadonlyArray<string>, headers: HeaderMap): string =>
  names.map((name) => `${name}:${canonicalHeaderValue(headers.get(name) ?? "")}\n`).join("")

const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex")

/**
 * Like AWS, a request carrying x-amz-content-sha256 is signed over that header's value. Unlike a
 * bare signature check, the value must also match the body actually received: otherwise a
 * tampered body would verify, and catching such client/transport bugs is the emulator's point.
 */
const payloadHash = (request: SigV4Request, headers: HeaderMap): string | Rejected => {
  const actual = toHex(sha256(request.body))
  const declared = headers.get("x-amz-content-sha256")
  if (declared === undefined) return actual
  return declared.trim() === actual ? declared.trim() : reject("InvalidSignatureException", SIGNATURE_MISMATCH_MESSAGE)
}

const canonicalRequest = (
  request: SigV4Request,
  headers: HeaderMap,
  signed: SignedHeaderList,
  bodyHash: string
): string =>
  [
    request.method,
    canonicalUri(request.path),
    canonicalQuery(request.query),
    canonicalHeaders(signed.names, headers),
    signed.raw.toLowerCase(),
    bodyHash
  ].join("\n")

// ---------------------------------------------------------------------------------------------
// Signing key derivation (cached)
// ---------------------------------------------------------------------------------------------

// Every request of a busy emulator derives the same few keys (one per key/day/region); four HMACs
// per request are avoidable. Insertion-ordered Map = FIFO eviction, which is enough at this size.
const SIGNING_KEY_CACHE_SIZE = 256
const signingKeyCache = new Map<string, Buffer>()

const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest()

const deriveSigningKey = (secret: string, scope: CredentialScope): Buffer => {
  const cacheKey = JSON.stringify([secret, scope.date, scope.region, scope.service])
  const cached = signingKeyCache.get(cacheKey)
  if (cached !== undefined) return cached
  const kDate = hmac(`AWS4${secret}`, scope.date)
  const kRegion = hmac(kDate, scope.region)
  const kService = hmac(kRegion, scope.service)
  const kSigning = hmac(kService, TERMINATOR)
  if (signingKeyCache.size >= SIGNING_KEY_CACHE_SIZE) {
    const oldest = signingKeyCache.keys().next()
    if (oldest.done !== true) signingKeyCache.delete(oldest.value)
  }
  signingKeyCache.set(cacheKey, kSigning)
  return kSigning
}

const credentialScopeString = (scope: CredentialScope): string =>
  `${scope.date}/${scope.region}/${scope.service}/${TERMINATOR}`

const expectedSignature = (
  secret: string,
  scope: CredentialScope,
  time: RequestTime,
  canonical: string
): string => {
  const stringToSign = [ALGORITHM, time.basic, credentialScopeString(scope), toHex(sha256(canonical))].join("\n")
  return toHex(createHmac("sha256", deriveSigningKey(secret, scope)).update(stringToSign, "utf8").digest())
}

// timingSafeEqual needs equal lengths; a length mismatch is already a mismatch and the expected
// length (64) is public, so returning early leaks nothing.
const signaturesMatch = (expected: string, provided: string): boolean => {
  const a = Buffer.from(expected, "utf8")
  const b = Buffer.from(provided, "utf8")
  return a.length === b.length && timingSafeEqual(a, b)
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

const firstHeader = (value: string | ReadonlyArray<string> | undefined): string | undefined =>
  typeof value === "string" || value === undefined ? value : value[0]

const authorizationHeader = (headers: SigV4Request["headers"]): string | undefined => {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === "authorization") return firstHeader(value)
  }
  return undefined
}

/**
 * Order of checks: everything that only needs the request (IncompleteSignature, then scope and
 * clock → InvalidSignature) before the key store is consulted (UnrecognizedClient,
 * ExpiredToken), and the signature itself last.
 */
const verify = (request: SigV4Request, options: VerifyOptions, authorization: string): VerifyResult => {
  const headers = normaliseHeaders(request.headers)
  const parsed = parseAuthorization(authorization, headers.has("x-amz-date") || headers.has("date"))
  if (isRejected(parsed)) return parsed
  const scope = parseCredential(parsed.credential)
  if (isRejected(scope)) return scope
  const signed = parseSignedHeaders(parsed.signedHeaders, headers)
  if (isRejected(signed)) return signed
  const time = requestTime(headers)
  if (time === undefined) return reject("IncompleteSignatureException", `${MISSING_DATE} Authorization=${authorization}`)
  if (isRejected(time)) return time
  const problem = checkScope(scope, options.service) ?? checkScopeDate(scope, time) ??
    checkSkew(time, options.now, options.maxSkewMillis ?? DEFAULT_MAX_SKEW_MILLIS)
  if (problem !== undefined) return problem
  const known = checkCredentials(scope.accessKeyId, headers, options)
  if (isRejected(known)) return known
  const bodyHash = payloadHash(request, headers)
  if (isRejected(bodyHash)) return bodyHash
  const canonical = canonicalRequest(request, headers, signed, bodyHash)
  const expected = expectedSignature(known.entry.secretAccessKey, scope, time, canonical)
  if (!signaturesMatch(expected, parsed.signature)) return reject("InvalidSignatureException", SIGNATURE_MISMATCH_MESSAGE)
  return {
    _tag: "Verified",
    accessKeyId: scope.accessKeyId,
    accountId: known.entry.accountId,
    region: scope.region,
    signedHeaders: signed.names
  }
}

export const verifySigV4 = (request: SigV4Request, options: VerifyOptions): VerifyResult => {
  const authorization = authorizationHeader(request.headers)
  if (authorization === undefined) return { _tag: "Unsigned" }
  // Belt and braces for "never throws": node:crypto can throw on exotic inputs (e.g. a secret
  // that is not a string coming from an untyped store); such a request is simply not verified.
  try {
    return verify(request, options, authorization)
  } catch {
    return reject("InvalidSignatureException", SIGNATURE_MISMATCH_MESSAGE)
  }
}
