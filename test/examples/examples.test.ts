/**
 * The README's examples (examples/*.ts), run as written against the in-process emulator:
 * only the layers change, which is the point of the design.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Emulator } from "effect-cognito-identity/emulator"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient } from "effect-cognito-identity"
import { guestIdentity, poolName } from "../../examples/errorHandling.js"
import { exportAll, providerCounts } from "../../examples/exportToFile.js"
import { program } from "../../examples/quickstart.js"

/** What the README's "test with the emulator" section shows. */
const EmulatorLayer = (options: Parameters<typeof Emulator.layer>[0] = {}) => {
  const emulator = Emulator.layer(options)
  return Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(emulator)),
    AwsCredentials.static({
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    }),
    emulator
  )
}

const newPool = (allowGuests: boolean) =>
  Effect.map(
    CognitoIdentity.createIdentityPool({ IdentityPoolName: "example", AllowUnauthenticatedIdentities: allowGuests }),
    (pool) => pool.IdentityPoolId
  )

describe("README examples", () => {
  it.live("quick start: GetId unsigned, DescribeIdentityPool signed", () =>
    Effect.gen(function*() {
      const poolId = yield* newPool(true)
      const result = yield* program(poolId)
      expect(result.poolName).toBe("example")
      expect(result.identityId).toMatch(/^us-east-1:/)
    }).pipe(Effect.provide(EmulatorLayer())))

  it.live("error handling: catchTag and catchTags", () =>
    Effect.gen(function*() {
      expect(yield* poolName("us-east-1:00000000-0000-4000-8000-000000000000")).toBeUndefined()
      const closed = yield* newPool(false)
      expect(yield* guestIdentity(closed)).toEqual({
        _tag: "Refused",
        reason: "Unauthenticated access is not supported for this identity pool."
      })
      expect(yield* guestIdentity("not a pool id")).toMatchObject({ _tag: "Refused" })
      expect((yield* guestIdentity(yield* newPool(true)))._tag).toBe("Guest")
    }).pipe(Effect.provide(EmulatorLayer())))

  it.live("exports: a streamed fold and a resumable file export", () =>
    Effect.gen(function*() {
      const counts = yield* providerCounts
      const total = [...counts.values()].reduce((a, b) => a + b, 0)
      expect(total).toBeGreaterThanOrEqual(600)
      const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "example-")), "identities.ndjson")
      const summary = yield* exportAll(output)
      expect(summary.totalRecords).toBe(600)
      expect(fs.readFileSync(output, "utf8").trim().split("\n")).toHaveLength(600)
      expect(fs.existsSync(`${output}.checkpoint`)).toBe(false)
    }).pipe(Effect.provide(EmulatorLayer({ seed: { pools: 2, identitiesPerPool: 300 } }))))
})
