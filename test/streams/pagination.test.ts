import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Stream, TestClock } from "effect"
import { CognitoIdentity } from "../../src/index.js"
import type { RecordedRequest } from "../support/RecordingHttp.js"
import { awsError, json } from "../support/RecordingHttp.js"
import { recordingClient } from "../support/layers.js"
import { POOL } from "../support/operationCases.js"

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `us-east-1:${i.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`)

/** A paginated ListIdentities server over `all`, with tokens "t<offset>". */
const listServer = (all: ReadonlyArray<string>) => (request: RecordedRequest) => {
  const body = request.json as { MaxResults: number; NextToken?: string }
  const start = body.NextToken === undefined ? 0 : Number(body.NextToken.slice(1))
  const end = Math.min(all.length, start + body.MaxResults)
  return json({
    IdentityPoolId: POOL,
    Identities: all.slice(start, end).map((IdentityId) => ({ IdentityId, CreationDate: 1, LastModifiedDate: 2 })),
    ...(end < all.length ? { NextToken: `t${end}` } : {})
  })
}

describe("pagination streams", () => {
  for (const size of [0, 1, 59, 60, 61, 120, 180, 181]) {
    it.effect(`ListIdentities: ${size} identities, each exactly once, pages of 60`, () =>
      Effect.gen(function*() {
        const all = ids(size)
        const { layer, requests } = recordingClient(listServer(all))
        const seen = yield* CognitoIdentity.listIdentitiesStream({ IdentityPoolId: POOL }).pipe(
          Stream.map((identity) => identity.IdentityId),
          Stream.runCollect,
          Effect.provide(layer)
        )
        expect(Chunk.toReadonlyArray(seen)).toEqual(all)
        expect(requests).toHaveLength(Math.max(1, Math.ceil(size / 60)))
        expect(requests.every((r) => (r.json as { MaxResults: number }).MaxResults === 60)).toBe(true)
      }))
  }

  it.effect("the caller's MaxResults and HideDisabled are sent", () =>
    Effect.gen(function*() {
      const { layer, requests } = recordingClient(listServer(ids(25)))
      const pages = yield* CognitoIdentity.listIdentitiesPages({ IdentityPoolId: POOL, MaxResults: 10, HideDisabled: true })
        .pipe(Stream.runCollect, Effect.provide(layer))
      expect(Chunk.size(pages)).toBe(3)
      expect(requests.map((r) => r.json)).toEqual([
        { IdentityPoolId: POOL, MaxResults: 10, HideDisabled: true },
        { IdentityPoolId: POOL, MaxResults: 10, HideDisabled: true, NextToken: "t10" },
        { IdentityPoolId: POOL, MaxResults: 10, HideDisabled: true, NextToken: "t20" }
      ])
    }))

  it.effect("resumes from a starting NextToken", () =>
    Effect.gen(function*() {
      const all = ids(150)
      const { layer } = recordingClient(listServer(all))
      const seen = yield* CognitoIdentity.listIdentitiesStream({ IdentityPoolId: POOL, NextToken: "t120" }).pipe(
        Stream.map((identity) => identity.IdentityId),
        Stream.runCollect,
        Effect.provide(layer)
      )
      expect(Chunk.toReadonlyArray(seen)).toEqual(all.slice(120))
    }))

  it.effect("prefetches one page ahead, no more, and sends nothing after the consumer stops", () =>
    Effect.gen(function*() {
      const { layer, requests } = recordingClient(listServer(ids(600)))
      const firstTwoPages = yield* CognitoIdentity.listIdentitiesPages({ IdentityPoolId: POOL }).pipe(
        Stream.take(2),
        Stream.runCollect,
        Effect.provide(layer)
      )
      expect(Chunk.size(firstTwoPages)).toBe(2)
      // Page 3 was requested while page 2 was consumed; page 4 never was.
      expect(requests.length).toBeLessThanOrEqual(3)
      const sentAtStop = requests.length
      yield* TestClock.adjust("1 minute")
      expect(requests.length).toBe(sentAtStop)
    }))

  it.effect("without prefetch, take(2) items of a 3-item first page sends one request", () =>
    Effect.gen(function*() {
      const { layer, requests } = recordingClient(listServer(ids(9)))
      yield* CognitoIdentity.listIdentitiesStream({ IdentityPoolId: POOL, MaxResults: 3 }, { prefetch: false }).pipe(
        Stream.take(2),
        Stream.runDrain,
        Effect.provide(layer)
      )
      expect(requests).toHaveLength(1)
    }))

  it.effect("a consumer slower than the service holds at most one page in advance", () =>
    Effect.gen(function*() {
      const { layer, requests } = recordingClient(listServer(ids(600)))
      const fiber = yield* CognitoIdentity.listIdentitiesPages({ IdentityPoolId: POOL }).pipe(
        Stream.mapEffect((page) => Effect.as(Effect.sleep("1 second"), page)),
        Stream.runDrain,
        Effect.provide(layer),
        Effect.fork
      )
      yield* TestClock.adjust("500 millis")
      // Consuming page 1 (asleep): page 2 fetched, page 3 not yet.
      expect(requests).toHaveLength(2)
      yield* TestClock.adjust("1 second")
      expect(requests).toHaveLength(3)
      yield* Fiber.interrupt(fiber)
    }))

  it.effect("a failing page surfaces the operation's typed error", () =>
    Effect.gen(function*() {
      const all = ids(130)
      const server = listServer(all)
      const { layer } = recordingClient((request, index) =>
        index === 1 ? awsError("ResourceNotFoundException", `IdentityPool '${POOL}' not found.`) : server(request)
      )
      const error = yield* CognitoIdentity.listIdentitiesStream({ IdentityPoolId: POOL }).pipe(
        Stream.runDrain,
        Effect.flip,
        Effect.provide(layer)
      )
      expect(error).toMatchObject({ _tag: "ResourceNotFoundException", status: 400 })
    }))

  it.effect("ListIdentityPools and LookupDeveloperIdentity stream their items", () =>
    Effect.gen(function*() {
      const pools = ids(70)
      const users = Array.from({ length: 65 }, (_, i) => `user-${i}`)
      const { layer } = recordingClient((request) => {
        const body = request.json as { MaxResults: number; NextToken?: string }
        const start = body.NextToken === undefined ? 0 : Number(body.NextToken)
        const end = start + body.MaxResults
        const next = (n: number) => (end < n ? { NextToken: String(end) } : {})
        return request.headers["x-amz-target"]?.endsWith("ListIdentityPools")
          ? json({
            IdentityPools: pools.slice(start, end).map((IdentityPoolId) => ({ IdentityPoolId, IdentityPoolName: "p" })),
            ...next(pools.length)
          })
          : json({ IdentityId: pools[0], DeveloperUserIdentifierList: users.slice(start, end), ...next(users.length) })
      })
      const listed = yield* CognitoIdentity.listIdentityPoolsStream().pipe(
        Stream.map((p) => p.IdentityPoolId),
        Stream.runCollect,
        Effect.provide(layer)
      )
      expect(Chunk.toReadonlyArray(listed)).toEqual(pools)
      const found = yield* CognitoIdentity.lookupDeveloperIdentityStream({ IdentityPoolId: POOL, IdentityId: pools[0] })
        .pipe(Stream.runCollect, Effect.provide(layer))
      expect(Chunk.toReadonlyArray(found)).toEqual(users)
    }))
})
