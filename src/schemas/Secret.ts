/**
 * Sensitive strings. On the wire they are plain JSON strings; in memory they are `Redacted`,
 * so that `String(x)`, `JSON.stringify(x)`, logs and spans show `<redacted>`.
 */
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { Mode, Shape } from "./Constraint.js"

/**
 * A secret the caller sends (a login token): a plain string or a `Redacted` is accepted, the
 * constraints of `wire` apply to the revealed value, and decoding (in the emulator) always
 * yields a `Redacted`.
 */
export const secretInput = (wire: Shape<string>) => (mode: Mode): Schema.Schema<string | Redacted.Redacted<string>, string> =>
  Schema.transform(wire(mode), Schema.Union(Schema.RedactedFromSelf(Schema.String), Schema.String), {
    strict: true,
    decode: (value) => Redacted.make(value),
    encode: (value) => Redacted.isRedacted(value) ? Redacted.value(value) : value
  })

/** A secret the service returns (secret key, session token, OpenID token). */
export const secretOutput = (_mode: Mode): Schema.Schema<Redacted.Redacted<string>, string> => Schema.Redacted(Schema.String)
