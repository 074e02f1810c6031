import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { Mode } from "./Constraint.js"

/**
 * awsJson1.1 timestamps are epoch seconds (JSON numbers, possibly fractional). A value outside
 * what a `Date` can hold (±8.64e12 s) is refused rather than turned into an Invalid Date,
 * whose NaN time would poison every comparison downstream (credential refresh, for one).
 */
const EpochSeconds = Schema.transformOrFail(Schema.Number, Schema.DateFromSelf, {
  strict: true,
  decode: (seconds, _options, ast) => {
    const date = new Date(seconds * 1000)
    return Number.isNaN(date.getTime())
      ? ParseResult.fail(new ParseResult.Type(ast, seconds, "a timestamp within the range of a Date"))
      : ParseResult.succeed(date)
  },
  encode: (date) => ParseResult.succeed(date.getTime() / 1000)
}).annotations({ identifier: "EpochSeconds" })

export const DateType = (_mode: Mode): Schema.Schema<Date, number> => EpochSeconds
