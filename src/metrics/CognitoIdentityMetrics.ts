/**
 * The client's Effect `Metric`s. They live in Effect's global metric registry, so any metrics
 * layer exports them (`@effect/opentelemetry`'s `NodeSdk.layer` with a `metricReader`, a
 * Prometheus exporter, `Metric.snapshot` in a test). Names and attributes follow the
 * OpenTelemetry semantic conventions where one exists (`rpc.client.call.duration`,
 * `rpc.system`, `rpc.service`, `rpc.method`, `error.type`); the others are in the
 * `cognito_identity.` namespace with the same attributes.
 *
 * | metric | instrument | attributes |
 * | --- | --- | --- |
 * | `rpc.client.call.duration` (s) | histogram, one per call, retries included | `rpc.system=aws-api`, `rpc.service=CognitoIdentity`, `rpc.method`, `error.type` (the error's tag) when the call failed |
 * | `cognito_identity.client.retries` | counter, one per attempt after the first | the `rpc.*` above, `retry.reason` (`throttling`, `transient`, `clockSkew`, `expiredCredentials`) |
 * | `cognito_identity.client.throttles` | counter, one per throttled response, retried or not | the `rpc.*` above |
 * | `cognito_identity.credentials.refreshes` | counter, one per fetch of credentials by a caching source | `aws.credentials.source`, `error.type` when it failed |
 * | `cognito_identity.export.pages`, `cognito_identity.export.identities` | counters, as an export passes pages on | none |
 *
 * Recording costs next to nothing per call (bench/experiments/metrics.mjs measures it): each
 * operation's instruments are resolved in the registry once, and a call updates them in place
 * in steps it takes anyway. Labels set with `Effect.tagMetrics` are added to them.
 */
import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"
import * as MetricKey from "effect/MetricKey"
import * as MetricLabel from "effect/MetricLabel"
import type { FailureClass } from "../protocol/classify.js"

/** OpenTelemetry's recommended boundaries for request durations, in seconds. */
const DURATION_BOUNDARIES = /*#__PURE__*/ MetricBoundaries.fromIterable([
  0.005,
  0.01,
  0.025,
  0.05,
  0.075,
  0.1,
  0.25,
  0.5,
  0.75,
  1,
  2.5,
  5,
  7.5,
  10
])

const callDurationKey = /*#__PURE__*/ MetricKey.histogram(
  "rpc.client.call.duration",
  DURATION_BOUNDARIES,
  "Duration of a Cognito Identity call, retries and backoff included (seconds)"
)
const retriesKey = /*#__PURE__*/ MetricKey.counter("cognito_identity.client.retries", {
  description: "Cognito Identity attempts after the first",
  incremental: true
})
const throttlesKey = /*#__PURE__*/ MetricKey.counter("cognito_identity.client.throttles", {
  description: "Throttled Cognito Identity responses, retried or not",
  incremental: true
})
const credentialRefreshesKey = /*#__PURE__*/ MetricKey.counter("cognito_identity.credentials.refreshes", {
  description: "Credential fetches by a caching credentials source; failed ones carry error.type",
  incremental: true
})

/** Every call, with its duration in seconds; failed ones carry `error.type`. */
export const callDuration = /*#__PURE__*/ Metric.fromMetricKey(callDurationKey)
/** Attempts after the first, by `retry.reason`. */
export const retries = /*#__PURE__*/ Metric.fromMetricKey(retriesKey)
/** Throttled responses (TooManyRequestsException, ThrottlingException, HTTP 429), retried or not. */
export const throttles = /*#__PURE__*/ Metric.fromMetricKey(throttlesKey)
/** Fetches of credentials by a caching source (`AwsCredentials.fromCognitoIdentityPool`, `fromEnv`, ...). */
export const credentialRefreshes = /*#__PURE__*/ Metric.fromMetricKey(credentialRefreshesKey)
/** Pages an export has passed on. */
export const exportPages = /*#__PURE__*/ Metric.counter("cognito_identity.export.pages", {
  description: "Pages passed on by identity exports",
  incremental: true
})
/** Identities an export has passed on. */
export const exportIdentities = /*#__PURE__*/ Metric.counter("cognito_identity.export.identities", {
  description: "Identities passed on by identity exports",
  incremental: true
})

type Labels = ReadonlyArray<MetricLabel.MetricLabel>

/** Updates one instrument; the fiber's own labels (`Effect.tagMetrics`) are added to its own. */
type Instrument = (value: number, fiberLabels: Labels) => void

/*
 * An instrument's labels are part of its key, so that the registry is searched once, when it
 * is made, and not at each update (`Metric.tagged` looks the key up at every update).
 */
const histogramWith = (key: MetricKey.MetricKey.Histogram, labels: Labels): Instrument => {
  const metric = Metric.fromMetricKey(MetricKey.taggedWithLabels(key, labels))
  return (value, fiberLabels) => metric.unsafeUpdate(value, fiberLabels)
}
const counterWith = (key: MetricKey.MetricKey.Counter<number>, labels: Labels): Instrument => {
  const metric = Metric.fromMetricKey(MetricKey.taggedWithLabels(key, labels))
  return (value, fiberLabels) => metric.unsafeUpdate(value, fiberLabels)
}

/** One instrument per value of one more label, each made on first use. */
const byLabel = (make: (labels: Labels) => Instrument, labels: Labels, name: string) => {
  const made = new Map<string, Instrument>()
  return (value: string): Instrument => {
    let instrument = made.get(value)
    if (instrument === undefined) {
      instrument = make([...labels, MetricLabel.make(name, value)])
      made.set(value, instrument)
    }
    return instrument
  }
}

/** The instruments of one operation. */
export interface OperationMetrics {
  /** A finished call: its duration in seconds, and the error's tag if it failed. */
  readonly call: (seconds: number, errorType: string | undefined, fiberLabels: Labels) => void
  /** A retry, and the class of the failure it follows (`classify`; `other` for a failure outside them). */
  readonly retry: (reason: FailureClass | "other", fiberLabels: Labels) => void
  readonly throttle: (fiberLabels: Labels) => void
}

export const makeOperationMetrics = (operation: string): OperationMetrics => {
  const labels: Labels = [
    MetricLabel.make("rpc.system", "aws-api"),
    MetricLabel.make("rpc.service", "CognitoIdentity"),
    MetricLabel.make("rpc.method", operation)
  ]
  const succeeded = histogramWith(callDurationKey, labels)
  const failed = byLabel((all) => histogramWith(callDurationKey, all), labels, "error.type")
  const retried = byLabel((all) => counterWith(retriesKey, all), labels, "retry.reason")
  const throttled = counterWith(throttlesKey, labels)
  return {
    call: (seconds, errorType, fiberLabels) => (errorType === undefined ? succeeded : failed(errorType))(seconds, fiberLabels),
    retry: (reason, fiberLabels) => retried(reason)(1, fiberLabels),
    throttle: (fiberLabels) => throttled(1, fiberLabels)
  }
}

/** A credentials source's fetches: `error.type` on a failed one. */
export const recordCredentialRefresh = (source: string, errorType: string | undefined, fiberLabels: Labels): void => {
  const labels = [MetricLabel.make("aws.credentials.source", source)]
  counterWith(credentialRefreshesKey, errorType === undefined ? labels : [...labels, MetricLabel.make("error.type", errorType)])(1, fiberLabels)
}
