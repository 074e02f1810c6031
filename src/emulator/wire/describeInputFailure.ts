/**
 * Turns a failed decode of an operation's input into the error the service answers
 * (docs/service-behaviour.md §2, §3.2):
 *
 * - a member of the wrong JSON type → `SerializationException` (the Coral stack fails while
 *   deserializing, before any constraint is checked), with a message naming the member;
 * - otherwise → `ValidationException` listing every violated constraint:
 *   `N validation error(s) detected: Value '<v>' at '<path>' failed to satisfy constraint: Member must <rule>`
 *   joined with "; ", and `Value null at '<path>' ... Member must not be null` for a missing member.
 *
 * Paths are lowerCamelCase member names. The nesting syntax is [INFERRED] from other Coral
 * services (docs/service-behaviour.md §3.2 leaves it undocumented): list elements are `<list>.<n>.member`
 * (1-based), map values `<map>.<key>.member`, structure members `.<member>`, e.g.
 * `roleMappings.<key>.member.type` and `identityIdsToDelete.1.member`. A bad map *key* is
 * reported on the map itself as `Map keys must satisfy constraint: [Member must ...]`, the
 * form Lambda, DynamoDB and EventBridge answer.
 *
 * Secrets are never echoed: every value at or under a member the operation's descriptor lists
 * as secret (`secrets.input`: the login tokens of `Logins`) prints as `***`.
 */
import type { ParseResult, SchemaAST } from "effect"
import * as Option from "effect/Option"
import type { Rule } from "../../schemas/Constraint.js"
import { describeRule, RuleId } from "../../schemas/Constraint.js"
import type { Violation } from "../../schemas/Violation.js"
import { violations } from "../../schemas/Violation.js"

export interface InputFailure {
  readonly code: "ValidationException" | "SerializationException"
  readonly message: string
}

const MASK = "***"

/** Sees through refinements, transformations (to the encoded side: the JSON), and `X | undefined`. */
const unwrap = (ast: SchemaAST.AST): SchemaAST.AST => {
  let current = ast
  // Bounded: schemas of the model nest a handful of wrappers, never a cycle.
  for (let i = 0; i < 64; i++) {
    switch (current._tag) {
      case "Refinement":
      case "Transformation":
        current = current.from
        continue
      case "Suspend":
        current = current.f()
        continue
      case "Union": {
        const members = current.types.filter((member) => member._tag !== "UndefinedKeyword")
        const only = members.length === 1 ? members[0] : undefined
        if (only === undefined) return current
        current = only
        continue
      }
      default:
        return current
    }
  }
  return current
}

const lowerCamel = (name: string): string => name.length === 0 ? name : name[0]?.toLowerCase() + name.slice(1)

const join = (path: string, segment: string): string => path === "" ? segment : `${path}.${segment}`

const child = (value: unknown, key: PropertyKey): unknown => {
  if (Array.isArray(value) && typeof key === "number") return value[key]
  if (typeof value === "object" && value !== null && typeof key === "string" && Object.hasOwn(value, key)) {
    return (value as Readonly<Record<string, unknown>>)[key]
  }
  return undefined
}

/** Where a violation sits: its Coral path, whether it is secret, and the schema node there. */
interface Position {
  readonly path: string
  readonly sensitive: boolean
  readonly ast: SchemaAST.AST | undefined
  /** Set when the last step of the path was a map key. */
  readonly mapEntry: { readonly mapPath: string; readonly key: string; readonly map: unknown } | undefined
}

const locate = (
  root: SchemaAST.AST,
  input: unknown,
  path: ReadonlyArray<PropertyKey>,
  secrets: ReadonlyArray<string>
): Position => {
  let ast: SchemaAST.AST | undefined = root
  let text = ""
  // The member path as the descriptor names secrets: member names only, no list or map level.
  let members = ""
  let sensitive = false
  let value = input
  let mapEntry: Position["mapEntry"] = undefined
  for (const key of path) {
    const node: SchemaAST.AST | undefined = ast === undefined ? undefined : unwrap(ast)
    mapEntry = undefined
    if (node?._tag === "TypeLiteral") {
      const member: SchemaAST.PropertySignature | undefined = node.propertySignatures.find((signature) =>
        signature.name === key
      )
      if (member !== undefined && typeof key === "string") {
        text = join(text, lowerCamel(key))
        members = join(members, key)
        if (secrets.includes(members)) sensitive = true
        ast = member.type
        value = child(value, key)
        continue
      }
      const index: SchemaAST.IndexSignature | undefined = node.indexSignatures[0]
      if (index !== undefined && typeof key === "string") {
        mapEntry = { mapPath: text, key, map: value }
        text = join(text, `${key}.member`)
        ast = index.type
        value = child(value, key)
        continue
      }
    }
    if (node?._tag === "TupleType" && typeof key === "number") {
      text = join(text, `${key + 1}.member`)
      ast = node.rest[0]?.type
      value = child(value, key)
      continue
    }
    text = join(text, String(key))
    ast = undefined
    value = child(value, key)
  }
  return { path: text, sensitive, ast, mapEntry }
}

/** Java-like rendering, as Coral prints values: `[a, b]`, `{k=v}`. */
const render = (value: unknown, masked: boolean, depth = 0): string => {
  if (depth > 64) return "..."
  if (Array.isArray(value)) return `[${value.map((item) => render(item, masked, depth + 1)).join(", ")}]`
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${k}=${render(v, masked, depth + 1)}`).join(", ")}}`
  }
  if (masked) return MASK
  return value === undefined || value === null ? "null" : String(value)
}

const jsonKind = (value: unknown): string =>
  Array.isArray(value) ? "array" : value === null ? "null" : typeof value === "object" ? "object" : typeof value

/** The JSON type the schema expects at a position, for the SerializationException message. */
const expectedKind = (ast: SchemaAST.AST | undefined, rule: Extract<Rule, { kind: "type" }>): string => {
  if (rule.expected === "integer") return "integer"
  const node = ast === undefined ? undefined : unwrap(ast)
  switch (node?._tag) {
    case "StringKeyword":
    case "TemplateLiteral":
      return "string"
    case "NumberKeyword":
      return "number"
    case "BooleanKeyword":
      return "boolean"
    case "Literal":
      return typeof node.literal === "string" ? "string" : jsonKind(node.literal)
    case "TupleType":
      return "array"
    case "TypeLiteral":
      return "object"
    case "Union":
      return node.types.every((member) => member._tag === "Literal" && typeof member.literal === "string")
        ? "string"
        : rule.expected
    default:
      return rule.expected
  }
}

const CONSTRAINT_KINDS: ReadonlySet<Rule["kind"]> = new Set(["minLength", "maxLength", "pattern", "minValue", "maxValue"])

/**
 * Every constraint of the member that `actual` breaks, in the order the model declares them.
 * A schema stops at the first failing check of a member, but Coral reports each broken
 * constraint (an empty name breaks both its minimum length and its pattern), so the
 * remaining checks of the chain are run here on the same value.
 */
const brokenConstraints = (ast: SchemaAST.AST | undefined, actual: unknown): ReadonlyArray<Rule> => {
  const chain: Array<SchemaAST.Refinement> = []
  let current = ast
  for (let i = 0; i < 64 && current !== undefined; i++) {
    if (current._tag === "Refinement") {
      chain.push(current)
      current = current.from
    } else if (current._tag === "Transformation") {
      current = current.from
    } else if (current._tag === "Suspend") {
      current = current.f()
    } else if (current._tag === "Union") {
      const members = current.types.filter((member) => member._tag !== "UndefinedKeyword")
      current = members.length === 1 ? members[0] : undefined
    } else {
      current = undefined
    }
  }
  const broken: Array<Rule> = []
  for (const refinement of chain.reverse()) {
    const annotation = refinement.annotations[RuleId]
    if (annotation === undefined) continue
    const rule = annotation as Rule
    if (!CONSTRAINT_KINDS.has(rule.kind)) continue
    try {
      if (Option.isSome(refinement.filter(actual, {}, refinement))) broken.push(rule)
    } catch {
      // A check that cannot run on this value says nothing more than the reported violation.
    }
  }
  return broken
}

const isTypeViolation = (violation: Violation): violation is Violation & { readonly rule: Extract<Rule, { kind: "type" }> } =>
  violation.rule.kind === "type" && violation.actual !== undefined && violation.actual !== null

const serializationMessage = (
  position: Position,
  rule: Extract<Rule, { kind: "type" }>,
  actual: unknown
): string => {
  const member = position.path === "" ? "the input" : `member '${position.path}'`
  const expected = expectedKind(position.ast, rule)
  const got = expected === "integer" && typeof actual === "number" ? "a number with a fraction" : `a JSON ${jsonKind(actual)}`
  return `Cannot deserialize ${member}: expected ${expected === "integer" ? "an integer" : `a JSON ${expected}`}, got ${got}`
}

/**
 * `violation` failed on a map key rather than on the value under it: the Rule annotation of
 * the key check reports the key itself as the actual value. (A value equal to its own key is
 * read as a value violation; the key could not have been wrong in the same way anyway.)
 */
const isKeyViolation = (position: Position, violation: Violation): boolean => {
  const entry = position.mapEntry
  return entry !== undefined && violation.actual === entry.key && child(entry.map, entry.key) !== entry.key &&
    (violation.rule.kind === "minLength" || violation.rule.kind === "maxLength" || violation.rule.kind === "pattern")
}

export const describeInputFailure = (
  schema: SchemaAST.AST,
  input: unknown,
  error: ParseResult.ParseIssue | ParseResult.ParseError,
  /** The operation's secret input members (`Operation.secrets.input`). */
  secrets: ReadonlyArray<string>
): InputFailure => {
  const found = violations(error)
  const located = found.map((violation) => ({ violation, position: locate(schema, input, violation.path, secrets) }))

  const wrongType = located.find(({ violation }) => isTypeViolation(violation))
  if (wrongType !== undefined && wrongType.violation.rule.kind === "type") {
    return {
      code: "SerializationException",
      message: serializationMessage(wrongType.position, wrongType.violation.rule, wrongType.violation.actual)
    }
  }

  // A map's bad keys become one item, placed where its first bad key was found.
  type Item = { readonly _tag: "Text"; readonly text: string } | { readonly _tag: "Keys"; readonly mapPath: string }
  const items: Array<Item> = []
  const keyRules = new Map<string, { readonly map: unknown; readonly sensitive: boolean; readonly rules: Array<string> }>()
  for (const { position, violation } of located) {
    if (violation.actual === undefined || violation.actual === null || violation.rule.kind === "required") {
      items.push({ _tag: "Text", text: `Value null at '${position.path}' failed to satisfy constraint: Member must not be null` })
      continue
    }
    const rule = `Member must ${describeRule(violation.rule)}`
    const entry = position.mapEntry
    if (entry !== undefined && isKeyViolation(position, violation)) {
      let group = keyRules.get(entry.mapPath)
      if (group === undefined) {
        group = { map: entry.map, sensitive: position.sensitive, rules: [] }
        keyRules.set(entry.mapPath, group)
        items.push({ _tag: "Keys", mapPath: entry.mapPath })
      }
      if (!group.rules.includes(rule)) group.rules.push(rule)
      continue
    }
    const value = render(violation.actual, position.sensitive)
    const broken = brokenConstraints(position.ast, violation.actual).map((r) => `Member must ${describeRule(r)}`)
    for (const each of broken.includes(rule) ? broken : [rule]) {
      items.push({ _tag: "Text", text: `Value '${value}' at '${position.path}' failed to satisfy constraint: ${each}` })
    }
  }
  const messages = [
    ...new Set(items.map((item) => {
      if (item._tag === "Text") return item.text
      const group = keyRules.get(item.mapPath)
      const value = group === undefined ? "" : render(group.map, group.sensitive)
      const rules = group === undefined ? "" : group.rules.join(", ")
      return `Value '${value}' at '${item.mapPath}' failed to satisfy constraint: Map keys must satisfy constraint: [${rules}]`
    }))
  ]
  const count = messages.length
  return {
    code: "ValidationException",
    message: `${count} validation error${count === 1 ? "" : "s"} detected: ${messages.join("; ")}`
  }
}
