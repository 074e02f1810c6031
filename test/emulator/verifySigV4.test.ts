import { SignatureV4 } from "@smithy/signature-v4"
import type { HttpRequest } from "@smithy/types"
import { createHash } from "node:crypto"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  type SigningKeyEntry,
  type SigV4Request,
  verifySigV4,
  type VerifyOptions,
  type VerifyResult
} from "../../src/emulator/verifySigV4.js"
import { NodeSha256 } from "../support/NodeSha256.js"

// ---------------------------------------------------------------------------------------------
// Signing side: @smithy/signature-v4 (what the client uses), with a node:crypto hash.
// ---------------------------------------------------------------------------------------------


const ACCESS_KEY = "AKIDEMULATOR000001"
const SECRET = "emulatorSecretKey/with+special=chars0123"
const ACCOUNT = "123456789012"
const TEMP_KEY = "ASIAEMULATOR000002"
const TEMP_SECRET = "temporarySecretKey000000000000000000000"
const TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN//////////wEaCXVzLWVhc3QtMSJGMEQCIBe"
const SERVICE = "cognito-identity"
const REGION = "eu-west-1"
const HOST = `cognito-identity.${REGION}.amazonaws.com`
const NOW = new Date("2024-01-01T00:10:00Z")
const MINUTE = 60_000

const BODY = JSON.stringify({
  IdentityPoolName: "my_pool",
  AllowUnauthenticatedIdentities: true,
  AllowClassicFlow: false,
  SupportedLoginProviders: { "graph.facebook.com": "7346241598935552", "accounts.google.com": "123456789012.apps" },
  DeveloperProviderName: "login.example.dev",
  OpenIdConnectProviderARNs: ["arn:aws:iam::123456789012:oidc-provider/example.com"],
  CognitoIdentityProviders: [
    { ProviderName: `cognito-idp.${REGION}.amazonaws.com/${REGION}_AbCdEfGhI`, ClientId: "1example23456789", ServerSideTokenCheck: false }
  ],
  IdentityPoolTags: { team: "identity", "cost-center": "42" }
})

const keys: Record<string, SigningKeyEntry> = {
  [ACCESS_KEY]: { secretAccessKey: SECRET, accountId: ACCOUNT },
  [TEMP_KEY]: { secretAccessKey: TEMP_SECRET, accountId: ACCOUNT, sessionToken: TOKEN }
}

const options = (overrides: Partial<VerifyOptions> = {}): VerifyOptions => ({
  now: NOW,
  service: SERVICE,
  lookup: (id) => keys[id],
  ...overrides
})

interface SignArgs {
  readonly body?: string
  readonly headers?: Record<string, string>
  readonly accessKeyId?: string
  readonly secretAccessKey?: string
  readonly sessionToken?: string
  readonly signingDate?: Date
  readonly service?: string
  readonly region?: string
  readonly applyChecksum?: boolean
  readonly path?: string
  readonly query?: Record<string, string | Array<string>>
  readonly method?: string
  readonly unsignableHeaders?: Set<string>
}

const AWS_JSON_HEADERS = {
  "content-type": "application/x-amz-json-1.1",
  "x-amz-target": "AWSCognitoIdentityService.CreateIdentityPool"
}

const lowerCaseHeaders = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))

const queryString = (query: Record<string, string | Array<string>>): string =>
  Object.entries(query)
    .flatMap(([name, value]) => (typeof value === "string" ? [value] : value).map((v) => [name, v] as const))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&")

/** Signs with smithy and turns the result into what node:http would hand the emulator. */
const sign = async (args: SignArgs = {}): Promise<SigV4Request> => {
  const body = args.body ?? BODY
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: args.accessKeyId ?? ACCESS_KEY,
      secretAccessKey: args.secretAccessKey ?? SECRET,
      ...(args.sessionToken === undefined ? {} : { sessionToken: args.sessionToken })
    },
    region: args.region ?? REGION,
    service: args.service ?? SERVICE,
    sha256: NodeSha256,
    applyChecksum: args.applyChecksum ?? true
  })
  const request: HttpRequest = {
    method: args.method ?? "POST",
    protocol: "https:",
    hostname: HOST,
    path: args.path ?? "/",
    query: args.query ?? {},
    headers: {
      host: HOST,
      ...(body === "" ? {} : { "content-length": String(Buffer.byteLength(body)) }),
      ...(args.headers ?? AWS_JSON_HEADERS)
    },
    body
  }
  const signed = await signer.sign(request, {
    signingDate: args.signingDate ?? NOW,
    ...(args.unsignableHeaders === undefined ? {} : { unsignableHeaders: args.unsignableHeaders })
  })
  return {
    method: signed.method,
    path: signed.path,
    query: queryString(args.query ?? {}),
    headers: lowerCaseHeaders(signed.headers),
    body: new TextEncoder().encode(body)
  }
}

const withHeaders = (request: SigV4Request, headers: Record<string, string | undefined>): SigV4Request => ({
  ...request,
  headers: { ...request.headers, ...headers }
})

const withoutHeader = (request: SigV4Request, name: string): SigV4Request => ({
  ...request,
  headers: Object.fromEntries(Object.entries(request.headers).filter(([n]) => n !== name))
})

const authorizationOf = (request: SigV4Request): string => {
  const value = request.headers["authorization"]
  if (typeof value !== "string") throw new Error("test setup: request is not signed")
  return value
}

const withAuthorization = (request: SigV4Request, authorization: string): SigV4Request =>
  withHeaders(request, { authorization })

const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key " +
  "and signing method. Consult the service documentation for details."

const expectRejected = (result: VerifyResult, code: string, message: string | RegExp): void => {
  expect(result._tag).toBe("Rejected")
  if (result._tag !== "Rejected") return
  expect(result.code).toBe(code)
  if (typeof message === "string") expect(result.message).toContain(message)
  else expect(result.message).toMatch(message)
}

const expectVerified = (result: VerifyResult): Extract<VerifyResult, { _tag: "Verified" }> => {
  if (result._tag !== "Verified") throw new Error(`expected Verified, got ${JSON.stringify(result)}`)
  return result
}

// ---------------------------------------------------------------------------------------------

describe("verifySigV4 — requests signed by @smithy/signature-v4", () => {
  it("verifies an awsJson1.1 request with a JSON body", async () => {
    const request = await sign()
    expect(request.body.length).toBeGreaterThan(300)
    const result = expectVerified(verifySigV4(request, options()))
    expect(result).toEqual({
      _tag: "Verified",
      accessKeyId: ACCESS_KEY,
      accountId: ACCOUNT,
      region: REGION,
      signedHeaders: ["content-length", "content-type", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-target"]
    })
  })

  it("verifies a request signed with temporary credentials (session token)", async () => {
    const request = await sign({ accessKeyId: TEMP_KEY, secretAccessKey: TEMP_SECRET, sessionToken: TOKEN })
    expect(request.headers["x-amz-security-token"]).toBe(TOKEN)
    const result = expectVerified(verifySigV4(request, options()))
    expect(result.accessKeyId).toBe(TEMP_KEY)
    expect(result.signedHeaders).toContain("x-amz-security-token")
  })

  it("verifies an empty body", async () => {
    const request = await sign({ body: "" })
    expect(request.body.length).toBe(0)
    expectVerified(verifySigV4(request, options()))
  })

  it("hashes the body itself when there is no x-amz-content-sha256 header", async () => {
    const request = await sign({ applyChecksum: false })
    expect(request.headers["x-amz-content-sha256"]).toBeUndefined()
    expectVerified(verifySigV4(request, options()))
    expectVerified(verifySigV4(await sign({ applyChecksum: false, body: "" }), options()))
  })

  it("verifies only the headers listed in SignedHeaders (minimal host;x-amz-date)", async () => {
    const request = await sign({ headers: {}, body: "", applyChecksum: false })
    const result = expectVerified(verifySigV4(request, options()))
    expect(result.signedHeaders).toEqual(["host", "x-amz-date"])
  })

  it("applies the non-S3 path and query canonicalisation rules", async () => {
    const request = await sign({
      method: "GET",
      body: "",
      path: "/documents%20and%20settings/./a/../b/",
      query: { b: "2", a: ["x y", "1", "é"], "k~_.-": "*'()!", empty: "" }
    })
    expectVerified(verifySigV4(request, options()))
  })

  it("accepts header values with surrounding and repeated whitespace as the signer canonicalised them", async () => {
    const request = await sign({ headers: { ...AWS_JSON_HEADERS, "x-custom": "  a   b \t c  " } })
    expectVerified(verifySigV4(request, options()))
  })

  it("accepts mixed-case header names from callers other than node:http", async () => {
    const request = await sign()
    const mixed = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name.replace(/^./, (c) => c.toUpperCase()), value])
    )
    expectVerified(verifySigV4({ ...request, headers: mixed }, options()))
  })

  it("returns Unsigned when there is no Authorization header", async () => {
    const request = withoutHeader(await sign(), "authorization")
    expect(verifySigV4(request, options())).toEqual({ _tag: "Unsigned" })
  })

  it("keeps verifying correctly after the signing-key cache has been cycled", async () => {
    const many: Record<string, SigningKeyEntry> = {}
    for (let i = 0; i < 300; i++) many[`AKIDCACHE${i}`] = { secretAccessKey: `secret-${i}`, accountId: ACCOUNT }
    const lookup = (id: string): SigningKeyEntry | undefined => many[id]
    for (const i of [0, 150, 299, 0]) {
      const request = await sign({ accessKeyId: `AKIDCACHE${i}`, secretAccessKey: `secret-${i}`, body: "{}" })
      expectVerified(verifySigV4(request, options({ lookup })))
      const wrong = await sign({ accessKeyId: `AKIDCACHE${i}`, secretAccessKey: `secret-${i + 1}`, body: "{}" })
      expectRejected(verifySigV4(wrong, options({ lookup })), "InvalidSignatureException", MISMATCH)
    }
  })
})

describe("verifySigV4 — AWS SigV4 test suite vectors", () => {
  // aws-sig-v4-test-suite: AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, us-east-1, "service".
  const vectorOptions = options({
    now: new Date("2015-08-30T12:36:00Z"),
    service: "service",
    lookup: (id) =>
      id === "AKIDEXAMPLE" ? { secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", accountId: ACCOUNT } : undefined
  })
  const vector = (method: string, signature: string): SigV4Request => ({
    method,
    path: "/",
    query: "",
    headers: {
      host: "example.amazonaws.com",
      "x-amz-date": "20150830T123600Z",
      authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
        `SignedHeaders=host;x-amz-date, Signature=${signature}`
    },
    body: new Uint8Array()
  })

  it("get-vanilla", () => {
    const request = vector("GET", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    expect(expectVerified(verifySigV4(request, vectorOptions)).region).toBe("us-east-1")
  })

  it("post-vanilla", () => {
    const request = vector("POST", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
    expectVerified(verifySigV4(request, vectorOptions))
  })

  it("get-vanilla signature does not verify a POST", () => {
    const request = vector("POST", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    expectRejected(verifySigV4(request, vectorOptions), "InvalidSignatureException", MISMATCH)
  })
})

describe("verifySigV4 — Date header fallback", () => {
  const httpDate = "Mon, 01 Jan 2024 00:09:30 GMT"
  const emptyHash = createHash("sha256").update("").digest("hex")
  // Canonical request written out by hand; key derivation and HMAC are smithy's (signString).
  const signWithDateHeader = async (): Promise<SigV4Request> => {
    const canonical = ["GET", "/", "", `date:${httpDate}`, `host:${HOST}`, "", "date;host", emptyHash].join("\n")
    const scope = `20240101/${REGION}/${SERVICE}/aws4_request`
    const stringToSign = [
      "AWS4-HMAC-SHA256",
      "20240101T000930Z",
      scope,
      createHash("sha256").update(canonical).digest("hex")
    ].join("\n")
    const signer = new SignatureV4({
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET },
      region: REGION,
      service: SERVICE,
      sha256: NodeSha256
    })
    const signature = await signer.sign(stringToSign, { signingDate: new Date("2024-01-01T00:09:30Z") })
    return {
      method: "GET",
      path: "/",
      query: "",
      headers: {
        host: HOST,
        date: httpDate,
        authorization: `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/${scope}, SignedHeaders=date;host, Signature=${signature}`
      },
      body: new Uint8Array()
    }
  }

  it("verifies a request timed by the Date header", async () => {
    expectVerified(verifySigV4(await signWithDateHeader(), options()))
  })

  it("rejects an unparsable Date header", async () => {
    const request = withHeaders(await signWithDateHeader(), { date: "yesterday-ish" })
    expectRejected(verifySigV4(request, options()), "IncompleteSignatureException", "'yesterday-ish'")
  })

  it("applies the clock window to the Date header too", async () => {
    const result = verifySigV4(await signWithDateHeader(), options({ now: new Date("2024-01-01T00:20:00Z") }))
    expectRejected(result, "InvalidSignatureException", "Signature expired: 20240101T000930Z is now earlier than")
  })
})

describe("verifySigV4 — tampering and wrong credentials", () => {
  it("rejects a tampered body (with x-amz-content-sha256)", async () => {
    const request = await sign()
    const tampered = { ...request, body: new TextEncoder().encode(BODY.replace("my_pool", "my_poom")) }
    expectRejected(verifySigV4(tampered, options()), "InvalidSignatureException", MISMATCH)
  })

  it("rejects a tampered body whose x-amz-content-sha256 was recomputed", async () => {
    const request = await sign()
    const body = BODY.replace("my_pool", "evil_pool")
    const tampered = withHeaders(
      { ...request, body: new TextEncoder().encode(body) },
      { "x-amz-content-sha256": createHash("sha256").update(body).digest("hex") }
    )
    expectRejected(verifySigV4(tampered, options()), "InvalidSignatureException", MISMATCH)
  })

  it("rejects a tampered body (hash computed from the body)", async () => {
    const request = await sign({ applyChecksum: false })
    const tampered = { ...request, body: new TextEncoder().encode(`${BODY} `) }
    expectRejected(verifySigV4(tampered, options()), "InvalidSignatureException", MISMATCH)
  })

  it("rejects an UNSIGNED-PAYLOAD claim for this (non-S3) service", async () => {
    const request = await sign({ headers: { ...AWS_JSON_HEADERS, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } })
    expectRejected(verifySigV4(request, options()), "InvalidSignatureException", MISMATCH)
  })

  it("rejects a tampered signed header", async () => {
    const request = withHeaders(await sign(), { "x-amz-target": "AWSCognitoIdentityService.DeleteIdentityPool" })
    expectRejected(verifySigV4(request, options()), "InvalidSignatureException", MISMATCH)
  })

  it("rejects a tampered host, method, path or query", async () => {
    const request = await sign()
    for (
      const tampered of [
        withHeaders(request, { host: "localhost:4566" }),
        { ...request, method: "PUT" },
        { ...request, path: "/other" },
        { ...request, query: "a=1" }
      ]
    ) {
      expectRejected(verifySigV4(tampered, options()), "InvalidSignatureException", MISMATCH)
    }
  })

  it("ignores changes to unsigned headers", async () => {
    const request = await sign({ headers: { ...AWS_JSON_HEADERS, "user-agent": "aws-sdk-js/3.0" } })
    expect(authorizationOf(request)).not.toContain("user-agent")
    const changed = withHeaders(request, { "user-agent": "curl/8.0", "x-forwarded-for": "10.0.0.1" })
    expectVerified(verifySigV4(changed, options()))
  })

  it("rejects a signature made with the wrong secret", async () => {
    const request = await sign({ secretAccessKey: "not-the-secret" })
    expectRejected(verifySigV4(request, options()), "InvalidSignatureException", MISMATCH)
  })

  it("rejects a mangled signature value (wrong length, upper case)", async () => {
    const request = await sign()
    const authorization = authorizationOf(request)
    const signature = /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? ""
    for (const replacement of [signature.slice(1), signature.toUpperCase(), `${signature}00`, ""]) {
      const mangled = withAuthorization(request, authorization.replace(signature, replacement))
      expectRejected(verifySigV4(mangled, options()), "InvalidSignatureException", MISMATCH)
    }
  })

  it("rejects an unknown access key", async () => {
    const request = await sign({ accessKeyId: "AKIDUNKNOWN" })
    expectRejected(
      verifySigV4(request, options()),
      "UnrecognizedClientException",
      "The security token included in the request is invalid."
    )
  })

  it("treats a throwing key store like an unknown key", async () => {
    const lookup = (): SigningKeyEntry | undefined => {
      throw new Error("store down")
    }
    expectRejected(verifySigV4(await sign(), options({ lookup })), "UnrecognizedClientException", "is invalid.")
  })

  it("rejects a session token that does not match the key's token", async () => {
    const request = await sign({ accessKeyId: TEMP_KEY, secretAccessKey: TEMP_SECRET, sessionToken: `${TOKEN}x` })
    expectRejected(
      verifySigV4(request, options()),
      "UnrecognizedClientException",
      "The security token included in the request is invalid."
    )
  })

  it("rejects temporary credentials used without their session token", async () => {
    const request = await sign({ accessKeyId: TEMP_KEY, secretAccessKey: TEMP_SECRET })
    expectRejected(verifySigV4(request, options()), "UnrecognizedClientException", "is invalid.")
  })

  it("rejects a session token sent with long-term credentials", async () => {
    const request = await sign({ sessionToken: TOKEN })
    expectRejected(verifySigV4(request, options()), "UnrecognizedClientException", "is invalid.")
  })

  it("rejects expired temporary credentials", async () => {
    const request = await sign({ accessKeyId: TEMP_KEY, secretAccessKey: TEMP_SECRET, sessionToken: TOKEN })
    const expiring = (expiration: Date): VerifyOptions =>
      options({
        lookup: (id) =>
          id === TEMP_KEY
            ? { secretAccessKey: TEMP_SECRET, accountId: ACCOUNT, sessionToken: TOKEN, expiration }
            : undefined
      })
    expectRejected(
      verifySigV4(request, expiring(new Date(NOW.getTime() - 1))),
      "ExpiredTokenException",
      "The security token included in the request is expired"
    )
    expectVerified(verifySigV4(request, expiring(new Date(NOW.getTime() + 1))))
  })

  it("never puts the secret in a message", async () => {
    const requests = [
      await sign({ secretAccessKey: "wrong" }),
      await sign({ service: "sts" }),
      await sign({ signingDate: new Date(NOW.getTime() - 10 * MINUTE) }),
      withHeaders(await sign(), { "x-amz-target": "x" })
    ]
    for (const request of requests) {
      const result = verifySigV4(request, options())
      expect(result._tag).toBe("Rejected")
      expect(JSON.stringify(result)).not.toContain(SECRET)
    }
  })
})

describe("verifySigV4 — credential scope and clock", () => {
  it("rejects a scope for another service", async () => {
    const request = await sign({ service: "cognito-idp" })
    expectRejected(
      verifySigV4(request, options()),
      "InvalidSignatureException",
      "Credential should be scoped to correct service: 'cognito-identity'."
    )
  })

  it("rejects an impossible region in the scope", async () => {
    const request = await sign()
    const authorization = authorizationOf(request).replace(`/${REGION}/`, "/EU_WEST/")
    expectRejected(
      verifySigV4(withAuthorization(request, authorization), options()),
      "InvalidSignatureException",
      "Credential should be scoped to a valid region, not 'EU_WEST'."
    )
  })

  it("rejects a scope date that differs from X-Amz-Date", async () => {
    const signingDate = new Date("2024-01-01T00:00:30Z")
    const request = await sign({ signingDate })
    const authorization = authorizationOf(request).replace("/20240101/", "/20231231/")
    expectRejected(
      verifySigV4(withAuthorization(request, authorization), options({ now: signingDate })),
      "InvalidSignatureException",
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
        "'20231231' != '20240101', from '20240101T000030Z'."
    )
  })

  it("rejects a request signed 6 minutes ago", async () => {
    const request = await sign({ signingDate: new Date(NOW.getTime() - 6 * MINUTE) })
    expect(verifySigV4(request, options())).toEqual({
      _tag: "Rejected",
      code: "InvalidSignatureException",
      message: "Signature expired: 20240101T000400Z is now earlier than 20240101T000500Z (20240101T001000Z - 5 min.)"
    })
  })

  it("rejects a request signed 6 minutes in the future", async () => {
    const request = await sign({ signingDate: new Date(NOW.getTime() + 6 * MINUTE) })
    expect(verifySigV4(request, options())).toEqual({
      _tag: "Rejected",
      code: "InvalidSignatureException",
      message: "Signature not yet current: 20240101T001600Z is still later than 20240101T001500Z (20240101T001000Z + 5 min.)"
    })
  })

  it("accepts ±4 minutes and exactly ±5 minutes", async () => {
    for (const offset of [-5, -4, 4, 5]) {
      const request = await sign({ signingDate: new Date(NOW.getTime() + offset * MINUTE) })
      expectVerified(verifySigV4(request, options()))
    }
  })

  it("honours a custom window", async () => {
    const request = await sign({ signingDate: new Date(NOW.getTime() - 2 * MINUTE) })
    expectRejected(
      verifySigV4(request, options({ maxSkewMillis: MINUTE })),
      "InvalidSignatureException",
      "(20240101T001000Z - 1 min.)"
    )
    expectVerified(verifySigV4(request, options({ maxSkewMillis: 3 * MINUTE })))
  })

  it("rejects rather than accepts when `now` is an invalid date", async () => {
    const result = verifySigV4(await sign(), options({ now: new Date(Number.NaN) }))
    expectRejected(result, "InvalidSignatureException", "Signature expired")
  })
})

describe("verifySigV4 — malformed Authorization", () => {
  const rebuild = async (transform: (authorization: string) => string): Promise<VerifyResult> => {
    const request = await sign()
    return verifySigV4(withAuthorization(request, transform(authorizationOf(request))), options())
  }
  const dropParameter = (name: string) => (authorization: string): string => {
    const space = authorization.indexOf(" ")
    const parameters = authorization.slice(space + 1).split(", ").filter((p) => !p.startsWith(`${name}=`))
    return `${authorization.slice(0, space)} ${parameters.join(", ")}`
  }

  it("accepts parameters separated by commas without spaces", async () => {
    expectVerified(await rebuild((a) => a.replace(/, /g, ",")))
  })

  for (const name of ["Credential", "SignedHeaders", "Signature"]) {
    it(`requires the ${name} parameter`, async () => {
      const result = await rebuild(dropParameter(name))
      expectRejected(result, "IncompleteSignatureException", `Authorization header requires '${name}' parameter.`)
      if (result._tag !== "Rejected") return
      expect(result.message.match(/Authorization header requires/g)).toHaveLength(1)
      expect(result.message).toContain(" Authorization=AWS4-HMAC-SHA256 ")
    })
  }

  it("lists every missing parameter in Coral order", async () => {
    const result = await rebuild(() => "AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/cognito-identity/aws4_request")
    expectRejected(
      result,
      "IncompleteSignatureException",
      "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. " +
        "Authorization=AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/cognito-identity/aws4_request"
    )
  })

  for (const garbage of ["", "garbage", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "AWS AKIDEXAMPLE:c2lnbmF0dXJl", "AWS4-HMAC-SHA512 Credential=a/b/c/d/e, SignedHeaders=host, Signature=00"]) {
    it(`rejects Authorization ${JSON.stringify(garbage)} as incomplete`, async () => {
      const result = await rebuild(() => garbage)
      expectRejected(
        result,
        "IncompleteSignatureException",
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
          `Authorization header requires 'SignedHeaders' parameter. Authorization=${garbage}`
      )
    })
  }

  it("reports a token without '=' like Coral (stray space after Credential=)", async () => {
    const result = await rebuild((a) => a.replace("Credential=", "Credential= "))
    expectRejected(
      result,
      "IncompleteSignatureException",
      `'${ACCESS_KEY}/20240101/${REGION}/${SERVICE}/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential= `
    )
  })

  it("rejects a credential with the wrong number of elements", async () => {
    const result = await rebuild((a) => a.replace(`${ACCESS_KEY}/`, `${ACCESS_KEY}/extra/`))
    expectRejected(
      result,
      "IncompleteSignatureException",
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got " +
        `'${ACCESS_KEY}/extra/20240101/${REGION}/${SERVICE}/aws4_request'`
    )
    expectRejected(await rebuild((a) => a.replace("/aws4_request", "")), "IncompleteSignatureException", "exactly 5 slash-delimited")
  })

  it("rejects a credential with a wrong terminator", async () => {
    const result = await rebuild((a) => a.replace("/aws4_request", "/aws4_requests"))
    expectRejected(
      result,
      "IncompleteSignatureException",
      "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_requests'."
    )
  })

  it("requires host among the signed headers", async () => {
    const result = await rebuild((a) => a.replace("host;", ""))
    expectRejected(
      result,
      "IncompleteSignatureException",
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
    )
    expectRejected(await rebuild((a) => a.replace(/SignedHeaders=[^,]*/, "SignedHeaders=")), "IncompleteSignatureException", "'Host'")
  })

  it("rejects a header listed in SignedHeaders but absent from the request", async () => {
    const request = withoutHeader(await sign(), "x-amz-target")
    expectRejected(
      verifySigV4(request, options()),
      "IncompleteSignatureException",
      "'x-amz-target' is named as a SignedHeader, but it does not exist in the HTTP request."
    )
  })

  it("requires X-Amz-Date (or Date)", async () => {
    const request = withoutHeader(await sign(), "x-amz-date")
    expectRejected(
      verifySigV4(request, options()),
      "IncompleteSignatureException",
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential="
    )
  })

  it("rejects an X-Amz-Date that is not ISO-8601 basic format", async () => {
    for (const value of ["2024-01-01T00:10:00Z", "20240230T001000Z", "20240101T001000", "now"]) {
      const request = withHeaders(await sign(), { "x-amz-date": value })
      expectRejected(
        verifySigV4(request, options()),
        "IncompleteSignatureException",
        `Date must be in ISO-8601 'basic format'. Got '${value}'.`
      )
    }
  })

  it("never throws and always returns a known result on arbitrary headers", async () => {
    const base = await sign()
    const codes = [
      "IncompleteSignatureException",
      "InvalidSignatureException",
      "UnrecognizedClientException",
      "ExpiredTokenException"
    ]
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.constantFrom("AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA256 Credential=").chain((prefix) =>
            fc.string().map((s) => prefix + s)
          )
        ),
        fc.option(fc.string(), { nil: undefined }),
        fc.string(),
        fc.string(),
        (authorization, amzDate, path, query) => {
          const request = { ...withHeaders(base, { authorization, "x-amz-date": amzDate }), path, query }
          const result = verifySigV4(request, options())
          expect(result._tag).toBe("Rejected")
          if (result._tag === "Rejected") expect(codes).toContain(result.code)
        }
      ),
      { numRuns: 500 }
    )
  })
})
