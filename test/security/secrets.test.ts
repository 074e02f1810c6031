/**
 * Secrets never leak: login tokens going in, secret keys, session tokens and OpenID tokens
 * coming out, and the caller's own signing key and session token. Every call runs under a
 * test tracer and a logger at LogLevel.All that keep everything (span names, attributes,
 * events, exits; every log format Effect ships), the success and every failure path
 * (each modelled error, the common ones, decode and validation failures, timeouts), and then
 * no secret may appear in any of it, nor in String / JSON.stringify / util.inspect /
 * Cause.pretty of the outputs and errors.
 *
 * Also: the four unsigned operations never send Authorization or X-Amz-Security-Token, and
 * never even ask for credentials, when AwsCredentials is in context.
 */
import { describe, expect, it } from "@effect/vitest"
import { HttpClient } from "@effect/platform"
import type { Exit } from "effect"
import { Effect, Layer, Redacted } from "effect"
import fc from "fast-check"
import { commonErrors, signedErrors } from "../../src/errors/CommonErrors.js"
import { AwsCredentials, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import type { AwsCredentialIdentity } from "../../src/index.js"
import { operationInputs, wireArbitrary } from "../support/arbitraries.js"
import type { OperationCase } from "../support/operationCases.js"
import { operationCases, POOL } from "../support/operationCases.js"
import type { RecordedRequest, ScriptedResponse } from "../support/RecordingHttp.js"
import { makeRecordingHttp } from "../support/RecordingHttp.js"
import { clientOver, makeCapture, renderExit, renderings, SIGNING, tagOf } from "./support.js"

// Distinctive secrets, so that a find is never a coincidence.
const LOGIN_TOKEN = "FacebookLoginTokenSECRETfb0123456789abcdefXYZ"
const DEVELOPER_LOGIN = "DeveloperUserSECRETid-7f3a9c"
const OPENID_TOKEN = "eyJhbGciOiJSUzI1NiJ9SECRET.eyJzdWIiOiJvcGVuaWQifQSECRET.c2lnbmF0dXJlSECRET"
const RESPONSE_SECRET_KEY = "ResponseSecretKeySECRET/K7MDENG+bPxRfiCY9999"
const RESPONSE_SESSION_TOKEN = "ResponseSessionTokenSECRET//////////wEaCXVzLWVhc3QtMSJHMEUCIQD"

const BASE_SECRETS = [
  LOGIN_TOKEN,
  DEVELOPER_LOGIN,
  OPENID_TOKEN,
  RESPONSE_SECRET_KEY,
  RESPONSE_SESSION_TOKEN,
  SIGNING.secretAccessKey,
  SIGNING.sessionToken
]

/** The case's input with every login token replaced by a secret (as Redacted or as a plain string). */
const secretInput = (testCase: OperationCase, asRedacted: boolean): unknown => {
  const input = testCase.input
  if (typeof input !== "object" || input === null || !("Logins" in input)) return input
  const logins = input.Logins
  if (typeof logins !== "object" || logins === null) return input
  const token = testCase.operation.name === "GetOpenIdTokenForDeveloperIdentity" ? DEVELOPER_LOGIN : LOGIN_TOKEN
  const wrap = (value: string) => (asRedacted ? Redacted.make(value) : value)
  return { ...input, Logins: Object.fromEntries(Object.keys(logins).map((provider) => [provider, wrap(token)])) }
}

/** The case's success response, with every secret member carrying one of ours. */
const secretResponse = (testCase: OperationCase): unknown => {
  const response = testCase.response
  if (typeof response !== "object" || response === null) return response
  const out: Record<string, unknown> = { ...response }
  if ("Token" in out) out["Token"] = OPENID_TOKEN
  if ("Credentials" in out) {
    out["Credentials"] = {
      AccessKeyId: "ASIAIOSFODNN7EXAMPLE",
      SecretKey: RESPONSE_SECRET_KEY,
      SessionToken: RESPONSE_SESSION_TOKEN,
      Expiration: 1764162000
    }
  }
  return out
}

const json = (value: unknown, status = 200): ScriptedResponse => ({
  status,
  headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "req-secrets" },
  body: typeof value === "string" ? value : JSON.stringify(value)
})

const errorAnswer = (code: string, status: number): ScriptedResponse => ({
  status,
  headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "req-err", "x-amzn-errortype": `${code}:` },
  body: JSON.stringify({ __type: code, message: `${code} happened` })
})

/** The responses each operation is run against: success, every error it may get, and worse. */
const scenarios = (testCase: OperationCase): ReadonlyArray<{ readonly label: string; readonly answer: ScriptedResponse }> => {
  const op = testCase.operation
  const success = secretResponse(testCase)
  // Every modelled error of every operation; the errors common to all operations take the
  // same path for each, so two representatives (one signed, one not) run those.
  const representative = op.name === "GetCredentialsForIdentity" || op.name === "DescribeIdentityPool"
  const codes = [
    ...op.errors.map((e) => e._tag),
    ...(representative ? commonErrors.map((e) => e._tag) : ["ValidationException"]),
    ...(representative && op.auth === "sigv4" ? signedErrors.map((e) => e._tag) : []),
    "SomethingNewException"
  ]
  const out: Array<{ readonly label: string; readonly answer: ScriptedResponse }> = [
    { label: "success", answer: json(success) },
    ...codes.map((code) => ({ label: code, answer: errorAnswer(code, code === "InternalErrorException" ? 500 : 400) })),
    { label: "HTML 502", answer: { status: 502, headers: { "content-type": "text/html" }, body: "<html>Bad Gateway</html>" } }
  ]
  // A 200 that carries the secrets but does not decode: the DecodeError must not quote them.
  if (typeof success === "object" && success !== null) {
    out.push({ label: "undecodable 200 with secrets", answer: json({ ...success, IdentityId: 42, IdentityPoolId: ["x"] }) })
    out.push({ label: "truncated 200 with secrets", answer: json(JSON.stringify(success).slice(0, -3)) })
  }
  return out
}

const callCase = (testCase: OperationCase, input: unknown) => testCase.call(input as never)

/** The secrets this exchange put on the wire: the signature headers the transport saw. */
const wireSecrets = (requests: ReadonlyArray<RecordedRequest>): ReadonlyArray<string> =>
  requests.flatMap((request) => {
    const out: Array<string> = []
    const authorization = request.headers["authorization"]
    if (authorization !== undefined) {
      out.push(authorization)
      const signature = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1]
      if (signature !== undefined) out.push(signature)
    }
    const token = request.headers["x-amz-security-token"]
    if (token !== undefined) out.push(token)
    return out
  })

const expectNoSecret = (haystack: string, needles: ReadonlyArray<string>, label: string) => {
  for (const needle of needles) {
    if (haystack.includes(needle)) {
      const at = haystack.indexOf(needle)
      throw new Error(`${label}: a secret leaked: …${haystack.slice(Math.max(0, at - 300), at + needle.length + 50)}…`)
    }
  }
}

/** Runs a call the way an application would: traced, logged at every level, errors logged. */
const observed = (testCase: OperationCase, input: unknown, http: Layer.Layer<HttpClient.HttpClient>, options?: Parameters<typeof clientOver>[1]) => {
  const capture = makeCapture()
  const program = callCase(testCase, input).pipe(
    Effect.tap((output) => Effect.logInfo("call succeeded", output)),
    Effect.tapErrorCause((cause) => Effect.logError(cause)),
    Effect.tapError((error) => Effect.logWarning("call failed", error)),
    Effect.tap((output) => Effect.annotateCurrentSpan("app.output", output)),
    Effect.withLogSpan("security-test"),
    Effect.annotateLogs({ operation: testCase.operation.name }),
    Effect.withSpan("app.root"),
    Effect.provide(clientOver(http, options)),
    Effect.provide(capture.layer)
  )
  return { capture, program }
}

describe("no secret appears in logs, spans, errors or printed outputs", () => {
  for (const testCase of operationCases) {
    const name = testCase.operation.name
    const signed = testCase.operation.auth === "sigv4"

    it(`${name}: success and every failure, traced and logged`, async () => {
      // Login tokens as Redacted and as plain strings; operations without logins need one pass.
      const hasLogins = secretInput(testCase, false) !== testCase.input
      for (const asRedacted of hasLogins ? [true, false] : [true]) {
        for (const { answer, label } of scenarios(testCase)) {
          const http = makeRecordingHttp(() => answer)
          const { capture, program } = observed(testCase, secretInput(testCase, asRedacted), http.layer)
          const exit: Exit.Exit<unknown, unknown> = await Effect.runPromiseExit(program)
          const where = `${name} / ${label}`

          // The secrets were really there: on the wire, and in the context of every signed call.
          expect(http.requests, where).toHaveLength(1)
          const request = http.requests[0]
          if (request === undefined) throw new Error("no request")
          if (signed) expect(request.headers["x-amz-security-token"], where).toBe(SIGNING.sessionToken)
          if (hasLogins) {
            expect(request.text.includes(LOGIN_TOKEN) || request.text.includes(DEVELOPER_LOGIN), where).toBe(true)
          }
          // Tracing was on, down to the attempt's span; the platform's http.client span, whose
          // exit would hold the signed request, is off for the client's requests (spans.test.ts).
          expect(capture.spanNames(), where).toContain(`CognitoIdentity.${name}`)
          expect(capture.spanNames(), where).toContain(`CognitoIdentity.${name}.attempt`)
          expect(capture.spanNames().filter((n) => n.startsWith("http.client")), where).toEqual([])

          const needles = [...BASE_SECRETS, ...wireSecrets(http.requests)]
          expectNoSecret(capture.text(), needles, `${where} (logs and spans)`)
          expectNoSecret(renderExit(exit), needles, `${where} (exit)`)
          if (exit._tag === "Success") expectNoSecret(renderings(exit.value), needles, `${where} (output)`)
        }
      }
    })
  }

  it("outputs keep the secrets usable: Redacted.value reveals exactly what the service sent", async () => {
    const testCase = operationCases.find((c) => c.operation.name === "GetCredentialsForIdentity")
    if (testCase === undefined) throw new Error("no GetCredentialsForIdentity case")
    const http = makeRecordingHttp(() => json(secretResponse(testCase)))
    const output = await Effect.runPromise(callCase(testCase, testCase.input).pipe(Effect.provide(clientOver(http.layer))))
    const credentials = (output as { Credentials?: { SecretKey?: unknown; SessionToken?: unknown } }).Credentials
    const reveal = (value: unknown) => (Redacted.isRedacted(value) ? Redacted.value(value) : value)
    expect(reveal(credentials?.SecretKey)).toBe(RESPONSE_SECRET_KEY)
    expect(reveal(credentials?.SessionToken)).toBe(RESPONSE_SESSION_TOKEN)
  })

  it("validation failures never quote a token, whatever else is wrong", async () => {
    const withLogins = operationCases.filter((c) => secretInput(c, false) !== c.input)
    expect(withLogins.map((c) => c.operation.name).sort()).toEqual([
      "GetCredentialsForIdentity",
      "GetId",
      "GetOpenIdToken",
      "GetOpenIdTokenForDeveloperIdentity",
      "UnlinkIdentity"
    ])
    for (const testCase of withLogins) {
      const base = secretInput(testCase, false) as Record<string, unknown>
      const variants: ReadonlyArray<Record<string, unknown>> = [
        // The token too long (the secret repeated), alone and with another member broken.
        { ...base, Logins: { "graph.facebook.com": LOGIN_TOKEN.repeat(1200) } },
        { ...base, Logins: { "graph.facebook.com": LOGIN_TOKEN }, IdentityId: "not an id", IdentityPoolId: "nope" },
        // The token under a provider name that is itself too long.
        { ...base, Logins: { ["p".repeat(200)]: LOGIN_TOKEN } },
        // Eleven providers, each with the token.
        { ...base, Logins: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}.example.com`, LOGIN_TOKEN])) },
        // A token of the wrong type next to a real one.
        { ...base, Logins: { "a.example.com": LOGIN_TOKEN, "b.example.com": 42 } }
      ]
      for (const input of variants) {
        const http = makeRecordingHttp(() => json({}))
        const { capture, program } = observed(testCase, input, http.layer)
        const exit = await Effect.runPromiseExit(program)
        expect(http.requests).toHaveLength(0)
        expect(exit._tag === "Failure" ? tagOf(exit.cause._tag === "Fail" ? exit.cause.error : undefined) : "success").toBe("ValidationError")
        expectNoSecret(capture.text() + renderExit(exit), [...BASE_SECRETS], `${testCase.operation.name} validation`)
      }
    }
  })

  it("a timed-out attempt reports no secret", async () => {
    for (const testCase of operationCases.filter((c) => ["GetId", "DescribeIdentityPool"].includes(c.operation.name))) {
      const never = Layer.succeed(HttpClient.HttpClient, HttpClient.make(() => Effect.never))
      const { capture, program } = observed(testCase, secretInput(testCase, false), never, { region: "us-east-1", attemptTimeout: "50 millis" })
      const exit = await Effect.runPromiseExit(program)
      expect(exit._tag === "Failure" && exit.cause._tag === "Fail" ? tagOf(exit.cause.error) : "?").toBe("TimeoutError")
      expectNoSecret(capture.text() + renderExit(exit), BASE_SECRETS, `${testCase.operation.name} timeout`)
    }
  })

  /**
   * Was a DEFECT, fixed (this test pinned it with it.fails): src/protocol/execute.ts,
   * `transportError`. A TransportError keeps the HttpClient's RequestError as its `cause`, and
   * that error holds the signed request, headers included. `Headers.currentRedactedNames`
   * only gains `x-amz-security-token` inside the call (Effect.locallyWith), so once the error
   * is out of it, a JSON log sink (Logger.jsonLogger / structuredLogger, or any logger that
   * serialises the error object) prints the session token in clear, and util.inspect or
   * JSON.stringify of the error outside any fiber print Authorization and the session token
   * both (Headers only redact inside a fiber). Connection resets are exactly the errors that
   * get logged. Fix: do not keep the request in the cause (keep reason and description), or
   * redact it when building the TransportError.
   */
  it("a transport failure (connection reset) reports no secret: not its session token, not its Authorization", async () => {
    const testCase = operationCases.find((c) => c.operation.name === "DescribeIdentityPool")
    if (testCase === undefined) throw new Error("no DescribeIdentityPool case")
    const reset = makeRecordingHttp(() => "reset")
    const { capture, program } = observed(testCase, testCase.input, reset.layer)
    const exit = await Effect.runPromiseExit(program)
    expect(exit._tag === "Failure" && exit.cause._tag === "Fail" ? tagOf(exit.cause.error) : "?").toBe("TransportError")
    const needles = [...BASE_SECRETS, ...wireSecrets(reset.requests)]
    expectNoSecret(capture.text(), needles, "transport error (logs and spans)")
    expectNoSecret(renderExit(exit), needles, "transport error (printed)")
  })
})

describe("unsigned operations never send credentials", () => {
  const unsigned = operationCases.filter((c) => c.operation.auth === "none")

  it("exactly the four public operations are unsigned", () => {
    expect(unsigned.map((c) => c.operation.name).sort()).toEqual(["GetCredentialsForIdentity", "GetId", "GetOpenIdToken", "UnlinkIdentity"])
  })

  for (const testCase of unsigned) {
    const name = testCase.operation.name
    it(`${name}: no Authorization, no X-Amz-Security-Token, credentials never asked for (model-generated inputs)`, async () => {
      const inputShape = operationInputs.get(name)
      if (inputShape === undefined) throw new Error(`no input shape for ${name}`)
      let asked = 0
      const identity: AwsCredentialIdentity = {
        accessKeyId: SIGNING.accessKeyId,
        secretAccessKey: Redacted.make(SIGNING.secretAccessKey),
        sessionToken: Redacted.make(SIGNING.sessionToken)
      }
      const counting = Layer.succeed(AwsCredentials, {
        get: Effect.sync(() => {
          asked += 1
          return identity
        }),
        invalidate: Effect.void
      })
      await fc.assert(
        fc.asyncProperty(wireArbitrary(inputShape, "small"), async (input) => {
          const http = makeRecordingHttp(() => json(testCase.response))
          const layer = Layer.mergeAll(
            CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(http.layer)),
            counting,
            RetryPolicy.layerNone
          )
          // AwsCredentials is in context (a signed call elsewhere in the program needs it).
          const withCredentials = Effect.zipLeft(callCase(testCase, input), AwsCredentials)
          await Effect.runPromiseExit(withCredentials.pipe(Effect.provide(layer)))
          for (const request of http.requests) {
            const names = Object.keys(request.headers).map((h) => h.toLowerCase())
            expect(names).not.toContain("authorization")
            expect(names).not.toContain("x-amz-security-token")
            expect(names).not.toContain("x-amz-date")
            expect(request.text).not.toContain(SIGNING.sessionToken)
            expect(request.text).not.toContain(SIGNING.secretAccessKey)
          }
        }),
        { numRuns: 10 }
      )
      expect(asked).toBe(0)
    })
  }

  it("a signed call in the same program does sign (the control for the test above)", async () => {
    const testCase = operationCases.find((c) => c.operation.name === "DescribeIdentityPool")
    if (testCase === undefined) throw new Error("no DescribeIdentityPool case")
    const http = makeRecordingHttp(() => json(testCase.response))
    await Effect.runPromise(callCase(testCase, { IdentityPoolId: POOL }).pipe(Effect.provide(clientOver(http.layer))))
    expect(http.requests[0]?.headers["authorization"]).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDSECURITYTESTS0001\//)
    expect(http.requests[0]?.headers["x-amz-security-token"]).toBe(SIGNING.sessionToken)
  })
})
