/**
 * The request body as a JSON object (docs/service-behaviour.md §2): anything else is a
 * SerializationException. Explicit `null` members are treated as absent, as the AWS JSON
 * protocols do, so `{"NextToken": null}` means "no token".
 */
import * as Either from "effect/Either"

/** Far deeper than any input of the model; bounds the work spent on hostile nesting. */
const MAX_DEPTH = 64

const utf8 = new TextDecoder("utf-8", { fatal: true })

type Stripped = Either.Either<unknown, string>

const TOO_DEEP = "The request body is nested too deeply"
const PROTO_KEY = "The member or map key \"__proto__\" is not supported by this emulator"

const stripNulls = (value: unknown, depth: number): Stripped => {
  if (depth > MAX_DEPTH) return Either.left(TOO_DEEP)
  if (Array.isArray(value)) {
    // Nulls inside a list keep their place: they are reported as "must not be null" with
    // the element's index, which removing them would shift.
    const out: Array<unknown> = []
    for (const item of value) {
      const stripped = stripNulls(item, depth + 1)
      if (Either.isLeft(stripped)) return stripped
      out.push(stripped.right)
    }
    return Either.right(out)
  }
  if (typeof value === "object" && value !== null) {
    const entries: Array<[string, unknown]> = []
    for (const [key, member] of Object.entries(value)) {
      // Schema.Record rebuilds maps with `out[key] = value`: a "__proto__" entry would become the
      // decoded map's prototype instead of an entry. AWS would take it as a tag key; refuse it.
      if (key === "__proto__") return Either.left(PROTO_KEY)
      if (member === null) continue
      const stripped = stripNulls(member, depth + 1)
      if (Either.isLeft(stripped)) return stripped
      entries.push([key, stripped.right])
    }
    return Either.right(Object.fromEntries(entries))
  }
  return Either.right(value)
}

const decodeJson = (bytes: Uint8Array): Either.Either<unknown, string> => {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return Either.left("The request body is not valid UTF-8")
  }
  // An empty body is read as `{}`: SDKs send `{}` for inputs without members, and a bare
  // POST carrying no members means the same thing [INFERRED].
  if (text.trim() === "") return Either.right({})
  try {
    return Either.right(JSON.parse(text))
  } catch {
    return Either.left("The request body is not valid JSON")
  }
}

export const parseBody = (bytes: Uint8Array): Either.Either<Readonly<Record<string, unknown>>, string> =>
  Either.flatMap(decodeJson(bytes), (json) => {
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      return Either.left("The request body must be a JSON object (start of structure expected)")
    }
    return Either.flatMap(stripNulls(json, 0), (stripped) =>
      typeof stripped === "object" && stripped !== null && !Array.isArray(stripped)
        ? Either.right(Object.fromEntries(Object.entries(stripped)))
        : Either.left("The request body must be a JSON object (start of structure expected)"))
  })
