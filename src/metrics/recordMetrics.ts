/**
 * Recording the client's metrics (`CognitoIdentityMetrics.ts` says what they are). A call's
 * measurements cost next to nothing: each operation's instruments are resolved in the registry
 * once, their labels part of their key, and a call updates them in place, inside steps it
 * takes anyway (no Effect of their own on the call's path).
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Metric from "effect/Metric"
import * as MetricKey from "effect/MetricKey"
import * as MetricLabel from "effect/MetricLabel"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import type { FailureClass } from "../protocol/classify.js"
import { exportIdentities, exportPages } from "./CognitoIdentityMetrics.js"
import { callDurationKey, credentialRefreshesKey, retriesKey, throttlesKey } from "./metricKeys.js"

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

const tagOf = (error: unknown): string | undefined =>
  Predicate.hasProperty(error, "_tag") && typeof error._tag === "string" ? error._tag : undefined

/**
 * What a failed fetch reports as `error.type`: the typed failure behind the `CredentialsError`
 * when it has one (`NotAuthorizedException` for a refused or expired login, the logins
 * effect's `LoginsError`, `TooManyRequestsException`, ...), which says what to do about it;
 * else the error's own tag.
 */
const refreshFailureType = (error: unknown): string =>
  (Predicate.hasProperty(error, "cause") ? tagOf(error.cause) : undefined) ?? tagOf(error) ?? "unknown"

/** A credentials source's fetch, as it ended: `error.type` on a failed one. */
export const credentialRefresh = (source: string, exit: Exit.Exit<unknown, unknown>): Effect.Effect<void> => {
  const labels = [MetricLabel.make("aws.credentials.source", source)]
  const errorType = Exit.isSuccess(exit)
    ? undefined
    : Option.match(Cause.failureOption(exit.cause), { onNone: () => "unknown", onSome: refreshFailureType })
  return Metric.increment(
    Metric.fromMetricKey(
      MetricKey.taggedWithLabels(credentialRefreshesKey, errorType === undefined ? labels : [...labels, MetricLabel.make("error.type", errorType)])
    )
  )
}

/** An export passed on a page of `identities`. */
export const exportPage = (identities: number): Effect.Effect<void> =>
  Effect.zipRight(Metric.increment(exportPages), Metric.incrementBy(exportIdentities, identities))
