/**
 * `npm start`: the main job, end to end, with no AWS account. Starts the emulator on a free
 * loopback port, seeds pools, and exports every identity over real HTTP with SigV4 into a
 * file, exactly as `export --all` does against AWS.
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as os from "node:os"
import * as path from "node:path"
import { Emulator } from "../../emulator/Emulator.js"
import { writeExport } from "../../export/writeExport.js"
import { AwsCredentials } from "../../layers/AwsCredentials.js"
import { CognitoIdentityClient } from "../../layers/CognitoIdentityClient.js"
import { UndiciHttpClient } from "../../node/UndiciHttpClient.js"
import { makeProgressReporter } from "../ProgressReporter.js"
import type { Help } from "../help.js"
import { stopOnSignal } from "../signals.js"
import { writeStdout } from "../stdout.js"

export const demoHelp: Help = {
  usage: ["demo [--pools N] [--identities N] [--format ndjson|csv] [--output FILE]"],
  summary: "Seed a local emulator and export every identity from it over HTTP, signed, as `export --all` does " +
    "against AWS (no AWS account needed). Prints where the file is.",
  options: [
    ["--pools N", "pools to seed (default: 3)"],
    ["--identities N", "identities per pool (default: 2000)"],
    ["--format ndjson|csv", "record format (default: ndjson)"],
    ["--output FILE", "where to write (default: a file in the temporary directory)"]
  ]
}

/** The AWS documentation's example key pair, which the emulator accepts by default. */
const exampleCredentials = AwsCredentials.static({
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
})

export const demoCommand = Command.make(
  "demo",
  {
    pools: Options.integer("pools").pipe(Options.withDefault(3)),
    identities: Options.integer("identities").pipe(Options.withDefault(2000)),
    format: Options.choice("format", ["ndjson", "csv"]).pipe(Options.withDefault("ndjson" as const)),
    output: Options.text("output").pipe(
      Options.withDefault(path.join(os.tmpdir(), `cognito-identity-demo-${process.pid}.ndjson`))
    )
  },
  (flags) =>
    Effect.gen(function*() {
      const served = yield* Emulator.serve({
        port: 0,
        seed: { pools: flags.pools, identitiesPerPool: flags.identities }
      })
      yield* Console.error(
        `emulator listening on ${served.url} with ${flags.pools} pools of ${flags.identities.toLocaleString("en-US")} identities`
      )
      const output = flags.format === "csv" ? flags.output.replace(/\.ndjson$/, ".csv") : flags.output
      const reporter = makeProgressReporter(process.stderr.isTTY === true)
      const summary = yield* writeExport({ pools: "all", format: flags.format, output, onProgress: reporter.onProgress })
        .pipe(
          stopOnSignal(),
          Effect.provide(
            Layer.mergeAll(
              CognitoIdentityClient.layer({ region: served.emulator.defaultRegion, endpoint: served.url }).pipe(
                Layer.provide(UndiciHttpClient.layer)
              ),
              exampleCredentials
            )
          )
        )
      yield* reporter.finish(summary)
      const stats = served.emulator.stats()
      const perOperation = Object.entries(stats.operations).map(([name, op]) => `${name} ${op.requests}`).join(", ")
      yield* Console.error(`the emulator answered ${stats.requests} signed requests (${perOperation})`)
      yield* Console.error(`records written to:`)
      yield* writeStdout(`${output}\n`)
    }).pipe(Effect.scoped)
)
