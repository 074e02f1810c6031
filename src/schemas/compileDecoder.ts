/**
 * A decoder compiled once from a schema's AST into plain functions: the fast path for the
 * service's answers (a ListIdentities page decodes about ten times faster than through
 * `ParseResult`, with a fraction of the allocation).
 *
 * It is not a second definition of the outputs: it reads the same schema, and it only ever
 * says "this is the value Schema would give" or "ask Schema" (`FAIL`). Whatever it cannot
 * decide the way `ParseResult` does (a wrong type, a missing member, an AST node it does not
 * know, a transformation that is not synchronous) ends in `FAIL`, and the caller decodes with
 * `ParseResult`, which then also produces the error. So on every input it either agrees with
 * `ParseResult.decodeUnknownEither(schema)` or defers to it; `test/schemas/compileDecoder.test.ts`
 * checks that on generated values and on generated garbage, for every operation's output.
 *
 * What it follows of `ParseResult` (effect 3.x), node by node:
 * - structs: own keys only, excess members dropped, members in the schema's order, a missing
 *   optional member left out, a missing required one decoded from `undefined`; records: every
 *   own string key, after the members;
 * - arrays: a new array of the decoded items;
 * - unions: of literals and keywords, or one member and `undefined`, tried in order;
 * - transformations and declarations (epoch seconds → `Date`, string → `Redacted`): the
 *   schema's own `decode` / `decodeUnknown` functions, called directly; an answer that is not
 *   an immediate `Either` is `FAIL`.
 */
import type * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"

/** "Decode this one with `ParseResult`": a wrong input, or one this decoder does not decide. */
export const FAIL: unique symbol = Symbol.for("effect-cognito-identity/compileDecoder/FAIL")

export type CompiledDecoder = (input: unknown) => unknown

const OPTIONS: SchemaAST.ParseOptions = { errors: "all" }

/**
 * `Schema.DateFromSelf`'s schema id (`Schema.DateFromSelfSchemaId`), by its registered name so
 * that a bundle without dates does not keep the schema for it.
 */
export const DATE_FROM_SELF_ID: symbol = Symbol.for("effect/SchemaId/DateFromSelf")

const isDateFromSelf = (ast: SchemaAST.Declaration): boolean =>
  ast.annotations[SchemaAST.SchemaIdAnnotationId] === DATE_FROM_SELF_ID && ast.typeParameters.length === 0

const isRecord = (input: unknown): input is Record<string, unknown> =>
  typeof input === "object" && input !== null && !Array.isArray(input)

const hasOwn = (value: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(value, key)

// Every `Right` shares this prototype: comparing it is the cheapest exact test for one (a
// transformation may also answer with an Effect, or a `Left`). It runs twice per decoded date.
const RightPrototype: unknown = Object.getPrototypeOf(Either.right(undefined))

/** The value of a synchronous parse result, or FAIL. */
const valueOf = (result: unknown): unknown =>
  typeof result === "object" && result !== null && Object.getPrototypeOf(result) === RightPrototype
    ? (result as Either.Right<unknown, unknown>).right
    : FAIL

const isSimple = (ast: SchemaAST.AST): boolean =>
  SchemaAST.isLiteral(ast) || SchemaAST.isUndefinedKeyword(ast) || SchemaAST.isStringKeyword(ast) ||
  SchemaAST.isNumberKeyword(ast) || SchemaAST.isBooleanKeyword(ast)

/** The compiled decoder of `ast`, or undefined for a node it does not decide. */
const compile = (ast: SchemaAST.AST, depth: number): CompiledDecoder | undefined => {
  if (depth > 64) return undefined
  switch (ast._tag) {
    case "StringKeyword":
      return (input) => typeof input === "string" ? input : FAIL
    case "NumberKeyword":
      return (input) => typeof input === "number" ? input : FAIL
    case "BooleanKeyword":
      return (input) => typeof input === "boolean" ? input : FAIL
    case "UndefinedKeyword":
      return (input) => input === undefined ? input : FAIL
    case "UnknownKeyword":
    case "AnyKeyword":
    case "VoidKeyword":
      return (input) => input
    case "Literal": {
      const literal = ast.literal
      return (input) => input === literal ? input : FAIL
    }
    case "Union":
      return compileUnion(ast, depth)
    case "TupleType":
      return compileArray(ast, depth)
    case "TypeLiteral":
      return compileStruct(ast, depth)
    case "Refinement": {
      const from = compile(ast.from, depth + 1)
      if (from === undefined) return undefined
      return (input) => {
        const value = from(input)
        return value === FAIL || Option.isSome(ast.filter(value, OPTIONS, ast)) ? FAIL : value
      }
    }
    case "Transformation": {
      if (!SchemaAST.isFinalTransformation(ast.transformation)) return undefined
      const from = compile(ast.from, depth + 1)
      const to = compile(ast.to, depth + 1)
      if (from === undefined || to === undefined) return undefined
      const decode = ast.transformation.decode
      return (input) => {
        const fromValue = from(input)
        if (fromValue === FAIL) return FAIL
        const transformed = valueOf(decode(fromValue, OPTIONS, ast, input))
        return transformed === FAIL ? FAIL : to(transformed)
      }
    }
    case "Declaration": {
      // `DateFromSelf` (every decoded timestamp's last step) decodes with `Predicate.isDate`:
      // the same test, without the `Either` it would allocate per date.
      if (isDateFromSelf(ast)) return (input) => input instanceof Date ? input : FAIL
      const decode = ast.decodeUnknown(...ast.typeParameters)
      return (input) => valueOf(decode(input, OPTIONS, ast))
    }
    default:
      return undefined
  }
}

/** Literals and keywords, or one member and `undefined`: tried in order, as `ParseResult` does. */
const compileUnion = (ast: SchemaAST.Union, depth: number): CompiledDecoder | undefined => {
  const complex = ast.types.filter((member) => !isSimple(member))
  const undefinedOr = ast.types.length === 2 && ast.types.some(SchemaAST.isUndefinedKeyword)
  if (complex.length > 1 || (complex.length === 1 && !undefinedOr)) return undefined
  const decoders: Array<CompiledDecoder> = []
  for (const member of ast.types) {
    const decode = compile(member, depth + 1)
    if (decode === undefined) return undefined
    decoders.push(decode)
  }
  return (input) => {
    for (const decode of decoders) {
      const value = decode(input)
      if (value !== FAIL) return value
    }
    return FAIL
  }
}

/** An array (a tuple of rest elements only). */
const compileArray = (ast: SchemaAST.TupleType, depth: number): CompiledDecoder | undefined => {
  const [rest, ...more] = ast.rest
  if (ast.elements.length > 0 || rest === undefined || more.length > 0) return undefined
  const item = compile(rest.type, depth + 1)
  if (item === undefined) return undefined
  return (input) => {
    if (!Array.isArray(input)) return FAIL
    const out = new Array<unknown>(input.length)
    for (let i = 0; i < input.length; i++) {
      const value = item(input[i])
      if (value === FAIL) return FAIL
      out[i] = value
    }
    return out
  }
}

interface Member {
  readonly name: string
  readonly optional: boolean
  readonly decode: CompiledDecoder
}

const compileStruct = (ast: SchemaAST.TypeLiteral, depth: number): CompiledDecoder | undefined => {
  if (ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0) {
    return (input) => input === null || input === undefined ? FAIL : input
  }
  const members: Array<Member> = []
  for (const member of ast.propertySignatures) {
    const decode = compile(member.type, depth + 1)
    if (typeof member.name !== "string" || decode === undefined) return undefined
    members.push({ name: member.name, optional: member.isOptional, decode })
  }
  const names = new Set(members.map((member) => member.name))
  const [index, ...moreIndexes] = ast.indexSignatures
  if (moreIndexes.length > 0 || (index !== undefined && !SchemaAST.isStringKeyword(index.parameter))) return undefined
  const value = index === undefined ? undefined : compile(index.type, depth + 1)
  if (index !== undefined && value === undefined) return undefined
  return (input) => {
    if (!isRecord(input)) return FAIL
    const out: Record<string, unknown> = {}
    for (const member of members) {
      if (member.optional && !hasOwn(input, member.name)) continue
      const decoded = member.decode(input[member.name])
      if (decoded === FAIL) return FAIL
      out[member.name] = decoded
    }
    if (value !== undefined) {
      for (const key of Object.keys(input)) {
        const decoded = value(input[key])
        if (decoded === FAIL) return FAIL
        // Assigned as ParseResult assigns (a `__proto__` key included).
        if (!names.has(key)) out[key] = decoded
      }
    }
    return out
  }
}

/**
 * The schema's decoder, or undefined when its AST holds a node this module does not decide
 * (the caller then uses `ParseResult` alone).
 */
export const compileDecoder = (schema: Schema.Schema.AnyNoContext): CompiledDecoder | undefined => compile(schema.ast, 0)

/** `ParseResult`'s decoder with the compiled one in front: the same answers, sooner. */
export const fastDecodeEither = <A, I>(
  schema: Schema.Schema<A, I>,
  slow: (input: unknown) => Either.Either<A, ParseResult.ParseIssue>
): (input: unknown) => Either.Either<A, ParseResult.ParseIssue> => {
  const fast = compileDecoder(schema)
  if (fast === undefined) return slow
  return (input) => {
    const value = fast(input)
    // The compiled decoder gives what the schema decodes to (see the module comment).
    return value === FAIL ? slow(input) : Either.right(value as A)
  }
}
