/**
 * IAM identity-based policy documents, as far as the emulator evaluates them: `Effect`
 * (`Allow` / `Deny`), `Action` or `NotAction`, `Resource` or `NotResource`, each a string or a
 * list, with the `*` and `?` wildcards. Action names match case-insensitively, resources
 * case-sensitively, as in IAM. Anything the emulator cannot evaluate faithfully (`Condition`,
 * `Principal`, unknown elements) is refused when the policy is given, rather than ignored:
 * ignoring a condition would grant more than the policy does.
 *
 * Evaluation follows IAM's order for one identity-based policy set: an explicit `Deny` that
 * matches wins; otherwise an `Allow` that matches allows; otherwise the request is implicitly
 * denied ("no identity-based policy allows").
 */
import * as Either from "effect/Either"

export type PolicyInput = string | Readonly<Record<string, unknown>>

interface Statement {
  readonly effect: "Allow" | "Deny"
  readonly actions: { readonly negated: boolean; readonly patterns: ReadonlyArray<RegExp> }
  readonly resources: { readonly negated: boolean; readonly patterns: ReadonlyArray<RegExp> }
}

export interface Policy {
  readonly statements: ReadonlyArray<Statement>
}

export type Decision = "Allowed" | "ExplicitDeny" | "ImplicitDeny"

const STATEMENT_KEYS: ReadonlySet<string> = new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource"])
const VERSIONS: ReadonlySet<string> = new Set(["2012-10-17", "2008-10-17"])

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** `*` any run of characters, `?` one character, everything else literal. */
const wildcard = (pattern: string, flags: string): RegExp =>
  new RegExp(
    `^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`,
    flags
  )

const patternsOf = (
  statement: Readonly<Record<string, unknown>>,
  name: "Action" | "Resource",
  flags: string,
  where: string
): Either.Either<Statement["actions"], string> => {
  const positive = statement[name]
  const negative = statement[`Not${name}`]
  if ((positive === undefined) === (negative === undefined)) {
    return Either.left(`${where} must have exactly one of ${name} and Not${name}`)
  }
  const value = positive ?? negative
  const list = typeof value === "string" ? [value] : value
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === "string")) {
    return Either.left(`${where}: ${positive === undefined ? `Not${name}` : name} must be a string or a non-empty list of strings`)
  }
  return Either.right({ negated: positive === undefined, patterns: list.map((item: string) => wildcard(item, flags)) })
}

const readStatement = (value: unknown, where: string): Either.Either<Statement, string> =>
  Either.gen(function*() {
    if (!isRecord(value)) return yield* Either.left(`${where} must be an object`)
    const unknown = Object.keys(value).filter((key) => !STATEMENT_KEYS.has(key))
    if (unknown.length > 0) {
      return yield* Either.left(
        `${where}: ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not supported by the emulator ` +
          "(it evaluates Effect, Action, NotAction, Resource and NotResource)"
      )
    }
    const effect = value["Effect"]
    if (effect !== "Allow" && effect !== "Deny") return yield* Either.left(`${where}: Effect must be "Allow" or "Deny"`)
    const actions = yield* patternsOf(value, "Action", "i", where)
    const resources = yield* patternsOf(value, "Resource", "", where)
    return { effect, actions, resources }
  })

/** Checks a policy document (JSON text or a parsed object); the first problem otherwise. */
export const readPolicy = (input: PolicyInput): Either.Either<Policy, string> =>
  Either.gen(function*() {
    let document: unknown = input
    if (typeof input === "string") {
      try {
        document = JSON.parse(input)
      } catch (cause) {
        return yield* Either.left(`not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`)
      }
    }
    if (!isRecord(document)) return yield* Either.left("a policy document must be a JSON object")
    const extra = Object.keys(document).filter((key) => key !== "Version" && key !== "Statement" && key !== "Id")
    if (extra.length > 0) return yield* Either.left(`${extra.join(", ")} is not a policy document element`)
    const version = document["Version"]
    if (version !== undefined && (typeof version !== "string" || !VERSIONS.has(version))) {
      return yield* Either.left(`Version must be "2012-10-17" or "2008-10-17"`)
    }
    const raw = document["Statement"]
    const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
    if (list.length === 0) return yield* Either.left("a policy document needs at least one Statement")
    const statements: Array<Statement> = []
    for (const [index, statement] of list.entries()) {
      statements.push(yield* readStatement(statement, Array.isArray(raw) ? `Statement[${index}]` : "Statement"))
    }
    return { statements }
  })

const matches = (set: Statement["actions"], value: string): boolean =>
  set.patterns.some((pattern) => pattern.test(value)) !== set.negated

/** The decision of a set of policies for one action on one resource. */
export const evaluate = (policies: ReadonlyArray<Policy>, action: string, resource: string): Decision => {
  let allowed = false
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (!matches(statement.actions, action) || !matches(statement.resources, resource)) continue
      if (statement.effect === "Deny") return "ExplicitDeny"
      allowed = true
    }
  }
  return allowed ? "Allowed" : "ImplicitDeny"
}
