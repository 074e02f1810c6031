/**
 * `node dist/node.js ENDPOINT IDENTITY_POOL_ID`: the smoke program on Node, once over the
 * application's own `FetchHttpClient` (its @effect/platform's tag meets the package's layers)
 * and once over the package's Node transport. Prints one JSON line.
 */
import { FetchHttpClient } from "@effect/platform"
import { Effect } from "effect"
import { NodeHttpClient } from "effect-cognito-identity/node"
import { smoke } from "./smoke.js"

const [endpoint = "", identityPoolId = ""] = process.argv.slice(2)
const options = { endpoint, identityPoolId, pageSize: 10 }

Effect.all({
  fetch: smoke(options).pipe(Effect.provide(FetchHttpClient.layer)),
  node: smoke(options).pipe(Effect.provide(NodeHttpClient.layer))
}).pipe(
  Effect.match({
    onSuccess: (reports) => ({ ok: true, reports }),
    onFailure: (error) => ({ ok: false, error: String(error) })
  }),
  Effect.runPromise
).then((result) => {
  console.log(JSON.stringify(result))
  if (!result.ok) process.exitCode = 1
})
