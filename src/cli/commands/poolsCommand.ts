import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { listIdentityPoolsStream } from "../../CognitoIdentity.js"
import { connectionLayer, connectionOptions, requireRegion } from "../connection.js"
import type { Help } from "../help.js"
import { connectionHelp } from "../help.js"
import { writeStdout } from "../stdout.js"

export const poolsHelp: Help = {
  usage: ["pools [--format table|ndjson] [--region REGION] [--endpoint URL] [--profile NAME]"],
  summary: "List the identity pools of the account in the region (id and name).",
  options: [["--format table|ndjson", "tab-separated lines or JSON objects (default: table)"], ...connectionHelp]
}

export const poolsCommand = Command.make(
  "pools",
  {
    format: Options.choice("format", ["table", "ndjson"]).pipe(Options.withDefault("table" as const)),
    ...connectionOptions
  },
  (flags) =>
    Effect.zipRight(
      requireRegion,
      listIdentityPoolsStream().pipe(
        Stream.runForEach((pool) =>
          writeStdout(
            (flags.format === "ndjson"
              ? JSON.stringify({ IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: pool.IdentityPoolName })
              : `${pool.IdentityPoolId ?? ""}\t${pool.IdentityPoolName ?? ""}`) + "\n"
          )
        )
      )
    ).pipe(Effect.provide(connectionLayer(flags)))
)
