/** The state file: persistence across two server instances, atomic saves, refusal of bad files. */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { FetchHttpClient } from "@effect/platform"
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { Emulator } from "../../../src/emulator/Emulator.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../../src/index.js"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../../emulator/wire/support.js"

let dir = ""
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "emulator-state-"))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const clientFor = (url: string) =>
  Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1", endpoint: url }).pipe(Layer.provide(FetchHttpClient.layer)),
    AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }),
    RetryPolicy.layerNone
  )

const jwksOf = (url: string) =>
  Effect.promise(() => fetch(`${url}/.well-known/jwks.json`).then((r) => r.json() as Promise<{ keys: Array<{ kid: string }> }>))

describe("state file", () => {
  it.live("the state survives a restart: pools, identities and the token signing key", () =>
    Effect.gen(function*() {
      const statePath = join(dir, "nested", "state.json")
      const first = yield* Effect.scoped(Effect.gen(function*() {
        const served = yield* Emulator.serve({ statePath })
        const layer = clientFor(served.url)
        const pool = yield* CognitoIdentity.createIdentityPool({
          IdentityPoolName: "persisted",
          AllowUnauthenticatedIdentities: true,
          DeveloperProviderName: "login.example.app"
        }).pipe(Effect.provide(layer))
        const token = yield* CognitoIdentity.getOpenIdTokenForDeveloperIdentity({
          IdentityPoolId: pool.IdentityPoolId,
          Logins: { "login.example.app": "dev-user" }
        }).pipe(Effect.provide(layer))
        return { pool, token, jwks: yield* jwksOf(served.url) }
      }))
      const lines = (yield* Effect.promise(() => readFile(statePath, "utf8"))).trimEnd().split("\n")
      const header = JSON.parse(lines[0] ?? "{}") as Record<string, unknown>
      expect(header["format"]).toBe("effect-cognito-identity/emulator-state")
      expect(header["version"]).toBe(2)
      // Every change was appended as a committed batch after the snapshot.
      expect(lines.at(-1)).toMatch(/^\["T",\d+\]$/)
      // No lock and no temporary file is left behind.
      expect(yield* Effect.promise(() => readdir(join(dir, "nested")))).toEqual(["state.json"])

      yield* Effect.scoped(Effect.gen(function*() {
        const served = yield* Emulator.serve({ statePath })
        const layer = clientFor(served.url)
        const pool = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: first.pool.IdentityPoolId }).pipe(Effect.provide(layer))
        expect(pool).toEqual(first.pool)
        const lookup = yield* CognitoIdentity.lookupDeveloperIdentity({
          IdentityPoolId: first.pool.IdentityPoolId,
          DeveloperUserIdentifier: "dev-user"
        }).pipe(Effect.provide(layer))
        expect(lookup.IdentityId).toBe(first.token.IdentityId)
        // Same key: tokens issued before the restart still verify.
        expect(yield* jwksOf(served.url)).toEqual(first.jwks)
        // The developer token of the first run is accepted as a cognito-identity login.
        const credentials = yield* CognitoIdentity.getOpenIdToken({
          IdentityId: first.token.IdentityId ?? "",
          Logins: { "cognito-identity.amazonaws.com": Redacted.value(first.token.Token ?? Redacted.make("")) }
        }).pipe(Effect.provide(layer))
        expect(credentials.IdentityId).toBe(first.token.IdentityId)
      }))
    }))

  it.live("changes are saved shortly after the last mutating call, before close", () =>
    Effect.scoped(Effect.gen(function*() {
      const statePath = join(dir, "state.json")
      const served = yield* Emulator.serve({ statePath, stateFlushMillis: 50 })
      yield* CognitoIdentity.createIdentityPool({ IdentityPoolName: "soon", AllowUnauthenticatedIdentities: false }).pipe(Effect.provide(clientFor(served.url)))
      let text = ""
      for (let i = 0; i < 40 && !text.includes("soon"); i++) {
        yield* Effect.sleep("50 millis")
        text = yield* Effect.promise(() => readFile(statePath, "utf8").catch(() => ""))
      }
      expect(text).toContain("soon")
    })))

  it.live("a missing file starts empty; a seed applies only then", () =>
    Effect.gen(function*() {
      const statePath = join(dir, "seeded.json")
      const count = Effect.scoped(Effect.gen(function*() {
        const served = yield* Emulator.serve({ statePath, seed: { pools: 2, identitiesPerPool: 1 } })
        const pools = yield* CognitoIdentity.listIdentityPools({ MaxResults: 60 }).pipe(Effect.provide(clientFor(served.url)))
        return pools.IdentityPools?.length
      }))
      expect(yield* count).toBe(2)
      expect(yield* count).toBe(2)
    }))

  it.live("a corrupt or foreign file is a typed error at start and is left untouched", () =>
    Effect.gen(function*() {
      const cases = [
        ["{not json", "StateFileError", "is not valid JSON"],
        [JSON.stringify({ hello: "world" }), "StateFileError", "is not an emulator state"],
        [JSON.stringify({ format: "effect-cognito-identity/emulator-state", version: 1, model: { version: 1, data: { nonsense: true } } }), "StateFileError", "cannot be restored"]
      ] as const
      for (const [content, tag, message] of cases) {
        const statePath = join(dir, `${tag}-${content.length}.json`)
        yield* Effect.promise(() => writeFile(statePath, content))
        const error = yield* Effect.scoped(Emulator.serve({ statePath })).pipe(Effect.flip)
        expect(error._tag).toBe(tag)
        expect(error.message).toContain(message)
        expect(yield* Effect.promise(() => readFile(statePath, "utf8"))).toBe(content)
      }
    }))
})
