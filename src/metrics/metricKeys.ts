/**
 * The keys of the client's metrics: name, instrument, description. Written once here; the
 * public `Metric`s (`CognitoIdentityMetrics.ts`) and the recorders on the hot path
 * (`recordMetrics.ts`) are made from them, so that both meet in the same registry entries.
 */
import * as MetricBoundaries from "effect/MetricBoundaries"
import * as MetricKey from "effect/MetricKey"

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

const counter = (name: string, description: string) => MetricKey.counter(name, { description, incremental: true })

export const callDurationKey = /*#__PURE__*/ MetricKey.histogram(
  "rpc.client.call.duration",
  DURATION_BOUNDARIES,
  "Duration of a Cognito Identity call, retries and backoff included (s)"
)
export const retriesKey = /*#__PURE__*/ counter("cognito_identity.client.retries", "Cognito Identity attempts after the first")
export const throttlesKey = /*#__PURE__*/ counter(
  "cognito_identity.client.throttles",
  "Throttled Cognito Identity responses, retried or not"
)
export const credentialRefreshesKey = /*#__PURE__*/ counter(
  "cognito_identity.credentials.refreshes",
  "Credential fetches by a caching credentials source; failed ones carry error.type"
)
export const exportPagesKey = /*#__PURE__*/ counter("cognito_identity.export.pages", "Pages passed on by identity exports")
export const exportIdentitiesKey = /*#__PURE__*/ counter(
  "cognito_identity.export.identities",
  "Identities passed on by identity exports"
)
