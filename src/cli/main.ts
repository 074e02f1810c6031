/** The `cognito-identity` command. */
import * as Command from "@effect/cli/Command"
import * as Effect from "effect/Effect"
import { version } from "../version.js"
import { CliEnvironment } from "./CliEnvironment.js"
import { demoCommand, demoHelp } from "./commands/demoCommand.js"
import { emulatorCommand } from "./commands/emulatorCommand.js"
import { exportCommand, exportHelp } from "./commands/exportCommand.js"
import { poolsCommand, poolsHelp } from "./commands/poolsCommand.js"
import { purgeCommand, purgeHelp } from "./commands/purgeCommand.js"
import { emulatorHelp } from "./emulatorHelp.js"
import type { Help } from "./help.js"
import { helpRequest } from "./helpRequest.js"
import { runMain } from "./runMain.js"

const command = Command.make("cognito-identity").pipe(
  Command.withSubcommands([exportCommand, purgeCommand, poolsCommand, emulatorCommand, demoCommand])
)

const helps: Readonly<Record<string, Help>> = {
  export: exportHelp,
  purge: purgeHelp,
  pools: poolsHelp,
  emulator: emulatorHelp,
  demo: demoHelp
}

const topHelp: Help = {
  usage: ["COMMAND [options]", "COMMAND --help", "--version"],
  summary: `Amazon Cognito Identity (identity pools): exports, clean-ups, pool listings and a local emulator (version ${version}).`,
  heading: "Commands",
  options: [
    ["export", "export every identity of pools (or all pools) as NDJSON or CSV"],
    ["purge", "delete identities chosen by criteria or a plan (a dry run unless --execute)"],
    ["pools", "list the identity pools of the account in the region"],
    ["emulator", "run the local Cognito Identity emulator"],
    ["demo", "seed a local emulator and export it (no AWS account needed)"]
  ]
}

// Every write to stdout reports its own failure (cli/stdout.ts); none may crash the process.
process.stdout.on("error", () => {})

const cli = Command.run(command, { name: "cognito-identity", version })

runMain(helpRequest(process.argv.slice(2), helps, topHelp) ?? cli(process.argv).pipe(Effect.provide(CliEnvironment)))
