/**
 * A full export of 100,000 identities through the in-process emulator while it throttles 10%
 * of the requests, fails 5% with InternalErrorException and drops 2% of the connections:
 * exactly 100,000 unique records, nothing lost, nothing repeated.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Stream } from "effect"
import { Emulator } from "../../src/emulator/index.js"
import { exportIdentities } from "../../src/export/exportIdentities.js"
import { CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import { testCredentials } from "../support/layers.js"

describe("export under faults", () => {
  it.live("100,000 identities in 4 pools, 17% of requests faulty: exactly 100,000 unique records", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator
      const pools = yield* emulator.seed({ pools: 4, identitiesPerPool: 25_000 })
      emulator.setFaults({ throttlingRate: 0.1, internalErrorRate: 0.05, dropConnectionRate: 0.02, seed: 2024 })

      const seen = new Set<string>()
      let records = 0
      yield* exportIdentities({ pools }).pipe(
        Stream.runForEach((record) =>
          Effect.sync(() => {
            records += 1
            seen.add(record.IdentityId)
          })
        ),
        Effect.scoped
      )

      expect(records).toBe(100_000)
      expect(seen.size).toBe(100_000)
      const outcomes = emulator.stats().operations["ListIdentities"]?.outcomes ?? {}
      // The faults happened (and were retried through).
      expect(outcomes["TooManyRequestsException"]).toBeGreaterThan(50)
      expect(outcomes["InternalErrorException"]).toBeGreaterThan(20)
      expect(outcomes["DropConnection"]).toBeGreaterThan(5)
      // 60 per page: 417 pages per pool.
      expect(outcomes["Success"]).toBe(4 * Math.ceil(25_000 / 60))
    }).pipe(
      Effect.provide(
        Layer.mergeAll(
          CognitoIdentityClient.layer({ region: "us-east-1", endpoint: "http://emulator.local" }),
          testCredentials,
          // Small delays keep it fast; 12 attempts make 17% faults practically unable to exhaust
          // them (0.17^12 ≈ 6e-10 per page); no budget, which would otherwise run dry on purpose.
          RetryPolicy.layerStandard({
            maxAttempts: 12,
            baseDelay: "1 millis",
            throttlingBaseDelay: "1 millis",
            maxDelay: "4 millis",
            budget: false
          })
        ).pipe(Layer.provideMerge(Emulator.layer({})))
      )
    ), { timeout: 60_000 })
})
