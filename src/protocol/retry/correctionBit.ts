/**
 * Clock skew and expired credentials are not the service being unwell: the executor repairs
 * the cause (learns the clock offset, invalidates the credentials) when the error response
 * arrives, so one immediate retry fixes them and a second one would not. Every retrying policy
 * makes that retry at most once per class and per call, without backoff and without drawing
 * on the retry budget. `none` never retries, but the repair still benefits the next call.
 */
import type { FailureClass } from "../classify.js"

/** The bit a call sets once it has spent its corrective retry for `failure`; 0 if none applies. */
export const correctionBit = (failure: FailureClass): number =>
  failure === "clockSkew" ? 1 : failure === "expiredCredentials" ? 2 : 0
