/**
 * The smoke program as a Workers module, bundled with esbuild as a Workers user's build does:
 * `GET /?endpoint=…&identityPoolId=…` answers the report as JSON.
 */
import { FetchHttpClient } from "@effect/platform"
import { Effect } from "effect"
import { smoke } from "./smoke.js"

export default {
  fetch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const endpoint = url.searchParams.get("endpoint") ?? ""
    const identityPoolId = url.searchParams.get("identityPoolId") ?? ""
    return smoke({ endpoint, identityPoolId, pageSize: 10 }).pipe(
      Effect.provide(FetchHttpClient.layer),
      Effect.match({
        onSuccess: (report) => Response.json({ ok: true, report }),
        onFailure: (error) => Response.json({ ok: false, error: String(error) }, { status: 500 })
      }),
      Effect.runPromise
    )
  }
}
