/**
 * The flags of the commands that run a long job against the service (`export`, `purge`): the
 * request rate and the retry settings, read as the export's library options. Flags win over
 * `AWS_MAX_ATTEMPTS` / `AWS_RETRY_MODE`, which win over the job's own defaults (persistent
 * retries, adaptive pacing).
 */
import * as Options from "@effect/cli/Options"
import type { ConfigError } from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { DEFAULT_ATTEMPT_TIMEOUT } from "../export/exportIdentities.js"
import type { ExportRetryOptions } from "../export/exportRetry.js"
import { DEFAULT_GIVE_UP_AFTER } from "../export/exportRetry.js"
import { retrySettings } from "../protocol/retry/retryConfig.js"
import { UsageError } from "./UsageError.js"

export const jobOptions = {
  rate: Options.integer("rate").pipe(Options.optional),
  retryMode: Options.choice("retry-mode", ["standard", "adaptive"]).pipe(Options.optional),
  maxAttempts: Options.integer("max-attempts").pipe(Options.optional),
  giveUpAfter: Options.integer("give-up-after").pipe(Options.optional)
}

export interface JobFlags {
  readonly rate: Option.Option<number>
  readonly retryMode: Option.Option<"standard" | "adaptive">
  readonly maxAttempts: Option.Option<number>
  readonly giveUpAfter: Option.Option<number>
}

export interface JobSettings {
  readonly requestsPerSecond: number | undefined
  readonly retry: ExportRetryOptions
}

export const jobHelp: ReadonlyArray<readonly [string, string]> = [
  ["--rate N", "at most N requests per second (default: no limit)"],
  ["--retry-mode MODE", "standard or adaptive (default: AWS_RETRY_MODE, else adaptive)"],
  ["--max-attempts N", "attempts per request (default: AWS_MAX_ATTEMPTS, else no limit)"],
  ["--give-up-after SECONDS", `stop after this long without progress (default: ${Duration.toSeconds(DEFAULT_GIVE_UP_AFTER)})`]
]

export const attemptTimeoutNote = `Each attempt times out after ${Duration.toSeconds(DEFAULT_ATTEMPT_TIMEOUT)} s and is retried.`

const usage = (message: string) => Effect.fail(new UsageError({ message }))

/** The rate and retry options the flags and the environment ask for; a bad value is a usage error. */
export const jobSettings = (flags: JobFlags): Effect.Effect<JobSettings, UsageError | ConfigError> =>
  Effect.gen(function*() {
    if (Option.isSome(flags.rate) && flags.rate.value <= 0) return yield* usage("--rate must be a positive number")
    if (Option.isSome(flags.maxAttempts) && flags.maxAttempts.value < 1) return yield* usage("--max-attempts must be at least 1")
    if (Option.isSome(flags.giveUpAfter) && flags.giveUpAfter.value <= 0) {
      return yield* usage("--give-up-after must be a positive number of seconds")
    }
    const environment = yield* retrySettings
    return {
      requestsPerSecond: Option.getOrUndefined(flags.rate),
      retry: {
        mode: Option.getOrUndefined(Option.orElse(flags.retryMode, () => environment.mode)),
        maxAttempts: Option.getOrUndefined(Option.orElse(flags.maxAttempts, () => environment.maxAttempts)),
        giveUpAfter: Option.getOrUndefined(Option.map(flags.giveUpAfter, Duration.seconds))
      }
    }
  })
