import * as Redacted from "effect/Redacted"

/** Callers may hand over plain strings or `Redacted` ones; inside, secrets are always `Redacted`. */
export const toRedacted = (value: string | Redacted.Redacted<string>): Redacted.Redacted<string> =>
  Redacted.isRedacted(value) ? value : Redacted.make(value)
