/**
 * What the executor asks of a retry policy. Deliberately small (two members), so that a
 * caller can wrap any policy (count its retries, log them) without knowing how it works.
 */
import type { Effect } from "effect"

export interface RetryPolicyService {
  /**
   * The most attempts a call makes, reported in `amz-sdk-request`; `Infinity` when a schedule
   * decides (the header then omits `max`).
   */
  readonly maxAttempts: number
  /** Runs `attempt` (given the 1-based attempt number) until it succeeds or the policy gives up. */
  readonly run: <A, E, R>(attempt: (n: number) => Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}
