import { createPublicKey, generateKeyPairSync, type JsonWebKey, sign as cryptoSign, verify as cryptoVerify } from "node:crypto"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeJwtUnverified, exportPrivateKeyPem, loadJwtSigner, makeJwtSigner } from "../../src/emulator/Jwt.js"

const signer = makeJwtSigner()
const NOW = new Date("2024-01-01T00:00:00Z")
const nowSeconds = NOW.getTime() / 1000

const CLAIMS = {
  iss: "https://cognito-identity.amazonaws.com",
  aud: "eu-west-1:6c3a2f0e-4b1d-4e8a-9f5c-2d7b8a9e0c11",
  sub: "eu-west-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
  amr: ["authenticated", "login.example.dev", "login.example.dev:eu-west-1:pool:user"],
  "https://aws.amazon.com/tags": { principal_tags: { team: ["identity"] } },
  iat: nowSeconds,
  exp: nowSeconds + 600
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url")

const segments = (token: string): [string, string, string] => {
  const [h = "", p = "", s = ""] = token.split(".")
  return [h, p, s]
}

describe("makeJwtSigner", () => {
  it("round-trips claims", () => {
    const token = signer.sign(CLAIMS)
    expect(token.split(".")).toHaveLength(3)
    expect(token).not.toContain("=")
    expect(signer.verify(token, NOW)).toEqual({ _tag: "Valid", claims: CLAIMS })
  })

  it("writes the header {kid, typ: JWT, alg: RS256}", () => {
    const [header] = segments(signer.sign(CLAIMS))
    expect(JSON.parse(Buffer.from(header, "base64url").toString("utf8"))).toEqual({
      kid: signer.kid,
      typ: "JWT",
      alg: "RS256"
    })
    expect(signer.kid).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it("rejects a tampered payload", () => {
    const [h, , s] = segments(signer.sign(CLAIMS))
    const forged = `${h}.${b64({ ...CLAIMS, sub: "eu-west-1:someone-else" })}.${s}`
    expect(signer.verify(forged, NOW)).toEqual({ _tag: "Invalid", reason: "bad signature" })
  })

  it("rejects a tampered or missing signature", () => {
    const [h, p, s] = segments(signer.sign(CLAIMS))
    const flipped = `${s.slice(0, 10)}${s[10] === "A" ? "B" : "A"}${s.slice(11)}`
    expect(signer.verify(`${h}.${p}.${flipped}`, NOW)).toEqual({ _tag: "Invalid", reason: "bad signature" })
    expect(signer.verify(`${h}.${p}.`, NOW)).toEqual({ _tag: "Invalid", reason: "bad signature" })
    expect(signer.verify(`${h}.${p}.${s}!`, NOW)).toEqual({ _tag: "Invalid", reason: "bad signature" })
  })

  it("rejects an expired token and accepts it just before exp", () => {
    const token = signer.sign(CLAIMS)
    expect(signer.verify(token, new Date((CLAIMS.exp - 1) * 1000))._tag).toBe("Valid")
    expect(signer.verify(token, new Date(CLAIMS.exp * 1000))).toEqual({ _tag: "Invalid", reason: "expired" })
    expect(signer.verify(token, new Date((CLAIMS.exp + 3600) * 1000))).toEqual({ _tag: "Invalid", reason: "expired" })
  })

  it("rejects a token without a numeric exp", () => {
    const { exp: _exp, ...noExp } = CLAIMS
    expect(signer.verify(signer.sign(noExp), NOW)).toEqual({ _tag: "Invalid", reason: "missing exp" })
    expect(signer.verify(signer.sign({ ...CLAIMS, exp: "never" }), NOW)).toEqual({ _tag: "Invalid", reason: "missing exp" })
  })

  it("rejects a token from another signer (wrong kid) and a forged kid", () => {
    const other = makeJwtSigner()
    expect(other.kid).not.toBe(signer.kid)
    expect(signer.verify(other.sign(CLAIMS), NOW)).toEqual({ _tag: "Invalid", reason: "unknown kid" })
    // Another key presenting our kid still fails on the signature.
    const [, p] = segments(other.sign(CLAIMS))
    const header = b64({ kid: signer.kid, typ: "JWT", alg: "RS256" })
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
    const sig = cryptoSign("RSA-SHA256", Buffer.from(`${header}.${p}`), privateKey).toString("base64url")
    expect(signer.verify(`${header}.${p}.${sig}`, NOW)).toEqual({ _tag: "Invalid", reason: "bad signature" })
  })

  it("rejects alg none and other algorithms", () => {
    const payload = b64(CLAIMS)
    for (const alg of ["none", "None", "HS256", "RS512", undefined]) {
      const header = b64({ kid: signer.kid, typ: "JWT", ...(alg === undefined ? {} : { alg }) })
      const result = signer.verify(`${header}.${payload}.`, NOW)
      expect(result._tag).toBe("Invalid")
      if (result._tag === "Invalid") expect(result.reason).toMatch(/^unsupported alg/)
    }
  })

  it("reports malformed tokens", () => {
    for (const token of ["", "abc", "a.b", "a.b.c.d", "...", "!!.!!.!!", `${b64([1])}.${b64(CLAIMS)}.x`, "x".repeat(100_000)]) {
      expect(signer.verify(token, NOW)).toEqual({ _tag: "Invalid", reason: "malformed" })
    }
  })

  it("never throws on arbitrary strings or base64url-ish segments", () => {
    const segment = fc.string({ unit: fc.constantFrom(..."ABCabc012_-=+/.{}\"".split("")), maxLength: 40 })
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.array(segment, { minLength: 0, maxLength: 5 }).map((parts) => parts.join(".")),
          fc.array(fc.oneof(segment, fc.json().map((j) => Buffer.from(j).toString("base64url"))), { minLength: 3, maxLength: 3 })
            .map((parts) => parts.join("."))
        ),
        fc.date({ noInvalidDate: false }),
        (token, now) => {
          const result = signer.verify(token, now)
          expect(result._tag).toBe("Invalid")
          const decoded = decodeJwtUnverified(token)
          expect(decoded === undefined || typeof decoded.claims === "object").toBe(true)
        }
      ),
      { numRuns: 1000 }
    )
  })

  it("returns '' / Unsignable for claims that are not JSON-serialisable", () => {
    const cyclic: Record<string, unknown> = { sub: "x" }
    cyclic["self"] = cyclic
    expect(signer.sign({ big: 1n })).toBe("")
    expect(signer.trySign(cyclic)._tag).toBe("Unsignable")
  })
})

describe("JWKS", () => {
  it("publishes one RSA signing key", () => {
    const { keys } = signer.jwks()
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatchObject({ kty: "RSA", kid: signer.kid, use: "sig", alg: "RS256", e: "AQAB" })
    expect(keys[0]?.["n"]).toMatch(/^[A-Za-z0-9_-]{342}$/)
    expect(Object.keys(keys[0] ?? {})).not.toContain("d")
  })

  it("verifies a token independently with node:crypto", () => {
    const token = signer.sign(CLAIMS)
    const [h, p, s] = segments(token)
    const jwk = signer.jwks().keys.find((k) => k["kid"] === signer.kid)
    expect(jwk).toBeDefined()
    const { kty, n, e } = jwk ?? {}
    const publicJwk: JsonWebKey = { kty: String(kty), n: String(n), e: String(e) }
    const key = createPublicKey({ key: publicJwk, format: "jwk" })
    expect(cryptoVerify("RSA-SHA256", Buffer.from(`${h}.${p}`), key, Buffer.from(s, "base64url"))).toBe(true)
    expect(cryptoVerify("RSA-SHA256", Buffer.from(`${h}.${b64({ sub: "x" })}`), key, Buffer.from(s, "base64url"))).toBe(false)
  })

  it("publishes the key's n and e, for any modulus size and exponent (node:crypto imports them as the same key)", () => {
    // The signer reads them from the key's DER (see rsaPublicJwk). node:crypto is the judge, by
    // importing the JWK (never by exporting one: that is what rsaPublicJwk avoids).
    for (const [modulusLength, publicExponent] of [[2048, 65537], [1024, 3], [3072, 65537], [1032, 257]] as const) {
      const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength, publicExponent })
      const made = makeJwtSigner({ privateKeyPem: String(privateKey.export({ type: "pkcs8", format: "pem" })) })
      const { n, e } = made.jwks().keys[0] ?? {}
      expect(String(n)).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(String(n).startsWith("AA")).toBe(false)
      const imported = createPublicKey({ key: { kty: "RSA", n: String(n), e: String(e) }, format: "jwk" })
      expect(imported.export({ type: "spki", format: "der" })).toEqual(publicKey.export({ type: "spki", format: "der" }))
    }
  })
})

describe("persisted keys", () => {
  it("re-creates the same signer from the exported PEM", () => {
    const pem = exportPrivateKeyPem(signer)
    expect(pem).toBe(signer.privateKeyPem)
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    const restored = makeJwtSigner({ privateKeyPem: pem })
    expect(restored.kid).toBe(signer.kid)
    expect(restored.verify(signer.sign(CLAIMS), NOW)._tag).toBe("Valid")
    expect(signer.verify(restored.sign(CLAIMS), NOW)._tag).toBe("Valid")
    expect(restored.jwks()).toEqual(signer.jwks())
  })

  it("accepts a PKCS#1 RSA PEM", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
    const pkcs1 = String(privateKey.export({ type: "pkcs1", format: "pem" }))
    const loaded = loadJwtSigner({ privateKeyPem: pkcs1 })
    expect(loaded._tag).toBe("Loaded")
  })

  it("reports an unusable PEM through loadJwtSigner and replaces it in makeJwtSigner", () => {
    const bad = loadJwtSigner({ privateKeyPem: "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----" })
    expect(bad._tag).toBe("InvalidKey")
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" })
    const notRsa = loadJwtSigner({ privateKeyPem: String(ec) })
    expect(notRsa).toMatchObject({ _tag: "InvalidKey", reason: expect.stringContaining("RSA") })
    const fallback = makeJwtSigner({ privateKeyPem: "garbage" })
    expect(fallback.verify(fallback.sign(CLAIMS), NOW)._tag).toBe("Valid")
  })
})

describe("decodeJwtUnverified", () => {
  it("reads header and claims of a third-party JWT without verifying it", () => {
    const header = { alg: "RS256", kid: "google-key-1", typ: "JWT" }
    const claims = { iss: "https://accounts.google.com", aud: "client-id", sub: "110169484474386276334", exp: 1_700_000_000 }
    const token = `${b64(header)}.${b64(claims)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`
    expect(decodeJwtUnverified(token)).toEqual({ header, claims })
  })

  it("reads an unsecured JWT (empty signature) and our own tokens", () => {
    expect(decodeJwtUnverified(`${b64({ alg: "none" })}.${b64({ sub: "u" })}.`)?.claims).toEqual({ sub: "u" })
    expect(decodeJwtUnverified(signer.sign(CLAIMS))?.header["kid"]).toBe(signer.kid)
  })

  it("returns undefined for non-JWT strings", () => {
    for (
      const token of [
        "",
        "opaque-facebook-access-token",
        "EAAGm0PX4ZCpsBA.ZC",
        "a.b.c",
        `${b64([1, 2])}.${b64({ sub: "u" })}.x`,
        `${b64({ alg: "none" })}.${b64("sub")}.x`,
        `${b64({ alg: "none" })}.${b64({ sub: "u" })}.x.y`,
        `${b64({ alg: "none" })}.${b64({ sub: "u" })}.not base64!`,
        "x".repeat(100_000)
      ]
    ) {
      expect(decodeJwtUnverified(token)).toBeUndefined()
    }
  })
})
