/**
 * Sensitive strings. On the wire they are plain JSON strings; in memory they are `Redacted`,
 * so that `String(x)`, `JSON.stringify(x)`, logs and spans show `<redacted>`.
 *
 * Both builders mark their schema with `SecretId`, so that which members of an operation hold
 * secrets is read from its schemas (`secretMembers`), never kept in a list of its own.
 */
import type { SchemaAST } from "effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { Mode, Shape } from "./Constraint.js"
import { memoShape } from "./Constraint.js"

/** Annotation key of a secret value's schema. */
export const SecretId: unique symbol = Symbol.for("effect-cognito-identity/Secret")

// Made by a function so that a bundle without secret outputs drops `SecretOutput`: an object
// literal with a computed key (`[SecretId]`) counts as a side effect where it is written.
const secretAnnotation = () => ({ [SecretId]: true })

/**
 * A secret the caller sends (a login token): a plain string or a `Redacted` is accepted, the
 * constraints of `wire` apply to the revealed value, and decoding (in the emulator) always
 * yields a `Redacted`.
 */
export const secretInput = (wire: Shape<string>): Shape<string | Redacted.Redacted<string>, string> =>
  memoShape((mode) =>
    Schema.transform(wire(mode), Schema.Union(Schema.RedactedFromSelf(Schema.String), Schema.String), {
      strict: true,
      decode: (value) => Redacted.make(value),
      encode: (value) => Redacted.isRedacted(value) ? Redacted.value(value) : value
    }).annotations(secretAnnotation())
  )

const SecretOutput = /*#__PURE__*/ Schema.Redacted(Schema.String).annotations(/*#__PURE__*/ secretAnnotation())

/** A secret the service returns (secret key, session token, OpenID token). */
export const secretOutput = (_mode: Mode): Schema.Schema<Redacted.Redacted<string>, string> => SecretOutput

/** Bounded: the model's shapes nest a few levels, never a cycle. */
const MAX_DEPTH = 16

/**
 * The members of a structure that hold secrets, as dotted member paths (`Logins`,
 * `Credentials.SecretKey`): a list or map level adds nothing to the path, since every item or
 * value of it is secret alike.
 */
export const secretMembers = (schema: Schema.Schema.AnyNoContext): ReadonlyArray<string> => {
  const found = new Set<string>()
  const walk = (ast: SchemaAST.AST, path: string, depth: number): void => {
    if (depth > MAX_DEPTH) return
    if (ast.annotations[SecretId] === true) {
      found.add(path)
      return
    }
    switch (ast._tag) {
      case "TypeLiteral":
        for (const member of ast.propertySignatures) {
          if (typeof member.name === "string") walk(member.type, path === "" ? member.name : `${path}.${member.name}`, depth + 1)
        }
        for (const index of ast.indexSignatures) walk(index.type, path, depth + 1)
        return
      case "Union":
        for (const member of ast.types) walk(member, path, depth + 1)
        return
      case "TupleType":
        for (const element of ast.elements) walk(element.type, path, depth + 1)
        for (const rest of ast.rest) walk(rest.type, path, depth + 1)
        return
      case "Refinement":
        walk(ast.from, path, depth + 1)
        return
      case "Transformation":
        walk(ast.from, path, depth + 1)
        walk(ast.to, path, depth + 1)
        return
      case "Suspend":
        walk(ast.f(), path, depth + 1)
        return
      default:
        return
    }
  }
  walk(schema.ast, "", 0)
  return [...found].sort()
}
