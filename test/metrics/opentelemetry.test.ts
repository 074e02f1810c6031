/**
 * The client's metrics through a real metrics layer: @effect/opentelemetry's NodeSdk with the
 * OpenTelemetry SDK's periodic reader and in-memory exporter, as an application that already
 * exports traces adds metrics (README, Observability). Every metric arrives under its name,
 * with its instrument kind, its attributes and the exact values the calls, retries,
 * throttles, credential fetches and export pages produced against the emulator.
 */
import { NodeSdk } from "@effect/opentelemetry"
import type { DataPoint, Histogram, MetricData } from "@opentelemetry/sdk-metrics"
import { AggregationTemporality, DataPointType, InMemoryMetricExporter, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Stream } from "effect"
import { Emulator } from "../../src/emulator/index.js"
import { AwsCredentials, CognitoIdentity, exportIdentityPages, RetryPolicy } from "../../src/index.js"
import {
  CALL_DURATION,
  CREDENTIAL_REFRESHES,
  emulatorClient,
  EXPORT_IDENTITIES,
  EXPORT_PAGES,
  RETRIES,
  rpc,
  tagged,
  testCase,
  THROTTLES
} from "./support.js"
import type { Labels } from "./support.js"

/** Retries without waiting long: the throttled call below is throttled twice. */
const QuickRetries = RetryPolicy.layerStandard({ baseDelay: "1 millis", throttlingBaseDelay: "1 millis", maxDelay: "5 millis" })

describe("export through @effect/opentelemetry and the OpenTelemetry SDK", () => {
  it.live("names, instruments, attributes and values as exported", () => {
    const test = testCase()
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })
    // What an application adds to its NodeSdk layer (with an OTLP exporter in production).
    const Metrics = NodeSdk.layer(() => ({ resource: { serviceName: "metrics-test" }, metricReader: reader }))

    return Effect.gen(function*() {
      const emulator = yield* Emulator
      const [pool = ""] = yield* emulator.seed({ pools: 1, identitiesPerPool: 70 })
      yield* CognitoIdentity.setIdentityPoolRoles({ IdentityPoolId: pool, Roles: { unauthenticated: "arn:aws:iam::123456789012:role/Guests" } })
      yield* Effect.gen(function*() {
        yield* CognitoIdentity.getId({ IdentityPoolId: pool })
        yield* Effect.flip(CognitoIdentity.describeIdentityPool({ IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000" }))
        emulator.setFaults({ throttlingRate: 1, operations: ["DescribeIdentityPool"] })
        yield* Effect.flip(CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool }))
        emulator.setFaults(undefined)
        yield* Effect.flatMap(AwsCredentials, (credentials) => credentials.get).pipe(
          Effect.provide(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: pool }))
        )
        yield* Stream.runDrain(exportIdentityPages({ pools: [pool] })).pipe(Effect.scoped)
      }).pipe(tagged(test))
      yield* Effect.promise(() => reader.forceFlush())

      const exported = exporter.getMetrics().at(-1)?.scopeMetrics.flatMap((scope) => scope.metrics) ?? []
      const metric = (name: string): MetricData | undefined => exported.find((m) => m.descriptor.name === name)
      /** The test's data points of `name`, as attributes and value. */
      const points = (name: string) =>
        (metric(name)?.dataPoints ?? [])
          .filter((point) => point.attributes["test.case"] === test["test.case"])
          .map((point: DataPoint<unknown>) => ({ attributes: point.attributes, value: point.value }))
      const count = (value: unknown) => (value as Histogram).count

      expect(metric(CALL_DURATION)?.dataPointType).toBe(DataPointType.HISTOGRAM)
      expect(metric(CALL_DURATION)?.descriptor.description).toMatch(/Duration of a Cognito Identity call/)
      const calls = points(CALL_DURATION).map((point) => ({ attributes: point.attributes, count: count(point.value) }))
      const call = (labels: Labels, n: number) => ({ attributes: { ...labels, ...test }, count: n })
      expect(calls).toEqual(expect.arrayContaining([
        call(rpc("GetId"), 2), // ours, and the credentials' own GetId
        call({ ...rpc("DescribeIdentityPool"), "error.type": "ResourceNotFoundException" }, 1),
        call({ ...rpc("DescribeIdentityPool"), "error.type": "TooManyRequestsException" }, 1),
        call(rpc("GetCredentialsForIdentity"), 1),
        call(rpc("ListIdentities"), 2)
      ]))
      expect(calls).toHaveLength(5)

      for (const name of [RETRIES, THROTTLES, CREDENTIAL_REFRESHES, EXPORT_PAGES, EXPORT_IDENTITIES]) {
        const data = metric(name)
        expect(data?.dataPointType, name).toBe(DataPointType.SUM)
        expect(data?.dataPointType === DataPointType.SUM && data.isMonotonic, `${name} is a counter`).toBe(true)
      }
      expect(points(RETRIES)).toEqual([
        { attributes: { ...rpc("DescribeIdentityPool"), "retry.reason": "throttling", ...test }, value: 2 }
      ])
      expect(points(THROTTLES)).toEqual([{ attributes: { ...rpc("DescribeIdentityPool"), ...test }, value: 3 }])
      expect(points(CREDENTIAL_REFRESHES)).toEqual([
        { attributes: { "aws.credentials.source": `identity pool ${pool}`, ...test }, value: 1 }
      ])
      // The 70 seeded identities and the two the GetId calls above created: pages of 60 and 12.
      expect(points(EXPORT_PAGES)).toEqual([{ attributes: test, value: 2 }])
      expect(points(EXPORT_IDENTITIES)).toEqual([{ attributes: test, value: 72 }])
    }).pipe(Effect.provide(Layer.mergeAll(emulatorClient(), QuickRetries, Metrics)))
  })
})
