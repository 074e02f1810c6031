/**
 * `node dist/node.js ENDPOINT IDENTITY_POOL_ID`: the smoke program on Node, once over the
 * application's own `FetchHttpClient` (its @effect/platform's tag meets the package's layers)
 * and once over the package's Node transport. Prints one JSON line.
 */
import { FetchHttpClient } from "@effect/platform"
import { Effect } from "effect"
import { UndiciHttpClient } from "effect-cognito-identity/node"
import { printResult } from "./printResult.js"
import { smoke } from "./smoke.js"

const [endpoint = "", identityPoolId = ""] = process.argv.slice(2)
const options = { endpoint, identityPoolId, pageSize: 10 }

void printResult(
  Effect.all({
    fetch: smoke(options).pipe(Effect.provide(FetchHttpClient.layer)),
    node: smoke(options).pipe(Effect.provide(UndiciHttpClient.layer))
  }).pipe(Effect.map((reports) => ({ reports })))
)
