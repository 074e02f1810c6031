/**
 * Valid inputs of all 23 operations, generated from the service model (not from the client's
 * schemas): they encode to the JSON the wire carries and decode back to the same value, and
 * the emulator, whose validation is the service's, never answers them with a
 * ValidationException or a SerializationException.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Either, Exit, Layer, ManagedRuntime, Option, Redacted, Schema } from "effect"
import fc from "fast-check"
import { Emulator } from "../../src/emulator/index.js"
import { CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import { operationTable } from "../../src/operations/table.js"
import {
  anchored,
  operationInputs,
  patternGenerators,
  patternMismatch,
  redactSensitive,
  reveal,
  serviceModel,
  unknownPatterns,
  wireArbitrary
} from "../support/arbitraries.js"
import { recordingClient, testCredentials } from "../support/layers.js"
import { operationCases } from "../support/operationCases.js"

/** Redacted values compare by identity: compare what they hold, marked as redacted. */
const markRedacted = (value: unknown): unknown => {
  if (Redacted.isRedacted(value)) return { redacted: Redacted.value(value) }
  if (Array.isArray(value)) return value.map(markRedacted)
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markRedacted(v)]))
  }
  return value
}

const callOf = new Map(operationCases.map((c) => [c.operation.name, c.call]))

const operationFor = (name: string) => {
  const op = operationTable.get(name)
  if (op === undefined) throw new Error(`the client has no descriptor for ${name}`)
  return op
}

const tagOf = (error: unknown): string =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string" ? error._tag : "?"

describe("the model drives the generators", () => {
  it("the model has the 23 operations the client implements, and nothing else", () => {
    expect([...operationInputs.keys()].sort()).toEqual([...operationTable.keys()].sort())
    expect(operationInputs.size).toBe(23)
  })

  it("every pattern of the model has a generator (a new pattern cannot slip by)", () => {
    const patterns = new Set(Object.values(serviceModel.shapes).flatMap((s) => (s.pattern === undefined ? [] : [s.pattern])))
    expect(patterns.size).toBeGreaterThan(0)
    expect(unknownPatterns()).toEqual([])
  })

  it("each pattern generator yields matching strings of the requested length, and the mismatch generator does not", () => {
    for (const [pattern, generator] of patternGenerators) {
      const regex = anchored(pattern)
      const lengths = generator.lengths(1, 128)
      if (lengths === undefined) throw new Error(`pattern ${pattern} has no length in 1..128`)
      fc.assert(
        fc.property(lengths.chain((n) => generator.ofLength(n).map((s) => [n, s] as const)), ([n, s]) => {
          expect(s).toHaveLength(n)
          expect(regex.test(s)).toBe(true)
        }),
        { numRuns: 40 }
      )
      fc.assert(
        fc.property(patternMismatch(pattern, 1, 128), (s) => {
          expect(regex.test(s)).toBe(false)
        }),
        { numRuns: 20 }
      )
    }
  })
})

describe("(a) valid inputs round-trip through the wire format", () => {
  for (const [name, inputShape] of operationInputs) {
    it(`${name}: encodes, survives JSON, decodes back to an equal value`, () => {
      const op = operationFor(name)
      const encode = Schema.encodeUnknownEither(op.input)
      const decode = Schema.decodeUnknownEither(op.input)
      fc.assert(
        fc.property(wireArbitrary(inputShape), fc.boolean(), (wire, redacted) => {
          // A careful caller wraps login tokens in Redacted; a hasty one passes strings. Both work.
          const given = redacted ? redactSensitive(inputShape, wire) : wire
          const encoded = encode(given)
          if (Either.isLeft(encoded)) throw new Error(`${name} refused a valid input:\n${encoded.left.message}`)
          const onWire: unknown = JSON.parse(JSON.stringify(encoded.right))
          expect(onWire).toEqual(wire)

          const decoded = decode(onWire)
          if (Either.isLeft(decoded)) throw new Error(`${name} could not decode its own wire JSON:\n${decoded.left.message}`)
          expect(reveal(decoded.right)).toEqual(wire)
          // Exactly the model's sensitive members (login tokens) come back Redacted, nothing else.
          expect(markRedacted(decoded.right)).toEqual(markRedacted(redactSensitive(inputShape, wire)))
        }),
        { numRuns: 30 }
      )
    })
  }

  /**
   * Was a DEFECT, now fixed (this test pinned it with it.fails). A map entry whose key is
   * `__proto__` is a legal member of every map of the model (IdentityProviderName, TagKeysType
   * and PrincipalTagID have no pattern), and JSON.parse / Object.fromEntries keep it as an own
   * key. effect's Schema.Record rebuilds maps with `out[key] = value`, which for `__proto__`
   * sets the object's prototype instead: the entry disappears from what the client sends (a
   * tag, a login, a role mapping silently dropped), and in the decoded map (the emulator's
   * view) the prototype becomes the entry's value (`RoleMappings.Type` reads "Rules" through
   * inheritance). The fix belongs in `map` (src/schemas/Constraint.ts): refuse the key with a
   * ValidationError, or rebuild with Object.fromEntries / defineProperty.
   */
  it("a map entry named __proto__ is sent as given, or refused: never silently dropped", async () => {
    const { layer, requests } = recordingClient(() => ({ status: 200, body: "{}" }))
    const input = JSON.parse(
      '{"ResourceArn":"arn:aws:cognito-identity:us-east-1:123456789012:identitypool/us-east-1:0a1b","Tags":{"__proto__":"x","env":"prod"}}'
    ) as never
    const exit = await Effect.runPromiseExit(CognitoIdentity.tagResource(input).pipe(Effect.provide(layer)))
    const refused = Exit.isFailure(exit) && tagOf(Cause.squash(exit.cause)) === "ValidationError"
    const sent = requests[0]?.text ?? ""
    expect(refused || sent.includes("\"__proto__\":\"x\"")).toBe(true)
  })

  it("login tokens decode to Redacted values", () => {
    const decoded = Schema.decodeUnknownSync(operationFor("GetId").input)({
      IdentityPoolId: "us-east-1:0a1b2c3d-4e5f-4789-abcd-ef0123456789",
      Logins: { "graph.facebook.com": "tok-123456" }
    })
    const logins: unknown = (decoded as { Logins?: Record<string, unknown> }).Logins?.["graph.facebook.com"]
    expect(Redacted.isRedacted(logins)).toBe(true)
  })
})

/** Ids the emulator knows, so that some generated calls go past "not found" into the model. */
interface KnownIds {
  readonly pool: string
  readonly identity: string
  readonly arn: string
}

const clientLayer = Layer.mergeAll(
  CognitoIdentityClient.layer({ region: "us-east-1", endpoint: "http://emulator.invalid" }),
  testCredentials,
  RetryPolicy.layerNone
).pipe(
  // Bodies up to 16 MiB: a generated input at every maximum (10 tokens of 50,000 characters,
  // 400 rules of 2,048-character ARNs) is valid and must not be refused for its size.
  Layer.provideMerge(Emulator.layer({ maxBodyBytes: 16 * 1024 * 1024 }))
)

const seedIds = Effect.gen(function*() {
  const pool = yield* CognitoIdentity.createIdentityPool({ IdentityPoolName: "security", AllowUnauthenticatedIdentities: true })
  const id = yield* CognitoIdentity.getId({ IdentityPoolId: pool.IdentityPoolId })
  const identity = id.IdentityId
  if (identity === undefined) return yield* Effect.dieMessage("GetId answered no IdentityId")
  const known: KnownIds = {
    pool: pool.IdentityPoolId,
    identity,
    arn: `arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${pool.IdentityPoolId}`
  }
  return known
})

/** Points some ids of a generated input at things that exist (same shape, still valid). */
const withKnownIds = (wire: unknown, known: KnownIds, swap: ReadonlyArray<boolean>): unknown => {
  if (typeof wire !== "object" || wire === null || Array.isArray(wire)) return wire
  const out: Record<string, unknown> = { ...wire }
  if (swap[0] === true && typeof out["IdentityPoolId"] === "string") out["IdentityPoolId"] = known.pool
  if (swap[1] === true && typeof out["IdentityId"] === "string") out["IdentityId"] = known.identity
  if (swap[2] === true && typeof out["ResourceArn"] === "string") out["ResourceArn"] = known.arn
  const ids = out["IdentityIdsToDelete"]
  if (swap[3] === true && Array.isArray(ids) && ids.length > 0) out["IdentityIdsToDelete"] = [known.identity, ...ids.slice(1)]
  return out
}

describe("(b) the emulator accepts every valid input", () => {
  // One emulator for all operations (its JWT key pair is costly to make); each operation
  // seeds a pool and an identity of its own, so DeleteIdentityPool cannot starve the others.
  const runtime = ManagedRuntime.make(clientLayer)
  afterAll(() => runtime.dispose())

  for (const [name, inputShape] of operationInputs) {
    it(`${name}: never a ValidationException or SerializationException, only modelled faults`, async () => {
      const op = operationFor(name)
      const call = callOf.get(name)
      if (call === undefined) throw new Error(`no call for ${name}`)
      const allowed = new Set(op.errors.map((e) => e._tag))
      const known = await runtime.runPromise(seedIds)
      await fc.assert(
        fc.asyncProperty(wireArbitrary(inputShape), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), async (wire, swap) => {
          const input = withKnownIds(wire, known, swap)
          const exit = await runtime.runPromiseExit(call(input as never).pipe(Effect.timeout("10 seconds")))
          if (Exit.isSuccess(exit)) return
          const failure = Cause.failureOption(exit.cause)
          if (Option.isNone(failure)) throw new Error(`${name} died or was interrupted:\n${Cause.pretty(exit.cause)}`)
          const tag = tagOf(failure.value)
          if (!allowed.has(tag)) {
            const message = failure.value instanceof Error ? failure.value.message : String(failure.value)
            throw new Error(`${name} answered ${tag} to a valid input: ${message.slice(0, 500)}`)
          }
        }),
        { numRuns: 20 }
      )
    })
  }
})
