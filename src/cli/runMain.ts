/**
 * Runs the command: exit code 0 on success, 130/143 when stopped by SIGINT/SIGTERM, 1 with a
 * one-line reason on stderr for any other failure (2 for bad command-line usage), and, like
 * any Unix tool whose reader went away (`| head -1`), nothing at all and 141 (128 + SIGPIPE).
 */
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import { hintOf } from "../errors/hints.js"
import { ExportFileError } from "../export/ExportFileError.js"
import { CommandFailed } from "./CommandFailed.js"
import { StoppedBySignal } from "./signals.js"
import { UsageError } from "./UsageError.js"

const describe = (error: unknown): string => {
  if (Predicate.hasProperty(error, "_tag") && Predicate.hasProperty(error, "message")) {
    const message = String(error.message)
    const described = message.startsWith(String(error._tag)) ? message : `${String(error._tag)}: ${message}`
    // A retried failure says how hard it was tried (an export retries until it makes no progress).
    const attempts = Predicate.hasProperty(error, "attempts") && typeof error.attempts === "number" ? error.attempts : 0
    const line = attempts > 1 ? `${described.split("\n")[0]} (after ${attempts} attempts)` : described.split("\n")[0] ?? ""
    // A classic misconfiguration says what to change, on the same line.
    const hint = hintOf(error)
    return hint === undefined ? line : `${line} (hint: ${hint})`
  }
  return error instanceof Error ? error.message : String(error)
}

export const runMain = (program: Effect.Effect<void, unknown>): void => {
  Effect.runFork(program).addObserver((exit) => {
    if (Exit.isSuccess(exit)) {
      process.exitCode = 0
      return
    }
    const failure = Cause.failureOption(exit.cause)
    if (Option.isSome(failure)) {
      const error = failure.value
      if (error instanceof ExportFileError && error.code === "EPIPE") {
        process.exitCode = 141
        return
      }
      if (error instanceof StoppedBySignal) {
        process.stderr.write(`cognito-identity: ${error.message}\n`)
        process.exitCode = error.signal === "SIGINT" ? 130 : 143
        return
      }
      if (error instanceof CommandFailed) {
        process.stderr.write(`cognito-identity: ${error.message}\n`)
        process.exitCode = 1
        return
      }
      if (error instanceof UsageError) {
        process.stderr.write(`cognito-identity: ${error.message} (see --help)\n`)
        process.exitCode = 2
        return
      }
      if (ValidationError.isValidationError(error)) {
        // @effect/cli has already printed the usage problem.
        process.exitCode = 2
        return
      }
      process.stderr.write(`cognito-identity: ${describe(error).split("\n")[0]}\n`)
      process.exitCode = 1
      return
    }
    if (Cause.isInterruptedOnly(exit.cause)) {
      process.exitCode = 130
      return
    }
    const defect = Cause.squash(exit.cause)
    process.stderr.write(`cognito-identity: unexpected failure: ${describe(defect).split("\n")[0]}\n`)
    process.exitCode = 1
  })
}
