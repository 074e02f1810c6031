/**
 * Invalid input that is not even of the right shape — `getId(null)`, a `null` map, a list of
 * nulls — is reported like every other invalid input: by member path and rule, never by
 * printing the schema. The required members are taken from AWS's own model file
 * (`test/fixtures/.../service-2.json`), not from the schemas under test.
 */
import { readFileSync } from "node:fs"
import { Effect, Layer, ManagedRuntime } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { Emulator } from "../../src/emulator/index.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient } from "../../src/index.js"

interface ModelFile {
  readonly operations: Record<string, { readonly input?: { readonly shape: string } }>
  readonly shapes: Record<string, { readonly required?: ReadonlyArray<string> }>
}

const model = JSON.parse(
  readFileSync(new URL("../fixtures/cognito-identity-2014-06-30/service-2.json", import.meta.url), "utf8")
) as ModelFile

const emulator = Emulator.layer()
/** One emulator for the whole file (building one generates an RSA key). */
const runtime = ManagedRuntime.make(Layer.mergeAll(
  CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(emulator)),
  AwsCredentials.static({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }),
  emulator
))
afterAll(() => runtime.dispose())

type Failure = { readonly _tag: string; readonly message: string }

const camel = (name: string) => `${name[0]?.toLowerCase() ?? ""}${name.slice(1)}`
const POOL = "us-east-1:00000000-0000-4000-8000-000000000000"

/** Calls the client function of an operation with a value its type does not allow. */
const callWith = (operation: string, input: unknown) =>
  Effect.gen(function*() {
    const fn: unknown = Reflect.get(CognitoIdentity, camel(operation))
    if (typeof fn !== "function") return yield* Effect.dieMessage(`no client function for ${operation}`)
    const result: unknown = fn(input)
    if (!Effect.isEffect(result)) return yield* Effect.dieMessage(`${operation} did not return an Effect`)
    // The client functions' own types: what every operation needs, and its typed failures.
    return yield* Effect.flip(result as Effect.Effect<unknown, Failure, CognitoIdentityClient | AwsCredentials>)
  })

describe("violations of shape", () => {
  it("every operation called with null, undefined, a number or a list names the structure and its required members", async () => {
    for (const [operation, { input }] of Object.entries(model.operations)) {
      const required = input === undefined ? [] : model.shapes[input.shape]?.required ?? []
      const expected = [
        "(input) must be of type structure",
        ...required.map((member) => `${member} must not be null`)
      ].join("; ")
      for (const value of [null, undefined, 42, ["IdentityPoolId"]]) {
        const error = await runtime.runPromise(callWith(operation, value))
        expect(error, `${operation}(${JSON.stringify(value)})`).toMatchObject({
          _tag: "ValidationError",
          message: `${operation}: invalid input: ${expected}`
        })
      }
    }
  })

  it("null or mistyped members and elements are named by path with the model's type names", async () => {
    const cases: ReadonlyArray<readonly [string, unknown, string]> = [
      ["GetId", { IdentityPoolId: POOL, Logins: null }, "Logins must be of type map"],
      ["GetId", { IdentityPoolId: POOL, Logins: { "graph.facebook.com": null } }, `Logins["graph.facebook.com"] must be of type string`],
      ["DeleteIdentities", { IdentityIdsToDelete: null }, "IdentityIdsToDelete must be of type list"],
      ["DeleteIdentities", { IdentityIdsToDelete: [7] }, "IdentityIdsToDelete[0] must be of type string"],
      [
        "CreateIdentityPool",
        { IdentityPoolName: "p", AllowUnauthenticatedIdentities: "yes", CognitoIdentityProviders: [null] },
        "AllowUnauthenticatedIdentities must be of type boolean; CognitoIdentityProviders[0] must be of type structure"
      ],
      [
        "SetIdentityPoolRoles",
        { IdentityPoolId: POOL, Roles: {}, RoleMappings: { "graph.facebook.com": null } },
        `RoleMappings["graph.facebook.com"] must be of type structure`
      ],
      ["ListIdentities", { IdentityPoolId: POOL, MaxResults: "60" }, "MaxResults must be of type number"]
    ]
    for (const [operation, input, message] of cases) {
      const error = await runtime.runPromise(callWith(operation, input))
      expect(error, operation).toMatchObject({ _tag: "ValidationError", message: `${operation}: invalid input: ${message}` })
      expect(error.message).not.toMatch(/readonly|filter|\{/)
    }
  })

  it("nothing was sent for any of them", async () => {
    const stats = await runtime.runPromise(Effect.gen(function*() {
      yield* callWith("GetId", null)
      return (yield* Emulator).stats()
    }))
    expect(stats.requests).toBe(0)
  })
})
