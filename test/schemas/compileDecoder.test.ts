/**
 * The compiled decoder (src/schemas/compileDecoder.ts) against Schema's own decoder
 * (`ParseResult.decodeUnknownEither`), for every operation's output, so that the two cannot
 * drift: on valid pages generated from the AWS model (not from the client's schemas) the
 * compiled decoder must decide, and give exactly Schema's value (same members in the same
 * order, same dates, same secrets); on broken pages it must either give Schema's value or
 * defer to it (`FAIL`), never give a value Schema refuses.
 */
import { Effect, Either, ParseResult, Redacted, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { operationTable } from "../../src/operations/table.js"
import { compileDecoder, DATE_FROM_SELF_ID, FAIL, fastDecodeEither } from "../../src/schemas/compileDecoder.js"
import { serviceModel, wireArbitrary } from "../support/arbitraries.js"

/** Deep equality that also compares key order, prototypes, dates by time and secrets by value. */
const same = (a: unknown, b: unknown, path = "$"): string | undefined => {
  if (Redacted.isRedacted(a) || Redacted.isRedacted(b)) {
    return Redacted.isRedacted(a) && Redacted.isRedacted(b) ? same(Redacted.value(a), Redacted.value(b), path) : `${path}: Redacted vs not`
  }
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime()) ? undefined : `${path}: dates differ`
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return `${path}: arrays differ`
    for (let i = 0; i < a.length; i++) {
      const difference = same(a[i], b[i], `${path}[${i}]`)
      if (difference !== undefined) return difference
    }
    return undefined
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototypes differ`
    const keys = Object.keys(a)
    if (JSON.stringify(keys) !== JSON.stringify(Object.keys(b))) return `${path}: keys ${JSON.stringify(keys)} vs ${JSON.stringify(Object.keys(b))}`
    for (const key of keys) {
      const difference = same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`)
      if (difference !== undefined) return difference
    }
    return undefined
  }
  return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`
}

const outputs = [...operationTable.values()].map((op) => {
  const shape = serviceModel.operations[op.name]?.output?.shape
  return { op, shape }
})

/** Breaks a valid page in one of the ways a server or a proxy might. */
const mutate = (value: unknown, pick: number, kind: number): unknown => {
  if (Array.isArray(value)) {
    if (value.length === 0) return kind % 2 === 0 ? [null] : {}
    const index = pick % value.length
    return value.map((item, i) => (i === index ? mutate(item, Math.floor(pick / 7), kind) : item))
  }
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value)
    const record = value as Record<string, unknown>
    if (keys.length === 0 || kind % 9 === 0) return { ...record, Unexpected: kind }
    const key = keys[pick % keys.length] ?? ""
    switch (kind % 9) {
      case 1:
        return { ...record, [key]: null }
      case 2: {
        const { [key]: _dropped, ...rest } = record
        return rest
      }
      case 3:
        return { ...record, [key]: typeof record[key] === "string" ? 42 : "42" }
      case 4:
        return JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(record).slice(1)}`)
      case 5:
        return { ...record, [key]: mutate(record[key], Math.floor(pick / 7), kind + 1) }
      case 6:
        return { ...record, [key]: 1e300 }
      case 7:
        return { ...record, [key]: 1600000000.123 }
      default:
        return { ...record, [key]: [] }
    }
  }
  if (typeof value === "string") return kind % 2 === 0 ? 7 : null
  if (typeof value === "number") return kind % 2 === 0 ? String(value) : value + 0.5
  return kind % 2 === 0 ? "x" : null
}

describe("the compiled decoder", () => {
  it("compiles every operation's output, and the model names an output for each", () => {
    for (const { op, shape } of outputs) {
      expect(compileDecoder(op.output), op.name).toBeDefined()
      if (shape === undefined) expect(["DeleteIdentityPool", "SetIdentityPoolRoles", "UnlinkDeveloperIdentity", "UnlinkIdentity"]).toContain(op.name)
    }
    expect(outputs).toHaveLength(23)
  })

  for (const { op, shape } of outputs) {
    if (shape === undefined) continue
    const slow = ParseResult.decodeUnknownEither(op.output, { errors: "all" })
    const fast = compileDecoder(op.output)

    it(`${op.name}: decides every valid page, with exactly Schema's value`, () => {
      fc.assert(
        fc.property(wireArbitrary(shape), (wire) => {
          const json: unknown = JSON.parse(JSON.stringify(wire))
          const expected = slow(json)
          expect(Either.isRight(expected), `Schema refused a valid ${op.name} page`).toBe(true)
          const value = fast?.(json)
          expect(value).not.toBe(FAIL)
          expect(same(value, Either.getOrThrow(expected))).toBeUndefined()
        }),
        { numRuns: 150 }
      )
    })

    it(`${op.name}: on broken pages, Schema's value or FAIL, never a value Schema refuses`, () => {
      fc.assert(
        fc.property(wireArbitrary(shape), fc.nat(), fc.nat(), (wire, pick, kind) => {
          const json: unknown = JSON.parse(JSON.stringify(mutate(JSON.parse(JSON.stringify(wire)), pick, kind)))
          const expected = slow(json)
          const value = fast?.(json)
          if (Either.isLeft(expected)) expect(value).toBe(FAIL)
          else if (value !== FAIL) expect(same(value, expected.right)).toBeUndefined()
        }),
        { numRuns: 300 }
      )
    })

    it(`${op.name}: on anything at all, the same rule`, () => {
      fc.assert(
        fc.property(fc.jsonValue(), (json) => {
          const expected = slow(json)
          const value = fast?.(json)
          if (Either.isLeft(expected)) expect(value).toBe(FAIL)
          else if (value !== FAIL) expect(same(value, expected.right)).toBeUndefined()
        }),
        { numRuns: 100 }
      )
    })
  }

  it("decodes a benchmark-sized ListIdentities page (60 items, fractional dates) as Schema does", () => {
    const op = operationTable.get("ListIdentities")
    if (op === undefined) throw new Error("ListIdentities is missing")
    const page = {
      IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000100000",
      Identities: Array.from({ length: 60 }, (_, i) => ({
        IdentityId: `us-east-1:${i.toString(16).padStart(8, "0")}-7c1e-4f0a-9b2d-000000000000`,
        Logins: i % 3 === 0 ? [] : ["graph.facebook.com"],
        CreationDate: 1600000000.123 + i,
        LastModifiedDate: 1600086400.623 + i
      })),
      NextToken: "60"
    }
    const value = compileDecoder(op.output)?.(page)
    expect(value).not.toBe(FAIL)
    expect(same(value, Either.getOrThrow(ParseResult.decodeUnknownEither(op.output)(page)))).toBeUndefined()
    const first = (value as { Identities: Array<{ CreationDate: Date }> }).Identities[0]
    expect(first?.CreationDate.getTime()).toBe(1600000000123)
  })

  it("a page with null members falls back to Schema (which the executor then retries without them)", () => {
    const op = operationTable.get("ListIdentities")
    if (op === undefined) throw new Error("ListIdentities is missing")
    expect(compileDecoder(op.output)?.({ Identities: null })).toBe(FAIL)
  })

  it("DateFromSelf is recognised by Effect's own schema id, and decides exactly as Schema does", () => {
    expect(DATE_FROM_SELF_ID).toBe(Schema.DateFromSelfSchemaId)
    const decode = compileDecoder(Schema.DateFromSelf)
    const slow = ParseResult.decodeUnknownEither(Schema.DateFromSelf)
    const invalid = new Date(Number.NaN)
    for (const input of [new Date(0), invalid, "2020-01-01", 0, null, {}, undefined]) {
      const expected = slow(input)
      if (Either.isLeft(expected)) expect(decode?.(input)).toBe(FAIL)
      else expect(decode?.(input)).toBe(input)
    }
    // A refinement of it (ValidDateFromSelf) keeps its own check on top.
    expect(compileDecoder(Schema.ValidDateFromSelf)?.(invalid)).toBe(FAIL)
    // Another declaration is decoded by its own function.
    const even = Schema.declare((u): u is number => typeof u === "number" && u % 2 === 0)
    expect(compileDecoder(even)?.(2)).toBe(2)
    expect(compileDecoder(even)?.(3)).toBe(FAIL)
  })

  it("a transformation that answers with a Left, or with an Effect that is not an Either, is FAIL", () => {
    const viaEffect = Schema.transformOrFail(Schema.Number, Schema.Number, {
      strict: true,
      decode: (n) => Effect.succeed(n + 1),
      encode: (n) => Effect.succeed(n - 1)
    })
    expect(compileDecoder(viaEffect)?.(1)).toBe(FAIL)
    const refusing = Schema.transformOrFail(Schema.Number, Schema.Number, {
      strict: true,
      decode: (n, _options, ast) => ParseResult.fail(new ParseResult.Type(ast, n)),
      encode: ParseResult.succeed
    })
    expect(compileDecoder(refusing)?.(1)).toBe(FAIL)
    const adding = Schema.transformOrFail(Schema.Number, Schema.Number, {
      strict: true,
      decode: (n) => ParseResult.succeed(n + 1),
      encode: (n) => ParseResult.succeed(n - 1)
    })
    expect(compileDecoder(adding)?.(1)).toBe(2)
  })

  it("a schema it does not know is left to Schema entirely, with the same answers", () => {
    const tagged = Schema.Union(
      Schema.Struct({ kind: Schema.Literal("a"), a: Schema.Number }),
      Schema.Struct({ kind: Schema.Literal("b"), b: Schema.String })
    )
    expect(compileDecoder(tagged)).toBeUndefined()
    const decode = fastDecodeEither(tagged, ParseResult.decodeUnknownEither(tagged))
    expect(decode({ kind: "b", b: "x" })).toEqual(Either.right({ kind: "b", b: "x" }))
    expect(Either.isLeft(decode({ kind: "c" }))).toBe(true)
  })
})
