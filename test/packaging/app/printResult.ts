/** Runs a command-line program and prints its outcome as one JSON line; exit code 1 on failure. */
import { Effect } from "effect"
import process from "node:process"

export const printResult = <A>(program: Effect.Effect<A, unknown>): Promise<void> =>
  program.pipe(
    Effect.match({
      onSuccess: (value) => ({ ok: true, ...value }),
      onFailure: (error) => ({ ok: false, error: String(error) })
    }),
    Effect.runPromise
  ).then((result) => {
    console.log(JSON.stringify(result))
    if (!result.ok) process.exitCode = 1
  })
