/**
 * Every constraint of the model, one at a time: an otherwise valid input that breaks exactly
 * one constraint of one member fails on the client with a `ValidationError` naming that
 * member's path and the rule, and nothing reaches the transport.
 *
 * The constraint sites are enumerated from service-2.json by walking each operation's input
 * shape (members, list items, map keys and values), and a second, independent pass over the
 * model's shapes checks that the enumeration missed no constrained shape.
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Option } from "effect"
import fc from "fast-check"
import { AwsCredentials, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import type { ModelShape } from "../support/arbitraries.js"
import {
  keyArbitrary,
  operationInputs,
  patternGenerators,
  patternMismatch,
  reachableShapes,
  shapeOf,
  stringOf,
  wireArbitrary
} from "../support/arbitraries.js"
import { makeRecordingHttp } from "../support/RecordingHttp.js"
import { operationCases } from "../support/operationCases.js"

type RuleKind = "required" | "type" | "minLength" | "maxLength" | "pattern" | "minValue" | "maxValue" | "enum"

/** How to walk from the input to the position of a violation. */
type Step =
  | { readonly kind: "member"; readonly name: string; readonly shape: string }
  | { readonly kind: "item"; readonly shape: string }
  | { readonly kind: "entry"; readonly keyShape: string; readonly shape: string; readonly max: number | undefined }

type Violation =
  /** Remove the member at the position. */
  | { readonly kind: "remove" }
  /** Put this value at the position. */
  | { readonly kind: "replace"; readonly bad: fc.Arbitrary<unknown> }
  /** Add an entry with this key to the map at the position (and a valid value). */
  | { readonly kind: "badKey"; readonly bad: fc.Arbitrary<string>; readonly valueShape: string; readonly max: number | undefined }

interface Site {
  readonly operation: string
  readonly steps: ReadonlyArray<Step>
  readonly rule: RuleKind
  readonly violation: Violation
  /** What the site covers, for the completeness check: `<shape>.<rule>` or `<structure>.<member>.required`. */
  readonly covers: string
  /**
   * False when the model makes it impossible to break this constraint alone: RolesMap allows 2
   * entries and its keys can only be "authenticated" or "unauthenticated", so a third entry
   * necessarily has a bad key too, which the client reports first.
   */
  readonly exact: boolean
}

/** Keys that `formatPath` would print as members (`.Key`): a path with one would be ambiguous. */
const looksLikeMember = (key: string): boolean => /^[A-Z][A-Za-z0-9]*$/.test(key)

const FINITE_KEY_DOMAINS: ReadonlyMap<string, number> = new Map([["(un)?authenticated", 2]])

/** A value of the wrong JSON type for the shape. */
const wrongType = (shape: ModelShape): fc.Arbitrary<unknown> => {
  switch (shape.type) {
    case "string":
      return fc.oneof(fc.integer(), fc.boolean(), fc.constant({ a: "b" }))
    case "integer":
    case "long":
      // A fraction breaks "integer" just as a string breaks "number".
      return fc.oneof(fc.constantFrom("1", "60", "true"), fc.constant(2.5), fc.boolean())
    case "boolean":
      return fc.oneof(fc.constantFrom("true", "false", "1"), fc.integer())
    case "list":
      return fc.oneof(fc.string(), fc.integer(), fc.constant({ "0": "a" }))
    default:
      // Maps and structures: an array is an object to JavaScript, but not to the model.
      return fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant([]), fc.constant(["a"]))
  }
}

const stringChars = (shape: ModelShape, length: number): fc.Arbitrary<string> => {
  const generator = shape.pattern === undefined ? undefined : patternGenerators.get(shape.pattern)
  const lengths = generator?.lengths(length, length)
  if (generator !== undefined && lengths !== undefined) return generator.ofLength(length)
  // No matching string of this length exists (an id of one character, "authenticated" of 129):
  // the length rule is checked before the pattern, so it is still the one reported.
  return stringOf(["a", "b", "0", "-", ":"], length)
}

/** The violations a string shape allows, each with its rule. */
const stringViolations = (shape: ModelShape): Array<{ readonly rule: RuleKind; readonly bad: fc.Arbitrary<string> }> => {
  const out: Array<{ readonly rule: RuleKind; readonly bad: fc.Arbitrary<string> }> = []
  if (shape.enum !== undefined) {
    const values = shape.enum
    out.push({
      rule: "enum",
      bad: fc.oneof(fc.string(), fc.constantFrom(...values.map((v) => v.toLowerCase()), ...values.map((v) => ` ${v}`)))
        .filter((s) => !values.includes(s))
    })
  }
  const min = shape.min ?? 0
  if (min > 0) out.push({ rule: "minLength", bad: stringChars(shape, min - 1) })
  if (shape.max !== undefined) out.push({ rule: "maxLength", bad: stringChars(shape, shape.max + 1) })
  if (shape.pattern !== undefined) out.push({ rule: "pattern", bad: patternMismatch(shape.pattern, Math.max(min, 1), shape.max ?? 64) })
  return out
}

const enumerateSites = (operation: string, inputShape: string): ReadonlyArray<Site> => {
  const sites: Array<Site> = []
  const add = (steps: ReadonlyArray<Step>, rule: RuleKind, violation: Violation, covers: string, exact = true) =>
    sites.push({ operation, steps, rule, violation, covers, exact })

  const visit = (shapeName: string, steps: ReadonlyArray<Step>): void => {
    const shape = shapeOf(shapeName)
    // Every position but the input itself can hold a value of the wrong type; an enum reports
    // any non-member (a number included) as an enum violation.
    if (steps.length > 0) {
      add(steps, shape.enum === undefined ? "type" : "enum", { kind: "replace", bad: wrongType(shape) }, `${shapeName}.type`)
    }
    switch (shape.type) {
      case "string":
        for (const { bad, rule } of stringViolations(shape)) add(steps, rule, { kind: "replace", bad }, `${shapeName}.${rule}`)
        return
      case "integer":
      case "long":
        if (shape.min !== undefined) {
          add(steps, "minValue", { kind: "replace", bad: fc.integer({ min: -(2 ** 40), max: shape.min - 1 }) }, `${shapeName}.minValue`)
        }
        if (shape.max !== undefined) {
          add(steps, "maxValue", { kind: "replace", bad: fc.integer({ min: shape.max + 1, max: 2 ** 40 }) }, `${shapeName}.maxValue`)
        }
        return
      case "list": {
        const item = shape.member?.shape ?? ""
        const min = shape.min ?? 0
        if (min > 0) {
          add(steps, "minLength", {
            kind: "replace",
            bad: fc.array(wireArbitrary(item, "small"), { minLength: min - 1, maxLength: min - 1 })
          }, `${shapeName}.minLength`)
        }
        if (shape.max !== undefined) {
          add(steps, "maxLength", {
            kind: "replace",
            bad: fc.array(wireArbitrary(item, "small"), { minLength: shape.max + 1, maxLength: shape.max + 1 })
          }, `${shapeName}.maxLength`)
        }
        visit(item, [...steps, { kind: "item", shape: item }])
        return
      }
      case "map": {
        const keyShapeName = shape.key?.shape ?? ""
        const valueShapeName = shape.value?.shape ?? ""
        const keyShape = shapeOf(keyShapeName)
        if (shape.max !== undefined) {
          const size = shape.max + 1
          const domain = keyShape.pattern === undefined ? undefined : FINITE_KEY_DOMAINS.get(keyShape.pattern)
          const exact = domain === undefined || domain >= size
          const keys = exact ? keyArbitrary(keyShapeName) : fc.constantFrom("authenticated", "unauthenticated", "other", "extra")
          add(steps, "maxLength", {
            kind: "replace",
            bad: fc.uniqueArray(fc.tuple(keys, wireArbitrary(valueShapeName, "small")), { minLength: size, maxLength: size, selector: ([k]) => k })
              .map((entries) => Object.fromEntries(entries))
          }, `${shapeName}.maxLength`, exact)
        }
        for (const { bad, rule } of stringViolations(keyShape)) {
          add(steps, rule, {
            kind: "badKey",
            bad: bad.filter((k) => !looksLikeMember(k)),
            valueShape: valueShapeName,
            max: shape.max
          }, `${keyShapeName}.${rule}`)
        }
        visit(valueShapeName, [...steps, { kind: "entry", keyShape: keyShapeName, shape: valueShapeName, max: shape.max }])
        return
      }
      case "structure": {
        const required = new Set(shape.required ?? [])
        for (const [name, ref] of Object.entries(shape.members ?? {})) {
          const memberSteps = [...steps, { kind: "member" as const, name, shape: ref.shape }]
          if (required.has(name)) add(memberSteps, "required", { kind: "remove" }, `${shapeName}.${name}.required`)
          visit(ref.shape, memberSteps)
        }
        return
      }
      default:
        return
    }
  }
  visit(inputShape, [])
  return sites
}

const allSites: ReadonlyArray<Site> = [...operationInputs].flatMap(([name, shape]) => enumerateSites(name, shape))

/** What the model constrains, computed from the shapes alone (not by walking paths). */
const modelConstraints = (): ReadonlySet<string> => {
  const out = new Set<string>()
  for (const name of reachableShapes(operationInputs.values())) {
    const shape = shapeOf(name)
    if (shape.type === "structure") {
      for (const member of shape.required ?? []) out.add(`${name}.${member}.required`)
      continue
    }
    if (shape.enum !== undefined) out.add(`${name}.enum`)
    if ((shape.min ?? 0) > 0) out.add(`${name}.${shape.type === "integer" || shape.type === "long" ? "minValue" : "minLength"}`)
    if (shape.max !== undefined) out.add(`${name}.${shape.type === "integer" || shape.type === "long" ? "maxValue" : "maxLength"}`)
    if (shape.pattern !== undefined) out.add(`${name}.pattern`)
  }
  return out
}

// -------------------------------------------------------------------------------------------
// Building one violating input
// -------------------------------------------------------------------------------------------

const fillFor = (step: Step): fc.Arbitrary<unknown> =>
  step.kind === "entry"
    ? fc.tuple(keyArbitrary(step.keyShape).filter((k) => !looksLikeMember(k)), wireArbitrary(step.shape, "small"))
    : wireArbitrary(step.shape, "small")

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Sets an own property, even one named `__proto__`. */
const put = (target: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** Keeps at most `keep` entries of `map` other than `except`. */
const trim = (map: Record<string, unknown>, keep: number | undefined, except: string): void => {
  if (keep === undefined) return
  const others = Object.keys(map).filter((k) => k !== except)
  for (const key of others.slice(Math.max(0, keep))) delete map[key]
}

interface Built {
  readonly input: unknown
  /** The path the ValidationError must name, in the client's format. */
  readonly path: string
}

const build = (site: Site, base: unknown, fills: ReadonlyArray<unknown>, bad: unknown, badValue: unknown): Built => {
  // A deep copy of JSON data (JSON.parse keeps "__proto__" as an own key).
  const root: unknown = JSON.parse(JSON.stringify(base))
  let container: unknown = root
  let parent: Record<string, unknown> | Array<unknown> | undefined
  let slot: string | number = ""
  let path = ""
  site.steps.forEach((step, i) => {
    const fill = fills[i]
    if (step.kind === "member") {
      if (!isRecord(container)) throw new Error(`expected a structure before ${step.name}`)
      if (!Object.hasOwn(container, step.name)) put(container, step.name, fill)
      parent = container
      slot = step.name
      path = path === "" ? step.name : `${path}.${step.name}`
      container = container[step.name]
    } else if (step.kind === "item") {
      if (!Array.isArray(container)) throw new Error("expected a list")
      if (container.length === 0) container.push(fill)
      parent = container
      slot = 0
      path = `${path}[0]`
      container = container[0]
    } else {
      if (!isRecord(container) || !Array.isArray(fill)) throw new Error("expected a map")
      const [key, value]: ReadonlyArray<unknown> = fill
      if (typeof key !== "string") throw new Error("expected a string key")
      // Room for the spine entry without breaking the map's size bound.
      trim(container, step.max === undefined ? undefined : step.max - 1, key)
      if (!Object.hasOwn(container, key)) put(container, key, value)
      parent = container
      slot = key
      path = `${path}[${JSON.stringify(key)}]`
      container = container[key]
    }
  })
  const violation = site.violation
  switch (violation.kind) {
    case "remove":
      if (parent === undefined || Array.isArray(parent)) throw new Error("only members can be removed")
      delete parent[String(slot)]
      return { input: root, path }
    case "replace":
      if (parent === undefined) throw new Error("the input itself is never replaced")
      if (Array.isArray(parent)) parent[0] = bad
      else put(parent, String(slot), bad)
      return { input: root, path }
    case "badKey": {
      if (!isRecord(container) || typeof bad !== "string") throw new Error("expected a map and a key")
      trim(container, violation.max === undefined ? undefined : violation.max - 1, bad)
      put(container, bad, badValue)
      return { input: root, path: `${path}[${JSON.stringify(bad)}]` }
    }
  }
}

const callOf = new Map(operationCases.map((c) => [c.operation.name, c.call]))

/** A client whose transport records what it is asked to send; it must be asked nothing. */
const client = () => {
  const http = makeRecordingHttp(() => ({ status: 200, body: "{}" }))
  const layer = Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(http.layer)),
    AwsCredentials.static({ accessKeyId: "AKIDCONSTRAINTS", secretAccessKey: "constraints-secret" }),
    RetryPolicy.layerNone
  )
  return { layer, requests: http.requests }
}

interface Issue {
  readonly path: string
  readonly rule: string
}

const issuesOf = (error: unknown): ReadonlyArray<Issue> | undefined => {
  if (typeof error !== "object" || error === null || !("_tag" in error) || error._tag !== "ValidationError") return undefined
  if (!("issues" in error) || !Array.isArray(error.issues)) return undefined
  return error.issues.flatMap((issue: unknown) =>
    typeof issue === "object" && issue !== null && "path" in issue && "rule" in issue &&
      typeof issue.path === "string" && typeof issue.rule === "string"
      ? [{ path: issue.path, rule: issue.rule }]
      : []
  )
}

describe("the constraint sites come from the model", () => {
  it("there are sites, in every operation", () => {
    expect(allSites.length).toBeGreaterThan(100)
    for (const name of operationInputs.keys()) {
      expect(allSites.some((site) => site.operation === name), name).toBe(true)
    }
  })

  it("every constraint of every shape the inputs reach has a site (and only those)", () => {
    const expected = modelConstraints()
    expect(expected.size).toBeGreaterThan(30)
    const covered = new Set(allSites.map((site) => site.covers).filter((covers) => !covers.endsWith(".type")))
    expect([...covered].sort()).toEqual([...expected].sort())
  })
})

describe("(c) one broken constraint: a ValidationError naming it, and nothing sent", () => {
  for (const [operation, inputShape] of operationInputs) {
    const sites = allSites.filter((site) => site.operation === operation)
    it(`${operation}: each of its ${sites.length} constraint sites`, async () => {
      const call = callOf.get(operation)
      if (call === undefined) throw new Error(`no call for ${operation}`)
      for (const site of sites) {
        const violation = site.violation
        const bad: fc.Arbitrary<unknown> = violation.kind === "remove" ? fc.constant(undefined) : violation.bad
        const badValue = violation.kind === "badKey" ? wireArbitrary(violation.valueShape, "small") : fc.constant(undefined)
        await fc.assert(
          fc.asyncProperty(
            wireArbitrary(inputShape, "small"),
            fc.tuple(...site.steps.map(fillFor)),
            bad,
            badValue,
            async (base, fills, badOne, value) => {
              const { input, path } = build(site, base, fills, badOne, value)
              const { layer, requests } = client()
              const exit = await Effect.runPromiseExit(call(input as never).pipe(Effect.provide(layer)))
              const label = `${operation} ${path} ${site.rule}`
              expect(requests, label).toHaveLength(0)
              if (Exit.isSuccess(exit)) throw new Error(`${label}: the client accepted the input`)
              const failure = Cause.failureOption(exit.cause)
              if (Option.isNone(failure)) throw new Error(`${label}: not a failure:\n${Cause.pretty(exit.cause)}`)
              const issues = issuesOf(failure.value)
              if (issues === undefined) throw new Error(`${label}: not a ValidationError: ${String(failure.value)}`)
              if (site.exact) {
                expect(issues, label).toContainEqual({ path, rule: site.rule })
                // Only this member is at fault: one constraint was broken, one member reported.
                for (const issue of issues) expect(issue.path, label).toBe(path)
              } else {
                for (const issue of issues) expect(issue.path.startsWith(path), label).toBe(true)
              }
            }
          ),
          { numRuns: 3 }
        )
      }
    })
  }

  it("numbers far out of range and non-finite ones are refused too", async () => {
    const call = callOf.get("ListIdentityPools")
    if (call === undefined) throw new Error("no ListIdentityPools")
    for (const MaxResults of [Number.MAX_SAFE_INTEGER + 2, -0.5, 1e308, Number.POSITIVE_INFINITY, Number.NaN, -1e308]) {
      const { layer, requests } = client()
      const exit = await Effect.runPromiseExit(call({ MaxResults } as never).pipe(Effect.provide(layer)))
      expect(requests).toHaveLength(0)
      const failure = Exit.isFailure(exit) ? Cause.failureOption(exit.cause) : Option.none()
      const issues = Option.isSome(failure) ? issuesOf(failure.value) : undefined
      expect(issues?.map((i) => i.path), String(MaxResults)).toEqual(["MaxResults"])
    }
  })
})
