/**
 * `cognito_identity.credentials.refreshes`: one per fetch by a caching credentials source,
 * `error.type` on a failed one. Through `AwsCredentials.cached` (which every expiring source goes
 * through) on TestClock: the first fetch, a background refresh, a failed refresh and the retry
 * after it; and through `AwsCredentials.fromCognitoIdentityPool` against the emulator: a fetch,
 * another after `invalidate`, a pool that refuses guests (`error.type` is the typed cause,
 * `NotAuthorizedException`), and a `logins` effect that fails (its own error's tag).
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Layer, TestClock } from "effect"
import { Emulator } from "../../src/emulator/index.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, CredentialsError } from "../../src/index.js"
import { credentialsAt, makeFakeSource, settle } from "../credentials/support.js"
import { testCredentials } from "../support/layers.js"
import { CREDENTIAL_REFRESHES, series, sorted, tagged, testCase } from "./support.js"

const HOUR = 3_600_000
const WINDOW = 5 * 60_000

describe("credential refreshes", () => {
  it.effect("AwsCredentials.cached: the first fetch, a refresh, a failed refresh (error.type) and the next try", () => {
    const test = testCase()
    return Effect.gen(function*() {
      // Fetch 3 fails; the others give credentials valid for an hour.
      const fake = yield* makeFakeSource((n) =>
        n === 3
          ? Effect.fail(new CredentialsError({ message: "fake source: refused", sources: ["fake source"] }))
          : Effect.map(Clock.currentTimeMillis, (now) => credentialsAt(n, new Date(now + HOUR)))
      )
      const refreshes = () => series(CREDENTIAL_REFRESHES, test)
      const source = { "aws.credentials.source": "fake source", ...test }
      yield* Effect.gen(function*() {
        const credentials = yield* AwsCredentials
        yield* credentials.get
        expect(yield* refreshes()).toEqual([{ labels: source, value: 1 }])

        yield* TestClock.adjust(HOUR - WINDOW) // into the refresh window: a background refresh
        yield* credentials.get
        yield* settle
        expect(fake.fetches()).toBe(2)
        expect(yield* refreshes()).toEqual([{ labels: source, value: 2 }])

        yield* TestClock.adjust(HOUR - WINDOW) // the next refresh fails; the current credentials stay
        expect((yield* credentials.get).accessKeyId).toBe("AKIDFAKE2")
        yield* settle
        expect(fake.fetches()).toBe(3)
        expect(yield* refreshes()).toEqual(sorted([
          { labels: source, value: 2 },
          { labels: { ...source, "error.type": "CredentialsError" }, value: 1 }
        ]))

        yield* TestClock.adjust("10 seconds") // tried again a little later
        yield* credentials.get
        yield* settle
        expect(fake.fetches()).toBe(4)
        expect((yield* credentials.get).accessKeyId).toBe("AKIDFAKE4")
        expect(yield* refreshes()).toEqual(sorted([
          { labels: source, value: 3 },
          { labels: { ...source, "error.type": "CredentialsError" }, value: 1 }
        ]))
      }).pipe(Effect.provide(AwsCredentials.cached(fake.source, { refreshWindow: WINDOW, jitter: 0 })), tagged(test))
    })
  })

  const service = Layer.provideMerge(CognitoIdentityClient.layer({ region: "us-east-1" }), Emulator.layer())
  const createPool = (allowGuests: boolean) =>
    Effect.gen(function*() {
      const pool = yield* CognitoIdentity.createIdentityPool({ IdentityPoolName: "refreshes", AllowUnauthenticatedIdentities: allowGuests })
      yield* CognitoIdentity.setIdentityPoolRoles({
        IdentityPoolId: pool.IdentityPoolId,
        Roles: { unauthenticated: "arn:aws:iam::123456789012:role/Guests" }
      })
      return pool.IdentityPoolId
    }).pipe(Effect.provide(testCredentials))

  it.live("fromCognitoIdentityPool against the emulator: a fetch, another after invalidate, one refused, one without logins", () => {
    const test = testCase()
    return Effect.gen(function*() {
      const open = yield* createPool(true)
      const closed = yield* createPool(false)
      yield* Effect.gen(function*() {
        const credentials = yield* AwsCredentials
        yield* credentials.get
        yield* credentials.get
        yield* credentials.invalidate
        yield* credentials.get
      }).pipe(Effect.provide(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: open })), tagged(test))
      const refused = yield* Effect.flatMap(AwsCredentials, (credentials) => credentials.get).pipe(
        Effect.provide(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: closed })),
        Effect.flip,
        tagged(test)
      )
      expect(yield* series(CREDENTIAL_REFRESHES, test)).toEqual(sorted([
        { labels: { "aws.credentials.source": `identity pool ${open}`, ...test }, value: 2 },
        { labels: { "aws.credentials.source": `identity pool ${closed}`, "error.type": "NotAuthorizedException", ...test }, value: 1 }
      ]))
      // error.type is the typed failure behind the CredentialsError: what the pool answered.
      expect(refused._tag).toBe("CredentialsError")
      expect(refused.cause?._tag).toBe("NotAuthorizedException")

      // A logins effect that fails: its failure arrives as a LoginsError, and that is the error.type.
      const loggedOut = yield* Effect.flatMap(AwsCredentials, (credentials) => credentials.get).pipe(
        Effect.provide(AwsCredentials.fromCognitoIdentityPool({ identityPoolId: open, logins: Effect.fail("signed out" as const) })),
        Effect.flip,
        tagged(test)
      )
      expect(loggedOut.cause?._tag).toBe("LoginsError")
      expect(yield* series(CREDENTIAL_REFRESHES, { ...test, "error.type": "LoginsError" })).toEqual([
        { labels: { "aws.credentials.source": `identity pool ${open}`, "error.type": "LoginsError", ...test }, value: 1 }
      ])
      const stats = (yield* Emulator).stats().operations
      expect(stats["GetCredentialsForIdentity"]?.requests).toBe(2)
    }).pipe(Effect.provide(service))
  })
})
