/**
 * No span that a call causes carries a secret, under any transport: a tracer records every
 * span (attributes, events) and the exit it ends with, and a walk through each of them
 * (own and inherited properties, getters, symbols, maps, bytes decoded as text) finds none of
 * the caller's signing secrets, the signature, a login token, nor a secret of the response.
 *
 * @effect/platform's `http.client` span ends with the response, whose request holds the
 * signed headers and the body: the control case below shows the walk finds them there, so
 * the check can fail; the client's requests run with that span switched off
 * (`protocol/transport.ts`).
 */
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { describe, expect, it } from "@effect/vitest"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "@effect/platform"
import { Effect, Layer, Redacted } from "effect"
import { Emulator } from "../../src/emulator/index.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import { NodeHttpClient, UndiciHttpClient } from "../../src/node/index.js"
import { makeRecordingHttp } from "../support/RecordingHttp.js"
import { makeCapture, SIGNING } from "./support.js"

type RecordedSpan = ReturnType<typeof makeCapture>["spans"][number]

const LOGIN_TOKEN = "SpanLoginTokenSECRETfb0123456789abcdef"
const RESPONSE_SECRET_KEY = "SpanResponseSecretKeySECRET/K7MDENG+bPxRfiCY"
const RESPONSE_SESSION_TOKEN = "SpanResponseSessionTokenSECRET//////////wEaCXVz"
const OPENID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.SpanOpenIdSECRET.c2lnbmF0dXJl"
const POOL = "us-east-1:0a1b2c3d-4e5f-4789-abcd-ef0123456789"
const IDENTITY = "us-east-1:11111111-2222-4333-8444-555555555555"

/** What may never be found. `Signature=` stands for every Authorization header value. */
const SECRETS = [
  SIGNING.secretAccessKey,
  SIGNING.sessionToken,
  "Signature=",
  LOGIN_TOKEN,
  RESPONSE_SECRET_KEY,
  RESPONSE_SESSION_TOKEN,
  OPENID_TOKEN
]

const decoder = new TextDecoder()

/** Every string reachable from `root`, Redacted values excepted (they hold nothing readable). */
const reachableText = (root: unknown): Array<string> => {
  const texts: Array<string> = []
  const seen = new Set<unknown>()
  const visit = (value: unknown, depth: number): void => {
    if (depth > 24) return
    if (typeof value === "string") {
      texts.push(value)
      return
    }
    if (typeof value !== "object" || value === null || seen.has(value) || Redacted.isRedacted(value)) return
    seen.add(value)
    if (value instanceof Uint8Array) {
      texts.push(decoder.decode(value))
      return
    }
    if (value instanceof Map) {
      for (const [k, v] of value) {
        visit(k, depth + 1)
        visit(v, depth + 1)
      }
      return
    }
    if (value instanceof Set) {
      for (const v of value) visit(v, depth + 1)
      return
    }
    const keys = new Set<PropertyKey>()
    for (let proto: object | null = value; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const key of Reflect.ownKeys(proto)) keys.add(key)
    }
    for (const key of keys) {
      if (key === "constructor" || key === "__proto__") continue
      let member: unknown
      try {
        member = Reflect.get(value, key)
      } catch {
        continue
      }
      if (typeof member === "function") continue
      if (typeof key === "string") texts.push(key)
      visit(member, depth + 1)
    }
  }
  visit(root, 0)
  return texts
}

/** Every secret found anywhere in the spans, as `span name: secret`. */
const leaks = (spans: ReadonlyArray<RecordedSpan>): Array<string> =>
  spans.flatMap((span) => {
    const texts = [
      ...reachableText([...span.attributes]),
      ...reachableText(span.events),
      ...reachableText(span.exit)
    ]
    return SECRETS.filter((secret) => texts.some((text) => text.includes(secret))).map((secret) => `${span.name}: ${secret}`)
  })

/** A canned service on 127.0.0.1: valid answers for the calls below, an error for anything else. */
const cannedService = Effect.acquireRelease(
  Effect.async<http.Server>((resume) => {
    const server = http.createServer((request, response) => {
      const chunks: Array<Buffer> = []
      request.on("data", (chunk: Buffer) => chunks.push(chunk))
      request.on("end", () => {
        const target = String(request.headers["x-amz-target"] ?? "").replace("AWSCognitoIdentityService.", "")
        const answers: Record<string, unknown> = {
          GetId: { IdentityId: IDENTITY },
          DescribeIdentityPool: { IdentityPoolId: POOL, IdentityPoolName: "spans", AllowUnauthenticatedIdentities: true },
          GetCredentialsForIdentity: {
            IdentityId: IDENTITY,
            Credentials: { AccessKeyId: "ASIASPANS0000000000", SecretKey: RESPONSE_SECRET_KEY, SessionToken: RESPONSE_SESSION_TOKEN, Expiration: 1900000000 }
          },
          GetOpenIdToken: { IdentityId: IDENTITY, Token: OPENID_TOKEN }
        }
        const answer = answers[target]
        const body = JSON.stringify(answer ?? { __type: "ResourceNotFoundException", message: "not here" })
        response.writeHead(answer === undefined ? 400 : 200, {
          "content-type": "application/x-amz-json-1.1",
          "x-amzn-requestid": "req-spans",
          ...(answer === undefined ? { "x-amzn-errortype": "ResourceNotFoundException:" } : {})
        })
        response.end(body)
      })
    })
    server.listen(0, "127.0.0.1", () => {
      resume(Effect.succeed(server))
    })
  }),
  (server) =>
    Effect.async<void>((resume) => {
      server.close(() => resume(Effect.void))
    })
)

/** The calls: signed with a session token, unsigned with a login token, secrets in the answer, an error. */
const calls = Effect.all([
  Effect.exit(CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL })),
  Effect.exit(CognitoIdentity.getId({ IdentityPoolId: POOL, Logins: { "graph.facebook.com": LOGIN_TOKEN } })),
  Effect.exit(CognitoIdentity.getCredentialsForIdentity({ IdentityId: IDENTITY, Logins: { "graph.facebook.com": Redacted.make(LOGIN_TOKEN) } })),
  Effect.exit(CognitoIdentity.getOpenIdToken({ IdentityId: IDENTITY, Logins: { "graph.facebook.com": LOGIN_TOKEN } })),
  Effect.exit(CognitoIdentity.listIdentities({ IdentityPoolId: POOL, MaxResults: 10 }))
])

const credentials = AwsCredentials.static(SIGNING)

/** Runs `effect` under a tracer (and a logger) that keep every span as it was given. */
const traced = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const capture = makeCapture()
    const result = yield* Effect.provide(effect, capture.layer)
    return { spans: capture.spans, result }
  })

const transports: ReadonlyArray<readonly [string, (url: string) => Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", () => FetchHttpClient.layer],
  ["UndiciHttpClient", () => UndiciHttpClient.layer],
  ["NodeHttpClient", () => NodeHttpClient.layer],
  ["an HttpClient.make client", () => makeRecordingHttp(() => ({
    status: 200,
    headers: { "content-type": "application/x-amz-json-1.1" },
    body: JSON.stringify({ IdentityId: IDENTITY, Token: OPENID_TOKEN, Credentials: { SecretKey: RESPONSE_SECRET_KEY, SessionToken: RESPONSE_SESSION_TOKEN } })
  })).layer]
]

describe("no secret in any span a call causes", () => {
  for (const [name, transport] of transports) {
    it.live(`${name}: every span's attributes, events and exit`, () =>
      Effect.gen(function*() {
        const server = yield* cannedService
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
        const client = CognitoIdentityClient.layer({ region: "us-east-1", endpoint: url }).pipe(Layer.provide(transport(url)))
        const { result, spans } = yield* traced(calls.pipe(Effect.provide(Layer.mergeAll(client, credentials, RetryPolicy.layerNone))))
        // The calls ran: successes and a typed failure, each under a span of its own.
        expect(result.map((exit) => exit._tag)).toContain("Success")
        expect(result.map((exit) => exit._tag)).toContain("Failure")
        expect(spans.map((span) => span.name)).toContain("CognitoIdentity.DescribeIdentityPool.attempt")
        expect(spans.every((span) => span.exit !== undefined)).toBe(true)
        expect(leaks(spans)).toEqual([])
      }).pipe(Effect.scoped))
  }

  it.live("the emulator in process (Emulator.layer), seeded, with a real identity flow", () =>
    Effect.gen(function*() {
      const emulator = Emulator.layer()
      const client = CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(emulator))
      const admin = AwsCredentials.static({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" })
      const { result, spans } = yield* traced(
        Effect.gen(function*() {
          const pool = yield* CognitoIdentity.createIdentityPool({
            IdentityPoolName: "spans",
            AllowUnauthenticatedIdentities: true,
            SupportedLoginProviders: { "graph.facebook.com": "1234" }
          })
          yield* CognitoIdentity.setIdentityPoolRoles({
            IdentityPoolId: pool.IdentityPoolId,
            Roles: { authenticated: "arn:aws:iam::123456789012:role/Auth" }
          })
          const { IdentityId } = yield* CognitoIdentity.getId({ IdentityPoolId: pool.IdentityPoolId, Logins: { "graph.facebook.com": LOGIN_TOKEN } })
          const issued = yield* CognitoIdentity.getCredentialsForIdentity({
            IdentityId: IdentityId ?? "",
            Logins: { "graph.facebook.com": LOGIN_TOKEN }
          })
          return Redacted.value(issued.Credentials?.SecretKey ?? Redacted.make(""))
        }).pipe(Effect.provide(Layer.mergeAll(client, admin, RetryPolicy.layerNone)))
      )
      expect(result.length).toBeGreaterThan(10)
      expect(spans.length).toBeGreaterThanOrEqual(8)
      expect(leaks(spans)).toEqual([])
      // The secret key the emulator issued is not in any span either.
      expect(spans.flatMap((span) => reachableText(span.exit)).some((text) => text.includes(result))).toBe(false)
    }))

  it.live("control: the platform's own http.client span holds the signed request, and the walk finds it", () =>
    Effect.gen(function*() {
      const server = yield* cannedService
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
      const { spans } = yield* traced(
        Effect.flatMap(HttpClient.HttpClient, (client) =>
          client.execute(
            HttpClientRequest.post(url).pipe(
              HttpClientRequest.setHeaders({
                "x-amz-target": "AWSCognitoIdentityService.GetId",
                "x-amz-security-token": SIGNING.sessionToken,
                authorization: `AWS4-HMAC-SHA256 Credential=${SIGNING.accessKeyId}/x, Signature=00`
              }),
              HttpClientRequest.bodyText(JSON.stringify({ Logins: { "graph.facebook.com": LOGIN_TOKEN } }))
            )
          )).pipe(Effect.provide(FetchHttpClient.layer), Effect.scoped)
      )
      expect(spans.map((span) => span.name)).toContain("http.client POST")
      expect(leaks(spans)).toEqual(
        expect.arrayContaining([
          `http.client POST: ${SIGNING.sessionToken}`,
          "http.client POST: Signature=",
          `http.client POST: ${LOGIN_TOKEN}`
        ])
      )
    }).pipe(Effect.scoped))
})
