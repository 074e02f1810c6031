/**
 * The state file's journal against its own oracle: a model reloaded from the file must be the
 * live model, exactly (`snapshot()` compares every pool, identity, link, flag, date, sequence
 * counter, credential and the JWT key). Random sequences of every mutating operation run while
 * flushes and snapshots (compactions) happen between calls, so a mutation the model forgets to
 * report, a record applied in the wrong order, or a batch a snapshot drops would all show here.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Either } from "effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { EmulatedServiceModel } from "../../src/emulator/makeServiceModel.js"
import { prng } from "../../src/emulator/model/seed.js"
import type { StateFileOptions } from "../../src/emulator/stateFile.js"
import { openStateFile } from "../../src/emulator/stateFile.js"
import {
  AUTH_ROLE,
  call,
  DEVELOPER,
  JWT,
  poolWire,
  sequentialIds,
  signed,
  UNAUTH_ROLE,
  unsigned
} from "./model/support.js"

let dir = ""
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "state-journal-"))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const FACEBOOK = "graph.facebook.com"

const options = (overrides: Partial<StateFileOptions> = {}): StateFileOptions => ({
  jwt: JWT,
  randomId: sequentialIds(),
  poolQuota: 1000,
  flushMillis: 2,
  compactMinBytes: 0,
  ...overrides
})

/**
 * One random call of a mutating operation (or a read), on pools and identities made so far.
 * Failures are expected and fine: a call that fails must change nothing, which the comparison
 * checks too.
 */
const randomCaller = (seed: number) => {
  const draw = prng(seed)
  const pick = <A>(items: ReadonlyArray<A>): A | undefined => items[Math.floor(draw() * items.length)]
  const pools: Array<string> = []
  const identities: Array<string> = []
  const small = () => String(Math.floor(draw() * 12))
  const arnOf = (pool: string) => `arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${pool}`
  const remember = (result: Either.Either<{ readonly IdentityId?: string | undefined }, unknown>) => {
    if (Either.isRight(result) && result.right.IdentityId !== undefined) identities.push(result.right.IdentityId)
  }
  return (model: EmulatedServiceModel): void => {
    const pool = pick(pools)
    const identity = pick(identities)
    const choice = pools.length === 0 ? 0 : Math.floor(draw() * 17)
    switch (choice) {
      case 0: {
        const created = call(model, "CreateIdentityPool", poolWire({ IdentityPoolName: `pool${small()}`, IdentityPoolTags: { a: small() } }))
        if (Either.isRight(created)) pools.push(created.right.IdentityPoolId)
        return
      }
      case 1:
      case 2:
        return remember(call(model, "GetId", { IdentityPoolId: pool }, unsigned()))
      case 3:
        return remember(call(model, "GetId", { IdentityPoolId: pool, Logins: { [FACEBOOK]: `fb-${small()}` } }, unsigned()))
      case 4:
        if (identity === undefined) return
        return remember(call(model, "GetOpenIdToken", { IdentityId: identity, Logins: { [FACEBOOK]: `fb-${small()}` } }, unsigned()))
      case 5:
        if (identity === undefined) return
        return remember(call(model, "GetCredentialsForIdentity", { IdentityId: identity }, unsigned()))
      case 6:
        return remember(call(model, "GetOpenIdTokenForDeveloperIdentity", {
          IdentityPoolId: pool,
          Logins: { [DEVELOPER]: `dev-${small()}` },
          ...(identity !== undefined && draw() < 0.3 ? { IdentityId: identity } : {})
        }))
      case 7:
        return remember(call(model, "MergeDeveloperIdentities", {
          IdentityPoolId: pool,
          DeveloperProviderName: DEVELOPER,
          SourceUserIdentifier: `dev-${small()}`,
          DestinationUserIdentifier: `dev-${small()}`
        }))
      case 8:
        if (identity === undefined) return
        call(model, "UnlinkDeveloperIdentity", {
          IdentityPoolId: pool,
          IdentityId: identity,
          DeveloperProviderName: DEVELOPER,
          DeveloperUserIdentifier: `dev-${small()}`
        })
        return
      case 9: {
        if (identity === undefined) return
        const user = `fb-${small()}`
        call(model, "UnlinkIdentity", { IdentityId: identity, Logins: { [FACEBOOK]: user }, LoginsToRemove: [FACEBOOK] }, unsigned())
        return
      }
      case 10:
        if (identity === undefined) return
        call(model, "DeleteIdentities", { IdentityIdsToDelete: [identity, pick(identities) ?? identity] })
        return
      case 11:
        if (draw() < 0.3) call(model, "DeleteIdentityPool", { IdentityPoolId: pool })
        return
      case 12:
        call(model, "UpdateIdentityPool", { IdentityPoolId: pool, ...poolWire({ IdentityPoolName: `renamed${small()}`, AllowUnauthenticatedIdentities: draw() < 0.8 }) })
        return
      case 13:
        call(model, "SetIdentityPoolRoles", { IdentityPoolId: pool, Roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE } })
        return
      case 14:
        if (pool === undefined) return
        call(model, "TagResource", { ResourceArn: arnOf(pool), Tags: { [`k${small()}`]: small() } })
        return
      case 15:
        if (pool === undefined) return
        call(model, "UntagResource", { ResourceArn: arnOf(pool), TagKeys: [`k${small()}`, "a"] })
        return
      default:
        call(model, "SetPrincipalTagAttributeMap", { IdentityPoolId: pool, IdentityProviderName: FACEBOOK, PrincipalTags: { u: small() } })
    }
  }
}

const reload = (path: string, overrides: Partial<StateFileOptions> = {}) =>
  Effect.runPromise(
    Effect.scoped(Effect.map(openStateFile(path, options({ jwt: undefined, ...overrides })), (file) => file.model.snapshot()))
  )

describe("state file journal", () => {
  it("replays the journal alone to exactly the live model (every change is reported)", async () => {
    for (const seed of [1, 2, 3]) {
      const path = join(dir, `journal-${seed}.ndjson`)
      const step = randomCaller(seed)
      const live = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
        // No compaction: everything after the empty first snapshot comes from the journal.
        const file = yield* openStateFile(path, options({ compactMinBytes: 1024 * 1024 * 1024 }))
        const draw = prng(seed * 31)
        for (let i = 0; i < 1500; i++) {
          step(file.model)
          if (draw() < 0.1) yield* Effect.sleep(`${Math.floor(draw() * 4)} millis`)
        }
        expect(file.stats()).toMatchObject({ snapshots: 1 })
        expect(file.stats().flushes).toBeGreaterThan(10)
        return file.model.snapshot()
      })))
      expect(await reload(path, { compactMinBytes: 1024 * 1024 * 1024 }), `seed ${seed}`).toEqual(live)
    }
  })

  it("replays to exactly the live model through snapshots taken while calls keep changing it", async () => {
    for (const seed of [1, 2, 3, 4]) {
      const path = join(dir, `state-${seed}.ndjson`)
      const step = randomCaller(seed)
      const live = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
        const file = yield* openStateFile(path, options())
        const draw = prng(seed * 7919)
        for (let i = 0; i < 1500; i++) {
          step(file.model)
          // Snapshots started mid-sequence: calls keep changing the model between their slices.
          if (i % 211 === 0) yield* Effect.forkDaemon(file.snapshot)
          if (draw() < 0.15) yield* Effect.sleep(`${Math.floor(draw() * 4)} millis`)
        }
        const stats = file.stats()
        expect(stats.flushes).toBeGreaterThan(10)
        expect(stats.snapshots).toBeGreaterThan(2)
        return file.model.snapshot()
      })))
      expect(await reload(path, { compactMinBytes: 1024 * 1024 * 1024 }), `seed ${seed}`).toEqual(live)
    }
  })

  it("holds a seeded state written as a snapshot, then the calls made on it", async () => {
    const path = join(dir, "seeded.ndjson")
    const live = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const file = yield* openStateFile(path, options({
        compactMinBytes: 1024 * 1024,
        initialize: (model) => model.seed({ accountId: "123456789012", region: "us-east-1", pools: 2, identitiesPerPool: 2_500, now: new Date() })
      }))
      expect(file.loaded).toBe(false)
      const step = randomCaller(99)
      for (let i = 0; i < 300; i++) step(file.model)
      return file.model.snapshot()
    })))
    expect(await reload(path)).toEqual(live)
  })

  it("discards a batch torn by a crash and cuts it off the file", async () => {
    const path = join(dir, "torn.ndjson")
    const live = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const file = yield* openStateFile(path, options({ compactMinBytes: 1024 * 1024 }))
      const step = randomCaller(5)
      for (let i = 0; i < 200; i++) step(file.model)
      return file.model.snapshot()
    })))
    const complete = statSync(path).size
    // A batch whose commit line never made it, then half a line.
    appendFileSync(path, `["P",{"id":"us-east-1:00000000-0000-4000-8000-00000000ffff"}]\n["I","us-east-1:x",[["us-east-1:y",1,`)
    // No compaction at start, so that the cut is what remains.
    expect(await reload(path, { compactMinBytes: 1024 * 1024 })).toEqual(live)
    expect(statSync(path).size).toBe(complete)
  })

  it("refuses a damaged line, naming it, and leaves the file alone", async () => {
    const path = join(dir, "damaged.ndjson")
    await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const file = yield* openStateFile(path, options({ compactMinBytes: 1024 * 1024 }))
      const step = randomCaller(6)
      for (let i = 0; i < 50; i++) step(file.model)
    })))
    const lines = readFileSync(path, "utf8").split("\n")
    lines[2] = "{this is not a record"
    writeFileSync(path, lines.join("\n"))
    const before = readFileSync(path, "utf8")
    const error = await Effect.runPromise(Effect.flip(Effect.scoped(openStateFile(path, options()))))
    expect(error._tag).toBe("StateFileError")
    expect(error.message).toContain("is damaged at line 3")
    expect(readFileSync(path, "utf8")).toBe(before)
  })

  it("removes FILE.tmp-PID leftovers and a stale lock at start, and refuses a file locked by a live process", async () => {
    const path = join(dir, "state.ndjson")
    writeFileSync(`${path}.tmp-12345`, "half a snapshot")
    writeFileSync(`${path}.tmp-999999999`, "")
    // A pid that cannot exist: the lock of an emulator killed with -9.
    writeFileSync(`${path}.lock`, "2147483647\n")
    writeFileSync(join(dir, "state.ndjson.tmp-notapid"), "not ours")
    await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      yield* openStateFile(path, options())
      expect(readdirSync(dir).sort()).toEqual(["state.ndjson", "state.ndjson.lock", "state.ndjson.tmp-notapid"])
      // Held by this process: a second emulator on the same file is refused.
      const error = yield* Effect.flip(Effect.scoped(openStateFile(path, options())))
      expect(error.message).toContain(`is in use by process`)
    })))
    expect(readdirSync(dir).sort()).toEqual(["state.ndjson", "state.ndjson.tmp-notapid"])
    // pid 1 is always alive.
    writeFileSync(`${path}.lock`, "1\n")
    const error = await Effect.runPromise(Effect.flip(Effect.scoped(openStateFile(path, options()))))
    expect(error.message).toBe(`the emulator state file ${path} is in use by process 1 (delete ${path}.lock if no emulator is running)`)
  })

  it("refuses at start a path it cannot write", async () => {
    const file = join(dir, "a-file")
    writeFileSync(file, "")
    const error = await Effect.runPromise(Effect.flip(Effect.scoped(openStateFile(join(file, "state.ndjson"), options()))))
    expect(error._tag).toBe("StateFileError")
    expect(error.message).toMatch(/^cannot create the directory of the emulator state file .*: ENOTDIR|EEXIST/)
  })

  it("a flush writes the change, not the model: one GetId on 100,000 identities appends one short batch", async () => {
    const path = join(dir, "big.ndjson")
    await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const file = yield* openStateFile(path, options({
        flushMillis: 10_000,
        initialize: (model) => model.seed({ accountId: "123456789012", region: "us-east-1", pools: 1, identitiesPerPool: 100_000, now: new Date() })
      }))
      const snapshotSize = statSync(path).size
      expect(snapshotSize).toBeGreaterThan(5_000_000)
      const pool = call(file.model, "ListIdentityPools", { MaxResults: 1 }, signed())
      const poolId = Either.isRight(pool) ? pool.right.IdentityPools?.[0]?.IdentityPoolId : undefined
      expect(call(file.model, "GetId", { IdentityPoolId: poolId }, unsigned())._tag).toBe("Right")
      yield* file.flush
      const grown = statSync(path).size - snapshotSize
      expect(file.stats()).toMatchObject({ flushes: 1, records: 1, bytes: grown })
      expect(grown).toBeLessThan(200)
    })))
  })

  it("a snapshot in progress when the emulator closes is finished, not lost", async () => {
    const path = join(dir, "closing.ndjson")
    const live = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const file = yield* openStateFile(path, options({ compactMinBytes: 1024 * 1024 * 1024 }))
      // A seed is written by a snapshot in the background; the scope closes right after it starts.
      file.model.seed({ accountId: "123456789012", region: "us-east-1", pools: 1, identitiesPerPool: 20_000, now: new Date() })
      return file.model.snapshot()
    })))
    expect(await reload(path)).toEqual(live)
  })
})
