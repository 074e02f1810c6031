/**
 * A real tracer: @effect/opentelemetry's NodeSdk with the OpenTelemetry SDK's in-memory span
 * exporter, as an application turns tracing on (README, Tracing). Over HTTP to the emulator, on
 * both transports: every call is a client span with the rpc.* and aws.* attributes, under the
 * caller's span; each attempt is a child span of its call; a call that fails after retries has
 * an error status on it and on its attempts; and no exported span, attribute, event, link or
 * status holds a secret (secret key, session token, login token, signature).
 */
import { FetchHttpClient } from "@effect/platform"
import type { HttpClient } from "@effect/platform"
import { NodeSdk } from "@effect/opentelemetry"
import { SpanKind, SpanStatusCode } from "@opentelemetry/api"
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "effect-cognito-identity"
import { Emulator } from "effect-cognito-identity/emulator"
import { NodeHttpClient, UndiciHttpClient } from "effect-cognito-identity/node"

const ADMIN = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }
const FACEBOOK = "graph.facebook.com"
/** Retries without waiting long: the failure below is throttled on every attempt. */
const QuickRetries = RetryPolicy.layerStandard({ baseDelay: "1 millis", throttlingBaseDelay: "1 millis", maxDelay: "5 millis" })

const transports: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["UndiciHttpClient", UndiciHttpClient.layer],
  ["NodeHttpClient", NodeHttpClient.layer]
]

/** Everything of a span that an exporter sends, as text. */
const exported = (span: ReadableSpan): string =>
  JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    events: span.events.map((event) => ({ name: event.name, attributes: event.attributes })),
    status: span.status,
    links: span.links.map((link) => link.attributes),
    resource: span.resource.attributes
  })

const spanId = (span: ReadableSpan | undefined) => span?.spanContext().spanId
const parentId = (span: ReadableSpan | undefined) => span?.parentSpanContext?.spanId

describe.each(transports)("OpenTelemetry spans over %s", (_transportName, transport) => {
  it.live("a call's span and its attempts' spans, as exported, and no secret in any of them", () => {
    const exporter = new InMemorySpanExporter()
    // The lines an application adds (with its own exporter; BatchSpanProcessor in production).
    const Tracing = NodeSdk.layer(() => ({
      resource: { serviceName: "tracing-test" },
      spanProcessor: new SimpleSpanProcessor(exporter)
    }))
    return Effect.gen(function*() {
      const { emulator, url } = yield* Emulator.serve({ port: 0 })
      const Client = CognitoIdentityClient.layer({ region: "us-east-1", endpoint: url }).pipe(Layer.provide(transport))
      const admin = Layer.mergeAll(Client, AwsCredentials.static(ADMIN), QuickRetries)
      const pool = yield* CognitoIdentity.createIdentityPool({
        IdentityPoolName: "traced",
        AllowUnauthenticatedIdentities: false,
        SupportedLoginProviders: { [FACEBOOK]: "1234567890123456" }
      }).pipe(Effect.provide(admin))
      yield* CognitoIdentity.setIdentityPoolRoles({
        IdentityPoolId: pool.IdentityPoolId,
        Roles: { authenticated: "arn:aws:iam::123456789012:role/Traced" }
      }).pipe(Effect.provide(admin))

      // The application's own work, under its own span.
      const loginToken = `facebook-login-${crypto.randomUUID()}`
      const logins = { [FACEBOOK]: Redacted.make(loginToken) }
      const refusedToken = `google-login-${crypto.randomUUID()}`
      const session = yield* Effect.gen(function*() {
        const { IdentityId = "" } = yield* CognitoIdentity.getId({ IdentityPoolId: pool.IdentityPoolId, Logins: logins })
        const { Credentials } = yield* CognitoIdentity.getCredentialsForIdentity({ IdentityId, Logins: logins })
        const secretKey = Credentials?.SecretKey === undefined ? "" : Redacted.value(Credentials.SecretKey)
        const sessionToken = Credentials?.SessionToken === undefined ? "" : Redacted.value(Credentials.SessionToken)
        const temporary = AwsCredentials.static({ accessKeyId: Credentials?.AccessKeyId ?? "", secretAccessKey: secretKey, sessionToken })
        yield* CognitoIdentity.describeIdentity({ IdentityId }).pipe(Effect.provide(temporary))
        emulator.setFaults({ throttlingRate: 1, operations: ["DescribeIdentityPool"] })
        const throttled = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool.IdentityPoolId }).pipe(
          Effect.provide(temporary),
          Effect.flip
        )
        // A refused login: the error travels in the span's exception event, the token must not.
        const refused = yield* CognitoIdentity.getId({
          IdentityPoolId: pool.IdentityPoolId,
          Logins: { "accounts.google.com": refusedToken }
        }).pipe(Effect.flip)
        return { secretKey, sessionToken, throttled, refused }
      }).pipe(Effect.withSpan("app.signIn"), Effect.provide(Layer.merge(Client, QuickRetries)))
      expect(session.throttled._tag).toBe("TooManyRequestsException")
      expect(session.refused._tag).toBe("NotAuthorizedException")
      expect(session.secretKey).toHaveLength(40)
      expect(session.sessionToken.length).toBeGreaterThan(100)

      const spans = exporter.getFinishedSpans()
      const named = (name: string) => spans.filter((span) => span.name === name)
      const [app] = named("app.signIn")
      expect(app).toBeDefined()
      const traceId = app?.spanContext().traceId

      const calls = ["GetId", "GetCredentialsForIdentity", "DescribeIdentity", "DescribeIdentityPool"] as const
      for (const operation of calls) {
        // GetId is called twice: the refused login is checked below.
        const [call, ...others] = named(`CognitoIdentity.${operation}`)
        expect(others.length).toBe(operation === "GetId" ? 1 : 0)
        expect(call?.kind).toBe(SpanKind.CLIENT)
        expect(call?.spanContext().traceId).toBe(traceId)
        expect(parentId(call)).toBe(spanId(app))
        expect(call?.attributes).toMatchObject({ "rpc.system": "aws-api", "rpc.service": "CognitoIdentity", "rpc.method": operation })
        expect(call?.attributes["aws.request_id"]).toMatch(/^[0-9a-f-]{36}$/)
        const attempts = named(`CognitoIdentity.${operation}.attempt`).filter((span) => parentId(span) === spanId(call))
        expect(attempts.length).toBe(call?.attributes["aws.attempts"])
        for (const attempt of attempts) {
          expect(attempt.kind).toBe(SpanKind.CLIENT)
          expect(attempt.spanContext().traceId).toBe(traceId)
        }
        if (operation === "DescribeIdentityPool") {
          // Throttled three times: three attempts, each failed, and the call failed.
          expect(attempts.map((attempt) => attempt.attributes["aws.attempt"])).toEqual([1, 2, 3])
          expect(attempts.map((attempt) => attempt.attributes["aws.attempt.outcome"])).toEqual(Array(3).fill("TooManyRequestsException"))
          expect(attempts.map((attempt) => attempt.status.code)).toEqual(Array(3).fill(SpanStatusCode.ERROR))
          expect(attempts.map((attempt) => attempt.events.map((event) => event.attributes?.["exception.type"]))).toEqual(
            Array(3).fill(["TooManyRequestsException"])
          )
          expect(call?.status).toEqual({ code: SpanStatusCode.ERROR, message: "Rate exceeded" })
          expect(call?.events.map((event) => [event.name, event.attributes?.["exception.type"]])).toEqual([
            ["exception", "TooManyRequestsException"]
          ])
          const throttled = session.throttled
          expect(call?.attributes["aws.request_id"]).toBe(throttled._tag === "TooManyRequestsException" ? throttled.requestId : "")
        } else {
          expect(attempts.map((attempt) => attempt.attributes["aws.attempt"])).toEqual([1])
          expect(attempts.map((attempt) => attempt.attributes["aws.attempt.outcome"])).toEqual(["success"])
          expect(attempts[0]?.attributes["aws.request_id"]).toBe(call?.attributes["aws.request_id"])
          expect(call?.status.code).not.toBe(SpanStatusCode.ERROR)
        }
      }
      expect(emulator.stats().operations["DescribeIdentityPool"]?.outcomes).toEqual({ TooManyRequestsException: 3 })
      const refusedCall = named("CognitoIdentity.GetId")[1]
      expect(refusedCall?.status.code).toBe(SpanStatusCode.ERROR)
      expect(refusedCall?.events[0]?.attributes?.["exception.type"]).toBe("NotAuthorizedException")

      // @effect/platform's own HTTP span is switched off for the client's requests under every
      // transport: its exit would hold the signed request. The call and attempt spans stand in.
      expect(named("http.client POST")).toEqual([])

      // No secret anywhere in what was exported: the admin's and the temporary secret key, the
      // session token, the login token, and no signature (64 hex digits) or Authorization value.
      expect(spans.length).toBeGreaterThan(10)
      for (const span of spans) {
        const text = exported(span)
        for (const secret of [ADMIN.secretAccessKey, session.secretKey, session.sessionToken, loginToken, refusedToken]) {
          expect(text.includes(secret), `${span.name} holds a secret`).toBe(false)
        }
        expect(text, span.name).not.toMatch(/[0-9a-f]{64}/)
        expect(text, span.name).not.toMatch(/AWS4-HMAC-SHA256|Signature=/)
      }
    }).pipe(Effect.scoped, Effect.provide(Tracing))
  }, 60_000)
})
