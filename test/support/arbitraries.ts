/**
 * fast-check arbitraries built from the service model itself (botocore's service-2.json in
 * test/fixtures), not from the client's schemas: the point of the property tests is
 * to check the client against the model, so the generators must not share the client's
 * mistakes. Every value generated here is *wire* JSON (plain strings for login tokens).
 *
 * The model's patterns are regular expressions; generating strings from an arbitrary regex is
 * a project of its own, so a small table maps each pattern the model uses to a generator, and
 * `unknownPatterns` lets a test fail the day the model gains a pattern the table lacks.
 */
import { readFileSync } from "node:fs"
import { Either, Redacted, Schema } from "effect"
import fc from "fast-check"

// -------------------------------------------------------------------------------------------
// The model
// -------------------------------------------------------------------------------------------

/** AWS's published service model, vendored under test/fixtures. */
export const MODEL_URL = new URL("../fixtures/cognito-identity-2014-06-30/service-2.json", import.meta.url)

const Ref = Schema.Struct({ shape: Schema.String })

const ModelShapeSchema = Schema.Struct({
  type: Schema.String,
  min: Schema.optional(Schema.Number),
  max: Schema.optional(Schema.Number),
  pattern: Schema.optional(Schema.String),
  enum: Schema.optional(Schema.Array(Schema.String)),
  sensitive: Schema.optional(Schema.Boolean),
  members: Schema.optional(Schema.Record({ key: Schema.String, value: Ref })),
  required: Schema.optional(Schema.Array(Schema.String)),
  member: Schema.optional(Ref),
  key: Schema.optional(Ref),
  value: Schema.optional(Ref)
})
export type ModelShape = typeof ModelShapeSchema.Type

const ModelOperationSchema = Schema.Struct({
  name: Schema.String,
  input: Schema.optional(Ref),
  output: Schema.optional(Ref),
  errors: Schema.optional(Schema.Array(Ref))
})

const ServiceModelSchema = Schema.Struct({
  operations: Schema.Record({ key: Schema.String, value: ModelOperationSchema }),
  shapes: Schema.Record({ key: Schema.String, value: ModelShapeSchema })
})
export type ServiceModelJson = typeof ServiceModelSchema.Type

/**
 * Reads and checks the model. A missing or unreadable file must fail the suite loudly: a
 * property test with no model would otherwise test nothing and pass.
 */
export const loadModel = (): ServiceModelJson => {
  let text: string
  try {
    text = readFileSync(MODEL_URL, "utf8")
  } catch (cause) {
    throw new Error(
      `The service model is missing: expected ${MODEL_URL.pathname} (vendored in test/fixtures). ` +
        "The model-driven security tests cannot run without it.",
      { cause }
    )
  }
  const decoded = Schema.decodeUnknownEither(Schema.parseJson(ServiceModelSchema))(text)
  if (Either.isLeft(decoded)) {
    throw new Error(`The service model at ${MODEL_URL.pathname} is not a botocore service-2.json: ${decoded.left.message}`)
  }
  return decoded.right
}

export const serviceModel: ServiceModelJson = loadModel()

export const shapeOf = (name: string): ModelShape => {
  const shape = serviceModel.shapes[name]
  if (shape === undefined) throw new Error(`service-2.json has no shape ${name}`)
  return shape
}

/** The input shape name of every operation, by operation name. */
export const operationInputs: ReadonlyMap<string, string> = new Map(
  Object.values(serviceModel.operations).map((op) => {
    if (op.input === undefined) throw new Error(`operation ${op.name} has no input shape`)
    return [op.name, op.input.shape]
  })
)

/** Every shape reachable from `root` (root included), by following member/key/value references. */
export const reachableShapes = (roots: Iterable<string>): ReadonlySet<string> => {
  const seen = new Set<string>()
  const queue = [...roots]
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (seen.has(name)) continue
    seen.add(name)
    const shape = shapeOf(name)
    for (const ref of Object.values(shape.members ?? {})) queue.push(ref.shape)
    for (const ref of [shape.member, shape.key, shape.value]) if (ref !== undefined) queue.push(ref.shape)
  }
  return seen
}

// -------------------------------------------------------------------------------------------
// Strings: lengths, character sets, patterns
// -------------------------------------------------------------------------------------------

const range = (from: string, to: string): Array<string> =>
  Array.from({ length: to.charCodeAt(0) - from.charCodeAt(0) + 1 }, (_, i) => String.fromCharCode(from.charCodeAt(0) + i))

const DIGITS = range("0", "9")
/** JavaScript's `\w`, with or without the `u` flag (no `i` flag): ASCII only. */
const WORD = [...range("a", "z"), ...range("A", "Z"), ...DIGITS, "_"]
const HEX = [...DIGITS, ...range("a", "f")]
/** `\s` under the `u` flag: a few of them, beyond the space. */
const SPACES = [" ", "\t", "\n", "\u00a0", "\u2003", "\u3000"]

/**
 * Characters for members without a pattern: printable ASCII, JSON's troublemakers (quotes,
 * backslash, control characters, U+2028) and some BMP letters. No lone surrogates (they do
 * not survive UTF-8) and nothing outside the BMP, so that the model's length (UTF-16 units,
 * as the client counts) is unambiguous.
 */
const FREE_TEXT = [
  ...range(" ", "~"),
  "\t",
  "\n",
  "\u0000",
  "\u001f",
  "\u007f",
  "\u2028",
  "é",
  "ß",
  "中",
  "€",
  "\ufeff"
]

/** Not whitespace, under the `u` flag. */
const NON_SPACE = [...range("!", "~"), "\u0000", "\u0001", "é", "中", "€"]

/** Letters, marks, symbols, numbers, punctuation: the ClaimName classes (all in the BMP). */
const CLAIM_CHARS = [...WORD, "é", "中", "\u0301", "€", "©", "+", "$", "٣", "½", ":", "!", "-", ".", "/", "\"", "'", "#"]

/** Lengths between `min` and `max`, with the bounds themselves drawn often. */
export const lengthIn = (min: number, max: number, typical = 24): fc.Arbitrary<number> =>
  min >= max
    ? fc.constant(min)
    : fc.oneof(
      { weight: 1, arbitrary: fc.constant(min) },
      { weight: 1, arbitrary: fc.constant(max) },
      { weight: 6, arbitrary: fc.integer({ min, max: Math.min(max, min + typical) }) }
    )

/**
 * A string of exactly `length` units from `chars`. Long strings (a 50,000-character token)
 * repeat a random seed of up to 16 characters, which keeps generation and shrinking cheap.
 */
export const stringOf = (chars: ReadonlyArray<string>, length: number): fc.Arbitrary<string> => {
  if (length <= 0) return fc.constant("")
  const seedLength = Math.min(length, 16)
  return fc.array(fc.constantFrom(...chars), { minLength: seedLength, maxLength: seedLength }).map((seed) => {
    if (seed.length === length) return seed.join("")
    let out = ""
    for (let i = 0; i < length; i++) out += seed[i % seed.length]
    return out
  })
}

export interface PatternGenerator {
  /** Lengths for which a matching string exists, between the member's bounds. */
  readonly lengths: (min: number, max: number) => fc.Arbitrary<number> | undefined
  /** A matching string of exactly this length (one of `lengths`). */
  readonly ofLength: (length: number) => fc.Arbitrary<string>
}

const charClass = (chars: ReadonlyArray<string>): PatternGenerator => ({
  lengths: (min, max) => (Math.max(min, 1) <= max ? lengthIn(Math.max(min, 1), max) : undefined),
  ofLength: (length) => stringOf(chars, length)
})

/** `<prefix>:<suffix>`, each part non-empty: the identity and pool id pattern. */
const idPattern: PatternGenerator = {
  lengths: (min, max) => (Math.max(min, 3) <= max ? lengthIn(Math.max(min, 3), max) : undefined),
  ofLength: (length) =>
    fc.integer({ min: 1, max: length - 2 }).chain((prefix) =>
      fc.tuple(stringOf([...WORD, "-"], prefix), stringOf([...HEX, "-"], length - 1 - prefix))
        .map(([p, s]) => `${p}:${s}`)
    )
}

const roleType: PatternGenerator = {
  lengths: (min, max) => {
    const ok = [13, 15].filter((n) => n >= min && n <= max)
    return ok.length === 0 ? undefined : fc.constantFrom(...ok)
  },
  ofLength: (length) => fc.constant(length === 13 ? "authenticated" : "unauthenticated")
}

/** Every pattern of the model, as written in service-2.json, with a generator of matching strings. */
export const patternGenerators: ReadonlyMap<string, PatternGenerator> = new Map<string, PatternGenerator>([
  ["[\\w-]+:[0-9a-f-]+", idPattern],
  ["[\\w\\s+=,.@-]+", charClass([...WORD, ...SPACES, "+", "=", ",", ".", "@", "-"])],
  ["[\\w.;_/-]+", charClass([...WORD, ".", ";", "_", "/", "-"])],
  ["[\\w._-]+", charClass([...WORD, ".", "_", "-"])],
  ["[\\w._:/-]+", charClass([...WORD, ".", "_", ":", "/", "-"])],
  ["[\\w_]+", charClass(WORD)],
  ["\\d+", charClass(DIGITS)],
  ["[\\S]+", charClass(NON_SPACE)],
  ["(un)?authenticated", roleType],
  ["[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+", charClass(CLAIM_CHARS)]
])

/** The model's patterns that the table above cannot generate. */
export const unknownPatterns = (): ReadonlyArray<string> =>
  [...new Set(Object.values(serviceModel.shapes).flatMap((s) => (s.pattern === undefined ? [] : [s.pattern])))]
    .filter((p) => !patternGenerators.has(p))

/** The pattern as the service applies it: anchored, with Unicode classes. */
export const anchored = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`, "u")

/** Characters that some pattern of the model refuses (each one refused by at least one). */
const FORBIDDEN_CANDIDATES = [" ", "\t", "!", "#", "/", ":", ".", "A", "x", "é", "\u0000", "\u2028", "?", "*", "%"]

/**
 * A string within [min, max] that does not match `pattern`: a matching one with one character
 * replaced, kept only when the result really fails the anchored pattern.
 */
export const patternMismatch = (pattern: string, min: number, max: number): fc.Arbitrary<string> => {
  const generator = patternGenerators.get(pattern)
  const regex = anchored(pattern)
  const lengths = generator?.lengths(min, max)
  if (generator === undefined || lengths === undefined) throw new Error(`no generator for pattern ${pattern}`)
  return lengths
    .chain((length) => fc.tuple(generator.ofLength(length), fc.nat(), fc.constantFrom(...FORBIDDEN_CANDIDATES)))
    .map(([valid, at, bad]) => {
      const i = at % valid.length
      return valid.slice(0, i) + bad + valid.slice(i + 1)
    })
    .filter((s) => s.length >= min && s.length <= max && !regex.test(s))
}

// -------------------------------------------------------------------------------------------
// Values of any shape
// -------------------------------------------------------------------------------------------

/**
 * Map keys that have bitten JavaScript code before: they must stay ordinary keys. `__proto__`
 * is left out on purpose: the client drops it today (see the pinned defect in
 * test/security/modelInputs.test.ts), and one known defect must not hide every other finding
 * of the property tests.
 */
const AWKWARD_KEYS = ["constructor", "toString", "hasOwnProperty", "valueOf"]

const stringArbitrary = (shape: ModelShape, isKey: boolean): fc.Arbitrary<string> => {
  if (shape.enum !== undefined) return fc.constantFrom(...shape.enum)
  const min = shape.min ?? 0
  const max = shape.max ?? 64
  if (shape.pattern !== undefined) {
    const generator = patternGenerators.get(shape.pattern)
    if (generator === undefined) throw new Error(`no generator for the model's pattern ${shape.pattern}`)
    const lengths = generator.lengths(min, max)
    if (lengths === undefined) throw new Error(`pattern ${shape.pattern} has no string of length ${min}..${max}`)
    return lengths.chain(generator.ofLength)
  }
  const free = lengthIn(min, max).chain((length) => stringOf(FREE_TEXT, length))
  if (!isKey) return free
  const awkward = AWKWARD_KEYS.filter((k) => k.length >= min && k.length <= max)
  return awkward.length === 0 ? free : fc.oneof({ weight: 8, arbitrary: free }, { weight: 1, arbitrary: fc.constantFrom(...awkward) })
}

/**
 * How large lists and maps get. `"bounds"`: their maximum size is drawn now and then (400
 * mapping rules, 60 ids), which is what the round-trip properties need. `"small"`: at most a
 * few items, for tests that only need a valid backdrop around something else, where nested
 * maxima (10 role mappings of 400 rules each) would only cost time.
 */
export type Sizes = "bounds" | "small"

const cache = new Map<string, fc.Arbitrary<unknown>>()

/** Items of a list or entries of a map: the model's bounds, with small sizes most of the time. */
const sizeIn = (min: number | undefined, max: number | undefined, sizes: Sizes): fc.Arbitrary<number> => {
  const low = min ?? 0
  return sizes === "bounds" ? lengthIn(low, max ?? 4, 4) : fc.integer({ min: low, max: Math.min(max ?? 3, low + 3) })
}

/** A valid wire value of the named shape (every constraint of the model respected). */
export const wireArbitrary = (shapeName: string, sizes: Sizes = "bounds"): fc.Arbitrary<unknown> => {
  const key = `${sizes}:${shapeName}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  const built = build(shapeName, sizes)
  cache.set(key, built)
  return built
}

/** A valid map key of the named shape. */
export const keyArbitrary = (shapeName: string): fc.Arbitrary<string> => stringArbitrary(shapeOf(shapeName), true)

const build = (shapeName: string, sizes: Sizes): fc.Arbitrary<unknown> => {
  const shape = shapeOf(shapeName)
  switch (shape.type) {
    case "string":
      return stringArbitrary(shape, false)
    case "boolean":
      return fc.boolean()
    case "integer":
    case "long":
      return fc.integer({ min: shape.min ?? -(2 ** 31), max: shape.max ?? 2 ** 31 - 1 })
    case "timestamp":
      return fc.integer({ min: 0, max: 4_102_444_800 })
    case "list": {
      const item = wireArbitrary(required(shape.member, shapeName).shape, sizes)
      return sizeIn(shape.min, shape.max, sizes).chain((n) => fc.array(item, { minLength: n, maxLength: n }))
    }
    case "map": {
      const key = keyArbitrary(required(shape.key, shapeName).shape)
      const value = wireArbitrary(required(shape.value, shapeName).shape, sizes)
      return sizeIn(shape.min, shape.max, sizes).chain((n) =>
        fc.uniqueArray(fc.tuple(key, value), { minLength: n, maxLength: n, selector: ([k]) => k })
          // Object.fromEntries defines own properties: a "__proto__" key stays a key.
          .map((entries) => Object.fromEntries(entries))
      )
    }
    case "structure": {
      const members = Object.entries(shape.members ?? {})
      const record: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [name, ref] of members) record[name] = wireArbitrary(ref.shape, sizes)
      return fc.record(record, { requiredKeys: [...(shape.required ?? [])] })
    }
    default:
      throw new Error(`shape ${shapeName} has a type (${shape.type}) the generator does not know`)
  }
}

const required = <A>(value: A | undefined, shapeName: string): A => {
  if (value === undefined) throw new Error(`shape ${shapeName} is incomplete in the model`)
  return value
}

// -------------------------------------------------------------------------------------------
// Secrets: from wire values to what a caller passes, and back
// -------------------------------------------------------------------------------------------

/**
 * The caller's version of a wire value: every sensitive string (a login token) wrapped in
 * `Redacted`, as a careful caller passes it.
 */
export const redactSensitive = (shapeName: string, wire: unknown): unknown => {
  const shape = shapeOf(shapeName)
  switch (shape.type) {
    case "string":
      return shape.sensitive === true && typeof wire === "string" ? Redacted.make(wire) : wire
    case "list":
      return Array.isArray(wire) ? wire.map((item) => redactSensitive(required(shape.member, shapeName).shape, item)) : wire
    case "map":
    case "structure": {
      if (typeof wire !== "object" || wire === null || Array.isArray(wire)) return wire
      const out: Array<[string, unknown]> = []
      for (const [key, value] of Object.entries(wire)) {
        const ref = shape.type === "map" ? shape.value : shape.members?.[key]
        out.push([key, ref === undefined ? value : redactSensitive(ref.shape, value)])
      }
      return Object.fromEntries(out)
    }
    default:
      return wire
  }
}

/** The value with every `Redacted` replaced by what it holds (for comparisons). */
export const reveal = (value: unknown): unknown => {
  if (Redacted.isRedacted(value)) return Redacted.value(value)
  if (Array.isArray(value)) return value.map(reveal)
  if (value instanceof Date) return value
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]))
  }
  return value
}

/** Every sensitive string inside a wire value, by walking it along its shape. */
export const sensitiveStrings = (shapeName: string, wire: unknown): ReadonlyArray<string> => {
  const out: Array<string> = []
  const walk = (name: string, value: unknown): void => {
    const shape = shapeOf(name)
    if (shape.type === "string") {
      if (shape.sensitive === true && typeof value === "string") out.push(value)
      return
    }
    if (shape.type === "list" && Array.isArray(value) && shape.member !== undefined) {
      for (const item of value) walk(shape.member.shape, item)
      return
    }
    if ((shape.type === "map" || shape.type === "structure") && typeof value === "object" && value !== null) {
      for (const [key, member] of Object.entries(value)) {
        const ref = shape.type === "map" ? shape.value : shape.members?.[key]
        if (ref !== undefined) walk(ref.shape, member)
      }
    }
  }
  walk(shapeName, wire)
  return out
}
