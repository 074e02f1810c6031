/**
 * Servers that break the pagination contract: a NextToken that comes back (the same again, or a
 * cycle through several, with items or with empty pages), a page of another pool: every
 * paginated stream and the export end with a typed `PaginationError` after a handful of
 * requests, without passing on a repeated item. A page larger than MaxResults is a warning.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Logger, Stream } from "effect"
import type { Scope } from "effect"
import { exportIdentities } from "../../src/export/exportIdentities.js"
import { makeTokenHistory } from "../../src/protocol/tokenHistory.js"
import { CognitoIdentity } from "../../src/index.js"
import type { OperationRequirements } from "../../src/index.js"
import type { RecordedRequest } from "../support/RecordingHttp.js"
import { json } from "../support/RecordingHttp.js"
import { recordingClient } from "../support/layers.js"
import { POOL } from "../support/operationCases.js"

const identity = (n: number) => `us-east-1:${n.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`

/** Which token each page hands out next, by the token it was asked with ("" for the first page). */
type Tokens = Readonly<Record<string, string | undefined>>

const loop: Tokens = { "": "a", a: "a" }
const cycle: Tokens = { "": "a", a: "b", b: "c", c: "a" }

/** A server answering all three paginated operations from `tokens`, `perPage` items a page. */
const server = (tokens: Tokens, perPage: number) => (request: RecordedRequest) => {
  const body = request.json as { NextToken?: string }
  const next = tokens[body.NextToken ?? ""]
  const items = Array.from({ length: perPage }, (_, i) => identity(i + 1000 * Object.keys(tokens).indexOf(body.NextToken ?? "")))
  const target = request.headers["x-amz-target"] ?? ""
  const token = next === undefined ? {} : { NextToken: next }
  if (target.endsWith("ListIdentityPools")) {
    return json({ IdentityPools: items.map((IdentityPoolId) => ({ IdentityPoolId, IdentityPoolName: "p" })), ...token })
  }
  if (target.endsWith("LookupDeveloperIdentity")) {
    return json({ IdentityId: identity(0), DeveloperUserIdentifierList: items.map((id) => `user-${id}`), ...token })
  }
  return json({ IdentityPoolId: POOL, Identities: items.map((IdentityId) => ({ IdentityId })), ...token })
}

type AnyStream = Stream.Stream<unknown, unknown, OperationRequirements<"sigv4"> | Scope.Scope>

const streams: ReadonlyArray<readonly [string, () => AnyStream]> = [
  ["listIdentitiesStream", () => CognitoIdentity.listIdentitiesStream({ IdentityPoolId: POOL })],
  ["listIdentityPoolsStream", () => CognitoIdentity.listIdentityPoolsStream()],
  ["lookupDeveloperIdentityStream", () => CognitoIdentity.lookupDeveloperIdentityStream({ IdentityPoolId: POOL, IdentityId: identity(0) })],
  ["exportIdentities (one pool)", () => exportIdentities({ pools: [POOL] })],
  ["exportIdentities (all pools)", () => exportIdentities({ pools: "all" })]
]

const servers = [
  // name, tokens, items per page, requests made before the error (the repeat is never requested)
  ["token loop", loop, 3, 2],
  ["token cycle", cycle, 3, 4],
  ["empty-page loop", loop, 0, 2],
  ["empty-page cycle", cycle, 0, 4]
] as const

describe("pagination that cannot loop", () => {
  for (const [serverName, tokens, perPage, requestsBeforeError] of servers) {
    for (const [streamName, make] of streams) {
      it.effect(`${serverName}: ${streamName} ends with PaginationError (RepeatedToken), no item twice`, () =>
        Effect.gen(function*() {
          const { layer, requests } = recordingClient(server(tokens, perPage))
          const seen: Array<unknown> = []
          const error = yield* make().pipe(
            Stream.runForEach((item) => Effect.sync(() => seen.push(item))),
            Effect.scoped,
            Effect.flip,
            Effect.provide(layer)
          )
          expect(error).toMatchObject({
            _tag: "PaginationError",
            reason: "RepeatedToken",
            message: expect.stringMatching(/NextToken this listing already followed/)
          })
          // "All pools" lists the pools first: that listing loops before any identity is asked for.
          expect(requests.length).toBe(requestsBeforeError)
          expect(new Set(seen.map((item) => JSON.stringify(item))).size).toBe(seen.length)
        }))
    }
  }

  it.effect("a page with more items than MaxResults is passed on with one warning per listing (moto ignores MaxResults)", () =>
    Effect.gen(function*() {
      const warnings: Array<string> = []
      const logger = Logger.make(({ logLevel, message }) => {
        if (logLevel._tag === "Warning") warnings.push(String(message))
      })
      const { layer } = recordingClient(server({ "": "a", a: undefined }, 61))
      const pages = yield* CognitoIdentity.listIdentitiesPages({ IdentityPoolId: POOL }).pipe(
        Stream.runCollect,
        Effect.provide(layer),
        Effect.provide(Logger.replace(Logger.defaultLogger, logger))
      )
      expect(Chunk.size(pages)).toBe(2)
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain("ListIdentities: page 1 holds 61 items, more than MaxResults 60")
    }))

  it.effect("a page of another pool is a PaginationError (ForeignItems), in the stream and the export", () =>
    Effect.gen(function*() {
      const other = "us-east-1:99999999-0000-4000-8000-000000000000"
      const { layer } = recordingClient(() => json({ IdentityPoolId: other, Identities: [{ IdentityId: identity(1) }] }))
      const streamed = yield* CognitoIdentity.listIdentitiesStream({ IdentityPoolId: POOL }).pipe(
        Stream.runCollect,
        Effect.flip,
        Effect.provide(layer)
      )
      expect(streamed).toMatchObject({ _tag: "PaginationError", reason: "ForeignItems" })
      expect(streamed.message).toContain(`lists IdentityPoolId ${other}, not ${POOL}`)
      const exported = yield* exportIdentities({ pools: [POOL] }).pipe(Stream.runCollect, Effect.scoped, Effect.flip, Effect.provide(layer))
      expect(exported).toMatchObject({ _tag: "PaginationError", reason: "ForeignItems" })
    }))

  it.effect("a resumed listing that is handed its starting token again stops at once", () =>
    Effect.gen(function*() {
      const { layer, requests } = recordingClient(server({ "": "a", a: "a" }, 2))
      const error = yield* CognitoIdentity.listIdentitiesStream({ IdentityPoolId: POOL, NextToken: "a" }).pipe(
        Stream.runCollect,
        Effect.flip,
        Effect.provide(layer)
      )
      expect(error).toMatchObject({ _tag: "PaginationError", reason: "RepeatedToken", pages: 1 })
      expect(requests).toHaveLength(1)
    }))

  it.effect("distinct tokens, however many, are followed to the end", () =>
    Effect.gen(function*() {
      // 200 pages of one item with fresh tokens: beyond the exact window of recent tokens (64).
      const tokens: Record<string, string | undefined> = { "": "t1" }
      for (let i = 1; i < 200; i++) tokens[`t${i}`] = i === 199 ? undefined : `t${i + 1}`
      const { layer } = recordingClient(server(tokens, 1))
      const all = yield* CognitoIdentity.listIdentitiesStream({ IdentityPoolId: POOL, MaxResults: 1 }).pipe(
        Stream.runCollect,
        Effect.provide(layer)
      )
      expect(Chunk.size(all)).toBe(200)
    }))
})

describe("token history (constant memory)", () => {
  it("finds every cycle, short or long, within twice its length of its start, and never a false repeat", () => {
    for (const [lead, length] of [[0, 1], [0, 2], [5, 3], [10, 64], [3, 65], [100, 300], [1000, 1500]] as const) {
      const history = makeTokenHistory()
      const token = (i: number) => (i < lead ? `lead-${i}` : `cycle-${(i - lead) % length}`)
      let step = 0
      for (; step < lead + 4 * length + 10; step++) {
        const t = token(step)
        if (history.repeats(t)) break
        history.add(t)
      }
      // Detected, only once the cycle has come round, and soon after.
      expect(step, `lead ${lead}, cycle ${length}`).toBeGreaterThanOrEqual(lead + length)
      expect(step, `lead ${lead}, cycle ${length}`).toBeLessThanOrEqual(lead + 3 * length + 2)
    }
    const fresh = makeTokenHistory()
    let falseRepeats = 0
    for (let i = 0; i < 100_000; i++) {
      if (fresh.repeats(`t${i}`)) falseRepeats += 1
      fresh.add(`t${i}`)
    }
    expect(falseRepeats).toBe(0)
  })
})
