import { Schema } from "effect"
import type { Mode } from "./Constraint.js"

/** awsJson1.1 timestamps are epoch seconds (JSON numbers, possibly fractional). */
const EpochSeconds = Schema.transform(Schema.Number, Schema.DateFromSelf, {
  strict: true,
  decode: (seconds) => new Date(seconds * 1000),
  encode: (date) => date.getTime() / 1000
}).annotations({ identifier: "EpochSeconds" })

export const DateType = (_mode: Mode): Schema.Schema<Date, number> => EpochSeconds
