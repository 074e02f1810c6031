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
 * | `cognito_identity.client.retries` | counter, one per attempt after the first | the `rpc.*` above, `retry.reason` (`throttling`, `transient`, `clockSkew`, `expiredCredentials`, `other`) |
 * | `cognito_identity.client.throttles` | counter, one per throttled response, retried or not | the `rpc.*` above |
 * | `cognito_identity.credentials.refreshes` | counter, one per fetch by a caching credentials source | `aws.credentials.source`; when it failed, `error.type`: the tag of the typed failure behind the `CredentialsError` (`NotAuthorizedException`, `LoginsError`, ...), else `CredentialsError` |
 * | `cognito_identity.export.pages`, `cognito_identity.export.identities` | counters, as an export passes pages on | none |
 *
 * Labels set with `Effect.tagMetrics` around a call are added to its measurements.
 *
 * Every measurement is recorded under its labels, so these untagged `Metric`s name the series
 * rather than hold values: `Metric.snapshot` lists them all, and
 * `Metric.taggedWithLabels(metric, labels)` reads one, its labels in the order of the table
 * (`rpc.system`, `rpc.service`, `rpc.method`, then `error.type` or `retry.reason`, then the
 * fiber's own).
 */
import * as Metric from "effect/Metric"
import {
  callDurationKey,
  credentialRefreshesKey,
  exportIdentitiesKey,
  exportPagesKey,
  retriesKey,
  throttlesKey
} from "./metricKeys.js"

/** Every call, with its duration in seconds; failed ones carry `error.type`. */
export const callDuration = /*#__PURE__*/ Metric.fromMetricKey(callDurationKey)
/** Attempts after the first, by `retry.reason`. */
export const retries = /*#__PURE__*/ Metric.fromMetricKey(retriesKey)
/** Throttled responses (TooManyRequestsException, ThrottlingException, HTTP 429), retried or not. */
export const throttles = /*#__PURE__*/ Metric.fromMetricKey(throttlesKey)
/** Fetches of credentials by a caching source (`AwsCredentials.fromCognitoIdentityPool`, `fromEnv`, ...). */
export const credentialRefreshes = /*#__PURE__*/ Metric.fromMetricKey(credentialRefreshesKey)
/** Pages an export has passed on. */
export const exportPages = /*#__PURE__*/ Metric.fromMetricKey(exportPagesKey)
/** Identities an export has passed on. */
export const exportIdentities = /*#__PURE__*/ Metric.fromMetricKey(exportIdentitiesKey)
