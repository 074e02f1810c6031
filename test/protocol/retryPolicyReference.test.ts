/**
 * The operations read the retry policy through `RetryPolicyReference`, not through the public
 * `RetryPolicy` class (whose static layers a bundle could then not leave out). Both are the same
 * service: a policy provided with any of the class's layers is the one a call runs under, and
 * the built-in default is one value, whichever of the two asks first.
 */
import { describe, expect, it } from "@effect/vitest"
import { Context, Effect, Layer, Random, Schedule } from "effect"
import { CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import type { StandardRetryPolicy } from "../../src/index.js"
import { RetryPolicyReference } from "../../src/protocol/retry/RetryPolicyReference.js"
import { makeRecordingHttp } from "../support/RecordingHttp.js"
import { awsError, POOL, withTestClock } from "../resilience/support.js"

/** GetId against a service that answers every request with a retryable 500; the requests it made. */
const requestsOfFailingGetId = (policy: Layer.Layer<RetryPolicy> | undefined) =>
  Effect.gen(function*() {
    const http = makeRecordingHttp(() => awsError("InternalErrorException", "oops", 500))
    const client = CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(http.layer))
    const call = CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(
      Effect.provide(policy === undefined ? client : Layer.merge(client, policy)),
      Effect.withRandom(Random.fixed([0.5]))
    )
    const exit = yield* withTestClock(call)
    expect(exit._tag).toBe("Failure")
    return http.requests.length
  })

describe("RetryPolicyReference", () => {
  it("is the public RetryPolicy's service: the same key", () => {
    expect(RetryPolicyReference.key).toBe(RetryPolicy.key)
  })

  it("has the built-in default as its default, one value shared with the class", () => {
    const throughReference = Context.get(Context.empty(), RetryPolicyReference)
    expect(throughReference).toBe(Context.get(Context.empty(), RetryPolicy))
    expect(Context.get(Context.empty(), RetryPolicyReference)).toBe(throughReference)
    const standard = throughReference as StandardRetryPolicy
    expect(standard.mode).toBe("standard")
    expect(standard.maxAttempts).toBe(3)
  })

  it.effect("reads a policy provided through the class's tag", () =>
    Effect.gen(function*() {
      const chosen = { maxAttempts: 7, run: <A, E, R>(attempt: (n: number) => Effect.Effect<A, E, R>) => attempt(1) }
      const read = yield* RetryPolicyReference.pipe(Effect.provide(Layer.succeed(RetryPolicy, chosen)))
      expect(read).toBe(chosen)
      expect(yield* RetryPolicyReference).toBe(Context.get(Context.empty(), RetryPolicy))
    }))

  describe("a GetId call runs under", () => {
    it.effect("the built-in standard policy when none is provided: 3 attempts", () =>
      Effect.gen(function*() {
        expect(yield* requestsOfFailingGetId(undefined)).toBe(3)
      }))

    it.effect("RetryPolicy.layerNone: 1 attempt", () =>
      Effect.gen(function*() {
        expect(yield* requestsOfFailingGetId(RetryPolicy.layerNone)).toBe(1)
      }))

    it.effect("RetryPolicy.layerStandard({ maxAttempts: 5 }): 5 attempts", () =>
      Effect.gen(function*() {
        expect(yield* requestsOfFailingGetId(RetryPolicy.layerStandard({ maxAttempts: 5 }))).toBe(5)
      }))

    it.effect("RetryPolicy.layerAdaptive({ maxAttempts: 2 }): 2 attempts", () =>
      Effect.gen(function*() {
        expect(yield* requestsOfFailingGetId(RetryPolicy.layerAdaptive({ maxAttempts: 2 }))).toBe(2)
      }))

    it.effect("RetryPolicy.layerFromSchedule(Schedule.recurs(3)): 4 attempts", () =>
      Effect.gen(function*() {
        expect(yield* requestsOfFailingGetId(RetryPolicy.layerFromSchedule(Schedule.recurs(3)))).toBe(4)
      }))
  })
})
