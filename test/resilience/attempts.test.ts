/**
 * Every error says how many attempts the call made, and the spans show each attempt: a child
 * span per attempt (number, outcome) under the operation span, which records `aws.attempts`.
 */
import { describe, expect, it } from "@effect/vitest"
import type { Context, Exit } from "effect"
import { Cause, Effect, Layer, Option, Random, Tracer } from "effect"
import type { AwsCredentials as AwsCredentialsTag } from "../../src/index.js"
import { AwsCredentials, CognitoIdentity, CredentialsError, RetryPolicy } from "../../src/index.js"
import { awsError, json, POOL, scriptedClient, withTestClock } from "./support.js"

const ok = json({ IdentityPoolId: POOL, IdentityPoolName: "pool", AllowUnauthenticatedIdentities: true })
const describePool = CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL })

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (exit._tag === "Success" || !Cause.isFailType(exit.cause)) throw new Error(`expected a typed failure, got ${String(exit)}`)
  return exit.cause.error
}

class RecordedSpan implements Tracer.Span {
  readonly _tag = "Span"
  readonly spanId: string
  readonly traceId = "trace"
  readonly attributes = new Map<string, unknown>()
  readonly links: Array<Tracer.SpanLink>
  readonly sampled = true
  status: Tracer.SpanStatus
  constructor(
    readonly name: string,
    readonly parent: Option.Option<Tracer.AnySpan>,
    readonly context: Context.Context<never>,
    links: ReadonlyArray<Tracer.SpanLink>,
    startTime: bigint,
    readonly kind: Tracer.SpanKind,
    id: number
  ) {
    this.spanId = `span-${id}`
    this.links = [...links]
    this.status = { _tag: "Started", startTime }
  }
  end(endTime: bigint, exit: Exit.Exit<unknown, unknown>): void {
    this.status = { _tag: "Ended", startTime: this.status.startTime, endTime, exit }
  }
  attribute(key: string, value: unknown): void {
    this.attributes.set(key, value)
  }
  event(): void {}
  addLinks(links: ReadonlyArray<Tracer.SpanLink>): void {
    this.links.push(...links)
  }
}

const recordingTracer = () => {
  const spans: Array<RecordedSpan> = []
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const span = new RecordedSpan(name, parent, context, links, startTime, kind, spans.length + 1)
      spans.push(span)
      return span
    },
    context: (f) => f()
  })
  return { spans, tracer }
}

describe("attempts on every error path", () => {
  it.effect("ValidationError: 0 (nothing sent)", () =>
    Effect.gen(function*() {
      const { layer, requests } = scriptedClient(() => ok, RetryPolicy.layerStandard())
      const error = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: "not a pool id" }).pipe(Effect.flip, Effect.provide(layer))
      expect(error).toMatchObject({ _tag: "ValidationError", attempts: 0 })
      expect(requests).toHaveLength(0)
    }))

  it.effect("EndpointError: 0 (no region to sign with)", () =>
    Effect.gen(function*() {
      const { layer } = scriptedClient(() => ok, RetryPolicy.layerStandard(), { endpoint: "http://localhost:1" })
      const error = yield* CognitoIdentity.listIdentityPools({ MaxResults: 10 }).pipe(Effect.flip, Effect.provide(layer))
      expect(error).toMatchObject({ _tag: "EndpointError", attempts: 0 })
    }))

  it.effect("CredentialsError: the attempt that could not sign", () =>
    Effect.gen(function*() {
      const broken: Layer.Layer<AwsCredentialsTag> = Layer.succeed(AwsCredentials, {
        get: Effect.fail(new CredentialsError({ message: "no credentials", sources: ["environment"] })),
        invalidate: Effect.void
      })
      const { layer, requests } = scriptedClient(() => ok, RetryPolicy.layerStandard(), undefined, broken)
      const error = yield* describePool.pipe(Effect.flip, Effect.provide(layer))
      expect(error).toMatchObject({ _tag: "CredentialsError", message: "no credentials", sources: ["environment"], attempts: 1 })
      expect(requests).toHaveLength(0)
    }))

  it.effect("service, transport, decode and timeout errors: the attempts made", () =>
    Effect.gen(function*() {
      const cases = [
        [awsError("TooManyRequestsException", "Rate exceeded"), { _tag: "TooManyRequestsException", attempts: 3 }],
        ["reset", { _tag: "TransportError", attempts: 3 }],
        [{ status: 200, body: "[1,2" }, { _tag: "DecodeError", attempts: 1 }],
        ["hang", { _tag: "TimeoutError", scope: "attempt", attempts: 3 }]
      ] as const
      for (const [reply, expected] of cases) {
        const { layer } = scriptedClient(() => reply, RetryPolicy.layerStandard(), { region: "us-east-1", attemptTimeout: "1 second" })
        const exit = yield* withTestClock(describePool.pipe(Effect.provide(layer)))
        expect(failureOf(exit)).toMatchObject(expected)
      }
    }))
})

describe("attempts when the call times out", () => {
  it.effect("during a backoff: the attempts actually made, not the one waited for", () =>
    Effect.gen(function*() {
      const { layer, requests } = scriptedClient(
        () => awsError("TooManyRequestsException", "Rate exceeded"),
        RetryPolicy.layerStandard({ throttlingBaseDelay: "10 seconds" }),
        { region: "us-east-1", callTimeout: "2 seconds" }
      )
      const exit = yield* withTestClock(describePool.pipe(Effect.provide(layer), Effect.withRandom(Random.fixed([0.5]))))
      expect(failureOf(exit)).toMatchObject({ _tag: "TimeoutError", scope: "call", attempts: 1 })
      expect(requests).toHaveLength(1)
    }))
})

describe("spans", () => {
  it.effect("under Effect's built-in tracer nothing is recorded on the caller's span", () =>
    Effect.gen(function*() {
      const { layer } = scriptedClient(() => ok, RetryPolicy.layerStandard())
      const attributes = yield* Effect.gen(function*() {
        yield* describePool
        const span = yield* Effect.currentSpan
        return [...span.attributes.keys()]
      }).pipe(Effect.withSpan("caller"), Effect.provide(layer))
      expect(attributes.filter((key) => key.startsWith("aws.") || key.startsWith("rpc."))).toEqual([])
    }))

  it.effect("a child span per attempt, with its number and outcome; the operation span counts them", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      const { layer } = scriptedClient(
        (_request, index) => (index === 0 ? awsError("TooManyRequestsException", "Rate exceeded") : index === 1 ? "reset" : ok),
        RetryPolicy.layerStandard()
      )
      const exit = yield* withTestClock(
        describePool.pipe(Effect.provide(layer), Effect.withRandom(Random.fixed([0.5])), Effect.withTracer(tracer))
      )
      expect(exit._tag).toBe("Success")
      const operation = spans.find((s) => s.name === "CognitoIdentity.DescribeIdentityPool")
      expect(operation?.attributes.get("aws.attempts")).toBe(3)
      expect(operation?.attributes.get("rpc.method")).toBe("DescribeIdentityPool")
      expect(operation?.attributes.get("rpc.system")).toBe("aws-api")
      expect(operation?.attributes.get("rpc.service")).toBe("CognitoIdentity")
      const attempts = spans.filter((s) => s.name === "CognitoIdentity.DescribeIdentityPool.attempt")
      expect(attempts.map((s) => s.attributes.get("aws.attempt"))).toEqual([1, 2, 3])
      expect(attempts.map((s) => s.attributes.get("aws.attempt.outcome"))).toEqual([
        "TooManyRequestsException",
        "TransportError",
        "success"
      ])
      for (const span of attempts) {
        expect(Option.map(span.parent, (p) => p.spanId)).toEqual(Option.some(operation?.spanId))
        expect(span.status._tag).toBe("Ended")
      }
      expect(attempts[0]?.attributes.get("aws.request_id")).toBe("req-err-1")
    }))

  it.effect("a failed call: the operation span has the attempts and the last request id", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      const { layer } = scriptedClient(() => awsError("ResourceNotFoundException", "gone"), RetryPolicy.layerStandard())
      yield* withTestClock(describePool.pipe(Effect.provide(layer), Effect.withTracer(tracer)))
      const operation = spans.find((s) => s.name === "CognitoIdentity.DescribeIdentityPool")
      expect(operation?.attributes.get("aws.attempts")).toBe(1)
      expect(operation?.attributes.get("aws.request_id")).toBe("req-err-1")
    }))
})
