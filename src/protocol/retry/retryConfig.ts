/**
 * The retry settings the AWS CLI and SDKs read from the environment: `AWS_MAX_ATTEMPTS`
 * (attempts in all, the first included; an integer ≥ 1) and `AWS_RETRY_MODE` (`standard`,
 * `adaptive`, or `legacy`, which this client treats as `standard`). Read through `Config`, so a
 * `ConfigProvider` can supply them; an invalid value is a `ConfigError`, never ignored.
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Either from "effect/Either"
import * as Option from "effect/Option"

export type RetryMode = "standard" | "adaptive"

export interface RetrySettings {
  readonly maxAttempts: Option.Option<number>
  readonly mode: Option.Option<RetryMode>
}

/** Parses a set (non-empty) variable; unset or empty is `None`. */
const setting = <A>(name: string, parse: (text: string) => Either.Either<A, string>): Config.Config<Option.Option<A>> =>
  Config.string(name).pipe(
    Config.option,
    Config.mapOrFail((value) => {
      const text = Option.getOrElse(value, () => "").trim()
      if (text === "") return Either.right(Option.none())
      return Either.mapBoth(parse(text), {
        onLeft: (message) => ConfigError.InvalidData([name], `${name} ${message}`),
        onRight: Option.some
      })
    })
  )

export const parseMaxAttempts = (text: string): Either.Either<number, string> => {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN
  return Number.isSafeInteger(n) && n >= 1
    ? Either.right(n)
    : Either.left(`must be a whole number of at least 1, not "${text}"`)
}

export const parseRetryMode = (text: string): Either.Either<RetryMode, string> => {
  const mode = text.toLowerCase()
  if (mode === "standard" || mode === "legacy") return Either.right("standard")
  if (mode === "adaptive") return Either.right("adaptive")
  return Either.left(`must be standard or adaptive (legacy is read as standard), not "${text}"`)
}

/** `AWS_MAX_ATTEMPTS` and `AWS_RETRY_MODE`, each `None` when unset. */
export const retrySettings: Config.Config<RetrySettings> = Config.all({
  maxAttempts: setting("AWS_MAX_ATTEMPTS", parseMaxAttempts),
  mode: setting("AWS_RETRY_MODE", parseRetryMode)
})
