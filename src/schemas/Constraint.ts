/**
 * The model's constraints (length, pattern, range, enum, list and map sizes) as data, and the
 * schema builders that enforce them.
 *
 * Every shape is built in one of two modes. `"input"` enforces the model's constraints: it is
 * what the client checks before sending and what the emulator checks on arrival. `"output"`
 * checks structure and types only, so that a longer id or a new pattern from the service
 * never breaks a caller ("strict in what you send, tolerant in what you receive").
 *
 * Each check carries a {@link Rule} annotation, so that a failure can be reported both as the
 * client's `ValidationError` and as the service's `ValidationException` wording.
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

export type Mode = "input" | "output"

/** A shape of the model: a schema for each mode. */
export type Shape<A, I = A> = (mode: Mode) => Schema.Schema<A, I>

/**
 * A shape whose schema for each mode is built once, on first use. Shapes are shared by many
 * operations (`IdentityPoolId` by 15 of them) and a schema is immutable, so one object per
 * mode serves every use: importing the operations builds each check (and compiles each
 * pattern) once instead of once per member, and a mode nobody asks for is never built.
 */
export const memoShape = <A, I>(build: (mode: Mode) => Schema.Schema<A, I>): Shape<A, I> => {
  let input: Schema.Schema<A, I> | undefined
  let output: Schema.Schema<A, I> | undefined
  return (mode) => mode === "input" ? (input ??= build("input")) : (output ??= build("output"))
}

export type Rule =
  | { readonly kind: "required" }
  | { readonly kind: "type"; readonly expected: string }
  | { readonly kind: "minLength"; readonly limit: number }
  | { readonly kind: "maxLength"; readonly limit: number }
  | { readonly kind: "pattern"; readonly pattern: string }
  | { readonly kind: "minValue"; readonly limit: number }
  | { readonly kind: "maxValue"; readonly limit: number }
  | { readonly kind: "enum"; readonly values: ReadonlyArray<string> }

/** Annotation key under which every check stores its {@link Rule}. */
export const RuleId: unique symbol = Symbol.for("effect-cognito-identity/Rule")

/**
 * The rule in the wording AWS uses after "Member must " in a ValidationException
 * (see docs/service-behaviour.md §3.2); the client's ValidationError uses the same words.
 */
export const describeRule = (rule: Rule): string => {
  switch (rule.kind) {
    case "required":
      return "not be null"
    case "type":
      return `be of type ${rule.expected}`
    case "minLength":
      return `have length greater than or equal to ${rule.limit}`
    case "maxLength":
      return `have length less than or equal to ${rule.limit}`
    case "pattern":
      return `satisfy regular expression pattern: ${rule.pattern}`
    case "minValue":
      return `have value greater than or equal to ${rule.limit}`
    case "maxValue":
      return `have value less than or equal to ${rule.limit}`
    case "enum":
      return `satisfy enum value set: [${rule.values.join(", ")}]`
  }
}

const annotate = (rule: Rule) => ({
  [RuleId]: rule,
  // The message never quotes the value: it may be a login token.
  message: () => `must ${describeRule(rule)}`
})

export interface StringConstraints {
  readonly min?: number
  readonly max?: number
  /** The botocore pattern, unanchored; it is applied to the whole value, as Smithy anchors it. */
  readonly pattern?: string
}

const lengthChecks = <A extends { readonly length: number }>(
  schema: Schema.Schema<A, A>,
  min: number | undefined,
  max: number | undefined
): Schema.Schema<A, A> => {
  let checked = schema
  if (min !== undefined && min > 0) {
    checked = checked.pipe(Schema.filter((a: A) => a.length >= min, annotate({ kind: "minLength", limit: min })))
  }
  if (max !== undefined) {
    checked = checked.pipe(Schema.filter((a: A) => a.length <= max, annotate({ kind: "maxLength", limit: max })))
  }
  return checked
}

const TypedString = Schema.String.annotations({ [RuleId]: { kind: "type", expected: "string" } satisfies Rule })
const TypedBoolean = Schema.Boolean.annotations({ [RuleId]: { kind: "type", expected: "boolean" } satisfies Rule })
const TypedNumber = Schema.Number.annotations({ [RuleId]: { kind: "type", expected: "number" } satisfies Rule })

/** A string shape of the model. */
export const string = (constraints: StringConstraints = {}): Shape<string> =>
  memoShape((mode) => {
    if (mode === "output") return Schema.String
    let checked = lengthChecks<string>(TypedString, constraints.min, constraints.max)
    if (constraints.pattern !== undefined) {
      const pattern = constraints.pattern
      const regex = new RegExp(`^(?:${pattern})$`, "u")
      checked = checked.pipe(Schema.filter((s: string) => regex.test(s), annotate({ kind: "pattern", pattern })))
    }
    return checked
  })

/** A boolean shape of the model (no constraints, typed in both modes). */
export const boolean = (mode: Mode): Schema.Schema<boolean> => mode === "output" ? Schema.Boolean : TypedBoolean

/** An integer (or long) shape of the model with an inclusive range. */
export const integer = (range: { readonly min?: number; readonly max?: number } = {}): Shape<number> =>
  memoShape((mode) => {
    if (mode === "output") return Schema.Number
    let checked: Schema.Schema<number> = TypedNumber.pipe(
      Schema.filter((n: number) => Number.isSafeInteger(n), {
        [RuleId]: { kind: "type", expected: "integer" } satisfies Rule,
        message: () => "must be an integer"
      })
    )
    const { max, min } = range
    if (min !== undefined) {
      checked = checked.pipe(Schema.filter((n: number) => n >= min, annotate({ kind: "minValue", limit: min })))
    }
    if (max !== undefined) {
      checked = checked.pipe(Schema.filter((n: number) => n <= max, annotate({ kind: "maxValue", limit: max })))
    }
    return checked
  })

/** An enum shape of the model. Enums are part of the type, so they are checked in both modes. */
export const literals = <const Values extends ReadonlyArray<string>>(...values: Values): Shape<Values[number]> => {
  let schema: Schema.Schema<Values[number]> | undefined
  return (_mode) =>
    schema ??= Schema.Literal(...values).annotations({
      ...annotate({ kind: "enum", values }),
      message: () => `must ${describeRule({ kind: "enum", values })}`
    })
}

/** A list shape of the model, with optional item-count bounds. */
export const list = <A, I>(
  item: Shape<A, I>,
  size: { readonly min?: number; readonly max?: number } = {}
): Shape<ReadonlyArray<A>, ReadonlyArray<I>> =>
  memoShape((mode) => {
    const array = Schema.Array(item(mode))
    if (mode === "output") return array
    let checked: Schema.Schema<ReadonlyArray<A>, ReadonlyArray<I>> = array.annotations({
      [RuleId]: { kind: "type", expected: "list" } satisfies Rule
    })
    if (size.min !== undefined && size.min > 0) {
      const min = size.min
      checked = checked.pipe(
        Schema.filter((a: ReadonlyArray<A>) => a.length >= min, annotate({ kind: "minLength", limit: min }))
      )
    }
    if (size.max !== undefined) {
      const max = size.max
      checked = checked.pipe(
        Schema.filter((a: ReadonlyArray<A>) => a.length <= max, annotate({ kind: "maxLength", limit: max }))
      )
    }
    return checked
  })

/**
 * A map shape of the model, with an optional bound on the number of entries. Keys are checked
 * by a filter rather than by the record's key schema: a key that fails a refined key schema
 * would be dropped silently as an excess property, and the call would go out without it.
 */
export const map = <A, I>(
  key: Shape<string>,
  value: Shape<A, I>,
  size: { readonly max?: number } = {}
): Shape<{ readonly [k: string]: A }, { readonly [k: string]: I }> =>
  memoShape((mode) => {
    const record = Schema.Record({ key: Schema.String, value: value(mode) })
    if (mode === "output") return record
    const validateKey = ParseResult.validateEither(key(mode))
    const checked = record.annotations({ [RuleId]: { kind: "type", expected: "map" } satisfies Rule }).pipe(
      Schema.filter((r) => {
        const issues: Array<ParseResult.ParseIssue> = []
        for (const k of Object.keys(r)) {
          const result = validateKey(k)
          if (Either.isLeft(result)) issues.push(new ParseResult.Pointer(k, r, result.left))
        }
        return issues
      })
    )
    const max = size.max
    if (max === undefined) return checked
    return checked.pipe(Schema.filter((r) => Object.keys(r).length <= max, annotate({ kind: "maxLength", limit: max })))
  })
