/** The `cognito-identity` command. */
import * as Command from "@effect/cli/Command"
import * as Effect from "effect/Effect"
import { version } from "../version.js"
import { CliEnvironment } from "./CliEnvironment.js"
import { demoCommand } from "./commands/demoCommand.js"
import { emulatorCommand } from "./commands/emulatorCommand.js"
import { exportCommand } from "./commands/exportCommand.js"
import { poolsCommand } from "./commands/poolsCommand.js"
import { runMain } from "./runMain.js"

const command = Command.make("cognito-identity").pipe(
  Command.withDescription("Amazon Cognito Identity (identity pools): exports, pool listings and a local emulator"),
  Command.withSubcommands([exportCommand, poolsCommand, emulatorCommand, demoCommand])
)

const cli = Command.run(command, { name: "cognito-identity", version })

runMain(cli(process.argv).pipe(Effect.provide(CliEnvironment)))
