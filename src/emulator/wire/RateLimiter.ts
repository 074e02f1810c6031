/**
 * Opt-in request-rate quotas (docs/service-behaviour.md §12): a token bucket per (account, region,
 * operation), refilled continuously from Effect's Clock (so TestClock drives it), holding at
 * most one second's worth of requests. Over the limit the call is answered
 * `TooManyRequestsException: Rate exceeded`.
 */

/**
 * AWS's published per-account, per-region quotas in requests per second. LookupDeveloperIdentity
 * has no number, only "likely to be throttled" at high volume: 10 is an emulator choice
 * [EMULATOR]. Operations not listed are unlimited unless configured.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, number>> = {
  GetId: 25,
  GetOpenIdToken: 200,
  GetCredentialsForIdentity: 200,
  GetOpenIdTokenForDeveloperIdentity: 200,
  TagResource: 5,
  UntagResource: 5,
  ListTagsForResource: 10,
  LookupDeveloperIdentity: 10
}

export interface RateLimitOptions {
  /**
   * Requests per second by operation name, overriding the defaults for the operations named.
   * `Infinity` makes an operation unlimited; 0 throttles every call.
   */
  readonly perSecond?: Readonly<Record<string, number>> | undefined
  /** Start from {@link DEFAULT_RATE_LIMITS} (default true); false applies only `perSecond`. */
  readonly useDefaults?: boolean | undefined
}

/** `true`: the AWS quotas; `false` / `undefined`: no throttling (the default). */
export type RateLimitSetting = boolean | RateLimitOptions | undefined

export interface RateLimitKey {
  readonly accountId: string
  readonly region: string
  readonly operation: string
}

export interface RateLimiter {
  /** Takes one token; false when the bucket is empty (the call must be throttled). */
  readonly take: (key: RateLimitKey, nowMillis: number) => boolean
  readonly configure: (setting: RateLimitSetting) => void
}

interface Bucket {
  tokens: number
  updatedAt: number
}

/**
 * Buckets are keyed by caller-chosen values (the region of a SigV4 scope), so their number is
 * capped: the oldest bucket is forgotten first, which at worst lets a forgotten caller burst.
 */
const MAX_BUCKETS = 10_000

const resolveLimits = (setting: RateLimitSetting): ReadonlyMap<string, number> | undefined => {
  if (setting === undefined || setting === false) return undefined
  if (setting === true) return new Map(Object.entries(DEFAULT_RATE_LIMITS))
  const limits = new Map(setting.useDefaults === false ? [] : Object.entries(DEFAULT_RATE_LIMITS))
  for (const [operation, perSecond] of Object.entries(setting.perSecond ?? {})) {
    limits.set(operation, Number.isNaN(perSecond) ? Infinity : Math.max(0, perSecond))
  }
  return limits
}

export const makeRateLimiter = (initial: RateLimitSetting): RateLimiter => {
  let limits = resolveLimits(initial)
  const buckets = new Map<string, Bucket>()

  const take = (key: RateLimitKey, nowMillis: number): boolean => {
    const perSecond = limits?.get(key.operation)
    if (perSecond === undefined || perSecond === Infinity) return true
    if (perSecond <= 0) return false
    const capacity = Math.max(1, perSecond)
    const id = `${key.accountId}\u0000${key.region}\u0000${key.operation}`
    let bucket = buckets.get(id)
    if (bucket === undefined) {
      if (buckets.size >= MAX_BUCKETS) {
        const oldest = buckets.keys().next()
        if (oldest.done !== true) buckets.delete(oldest.value)
      }
      bucket = { tokens: capacity, updatedAt: nowMillis }
      buckets.set(id, bucket)
    }
    // A clock moved backwards (TestClock reset) refills nothing rather than draining the bucket.
    const elapsed = Math.max(0, nowMillis - bucket.updatedAt)
    bucket.tokens = Math.min(capacity, bucket.tokens + (elapsed * perSecond) / 1000)
    bucket.updatedAt = Math.max(bucket.updatedAt, nowMillis)
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }

  const configure = (setting: RateLimitSetting): void => {
    limits = resolveLimits(setting)
    buckets.clear()
  }

  return { take, configure }
}
