/**
 * Reading the client's metrics in the metrics tests: every series of a metric, with its labels
 * and value, from Effect's registry (`Metric.snapshot`), the way any metrics layer reads them.
 * Each test tags its work with a label of its own (`Effect.tagMetrics`), which both proves that
 * such labels reach the measurements and keeps its series apart from the other tests' in the
 * process-wide registry, so that counts can be asserted exactly.
 */
import { Effect, Layer, Metric, MetricState } from "effect"
import { AwsCredentials, CognitoIdentityClient } from "../../src/index.js"
import { Emulator } from "../../src/emulator/index.js"
import type { EmulatorOptions } from "../../src/emulator/index.js"
import { testCredentials } from "../support/layers.js"

export type Labels = Readonly<Record<string, string>>

/** A series: its labels and, for a counter its count, for a histogram its number of observations. */
export interface Series {
  readonly labels: Labels
  readonly value: number
}

/** The labels every measurement of a call carries. */
export const rpc = (method: string): Labels => ({ "rpc.system": "aws-api", "rpc.service": "CognitoIdentity", "rpc.method": method })

const keyOf = (series: Series) => JSON.stringify(Object.entries(series.labels).sort(([a], [b]) => a.localeCompare(b)))
const byLabels = (a: Series, b: Series) => keyOf(a).localeCompare(keyOf(b))

/** Expected series in the order `series` returns them (by their labels, whatever their order). */
export const sorted = (expected: ReadonlyArray<Series>): ReadonlyArray<Series> => [...expected].sort(byLabels)

/**
 * Every series of metric `name` whose labels include all of `having`, sorted; a counter's value
 * is its count, a histogram's the number of measurements (`sums` gives their total).
 */
export const series = (name: string, having: Labels) =>
  Effect.map(Metric.snapshot, (pairs): ReadonlyArray<Series> =>
    pairs.flatMap((pair) => {
      if (pair.metricKey.name !== name) return []
      const labels: Record<string, string> = {}
      for (const label of pair.metricKey.tags) labels[label.key] = label.value
      if (!Object.entries(having).every(([key, value]) => labels[key] === value)) return []
      const state = pair.metricState
      const value = MetricState.isCounterState(state)
        ? Number(state.count)
        : MetricState.isHistogramState(state)
        ? state.count
        : Number.NaN
      return [{ labels, value }]
    }).sort(byLabels))

/** The histogram series of `name` with `having`: their sums and largest measurements. */
export const histogramStates = (name: string, having: Labels) =>
  Effect.map(Metric.snapshot, (pairs) =>
    pairs.flatMap((pair) => {
      const state = pair.metricState
      if (pair.metricKey.name !== name || !MetricState.isHistogramState(state)) return []
      const tags = new Map(pair.metricKey.tags.map((label) => [label.key, label.value]))
      return Object.entries(having).every(([key, value]) => tags.get(key) === value) ? [state] : []
    }))

/** The metric names of the client. */
export const CALL_DURATION = "rpc.client.call.duration"
export const RETRIES = "cognito_identity.client.retries"
export const THROTTLES = "cognito_identity.client.throttles"
export const CREDENTIAL_REFRESHES = "cognito_identity.credentials.refreshes"
export const EXPORT_PAGES = "cognito_identity.export.pages"
export const EXPORT_IDENTITIES = "cognito_identity.export.identities"

/** A label unique to one test: `{ "test.case": id }`. */
export const testCase = (): Labels => ({ "test.case": crypto.randomUUID() })

/** Runs `effect` with the test's label on every measurement it causes. */
export const tagged = (labels: Labels) => <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.tagMetrics(effect, labels)

/** The in-process emulator, a client of it with the example credentials, and the Emulator tag. */
export const emulatorClient = (options: EmulatorOptions = {}) =>
  Layer.mergeAll(CognitoIdentityClient.layer({ region: "us-east-1" }), testCredentials).pipe(
    Layer.provideMerge(Emulator.layer(options))
  )

export type EmulatorClient = CognitoIdentityClient | AwsCredentials | Emulator
