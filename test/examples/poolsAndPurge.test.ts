/**
 * The README's safe-update and clean-up examples (examples/safePoolUpdate.ts,
 * examples/purgeGuests.ts), run as written against the in-process emulator.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Emulator } from "effect-cognito-identity/emulator"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient } from "effect-cognito-identity"
import { deletePlanned, planStaleGuests } from "../../examples/purgeGuests.js"
import { addGoogle, closeToGuests } from "../../examples/safePoolUpdate.js"
import { ledgerModel, modelIdentities, seedMix } from "../purge/support.js"

const layerOver = (emulator: ReturnType<typeof Emulator.layer>) =>
  Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(emulator)),
    AwsCredentials.static({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }),
    emulator
  )

describe("README examples: safe updates and clean-up", () => {
  it.live("closeToGuests and addGoogle keep everything else", () =>
    Effect.gen(function*() {
      const pool = yield* CognitoIdentity.createIdentityPool({
        IdentityPoolName: "example",
        AllowUnauthenticatedIdentities: true,
        SupportedLoginProviders: { "graph.facebook.com": "1234567890" },
        IdentityPoolTags: { team: "identity" }
      })
      yield* closeToGuests(pool.IdentityPoolId)
      const result = yield* addGoogle(pool.IdentityPoolId, "app.apps.googleusercontent.com")
      expect(result.changes.map((c) => c.field)).toEqual(["SupportedLoginProviders"])
      expect(yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool.IdentityPoolId })).toEqual({
        ...pool,
        AllowUnauthenticatedIdentities: false,
        SupportedLoginProviders: { "graph.facebook.com": "1234567890", "accounts.google.com": "app.apps.googleusercontent.com" }
      })
    }).pipe(Effect.provide(layerOver(Emulator.layer()))))

  it.live("planStaleGuests then deletePlanned: exactly the old guests are gone", () => {
    const { ledger, model } = ledgerModel()
    seedMix(model, 200)
    const stale = modelIdentities(model).filter((i) => i.logins === 0 && i.modified < Date.now() - 90 * 86_400_000)
    const plan = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "example-purge-")), "plan.ndjson")
    return Effect.gen(function*() {
      const planned = yield* planStaleGuests(plan)
      expect(planned.selected).toBe(stale.length)
      expect(ledger.requests).toEqual([])
      const summary = yield* deletePlanned(plan)
      expect(summary).toMatchObject({ planned: stale.length, deleted: stale.length, failed: 0 })
      expect([...ledger.deleted.keys()].sort()).toEqual(stale.map((i) => i.id).sort())
      expect(fs.existsSync(`${plan}.checkpoint`)).toBe(false)
    }).pipe(Effect.provide(layerOver(Emulator.layer({ model }))))
  })
})
