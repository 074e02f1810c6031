/**
 * The services @effect/cli needs (FileSystem, Path, Terminal), implemented on plain Node for
 * this command's needs, so that the package does not pull in @effect/platform-node and the 17
 * packages it requires (cluster, rpc, sql, workflow, ...). The command takes paths as text and
 * never prompts, so the file system is a no-op and the terminal only writes.
 *
 * @effect/cli styles what it prints (usage errors) with ANSI escapes; they are removed when the
 * stream is not a terminal or `NO_COLOR` is set (https://no-color.org).
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Terminal from "@effect/platform/Terminal"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Mailbox from "effect/Mailbox"

const noColor = (process.env["NO_COLOR"] ?? "") !== ""
const plainStdout = noColor || process.stdout.isTTY !== true
const plainStderr = noColor || process.stderr.isTTY !== true

// CSI sequences (colours, cursor moves) and OSC sequences (links).
const ansi = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g

export const stripAnsi = (text: string): string => text.replace(ansi, "")

const plain = (plainText: boolean) => (args: ReadonlyArray<unknown>) =>
  plainText ? args.map((arg) => (typeof arg === "string" ? stripAnsi(arg) : arg)) : args

const terminal: Terminal.Terminal = {
  columns: Effect.sync(() => process.stdout.columns ?? 80),
  rows: Effect.sync(() => process.stdout.rows ?? 24),
  isTTY: Effect.sync(() => process.stdout.isTTY === true),
  readInput: Mailbox.make<Terminal.UserInput>(),
  readLine: Effect.fail(new Terminal.QuitException()),
  display: (text) =>
    Effect.async((resume) => {
      process.stdout.write(plainStdout ? stripAnsi(text) : text, () => resume(Effect.void))
    })
}

const defaultConsole = Effect.runSync(Effect.console)
const toStdout = plain(plainStdout)
const toStderr = plain(plainStderr)

const console: Console.Console = {
  ...defaultConsole,
  log: (...args) => defaultConsole.log(...toStdout(args)),
  info: (...args) => defaultConsole.info(...toStdout(args)),
  error: (...args) => defaultConsole.error(...toStderr(args)),
  warn: (...args) => defaultConsole.warn(...toStderr(args))
}

export const CliEnvironment = Layer.mergeAll(
  FileSystem.layerNoop({}),
  Path.layer,
  Layer.succeed(Terminal.Terminal, terminal),
  Console.setConsole(console)
)
