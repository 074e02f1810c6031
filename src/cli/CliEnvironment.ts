/**
 * The services @effect/cli needs (FileSystem, Path, Terminal), implemented on plain Node for
 * this command's needs, so that the package does not pull in @effect/platform-node and the 17
 * packages it requires (cluster, rpc, sql, workflow, ...). The command takes paths as text and
 * never prompts, so the file system is a no-op and the terminal only writes.
 */
import { FileSystem, Path, Terminal } from "@effect/platform"
import { Effect, Layer, Mailbox } from "effect"

const terminal: Terminal.Terminal = {
  columns: Effect.sync(() => process.stdout.columns ?? 80),
  rows: Effect.sync(() => process.stdout.rows ?? 24),
  isTTY: Effect.sync(() => process.stdout.isTTY === true),
  readInput: Mailbox.make<Terminal.UserInput>(),
  readLine: Effect.fail(new Terminal.QuitException()),
  display: (text) =>
    Effect.async((resume) => {
      process.stdout.write(text, () => resume(Effect.void))
    })
}

export const CliEnvironment = Layer.mergeAll(
  FileSystem.layerNoop({}),
  Path.layer,
  Layer.succeed(Terminal.Terminal, terminal)
)
