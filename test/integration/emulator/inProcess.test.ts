/** `Emulator.layer`: the real model served in-process through the real wire format, on TestClock. */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted, TestClock } from "effect"
import { Emulator } from "../../../src/emulator/Emulator.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../../src/index.js"
import { ACCESS_KEY_ID, NOW_MILLIS, SECRET_ACCESS_KEY } from "../../emulator/wire/support.js"

const clientOn = (emulator: Layer.Layer<Emulator | import("@effect/platform").HttpClient.HttpClient, unknown>) =>
  Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1", endpoint: "http://emulator.local" }),
    AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }),
    RetryPolicy.layerNone
  ).pipe(Layer.provideMerge(emulator))

describe("Emulator.layer (in-process)", () => {
  it.effect("a login flow, with the Emulator service to inspect what reached it", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const pool = yield* CognitoIdentity.createIdentityPool({ IdentityPoolName: "app", AllowUnauthenticatedIdentities: true })
      yield* CognitoIdentity.setIdentityPoolRoles({
        IdentityPoolId: pool.IdentityPoolId,
        Roles: { unauthenticated: "arn:aws:iam::123456789012:role/Unauth" }
      })
      const { IdentityId } = yield* CognitoIdentity.getId({ IdentityPoolId: pool.IdentityPoolId })
      const credentials = yield* CognitoIdentity.getCredentialsForIdentity({ IdentityId: IdentityId ?? "" })
      // Time is the TestClock's: credentials expire one hour after NOW_MILLIS.
      expect(credentials.Credentials?.Expiration?.getTime()).toBe(NOW_MILLIS + 3_600_000)
      expect(Redacted.isRedacted(credentials.Credentials?.SecretKey)).toBe(true)
      const described = yield* CognitoIdentity.describeIdentity({ IdentityId: IdentityId ?? "" })
      expect(described.CreationDate?.getTime()).toBe(NOW_MILLIS)

      const emulator = yield* Emulator
      expect(emulator.stats().operations["GetCredentialsForIdentity"]).toEqual({ requests: 1, outcomes: { Success: 1 } })
      expect(emulator.stats().requests).toBe(5)
      expect(emulator.jwks().keys.length).toBe(1)
    }).pipe(Effect.provide(clientOn(Emulator.layer()))))

  it.effect("seeding through the Emulator service, and knobs at run time", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const emulator = yield* Emulator
      const ids = yield* emulator.seed({ pools: 3, identitiesPerPool: 4 })
      expect(ids).toHaveLength(3)
      const pools = yield* CognitoIdentity.listIdentityPools({ MaxResults: 60 })
      expect(pools.IdentityPools?.map((p) => p.IdentityPoolId).sort()).toEqual([...ids].sort())
      const identities = yield* CognitoIdentity.listIdentities({ IdentityPoolId: ids[0] ?? "", MaxResults: 60 })
      expect(identities.Identities).toHaveLength(4)

      emulator.setFaults({ throttlingRate: 1, operations: ["ListIdentityPools"] })
      const throttled = yield* CognitoIdentity.listIdentityPools({ MaxResults: 60 }).pipe(Effect.flip)
      expect(throttled._tag).toBe("TooManyRequestsException")
      emulator.setFaults(undefined)
      emulator.setRateLimits({ perSecond: { ListIdentityPools: 1 } })
      yield* CognitoIdentity.listIdentityPools({ MaxResults: 60 })
      expect((yield* CognitoIdentity.listIdentityPools({ MaxResults: 60 }).pipe(Effect.flip))._tag).toBe("TooManyRequestsException")
      yield* TestClock.adjust("1 second")
      yield* CognitoIdentity.listIdentityPools({ MaxResults: 60 })
    }).pipe(Effect.provide(clientOn(Emulator.layer()))))

  it.effect("options: a seed at start, custom keys, signature checks off", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const pools = yield* CognitoIdentity.listIdentityPools({ MaxResults: 60 })
      expect(pools.IdentityPools).toHaveLength(2)
    }).pipe(Effect.provide(clientOn(Emulator.layer({ seed: { pools: 2, identitiesPerPool: 1 } })))))

  it.effect("an unknown key is refused unless signatures are not verified", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const other = (verifySignatures: boolean) =>
        Layer.mergeAll(
          CognitoIdentityClient.layer({ region: "eu-west-1", endpoint: "http://emulator.local" }),
          AwsCredentials.static({ accessKeyId: "AKIDSOMEONEELSE00001", secretAccessKey: "whatever" }),
          RetryPolicy.layerNone
        ).pipe(Layer.provide(Emulator.layer({ verifySignatures, defaultAccountId: "210987654321" })))
      const refused = yield* CognitoIdentity.listIdentityPools({ MaxResults: 1 }).pipe(Effect.provide(other(true)), Effect.flip)
      expect(refused._tag).toBe("UnrecognizedClientException")
      const pool = yield* CognitoIdentity.createIdentityPool({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: false }).pipe(Effect.provide(other(false)))
      expect(pool.IdentityPoolId).toMatch(/^eu-west-1:/)
    }))
})
