/**
 * Retries that fit a long job, on TestClock against scripted servers: an export retries a page
 * as long as it takes while anything gets through, gives up after `giveUpAfter` without
 * progress (5 minutes by default) with the last failure, never retries what no retry can
 * change, times out a hung attempt (30 s by default) and retries it, and uses a RetryPolicy the
 * caller provided as it is. Plus the settings read from the environment: RetryPolicy.layerConfig
 * (AWS_MAX_ATTEMPTS, AWS_RETRY_MODE) and the region of CognitoIdentityClient.layerConfig.
 */
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Context, Effect, Exit, Layer, Stream } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { exportIdentities } from "../../src/export/exportIdentities.js"
import { resolveExportRetryPolicy } from "../../src/export/exportRetry.js"
import { CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import type { StandardRetryPolicy } from "../../src/index.js"
import { profileRegion } from "../../src/node/index.js"
import { testCredentials } from "../support/layers.js"
import { makeStandardPolicy } from "../../src/protocol/retry/backoffPolicy.js"
import { makeRecordingHttp } from "../support/RecordingHttp.js"
import type { Responder } from "./support.js"
import { awsError, json, POOL, withTestClock } from "./support.js"

const identity = (n: number) => `us-east-1:${n.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`
const page = (n: number, next?: string) =>
  json({ IdentityPoolId: POOL, Identities: [{ IdentityId: identity(n) }], ...(next === undefined ? {} : { NextToken: next }) })

/** A client over `script` with no RetryPolicy and no attempt timeout of its own: the export decides. */
const bare = (script: Responder, extra: Layer.Layer<never> = Layer.empty) => {
  const http = makeRecordingHttp(script)
  return {
    ...http,
    layer: Layer.mergeAll(CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(http.layer)), testCredentials, extra)
  }
}

const exportAll = exportIdentities({ pools: [POOL] }).pipe(Stream.runCollect, Effect.scoped)

describe("an export's retries", () => {
  it.effect("throttled 20 times in a row (2–3 virtual minutes), a page still gets through (the standard policy stops at 3)", () =>
    Effect.gen(function*() {
      let throttled = 0
      const server = bare(() => (throttled++ < 20 ? awsError("TooManyRequestsException", "Rate exceeded") : page(1)))
      const exit = yield* withTestClock(exportAll.pipe(Effect.provide(server.layer)))
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(server.requests).toHaveLength(21)
      // Adaptive pacing: after the first throttle, requests are spaced out.
      const gaps = server.requests.slice(1).map((r, i) => r.at - (server.requests[i]?.at ?? 0))
      expect(Math.max(...gaps)).toBeGreaterThan(1_000)
      expect(Math.max(...gaps)).toBeLessThanOrEqual(20_000 + 2_000)
    }))

  it.effect("without any progress it gives up after 5 minutes, with the last failure and its attempts", () =>
    Effect.gen(function*() {
      const server = bare(() => awsError("TooManyRequestsException", "Rate exceeded"))
      const exit = yield* withTestClock(exportAll.pipe(Effect.provide(server.layer)), 30 * 60_000)
      expect(Exit.isFailure(exit)).toBe(true)
      const error = Exit.isFailure(exit) && exit.cause._tag === "Fail" ? exit.cause.error : undefined
      expect(error).toMatchObject({ _tag: "TooManyRequestsException" })
      const first = server.requests[0]?.at ?? 0
      const last = server.requests.at(-1)?.at ?? 0
      // The last attempt started before the deadline, and at most one capped wait (20 s) before it.
      expect(last - first).toBeLessThan(5 * 60_000)
      expect(last - first).toBeGreaterThan(5 * 60_000 - 21_000)
      expect(error).toHaveProperty("attempts", server.requests.length)
    }))

  it.effect("the deadline counts time without progress, not the export's length; giveUpAfter is an option", () =>
    Effect.gen(function*() {
      // Each page is throttled for 4 virtual minutes before it gets through: 3 pages, 12 minutes.
      let since: number | undefined
      const server = bare((request) => {
        since ??= request.at
        if (request.at - since < 4 * 60_000) return awsError("TooManyRequestsException", "Rate exceeded")
        since = undefined
        const token = (request.json as { NextToken?: string }).NextToken
        return token === undefined ? page(1, "p2") : token === "p2" ? page(2, "p3") : page(3)
      })
      const ok = yield* withTestClock(exportAll.pipe(Effect.provide(server.layer)), 60 * 60_000)
      expect(Exit.isSuccess(ok)).toBe(true)
      const span = (server.requests.at(-1)?.at ?? 0) - (server.requests[0]?.at ?? 0)
      expect(span).toBeGreaterThan(12 * 60_000)

      const short = bare(() => awsError("TooManyRequestsException", "Rate exceeded"))
      const exit = yield* withTestClock(
        exportIdentities({ pools: [POOL], retry: { giveUpAfter: "30 seconds" } }).pipe(Stream.runDrain, Effect.scoped, Effect.provide(short.layer))
      )
      expect(Exit.isFailure(exit)).toBe(true)
      expect((short.requests.at(-1)?.at ?? 0) - (short.requests[0]?.at ?? 0)).toBeLessThan(30_000)
    }))

  it.effect("a failure no retry can change ends the export at once", () =>
    Effect.gen(function*() {
      const server = bare(() => awsError("ResourceNotFoundException", `IdentityPool '${POOL}' not found.`))
      const exit = yield* withTestClock(exportAll.pipe(Effect.provide(server.layer)))
      expect(exit).toMatchObject({ _tag: "Failure" })
      expect(server.requests).toHaveLength(1)
    }))

  it.effect("a hung attempt times out after 30 s by default and is retried", () =>
    Effect.gen(function*() {
      const server = bare((_, index) => (index === 0 ? "hang" : page(1)))
      const exit = yield* withTestClock(exportAll.pipe(Effect.provide(server.layer)))
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(server.requests).toHaveLength(2)
      expect(server.interrupted.count).toBe(1)
      expect((server.requests[1]?.at ?? 0) - (server.requests[0]?.at ?? 0)).toBeGreaterThanOrEqual(30_000)
    }))

  it.effect("a RetryPolicy the caller provided is used as it is (here: 2 attempts)", () =>
    Effect.gen(function*() {
      const server = bare(() => awsError("TooManyRequestsException", "Rate exceeded"), RetryPolicy.layerStandard({ maxAttempts: 2 }))
      const exit = yield* withTestClock(exportAll.pipe(Effect.provide(server.layer)))
      expect(exit).toMatchObject({ _tag: "Failure" })
      expect(server.requests).toHaveLength(2)
    }))

  it.effect("which policy: the export's (no limit on attempts) unless the caller provided one; `retry` options win", () =>
    Effect.gen(function*() {
      expect((yield* resolveExportRetryPolicy(undefined)).maxAttempts).toBe(Infinity)
      const mine = makeStandardPolicy({ maxAttempts: 4 })
      const provided = yield* resolveExportRetryPolicy(undefined).pipe(Effect.provideService(RetryPolicy, mine))
      expect(provided).toBe(mine)
      const explicit = yield* resolveExportRetryPolicy({ maxAttempts: 7 }).pipe(Effect.provideService(RetryPolicy, mine))
      expect(explicit.maxAttempts).toBe(7)
      // RetryPolicy.layerConfig() with nothing set provides the built-in default: not a choice.
      const fromEmptyConfig = yield* resolveExportRetryPolicy(undefined).pipe(
        Effect.provide(RetryPolicy.layerConfig()),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map()))
      )
      expect(fromEmptyConfig.maxAttempts).toBe(Infinity)
    }))
})

describe("settings from the environment", () => {
  const withEnv = (entries: Record<string, string>) => Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(entries))))
  const policyOf = (entries: Record<string, string>) =>
    Effect.flatMap(RetryPolicy, (policy) => Effect.succeed(policy)).pipe(Effect.provide(RetryPolicy.layerConfig()), withEnv(entries))

  it.effect("RetryPolicy.layerConfig: AWS_MAX_ATTEMPTS and AWS_RETRY_MODE, the default when unset, an error when invalid", () =>
    Effect.gen(function*() {
      expect(yield* policyOf({})).toBe(Context.get(Context.empty(), RetryPolicy))
      const five = (yield* policyOf({ AWS_MAX_ATTEMPTS: "5" })) as StandardRetryPolicy
      expect(five).toMatchObject({ maxAttempts: 5, mode: "standard" })
      expect(yield* policyOf({ AWS_RETRY_MODE: "adaptive" })).toMatchObject({ maxAttempts: 3, mode: "adaptive" })
      expect(yield* policyOf({ AWS_RETRY_MODE: "legacy", AWS_MAX_ATTEMPTS: "2" })).toMatchObject({ maxAttempts: 2, mode: "standard" })
      for (const bad of [{ AWS_MAX_ATTEMPTS: "0" }, { AWS_MAX_ATTEMPTS: "2.5" }, { AWS_RETRY_MODE: "fast" }]) {
        const error = yield* Effect.flip(policyOf(bad))
        expect(String(error)).toContain(Object.keys(bad)[0])
      }
    }))

  const regionOf = (entries: Record<string, string>, layer = CognitoIdentityClient.layerConfig()) =>
    Effect.map(CognitoIdentityClient, (client) => client.region).pipe(
      Effect.provide(layer.pipe(Layer.provide(makeRecordingHttp(() => json({})).layer))),
      withEnv(entries)
    )

  it.effect("CognitoIdentityClient.layerConfig: AWS_REGION, else AWS_DEFAULT_REGION, else the profile's region", () =>
    Effect.gen(function*() {
      expect(yield* regionOf({ AWS_DEFAULT_REGION: "eu-west-1" })).toBe("eu-west-1")
      expect(yield* regionOf({ AWS_REGION: "us-east-2", AWS_DEFAULT_REGION: "eu-west-1" })).toBe("us-east-2")
      expect(yield* regionOf({ AWS_REGION: "", AWS_DEFAULT_REGION: "eu-west-1" })).toBe("eu-west-1")
      expect(yield* regionOf({})).toBeUndefined()

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "profile-region-"))
      const config = path.join(dir, "config")
      fs.writeFileSync(config, "[default]\nregion = ap-south-1\n\n[profile work]\nregion = eu-central-1\n")
      const files = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "none") }
      const withProfile = (profile?: string) =>
        CognitoIdentityClient.layerConfig().pipe(Layer.provide(profileRegion(profile === undefined ? {} : { profile })))
      expect(yield* regionOf(files, withProfile())).toBe("ap-south-1")
      expect(yield* regionOf({ ...files, AWS_PROFILE: "work" }, withProfile())).toBe("eu-central-1")
      expect(yield* regionOf(files, withProfile("work"))).toBe("eu-central-1")
      expect(yield* regionOf({ ...files, AWS_DEFAULT_REGION: "us-west-2" }, withProfile("work"))).toBe("us-west-2")
      expect(yield* regionOf(files, withProfile("absent"))).toBeUndefined()
    }))
})
