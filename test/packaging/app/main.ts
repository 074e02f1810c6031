/**
 * `<runtime> main.ts ENDPOINT IDENTITY_POOL_ID`: the smoke program over `fetch`, as a Bun or
 * Deno (or Node) user runs it. Prints one JSON line: the report, or the failure.
 */
import { FetchHttpClient } from "@effect/platform"
import { Effect } from "effect"
import process from "node:process"
import { smoke } from "./smoke.js"

const [endpoint = "", identityPoolId = ""] = process.argv.slice(2)

smoke({ endpoint, identityPoolId, pageSize: 10 }).pipe(
  Effect.provide(FetchHttpClient.layer),
  Effect.match({
    onSuccess: (report) => ({ ok: true, report }),
    onFailure: (error) => ({ ok: false, error: String(error) })
  }),
  Effect.runPromise
).then((result) => {
  console.log(JSON.stringify(result))
  if (!result.ok) process.exitCode = 1
})
