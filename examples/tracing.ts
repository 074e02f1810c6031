/**
 * README tracing: the client's call and attempt spans exported by OpenTelemetry (OTLP over
 * HTTP). test/tracing runs the same NodeSdk layer with an in-memory exporter.
 */
import { NodeSdk } from "@effect/opentelemetry"
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http"
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base"

export const Tracing = NodeSdk.layer(() => ({
  resource: { serviceName: "my-app" },
  spanProcessor: new BatchSpanProcessor(new OTLPTraceExporter())
}))
// Effect.provide(program, Tracing); in a browser, WebSdk.layer the same way.
