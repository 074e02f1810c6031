/**
 * Opt-in fault injection, so that retry and timeout logic can be tested against the
 * emulator: throttling, InternalErrorException, an HTML 503 from "the load balancer", a
 * dropped connection, and added latency. Draws come from Effect's `Random` (a fixed `seed`,
 * or the caller's `Random`, e.g. `Effect.withRandom(Random.make(seed))`), and delays from
 * its `Clock`, so a test replays the same faults in the same order.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"

export interface FaultOptions {
  /** Probability (0..1) of answering `TooManyRequestsException`. */
  readonly throttlingRate?: number | undefined
  /** Probability of answering `InternalErrorException` (HTTP 500). */
  readonly internalErrorRate?: number | undefined
  /** Probability of answering HTTP 503 with an HTML body. */
  readonly serviceUnavailableRate?: number | undefined
  /** Probability of closing the connection without an answer. */
  readonly dropConnectionRate?: number | undefined
  /** Added before answering: a fixed delay, or one drawn uniformly from a range. */
  readonly latency?:
    | Duration.DurationInput
    | { readonly min: Duration.DurationInput; readonly max: Duration.DurationInput }
    | undefined
  /** Only these operations are affected (default: all). */
  readonly operations?: ReadonlyArray<string> | undefined
  /** Seeds a private `Random` for the draws; without it the caller's `Random` is used. */
  readonly seed?: number | string | undefined
}

export type Fault = "None" | "Throttling" | "InternalError" | "ServiceUnavailable" | "DropConnection"

export interface FaultDraw {
  readonly fault: Fault
  readonly latency: Duration.Duration
}

export interface FaultInjector {
  /** One draw for one request; `None` and no latency when faults are off or filtered out. */
  readonly draw: (operation: string) => Effect.Effect<FaultDraw>
  readonly configure: (options: FaultOptions | undefined) => void
}

const rate = (value: number | undefined): number =>
  value === undefined || Number.isNaN(value) ? 0 : Math.min(1, Math.max(0, value))

const isRange = (
  latency: NonNullable<FaultOptions["latency"]>
): latency is { readonly min: Duration.DurationInput; readonly max: Duration.DurationInput } =>
  typeof latency === "object" && latency !== null && "min" in latency && "max" in latency

interface Compiled {
  readonly thresholds: ReadonlyArray<readonly [number, Fault]>
  readonly latency: { readonly min: number; readonly max: number } | undefined
  readonly operations: ReadonlySet<string> | undefined
  readonly random: Random.Random | undefined
}

const compile = (options: FaultOptions | undefined): Compiled | undefined => {
  if (options === undefined) return undefined
  let cumulative = 0
  const thresholds: Array<readonly [number, Fault]> = []
  for (
    const [value, fault] of [
      [options.throttlingRate, "Throttling"],
      [options.internalErrorRate, "InternalError"],
      [options.serviceUnavailableRate, "ServiceUnavailable"],
      [options.dropConnectionRate, "DropConnection"]
    ] as const
  ) {
    const p = rate(value)
    if (p > 0) {
      cumulative += p
      thresholds.push([cumulative, fault])
    }
  }
  const latency = options.latency === undefined
    ? undefined
    : isRange(options.latency)
    ? {
      min: Duration.toMillis(options.latency.min),
      max: Math.max(Duration.toMillis(options.latency.min), Duration.toMillis(options.latency.max))
    }
    : { min: Duration.toMillis(options.latency), max: Duration.toMillis(options.latency) }
  return {
    thresholds,
    latency,
    operations: options.operations === undefined ? undefined : new Set(options.operations),
    random: options.seed === undefined ? undefined : Random.make(options.seed)
  }
}

const NONE: FaultDraw = { fault: "None", latency: Duration.zero }

export const makeFaultInjector = (initial: FaultOptions | undefined): FaultInjector => {
  let compiled = compile(initial)

  const draw = (operation: string): Effect.Effect<FaultDraw> =>
    Effect.suspend(() => {
      const config = compiled
      if (config === undefined || (config.operations !== undefined && !config.operations.has(operation))) {
        return Effect.succeed(NONE)
      }
      const drawn = Effect.gen(function*() {
        let fault: Fault = "None"
        if (config.thresholds.length > 0) {
          const r = yield* Random.next
          fault = config.thresholds.find(([threshold]) => r < threshold)?.[1] ?? "None"
        }
        const latency = config.latency === undefined
          ? Duration.zero
          : config.latency.min === config.latency.max
          ? Duration.millis(config.latency.min)
          : Duration.millis(yield* Random.nextRange(config.latency.min, config.latency.max))
        return { fault, latency }
      })
      return config.random === undefined ? drawn : Effect.withRandom(drawn, config.random)
    })

  return {
    draw,
    configure: (options) => {
      compiled = compile(options)
    }
  }
}
