/**
 * The synchronous SigV4 signer (src/protocol/sigv4.ts) against AWS's own test suite (the
 * vendored vectors in test/fixtures/aws-sig-v4-test-suite, with their source), with both
 * hashes it runs on, and against @smithy/signature-v4 (the AWS SDKs' signer) on random requests.
 */
import { SignatureV4 } from "@smithy/signature-v4"
import * as fc from "fast-check"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { nodeSha256 } from "../../src/node/NodeSha256.js"
import { portableSha256 } from "../../src/protocol/Sha256.js"
import type { SigV4Hash, SigV4Request } from "../../src/protocol/sigv4.js"
import { amzDate, canonicalRequest, signatureHeaders } from "../../src/protocol/sigv4.js"
import { NodeSha256 } from "../support/NodeSha256.js"

interface Vector {
  readonly name: string
  readonly method: string
  readonly path: string
  readonly query: Record<string, string>
  readonly headers: Record<string, string>
  readonly body?: string
  readonly authorization: string
}

const suite = JSON.parse(
  readFileSync(new URL("../fixtures/aws-sig-v4-test-suite/vectors.json", import.meta.url), "utf8")
) as {
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
  readonly region: string
  readonly service: string
  readonly signingDate: string
  readonly stages: Record<string, { readonly canonicalRequest: string; readonly stringToSign: string }>
  readonly cases: ReadonlyArray<Vector>
}

const hashes: ReadonlyArray<[string, SigV4Hash]> = [["node:crypto", nodeSha256], ["@noble/hashes", portableSha256]]
const scope = { region: suite.region, service: suite.service }
const date = new Date(suite.signingDate)

const requestOf = (vector: Vector): SigV4Request => ({
  method: vector.method,
  path: vector.path,
  query: vector.query,
  headers: vector.headers,
  body: vector.body ?? ""
})

describe("SigV4: the request timestamp", () => {
  it("is the date's second in ISO basic format, formatted again whenever the second changes", () => {
    const stamps = fc.sample(fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }), 300)
    for (const date of stamps.flatMap((d) => [d, new Date(d.getTime() + 999 - (d.getTime() % 1000)), new Date(d.getTime() + 1000)])) {
      expect(amzDate(date)).toBe(date.toISOString().replace(/[-:]|\.\d{3}/g, ""))
    }
    expect(amzDate(new Date(Date.UTC(2015, 7, 30, 12, 36, 0, 999)))).toBe("20150830T123600Z")
    expect(amzDate(new Date(Date.UTC(2015, 7, 30, 12, 36, 1, 0)))).toBe("20150830T123601Z")
  })
})

describe("SigV4: AWS's test suite", () => {
  it("holds the suite's cases", () => {
    expect(suite.cases.length).toBe(24)
  })

  for (const [hashName, hash] of hashes) {
    for (const vector of suite.cases) {
      it(`${vector.name} (${hashName})`, () => {
        // A fresh credentials object per case: no signing key cached from another case.
        const signed = signatureHeaders(hash, requestOf(vector), { ...suite.credentials }, scope, date)
        expect(signed.authorization).toBe(vector.authorization)
        expect(signed["x-amz-date"]).toBe("20150830T123600Z")
      })
    }
  }

  it("get-vanilla: the canonical request and the string to sign, stage by stage", () => {
    const vector = suite.cases.find((c) => c.name === "get-vanilla")
    const expected = suite.stages["get-vanilla"]
    if (vector === undefined || expected === undefined) throw new Error("get-vanilla is missing from the fixture")
    const { canonical, signedHeaders } = canonicalRequest(nodeSha256, requestOf(vector), {})
    expect(canonical).toBe(expected.canonicalRequest)
    expect(signedHeaders).toBe("host;x-amz-date")
    expect(`AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n${nodeSha256.sha256Hex(canonical)}`)
      .toBe(expected.stringToSign)
  })

  it("a wrong secret or a changed header gives another signature (the check can fail)", () => {
    const vector = suite.cases.find((c) => c.name === "post-vanilla")
    if (vector === undefined) throw new Error("post-vanilla is missing from the fixture")
    const wrongKey = signatureHeaders(nodeSha256, requestOf(vector), { ...suite.credentials, secretAccessKey: "x" }, scope, date)
    expect(wrongKey.authorization).not.toBe(vector.authorization)
    const changed = signatureHeaders(
      nodeSha256,
      { ...requestOf(vector), headers: { ...vector.headers, "x-extra": "1" } },
      { ...suite.credentials },
      scope,
      date
    )
    expect(changed.authorization).not.toBe(vector.authorization)
  })

  it("the signing key is cached per credentials, day and scope, never across them", () => {
    const vector = suite.cases.find((c) => c.name === "post-vanilla")
    if (vector === undefined) throw new Error("post-vanilla is missing from the fixture")
    const credentials = { ...suite.credentials }
    const first = signatureHeaders(nodeSha256, requestOf(vector), credentials, scope, date)
    const nextDay = signatureHeaders(nodeSha256, requestOf(vector), credentials, scope, new Date(date.getTime() + 86_400_000))
    const otherRegion = signatureHeaders(nodeSha256, requestOf(vector), credentials, { ...scope, region: "eu-west-1" }, date)
    const again = signatureHeaders(nodeSha256, requestOf(vector), credentials, scope, date)
    expect(again.authorization).toBe(first.authorization)
    expect(nextDay.authorization).toContain("/20150831/us-east-1/service/")
    expect(otherRegion.authorization).toContain("/20150830/eu-west-1/service/")
    // Each agrees with a signer that starts with nothing cached.
    expect(signatureHeaders(nodeSha256, requestOf(vector), { ...credentials }, { ...scope, region: "eu-west-1" }, date))
      .toEqual(otherRegion)
  })
})

// Random requests: what a signer may meet, not only what the client sends.
const token = fc.stringMatching(/^[A-Za-z0-9\-._~%+/=]{1,40}$/)
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).filter((name) =>
  !["host", "x-amz-date", "x-amz-security-token", "authorization", "x-amz-content-sha256"].includes(name) &&
  !/^(proxy-|sec-)/.test(name)
)
const headerValue = fc.string({ unit: fc.constantFrom("a", "B", "7", " ", "  ", "\t", ",", ";", "=", "\"", "/", "é"), maxLength: 30 })
const pathSegment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9\-._~]{1,12}$/),
  fc.constantFrom(".", "..", "", "a b", "%20", "ሴ", "x+y", "@:")
)
const request = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT", "DELETE"),
  path: fc.array(pathSegment, { maxLength: 5 }).chain((segments) =>
    fc.boolean().map((trailing) => `/${segments.join("/")}${trailing && segments.length > 0 ? "/" : ""}`)
  ),
  query: fc.dictionary(
    fc.string({ minLength: 1, maxLength: 8 }),
    fc.oneof(fc.string({ maxLength: 12 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 })),
    { maxKeys: 6 }
  ),
  headers: fc.dictionary(headerName, headerValue, { maxKeys: 6 }),
  body: fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }))
})
const credentials = fc.record({
  accessKeyId: fc.stringMatching(/^[A-Z0-9]{16,20}$/),
  secretAccessKey: token,
  sessionToken: fc.option(token, { nil: undefined })
})
const signingDate = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true })
const region = fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1")
const service = fc.constantFrom("cognito-identity", "service", "sts")

describe("SigV4: the same signature as @smithy/signature-v4", () => {
  for (const [hashName, hash] of hashes) {
    it(`on random requests, credentials, regions and dates (${hashName})`, async () => {
      await fc.assert(
        fc.asyncProperty(request, credentials, signingDate, region, service, async (req, creds, at, reg, svc) => {
          const host = "example.amazonaws.com"
          const smithy = new SignatureV4({
            service: svc,
            region: reg,
            sha256: NodeSha256,
            applyChecksum: false,
            credentials: creds.sessionToken === undefined
              ? { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey }
              : { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken }
          })
          const expected = await smithy.sign(
            { method: req.method, protocol: "https:", hostname: host, path: req.path, query: req.query, headers: { ...req.headers, host }, body: req.body },
            { signingDate: at }
          )
          const ours = signatureHeaders(hash, { ...req, headers: { ...req.headers, host } }, creds, { region: reg, service: svc }, at)
          expect(ours.authorization).toBe(expected.headers["authorization"])
          expect(ours["x-amz-date"]).toBe(expected.headers["x-amz-date"])
          expect(ours["x-amz-security-token"]).toBe(expected.headers["x-amz-security-token"])
        }),
        { numRuns: 500 }
      )
    })
  }
})
