/**
 * README observability: the client's metrics (with every other Effect metric of the process)
 * sent to an OpenTelemetry collector over OTLP/HTTP by @effect/opentelemetry, with a label of
 * the application's own. `node examples/run.mjs metrics` runs `main` (POOL_ID, the quick start's
 * variables, OTEL_EXPORTER_OTLP_ENDPOINT); test/examples/metrics.test.ts runs it as a process
 * against the emulator server and a collector on 127.0.0.1.
 */
import { OtlpMetrics, OtlpSerialization } from "@effect/opentelemetry"
import { FetchHttpClient } from "@effect/platform"
import { Config, Effect, Layer } from "effect"
import { CognitoIdentity } from "effect-cognito-identity"
import { AwsLayer } from "./quickstart.js"

// Every 10 seconds, and once more when the layer closes, to the collector's OTLP/HTTP endpoint.
export const Metrics = Layer.unwrapEffect(
  Effect.map(
    Config.string("OTEL_EXPORTER_OTLP_ENDPOINT").pipe(Config.withDefault("http://localhost:4318")),
    (endpoint) =>
      OtlpMetrics.layer({ url: `${endpoint}/v1/metrics`, resource: { serviceName: "my-app" }, exportInterval: "10 seconds" })
  )
).pipe(Layer.provide([FetchHttpClient.layer, OtlpSerialization.layerJson]))

// Labels of your own are added to every measurement of the calls inside: here, the tenant.
export const signIn = (identityPoolId: string, tenant: string) =>
  CognitoIdentity.getId({ IdentityPoolId: identityPoolId }).pipe(Effect.tagMetrics("app.tenant", tenant))

export const main = Effect.flatMap(Config.string("POOL_ID"), (pool) => signIn(pool, "acme")).pipe(
  Effect.provide(Layer.merge(AwsLayer, Metrics))
)
