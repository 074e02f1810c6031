/**
 * Runs the command: exit code 0 on success, 130/143 when stopped by SIGINT/SIGTERM, 1 with a
 * one-line reason on stderr for any other failure (2 for bad command-line usage).
 */
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import { StoppedBySignal } from "./signals.js"
import { UsageError } from "./UsageError.js"

const describe = (error: unknown): string => {
  if (Predicate.hasProperty(error, "_tag") && Predicate.hasProperty(error, "message")) {
    const message = String(error.message)
    return message.startsWith(String(error._tag)) ? message : `${String(error._tag)}: ${message}`
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
      if (error instanceof StoppedBySignal) {
        process.stderr.write(`cognito-identity: ${error.message}\n`)
        process.exitCode = error.signal === "SIGINT" ? 130 : 143
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
