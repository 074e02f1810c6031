/**
 * The retry budget: a token bucket that retries draw from and successes refill, so that when
 * the service is down every caller stops retrying within a few hundred failures instead of
 * multiplying the load by `maxAttempts`. Numbers and rules follow the AWS SDKs' standard mode
 * (AWS SDKs and Tools Reference Guide, "Retry behavior"; SDK v3 `@smithy/util-retry`
 * constants `INITIAL_RETRY_TOKENS` 500, `RETRY_COST` 5, `TIMEOUT_RETRY_COST` 10,
 * `NO_RETRY_INCREMENT` 1): a success refunds what its last retry drew, or 1 when it needed none.
 */

export interface RetryBudgetOptions {
  /** Tokens when full (and at start). Default 500. */
  readonly capacity?: number | undefined
  /** Drawn by a retry after an error response. Default 5. */
  readonly retryCost?: number | undefined
  /** Drawn by a retry after no response at all (broken connection, attempt timeout). Default 10. */
  readonly timeoutCost?: number | undefined
  /** Returned by a call that succeeded at its first attempt. Default 1. */
  readonly successRefund?: number | undefined
}

export interface RetryBudget {
  /** Draws the cost of one retry; false, and nothing drawn, when too few tokens are left. */
  readonly draw: (noResponse: boolean) => number | undefined
  /** After a success: `lastCost` is what the call's last retry drew (0 if it made none). */
  readonly refund: (lastCost: number) => void
  /** Tokens left (`Infinity` for the unlimited budget). */
  readonly available: () => number
}

const nonNegative = (value: number | undefined, fallback: number): number =>
  value === undefined || Number.isNaN(value) ? fallback : Math.max(0, value)

/** A fresh, full budget; `false` gives one that never runs out. */
export const makeRetryBudget = (options: RetryBudgetOptions | false | undefined): RetryBudget => {
  if (options === false) return unlimited
  const capacity = nonNegative(options?.capacity, 500)
  const retryCost = nonNegative(options?.retryCost, 5)
  const timeoutCost = nonNegative(options?.timeoutCost, 10)
  const successRefund = nonNegative(options?.successRefund, 1)
  let tokens = capacity
  return {
    draw: (noResponse) => {
      const cost = noResponse ? timeoutCost : retryCost
      if (tokens < cost) return undefined
      tokens -= cost
      return cost
    },
    refund: (lastCost) => {
      tokens = Math.min(capacity, tokens + (lastCost > 0 ? lastCost : successRefund))
    },
    available: () => tokens
  }
}

const unlimited: RetryBudget = {
  draw: () => 0,
  refund: () => {},
  available: () => Infinity
}
