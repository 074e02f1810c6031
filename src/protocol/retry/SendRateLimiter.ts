/**
 * The client-side rate limiter of the adaptive policy: a token bucket whose fill rate follows
 * CUBIC congestion control (RFC 8312) applied to a request rate instead of a TCP window, as
 * the AWS SDKs' adaptive retry mode does (AWS SDKs and Tools Reference Guide, "Retry
 * behavior"). Written from the RFC, not from any SDK's source.
 *
 * - Until the first throttling response nothing is limited: the bucket costs nothing.
 * - A throttling response remembers the rate that caused it (W_max: the measured send rate,
 *   or the current limit if lower) and cuts the limit to β · W_max. Like TCP, which cuts its
 *   window once per round trip, only a request sent after the last cut can cut again: the
 *   answers to requests already in flight describe the old rate (otherwise 25 concurrent
 *   throttled answers would cut the rate by 0.7^25).
 * - Every other response lets the limit grow along W(t) = C · (t − K)³ + W_max, where
 *   K = ∛(W_max · (1 − β) / C) is when it is back at W_max: fast at first, flat near the rate
 *   that was throttled, then probing beyond it.
 * - Growth is capped at twice the measured send rate (no evidence the service takes more), and
 *   a non-throttled response never lowers the limit (own choice: after an idle spell the
 *   measured rate is near zero, and the cap alone would throttle the next burst ourselves).
 *
 * The measured rate is an exponentially weighted event rate with a 1 s time constant: a burst
 * of N responses reads as N/s at once, where a windowed average would read 0 until the window
 * closes. Time comes from Effect's `Clock`, so TestClock drives it.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

export interface SendRateLimiterOptions {
  /** Multiplicative decrease on throttling (RFC 8312 β_cubic). Default 0.7. */
  readonly beta?: number | undefined
  /** Growth constant (RFC 8312 C), in requests/s per s³. Default 0.4. */
  readonly scale?: number | undefined
  /** The limit never falls below this many requests per second. Default 0.5. */
  readonly minSendRate?: number | undefined
}

export interface SendRateLimiter {
  /**
   * Waits for a send token while limiting (immediate before the first throttling); returns
   * the limiter's epoch, to hand back to `record` with the attempt's outcome.
   */
  readonly acquire: Effect.Effect<number>
  /** Feeds the outcome of one attempt, sent in `epoch`. */
  readonly record: (throttled: boolean, epoch: number) => Effect.Effect<void>
  /** The current limit in requests per second; none before the first throttling. */
  readonly sendRate: Effect.Effect<Option.Option<number>>
}

/** Time constant of the measured send rate, in seconds. */
const TAU = 1

export const makeSendRateLimiter = (options: SendRateLimiterOptions = {}): SendRateLimiter => {
  const beta = options.beta ?? 0.7
  const scale = options.scale ?? 0.4
  const minRate = Math.max(options.minSendRate ?? 0.5, 1e-3)

  let limiting = false
  let rate = 0
  let capacity = 1
  let tokens = 0
  let refilledAt = 0
  let measured = 0
  let measuredAt: number | undefined
  let wMax = 0
  let k = 0
  let throttledAt = 0
  /** Incremented by every cut. */
  let epoch = 0

  const refill = (now: number) => {
    tokens = Math.min(capacity, tokens + Math.max(0, now - refilledAt) * rate)
    refilledAt = Math.max(refilledAt, now)
  }

  const seconds = Effect.map(Clock.currentTimeMillis, (millis) => millis / 1000)

  // Every waiter re-checks after its sleep: the limit may have changed meanwhile, and of
  // several waiters woken together only as many as there are tokens go on.
  const take: Effect.Effect<number> = Effect.flatMap(seconds, (now) => {
    refill(now)
    if (tokens >= 1) {
      tokens -= 1
      return Effect.succeed(epoch)
    }
    const waitMillis = Math.max(1, Math.ceil(((1 - tokens) / rate) * 1000))
    return Effect.zipRight(Effect.sleep(Duration.millis(waitMillis)), Effect.suspend(() => take))
  })

  const acquire: Effect.Effect<number> = Effect.suspend(() => (limiting ? take : Effect.succeed(epoch)))

  const record = (throttled: boolean, sentIn: number): Effect.Effect<void> =>
    Effect.map(seconds, (now) => {
      measured = measuredAt === undefined
        ? 1 / TAU
        : measured * Math.exp(-Math.max(0, now - measuredAt) / TAU) + 1 / TAU
      measuredAt = now
      let next: number
      if (throttled) {
        if (limiting && sentIn !== epoch) return
        epoch += 1
        wMax = limiting ? Math.min(measured, rate) : measured
        k = Math.cbrt((wMax * (1 - beta)) / scale)
        throttledAt = now
        next = wMax * beta
        if (!limiting) {
          limiting = true
          tokens = 0
          refilledAt = now
        }
      } else {
        if (!limiting) return
        const t = now - throttledAt - k
        next = Math.max(rate, Math.min(scale * t * t * t + wMax, 2 * measured))
      }
      refill(now)
      rate = Math.max(next, minRate)
      capacity = Math.max(rate, 1)
      tokens = Math.min(tokens, capacity)
    })

  return {
    acquire,
    record,
    sendRate: Effect.sync(() => (limiting ? Option.some(rate) : Option.none()))
  }
}
