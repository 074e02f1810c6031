/**
 * Export details against the in-process emulator: developer user identifiers, and the
 * client-side rate limit observed with TestClock.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Layer, Stream, TestClock } from "effect"
import { Emulator } from "../../src/emulator/index.js"
import { exportIdentities } from "../../src/export/exportIdentities.js"
import { CognitoIdentity, CognitoIdentityClient } from "../../src/index.js"
import { testCredentials } from "../support/layers.js"

describe("export details (in-process emulator)", () => {
  const inProcess = (options: Parameters<typeof Emulator.layer>[0] = {}) => {
    const emulator = Emulator.layer(options)
    return Layer.mergeAll(
      CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(emulator)),
      testCredentials,
      emulator
    )
  }

  it.live("developer user identifiers are looked up for developer-authenticated identities", () =>
    Effect.gen(function*() {
      const pool = yield* CognitoIdentity.createIdentityPool({
        IdentityPoolName: "dev",
        AllowUnauthenticatedIdentities: true,
        DeveloperProviderName: "login.example.app"
      })
      const alice = yield* CognitoIdentity.getOpenIdTokenForDeveloperIdentity({
        IdentityPoolId: pool.IdentityPoolId,
        Logins: { "login.example.app": "alice" }
      })
      yield* CognitoIdentity.getOpenIdTokenForDeveloperIdentity({
        IdentityPoolId: pool.IdentityPoolId,
        IdentityId: alice.IdentityId,
        Logins: { "login.example.app": "alice-work" }
      })
      const guest = yield* CognitoIdentity.getId({ IdentityPoolId: pool.IdentityPoolId })
      const records = yield* exportIdentities({ pools: [pool.IdentityPoolId], developerLookupConcurrency: 4 }).pipe(
        Stream.runCollect,
        Effect.scoped
      )
      const byId = new Map(Chunk.toReadonlyArray(records).map((r) => [r.IdentityId, r]))
      expect([...(byId.get(alice.IdentityId ?? "")?.DeveloperUserIdentifiers ?? [])].sort()).toEqual(["alice", "alice-work"])
      expect(byId.get(guest.IdentityId ?? "")?.DeveloperUserIdentifiers).toEqual([])
    }).pipe(Effect.provide(inProcess())))

  it.effect("the client-side rate limit caps requests per second", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator
      yield* emulator.seed({ pools: 1, identitiesPerPool: 600 })
      emulator.resetStats()
      const fiber = yield* exportIdentities({ pools: "all", pageSize: 60, requestsPerSecond: 2 }).pipe(
        Stream.runDrain,
        Effect.scoped,
        Effect.fork
      )
      const sent = () => emulator.stats().requests
      // 1 ListIdentityPools + 10 ListIdentities pages at 2 per second.
      yield* TestClock.adjust("10 millis")
      expect(sent()).toBeLessThanOrEqual(2)
      yield* TestClock.adjust("1 second")
      expect(sent()).toBeLessThanOrEqual(4)
      yield* TestClock.adjust("2 seconds")
      expect(sent()).toBeLessThanOrEqual(8)
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      expect(sent()).toBe(11)
    }).pipe(Effect.provide(inProcess())))
})

