/**
 * Chaos at the socket level: the emulator's HTTP server behind a proxy that resets
 * connections mid-response, truncates bodies, answers an HTML 502, trickles bytes or never
 * answers. With attempt and call timeouts set, every call ends within its call timeout, in
 * success or a typed error: never a defect, never an interruption, never a hang.
 */
import { FetchHttpClient } from "@effect/platform"
import type { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Predicate } from "effect"
import { Emulator } from "../../src/emulator/index.js"
import { CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import type { OperationRequirements } from "../../src/index.js"
import { NodeHttpClient, UndiciHttpClient } from "../../src/node/index.js"
import { testCredentials } from "../support/layers.js"
import { chaosProxy } from "./chaosProxy.js"

const CALL_TIMEOUT = 2_000
/**
 * A hang would exceed the call timeout by far more than this; the slack absorbs event-loop lag
 * on a loaded machine (CI shares two cores between test workers), so the check cannot flake.
 */
const SLACK = 2_000
const CALLS = 48

const transports: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["UndiciHttpClient", UndiciHttpClient.layer],
  ["NodeHttpClient", NodeHttpClient.layer],
  ["FetchHttpClient", FetchHttpClient.layer]
]

describe("chaos proxy in front of the emulator server", () => {
  for (const [name, transport] of transports) {
    it.live(`${name}: every call ends in time, in success or a typed error`, () =>
      Effect.gen(function*() {
        const served = yield* Emulator.serve({ host: "127.0.0.1", port: 0 })
        const [pool] = yield* served.emulator.seed({ pools: 1, identitiesPerPool: 3 })
        const port = Number(new URL(served.url).port)
        const proxy = yield* chaosProxy(port, name.length)
        const client = Layer.mergeAll(
          CognitoIdentityClient.layer({
            region: "us-east-1",
            endpoint: proxy.url,
            attemptTimeout: "600 millis",
            callTimeout: `${CALL_TIMEOUT} millis`
          }).pipe(Layer.provide(transport)),
          testCredentials,
          // Enough attempts that the call timeout, not maxAttempts, ends the unluckiest calls.
          RetryPolicy.layerStandard({ maxAttempts: 5, baseDelay: "10 millis", throttlingBaseDelay: "10 millis" })
        )
        const calls = yield* Effect.forEach(
          Array.from({ length: CALLS }, (_, i) => i),
          (i) =>
            Effect.gen(function*() {
              const started = Date.now()
              const call: Effect.Effect<unknown, unknown, OperationRequirements<"sigv4">> = i % 2 === 0
                ? CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool ?? "" })
                : CognitoIdentity.listIdentities({ IdentityPoolId: pool ?? "", MaxResults: 60 })
              const exit = yield* Effect.exit(call)
              return { exit, millis: Date.now() - started }
            }),
          { concurrency: 8 }
        ).pipe(Effect.provide(client))

        const tags = new Map<string, number>()
        for (const { exit, millis } of calls) {
          // Within the call timeout (plus scheduling slack), whatever happened.
          expect(millis).toBeLessThan(CALL_TIMEOUT + SLACK)
          if (Exit.isFailure(exit)) {
            // A typed failure only: no defect, no interruption.
            expect(Cause.isFailType(exit.cause), Cause.pretty(exit.cause)).toBe(true)
            const error = Cause.isFailType(exit.cause) ? exit.cause.error : undefined
            expect(error).toHaveProperty("_tag")
            expect(error).toHaveProperty("attempts")
            const tag = Predicate.hasProperty(error, "_tag") ? String(error._tag) : "untagged"
            tags.set(tag, (tags.get(tag) ?? 0) + 1)
          } else {
            tags.set("success", (tags.get("success") ?? 0) + 1)
          }
        }
        // The chaos happened and the client retried through it (more connections than calls;
        // the proxy gives each request a connection of its own), and calls got through. How
        // many succeed depends on how many attempts outlive their timeout on a busy machine, so
        // it is not asserted here: retry effectiveness is measured by the export and policy tests.
        for (const count of Object.values(proxy.counts)) expect(count).toBeGreaterThan(0)
        const connections = Object.values(proxy.counts).reduce((sum, count) => sum + (count ?? 0), 0)
        expect(connections).toBeGreaterThan(CALLS)
        expect(tags.get("success") ?? 0).toBeGreaterThan(0)
      }).pipe(Effect.scoped), { timeout: 60_000 })
  }
})
