/**
 * `--help` / `-h` (and no arguments at all) answered with the plain help pages of `help.ts`,
 * before @effect/cli parses anything; undefined when the arguments ask for something else.
 */
import * as Effect from "effect/Effect"
import type { Help } from "./help.js"
import { renderHelp } from "./help.js"
import { writeStdout } from "./stdout.js"
import { UsageError } from "./UsageError.js"

const asksForHelp = (args: ReadonlyArray<string>) => args.includes("--help") || args.includes("-h")

export const helpRequest = (
  args: ReadonlyArray<string>,
  helps: Readonly<Record<string, Help>>,
  top: Help
): Effect.Effect<void, unknown> | undefined => {
  const [first] = args
  if (first === undefined) {
    return Effect.zipRight(
      Effect.sync(() => process.stderr.write(renderHelp(top))),
      Effect.fail(new UsageError({ message: "a command is needed" }))
    )
  }
  if (!asksForHelp(args)) return undefined
  const page = Object.hasOwn(helps, first) ? helps[first] : undefined
  if (page !== undefined) return writeStdout(renderHelp(page))
  return first.startsWith("-") ? writeStdout(renderHelp(top)) : undefined
}
