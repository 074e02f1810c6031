/**
 * A long job's client-side request rate: at most `requestsPerSecond` requests per second for
 * all of its calls together (listings, lookups, deletions), so that an export or a purge does
 * not eat the quota of the account's live traffic.
 */
import type { Scope } from "effect"
import * as Effect from "effect/Effect"
import * as RateLimiter from "effect/RateLimiter"

/** Runs an effect when the rate allows it. */
export type RequestLimit = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>

export const unlimited: RequestLimit = (effect) => effect

/** A limit of `requestsPerSecond` (at least 1), or none when it is undefined. */
export const makeRequestLimit = (requestsPerSecond: number | undefined): Effect.Effect<RequestLimit, never, Scope.Scope> =>
  requestsPerSecond === undefined
    ? Effect.succeed(unlimited)
    : RateLimiter.make({ limit: Math.max(1, Math.floor(requestsPerSecond)), interval: "1 second" })
