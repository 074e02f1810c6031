/**
 * Flattens a schema failure into the list of violated rules, each with its member path. The
 * client reports them as a `ValidationError`, the emulator as a `ValidationException` or a
 * `SerializationException`, so both sides name the same members and rules.
 */
import type { SchemaAST } from "effect"
import * as ParseResult from "effect/ParseResult"
import type { Rule } from "./Constraint.js"
import { RuleId } from "./Constraint.js"

export interface Violation {
  readonly path: ReadonlyArray<PropertyKey>
  readonly rule: Rule
  /** The offending value; callers decide whether it may be shown (it may be a token). */
  readonly actual: unknown
}

const ruleOf = (ast: SchemaAST.AST): Rule | undefined => {
  const rule = ast.annotations[RuleId]
  return rule === undefined ? undefined : rule as Rule
}

/**
 * What a value of this schema is, in the model's words (`string`, `integer`, `map`, `list`,
 * `structure`): never the schema's own printout, which spells out every filter and member.
 */
const typeName = (ast: SchemaAST.AST, depth = 0): string => {
  const rule = ruleOf(ast)
  if (rule?.kind === "type") return rule.expected
  if (depth > 32) return "value"
  switch (ast._tag) {
    case "Refinement":
      return typeName(ast.from, depth + 1)
    case "Transformation":
      // The side a caller writes (a login token: a string, or Redacted around one).
      return typeName(ast.from, depth + 1)
    case "Suspend":
      return typeName(ast.f(), depth + 1)
    case "TypeLiteral":
      return ast.propertySignatures.length === 0 && ast.indexSignatures.length > 0 ? "map" : "structure"
    case "TupleType":
      return "list"
    case "StringKeyword":
    case "TemplateLiteral":
      return "string"
    case "NumberKeyword":
      return "number"
    case "BooleanKeyword":
      return "boolean"
    case "Literal":
      return JSON.stringify(ast.literal) ?? String(ast.literal)
    case "Union": {
      const names = new Set(ast.types.filter((member) => member._tag !== "UndefinedKeyword").map((member) => typeName(member, depth + 1)))
      return [...names].join(" or ")
    }
    case "Declaration": {
      // Redacted<string>: what it wraps.
      const [wrapped] = ast.typeParameters
      return ast.typeParameters.length === 1 && wrapped !== undefined ? typeName(wrapped, depth + 1) : "value"
    }
    default:
      return ast._tag.replace(/Keyword$/, "").toLowerCase()
  }
}

const expected = (ast: SchemaAST.AST): Rule => ({ kind: "type", expected: typeName(ast) })

/** The structure a schema describes, seen through filters, transformations and `X | undefined`. */
const structureOf = (ast: SchemaAST.AST, depth = 0): SchemaAST.TypeLiteral | undefined => {
  if (depth > 32) return undefined
  switch (ast._tag) {
    case "TypeLiteral":
      return ast.propertySignatures.length > 0 ? ast : undefined
    case "Refinement":
    case "Transformation":
      return structureOf(ast.from, depth + 1)
    case "Suspend":
      return structureOf(ast.f(), depth + 1)
    default:
      return undefined
  }
}

const isPlainObject = (value: unknown): boolean => typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * A value that is not an object where a structure belongs. Deeper down its path names the
 * member at fault (`RoleMappings["x"] must be of type structure`); for the whole input
 * (`getId(null)`) the path is just "(input)", so the required members are named too.
 */
const notAStructure = (
  structure: SchemaAST.TypeLiteral,
  path: ReadonlyArray<PropertyKey>,
  actual: unknown,
  out: Array<Violation>
): void => {
  out.push({ path, rule: { kind: "type", expected: "structure" }, actual })
  if (path.length > 0) return
  for (const member of structure.propertySignatures) {
    if (!member.isOptional) out.push({ path: [member.name], rule: { kind: "required" }, actual: undefined })
  }
}

const walk = (issue: ParseResult.ParseIssue, path: ReadonlyArray<PropertyKey>, out: Array<Violation>): void => {
  switch (issue._tag) {
    case "Pointer":
      walk(issue.issue, [...path, ...(Array.isArray(issue.path) ? issue.path : [issue.path])], out)
      return
    case "Missing":
      out.push({ path, rule: { kind: "required" }, actual: undefined })
      return
    case "Refinement":
      if (issue.kind === "Predicate") {
        const rule = ruleOf(issue.ast)
        // A filter without a rule of its own (the map key check) reports its issues inside.
        if (rule === undefined) walk(issue.issue, path, out)
        else out.push({ path, rule, actual: issue.actual })
      } else {
        walk(issue.issue, path, out)
      }
      return
    case "Transformation":
      walk(issue.issue, path, out)
      return
    case "Composite": {
      const rule = ruleOf(issue.ast)
      if (rule !== undefined && rule.kind === "enum") {
        out.push({ path, rule, actual: issue.actual })
        return
      }
      const issues: ReadonlyArray<ParseResult.ParseIssue> = Array.isArray(issue.issues)
        ? issue.issues
        : [issue.issues as ParseResult.ParseIssue]
      if (issue.ast._tag === "Union") {
        // A union (an optional member is `X | undefined`, a login token `string | Redacted`)
        // reports one issue per member. The members whose type did not even match say nothing
        // useful when another member matched the type and failed a check: report that one.
        const deep = issues.filter((inner) => !isShallow(inner))
        const structure = isPlainObject(issue.actual) ? undefined : structureOf(issue.ast)
        if (deep.length === 0 && structure !== undefined) {
          notAStructure(structure, path, issue.actual, out)
        } else if (deep.length === 0) {
          out.push({ path, rule: expected(issue.ast), actual: issue.actual })
        } else {
          for (const inner of deep) walk(inner, path, out)
        }
        return
      }
      for (const inner of issues) walk(inner, path, out)
      return
    }
    case "Type":
    case "Forbidden": {
      const structure = isPlainObject(issue.actual) ? undefined : structureOf(issue.ast)
      if (structure !== undefined) notAStructure(structure, path, issue.actual, out)
      else out.push({ path, rule: ruleOf(issue.ast) ?? expected(issue.ast), actual: issue.actual })
      return
    }
    case "Unexpected":
      out.push({ path, rule: { kind: "type", expected: "no such member" }, actual: issue.actual })
      return
  }
}

/** True when the issue is only "not of this type", with nothing more specific underneath. */
const isShallow = (issue: ParseResult.ParseIssue): boolean => {
  switch (issue._tag) {
    case "Type":
    case "Forbidden":
      return true
    case "Refinement":
      return issue.kind === "From" && isShallow(issue.issue)
    case "Transformation":
      return isShallow(issue.issue)
    default:
      return false
  }
}

export const violations = (error: ParseResult.ParseError | ParseResult.ParseIssue): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  walk(ParseResult.isParseError(error) ? error.issue : error, [], out)
  return out
}

/**
 * `IdentityPoolId`, `Logins["graph.facebook.com"]`, `IdentityIdsToDelete[3]`. Model members
 * are PascalCase; anything else on the path is a map key and is quoted.
 */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string => {
  let out = ""
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`
    else if (typeof key === "string" && /^[A-Z][A-Za-z0-9]*$/.test(key)) out += out === "" ? key : `.${key}`
    else out += `[${JSON.stringify(String(key))}]`
  }
  return out === "" ? "(input)" : out
}
