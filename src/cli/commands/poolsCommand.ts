import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { listIdentityPoolsStream } from "../../CognitoIdentity.js"
import { connectionLayer, connectionOptions } from "../connection.js"

export const poolsCommand = Command.make(
  "pools",
  {
    format: Options.choice("format", ["table", "ndjson"]).pipe(Options.withDefault("table" as const)),
    ...connectionOptions
  },
  (flags) =>
    listIdentityPoolsStream().pipe(
      Stream.runForEach((pool) =>
        Console.log(
          flags.format === "ndjson"
            ? JSON.stringify({ IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: pool.IdentityPoolName })
            : `${pool.IdentityPoolId ?? ""}\t${pool.IdentityPoolName ?? ""}`
        )
      ),
      Effect.provide(connectionLayer(flags))
    )
).pipe(Command.withDescription("List the identity pools of the account in the region"))
