/**
 * How the README runs an example: `node examples/run.mjs quickstart`, as a process, against the
 * emulator server, configured the way the example says (environment variables only); and the
 * metrics example, whose measurements reach an OTLP collector on 127.0.0.1. Needs dist/
 * (`npm test` builds it first).
 */
import { execFile } from "node:child_process"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Emulator } from "../../src/emulator/index.js"
import { CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import { UndiciHttpClient } from "../../src/node/index.js"
import { testCredentials } from "../support/layers.js"
import { loopbackServer } from "../support/loopbackServer.js"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../support/fixtures.js"

const run = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>>) =>
  Effect.async<{ readonly code: number; readonly stdout: string; readonly stderr: string }>((resume) => {
    const child = execFile(process.execPath, args, { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resume(Effect.succeed({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr }))
    })
    return Effect.sync(() => {
      child.kill()
    })
  })

describe("examples/run.mjs", () => {
  it.live("runs the quick start's main against the emulator, configured by the environment", () =>
    Effect.gen(function*() {
      const served = yield* Emulator.serve({ port: 0 })
      const pool = yield* CognitoIdentity.createIdentityPool({ IdentityPoolName: "quickstart", AllowUnauthenticatedIdentities: true }).pipe(
        Effect.provide(Layer.mergeAll(
          CognitoIdentityClient.layer({ region: "us-east-1", endpoint: served.url }).pipe(Layer.provide(UndiciHttpClient.layer)),
          testCredentials,
          RetryPolicy.layerNone
        ))
      )
      const result = yield* run(["examples/run.mjs", "quickstart"], {
        AWS_REGION: "us-east-1",
        AWS_ENDPOINT_URL: served.url,
        AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
        POOL_ID: pool.IdentityPoolId
      })
      expect(result.stderr).toBe("")
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(/^new identity: us-east-1:[0-9a-f-]+\npool "quickstart" allows guests: true\n$/)
      expect(served.emulator.stats().operations["DescribeIdentityPool"]?.requests).toBe(1)
    }).pipe(Effect.scoped), { timeout: 90_000 })

  it.live("a failure is one line on stderr and exit code 1", () =>
    Effect.gen(function*() {
      const result = yield* run(["examples/run.mjs", "quickstart"], { AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: "http://127.0.0.1:1" })
      expect(result.code).toBe(1)
      expect(result.stderr.trim().split("\n")).toHaveLength(1)
    }), { timeout: 90_000 })
})

/** An OTLP/HTTP collector on 127.0.0.1: every JSON body posted to it, by path. */
const collector = Effect.suspend(() => {
  const received: Array<{ readonly path: string; readonly body: unknown }> = []
  return Effect.map(
    loopbackServer((request, response) => {
      const chunks: Array<Buffer> = []
      request.on("data", (chunk: Buffer) => chunks.push(chunk))
      request.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8")
        let body: unknown = text
        try {
          body = JSON.parse(text)
        } catch {
          // Kept as text: the assertions below then fail with what arrived.
        }
        received.push({ path: request.url ?? "", body })
        response.writeHead(200, { "content-type": "application/json" }).end("{}")
      })
    }),
    (server) => ({ ...server, received })
  )
})

interface OtlpAttribute {
  readonly key: string
  readonly value: { readonly stringValue?: string }
}
interface OtlpMetric {
  readonly name: string
  readonly histogram?: { readonly dataPoints: ReadonlyArray<{ readonly attributes: ReadonlyArray<OtlpAttribute>; readonly count: number }> }
}
interface OtlpBody {
  readonly resourceMetrics?: ReadonlyArray<{ readonly scopeMetrics: ReadonlyArray<{ readonly metrics: ReadonlyArray<OtlpMetric> }> }>
}

describe("examples/run.mjs metrics", () => {
  it.live("one GetId, measured with the tenant label, reaches the collector when the program ends", () =>
    Effect.gen(function*() {
      const served = yield* Emulator.serve({ port: 0 })
      const otlp = yield* collector
      const [pool = ""] = yield* served.emulator.seed({ pools: 1, identitiesPerPool: 0 })
      const result = yield* run(["examples/run.mjs", "metrics"], {
        AWS_REGION: "us-east-1",
        AWS_ENDPOINT_URL: served.url,
        AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
        POOL_ID: pool,
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url
      })
      expect(result.stderr).toBe("")
      expect(result.code).toBe(0)
      expect(served.emulator.stats().operations["GetId"]?.requests).toBe(1)
      expect(otlp.received.map((r) => r.path)).toEqual(["/v1/metrics"])
      const body = otlp.received[0]?.body as OtlpBody
      const metrics = (body.resourceMetrics ?? []).flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics))
      const points = metrics.find((m) => m.name === "rpc.client.call.duration")?.histogram?.dataPoints ?? []
      expect(points.map((p) => ({
        attributes: Object.fromEntries(p.attributes.map((a) => [a.key, a.value.stringValue])),
        count: p.count
      }))).toEqual([{
        attributes: { "rpc.system": "aws-api", "rpc.service": "CognitoIdentity", "rpc.method": "GetId", "app.tenant": "acme" },
        count: 1
      }])
    }).pipe(Effect.scoped), { timeout: 90_000 })
})
