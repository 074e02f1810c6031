import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { CognitoIdentity } from "../../src/index.js"
import { json } from "../support/RecordingHttp.js"
import { recordingClient } from "../support/layers.js"
import { IDENTITY, POOL } from "../support/operationCases.js"

/** Runs a call against a transport that must never be reached, and returns the failure. */
const rejected = <E>(effect: Effect.Effect<unknown, E, never>) => effect.pipe(Effect.flip)

const expectRejected = (
  run: (layer: ReturnType<typeof recordingClient>["layer"]) => Effect.Effect<unknown, unknown, never>,
  path: string,
  rule: string
) =>
  Effect.gen(function*() {
    const { layer, requests } = recordingClient(() => json({}))
    const error = yield* rejected(run(layer))
    expect(requests).toHaveLength(0)
    expect(error).toMatchObject({ _tag: "ValidationError" })
    const issues = (error as { issues: ReadonlyArray<{ path: string; rule: string; message: string }> }).issues
    expect(issues).toEqual(expect.arrayContaining([expect.objectContaining({ path, rule })]))
    expect((error as Error).message).toContain(path)
  })

describe("input validation: nothing is sent", () => {
  it.effect("required member missing", () =>
    expectRejected(
      (layer) => CognitoIdentity.describeIdentityPool({} as never).pipe(Effect.provide(layer)),
      "IdentityPoolId",
      "required"
    ))

  it.effect("wrong type (from untyped JavaScript)", () =>
    expectRejected(
      (layer) =>
        CognitoIdentity.listIdentityPools({ MaxResults: "10" as unknown as number }).pipe(Effect.provide(layer)),
      "MaxResults",
      "type"
    ))

  it.effect("minimum length", () =>
    expectRejected(
      (layer) => CognitoIdentity.describeIdentityPool({ IdentityPoolId: "" }).pipe(Effect.provide(layer)),
      "IdentityPoolId",
      "minLength"
    ))

  it.effect("maximum length", () =>
    expectRejected(
      (layer) =>
        CognitoIdentity.createIdentityPool({ IdentityPoolName: "p".repeat(129), AllowUnauthenticatedIdentities: false })
          .pipe(Effect.provide(layer)),
      "IdentityPoolName",
      "maxLength"
    ))

  it.effect("anchored pattern: an upper-case GUID is not an identity pool id", () =>
    expectRejected(
      (layer) =>
        CognitoIdentity.describeIdentityPool({ IdentityPoolId: "us-east-1:0A1B2C3D-4E5F-4789-ABCD-EF0123456789" })
          .pipe(Effect.provide(layer)),
      "IdentityPoolId",
      "pattern"
    ))

  it.effect("anchored pattern: a valid prefix followed by junk is refused", () =>
    expectRejected(
      (layer) => CognitoIdentity.describeIdentity({ IdentityId: `${IDENTITY} ` }).pipe(Effect.provide(layer)),
      "IdentityId",
      "pattern"
    ))

  it.effect("numeric minimum", () =>
    expectRejected(
      (layer) => CognitoIdentity.listIdentities({ IdentityPoolId: POOL, MaxResults: 0 }).pipe(Effect.provide(layer)),
      "MaxResults",
      "minValue"
    ))

  it.effect("numeric maximum", () =>
    expectRejected(
      (layer) => CognitoIdentity.listIdentities({ IdentityPoolId: POOL, MaxResults: 61 }).pipe(Effect.provide(layer)),
      "MaxResults",
      "maxValue"
    ))

  it.effect("integer", () =>
    expectRejected(
      (layer) => CognitoIdentity.listIdentities({ IdentityPoolId: POOL, MaxResults: 2.5 }).pipe(Effect.provide(layer)),
      "MaxResults",
      "type"
    ))

  it.effect("enum", () =>
    expectRejected(
      (layer) =>
        CognitoIdentity.setIdentityPoolRoles({
          IdentityPoolId: POOL,
          Roles: {},
          RoleMappings: { "graph.facebook.com": { Type: "Magic" as "Token" } }
        }).pipe(Effect.provide(layer)),
      `RoleMappings["graph.facebook.com"].Type`,
      "enum"
    ))

  it.effect("list too short", () =>
    expectRejected(
      (layer) => CognitoIdentity.deleteIdentities({ IdentityIdsToDelete: [] }).pipe(Effect.provide(layer)),
      "IdentityIdsToDelete",
      "minLength"
    ))

  it.effect("list too long", () =>
    expectRejected(
      (layer) =>
        CognitoIdentity.deleteIdentities({ IdentityIdsToDelete: Array.from({ length: 61 }, () => IDENTITY) })
          .pipe(Effect.provide(layer)),
      "IdentityIdsToDelete",
      "maxLength"
    ))

  it.effect("list element", () =>
    expectRejected(
      (layer) =>
        CognitoIdentity.deleteIdentities({ IdentityIdsToDelete: [IDENTITY, "nope"] }).pipe(Effect.provide(layer)),
      "IdentityIdsToDelete[1]",
      "pattern"
    ))

  it.effect("map too large", () =>
    expectRejected(
      (layer) =>
        CognitoIdentity.getId({
          IdentityPoolId: POOL,
          Logins: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`provider${i}.example.com`, "t"]))
        }).pipe(Effect.provide(layer)),
      "Logins",
      "maxLength"
    ))

  it.effect("map key too long", () =>
    expectRejected(
      (layer) =>
        CognitoIdentity.getId({ IdentityPoolId: POOL, Logins: { ["k".repeat(129)]: "t" } }).pipe(Effect.provide(layer)),
      `Logins["${"k".repeat(129)}"]`,
      "maxLength"
    ))

  it.effect("sensitive value: too long a login token is named by provider, its value never quoted", () =>
    Effect.gen(function*() {
      const token = "secret-token-".repeat(4000)
      const { layer, requests } = recordingClient(() => json({}))
      const error = yield* rejected(
        CognitoIdentity.getId({ IdentityPoolId: POOL, Logins: { "graph.facebook.com": token } }).pipe(Effect.provide(layer))
      )
      expect(requests).toHaveLength(0)
      expect(error).toMatchObject({
        _tag: "ValidationError",
        issues: [{ path: `Logins["graph.facebook.com"]`, rule: "maxLength" }]
      })
      expect(error.message).not.toContain("secret-token")
      expect(JSON.stringify(error)).not.toContain("secret-token")
    }))

  it.effect("every violation is reported at once", () =>
    Effect.gen(function*() {
      const { layer, requests } = recordingClient(() => json({}))
      const error = yield* rejected(
        CognitoIdentity.listIdentities({ IdentityPoolId: "bad", MaxResults: 100, NextToken: "has space" }).pipe(
          Effect.provide(layer)
        )
      )
      expect(requests).toHaveLength(0)
      expect(error._tag).toBe("ValidationError")
      if (error._tag === "ValidationError") {
        expect(error.issues.map((i) => i.path).sort()).toEqual(["IdentityPoolId", "MaxResults", "NextToken"])
      }
    }))
})
