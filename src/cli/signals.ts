/**
 * SIGINT / SIGTERM for long-running commands: a service (the emulator) waits for one and then
 * stops cleanly; work (an export) is interrupted by one, runs its finalizers, and reports it.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

export type Signal = "SIGINT" | "SIGTERM"

export class StoppedBySignal extends Schema.TaggedError<StoppedBySignal>()("StoppedBySignal", {
  signal: Schema.Literal("SIGINT", "SIGTERM"),
  /** What the user can do now, e.g. how to resume. */
  hint: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return `stopped by ${this.signal}${this.hint === undefined ? "" : `; ${this.hint}`}`
  }
}

/** Completes with the first SIGINT or SIGTERM received from now on. */
export const waitForSignal: Effect.Effect<Signal> = Effect.async<Signal>((resume) => {
  const on = (signal: Signal) => () => resume(Effect.succeed(signal))
  const onInt = on("SIGINT")
  const onTerm = on("SIGTERM")
  process.once("SIGINT", onInt)
  process.once("SIGTERM", onTerm)
  return Effect.sync(() => {
    process.removeListener("SIGINT", onInt)
    process.removeListener("SIGTERM", onTerm)
  })
})

/** Runs `effect`; a signal interrupts it (finalizers run) and fails with StoppedBySignal. */
export const stopOnSignal = (hint?: string) => <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | StoppedBySignal, R> =>
  Effect.raceFirst(
    effect,
    Effect.flatMap(waitForSignal, (signal) => Effect.fail(new StoppedBySignal({ signal, ...(hint === undefined ? {} : { hint }) })))
  )
