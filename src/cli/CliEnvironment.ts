/**
 * The services @effect/cli needs (FileSystem, Path, Terminal), implemented on plain Node for
 * this command's needs, so that the package does not pull in @effect/platform-node and the 17
 * packages it requires (cluster, rpc, sql, workflow, ...). The command takes paths as text and
 * never prompts, so the file system is a no-op and the terminal only writes.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Terminal from "@effect/platform/Terminal"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Mailbox from "effect/Mailbox"

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
