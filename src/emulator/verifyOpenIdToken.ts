/**
 * Verifies an OpenID token the emulator issued (GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity)
 * the way a relying party would: against the published JWKS (`Emulator.jwks()`, or GET
 * `/.well-known/jwks.json`), not with the emulator's own signer. RS256 only, the key named by
 * `kid`, then the claims of docs/service-behaviour.md §7: `iss`, `aud` (the pool), `sub` (the
 * identity), `exp` against Effect's `Clock` (so `TestClock` time works).
 */
import { createPublicKey, verify } from "node:crypto"
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { Jwks } from "./Jwt.js"
import { decodeJwtUnverified } from "./Jwt.js"
import { OPENID_ISSUER } from "./model/tokens.js"

export interface OpenIdTokenClaims {
  readonly iss: string
  /** The identity id. */
  readonly sub: string
  /** The identity pool id. */
  readonly aud: string
  /** `["unauthenticated"]`, or `["authenticated", <providers>...]`. */
  readonly amr: ReadonlyArray<string>
  readonly iat: number
  readonly exp: number
  readonly [claim: string]: unknown
}

export interface OpenIdTokenExpectations {
  /** The pool the token must be for (`aud`). */
  readonly identityPoolId?: string | undefined
  /** The identity the token must be for (`sub`). */
  readonly identityId?: string | undefined
}

/** The token is not a valid OpenID token of this emulator; `reason` says which check failed. */
export class OpenIdTokenError extends Data.TaggedError("OpenIdTokenError")<{ readonly reason: string }> {
  override get message(): string {
    return `the OpenID token is not valid: ${this.reason}`
  }
}

const signatureMatches = (jwk: Record<string, unknown>, signed: string, signature: Buffer): boolean => {
  const { e, kty, n } = jwk
  if (kty !== "RSA" || typeof n !== "string" || typeof e !== "string") return false
  try {
    return verify("RSA-SHA256", Buffer.from(signed), createPublicKey({ key: { kty, n, e }, format: "jwk" }), signature)
  } catch {
    return false
  }
}

const strings = (value: unknown): ReadonlyArray<string> | undefined =>
  Array.isArray(value) && value.every((item) => typeof item === "string") ? value : undefined

/** The checks in order; the first that fails is the reason. */
const check = (
  token: string,
  jwks: Jwks,
  expected: OpenIdTokenExpectations,
  nowSeconds: number
): OpenIdTokenClaims | string => {
  const decoded = decodeJwtUnverified(token)
  if (decoded === undefined) return "not a JWT"
  const { claims, header } = decoded
  if (header["alg"] !== "RS256") return `alg ${String(header["alg"])} is not RS256`
  const key = jwks.keys.find((candidate) => candidate["kid"] === header["kid"])
  if (key === undefined) return "no key of the JWKS has its kid"
  const signedPart = token.slice(0, token.lastIndexOf("."))
  const signature = Buffer.from(token.slice(token.lastIndexOf(".") + 1), "base64url")
  if (!signatureMatches(key, signedPart, signature)) return "the signature does not match the key"
  const { amr, aud, exp, iat, iss, sub } = claims
  if (iss !== OPENID_ISSUER) return `iss is not ${OPENID_ISSUER}`
  if (typeof aud !== "string" || (expected.identityPoolId !== undefined && aud !== expected.identityPoolId)) {
    return "aud is not the identity pool"
  }
  if (typeof sub !== "string" || (expected.identityId !== undefined && sub !== expected.identityId)) {
    return "sub is not the identity"
  }
  const methods = strings(amr)
  if (methods === undefined) return "amr is not a list of strings"
  if (typeof iat !== "number" || typeof exp !== "number") return "iat or exp is missing"
  if (nowSeconds >= exp) return `expired at ${exp} (now ${nowSeconds})`
  return { ...claims, iss, aud, sub, amr: methods, iat, exp }
}

/** The token's claims, or an `OpenIdTokenError` saying which check failed. */
export const verifyOpenIdToken = (
  token: string | Redacted.Redacted<string>,
  jwks: Jwks,
  expected: OpenIdTokenExpectations = {}
): Effect.Effect<OpenIdTokenClaims, OpenIdTokenError> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const text = Redacted.isRedacted(token) ? Redacted.value(token) : token
    const result = check(text, jwks, expected, Math.floor(now / 1000))
    return typeof result === "string" ? Effect.fail(new OpenIdTokenError({ reason: result })) : Effect.succeed(result)
  })
