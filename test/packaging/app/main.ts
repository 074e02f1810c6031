/**
 * `<runtime> main.ts ENDPOINT IDENTITY_POOL_ID`: the smoke program over `fetch`, as a Bun or
 * Deno (or Node) user runs it. Prints one JSON line: the report, or the failure.
 */
import { FetchHttpClient } from "@effect/platform"
import { Effect } from "effect"
import process from "node:process"
import { printResult } from "./printResult.js"
import { smoke } from "./smoke.js"

const [endpoint = "", identityPoolId = ""] = process.argv.slice(2)

void printResult(
  smoke({ endpoint, identityPoolId, pageSize: 10 }).pipe(
    Effect.map((report) => ({ report })),
    Effect.provide(FetchHttpClient.layer)
  )
)
