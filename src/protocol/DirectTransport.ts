/**
 * A shortcut a platform's HttpClient may offer the executor. @effect/platform's
 * `HttpClient.make` costs ~200 µs of CPU per request on Node (an AbortController, URL
 * rebuilding, a FinalizationRegistry entry and a response wrapper each time): more than a
 * whole signed request on undici. An HttpClient carrying a `DirectTransport` under
 * `DirectTransportId` lets the executor send its one kind of request (a POST with a small body,
 * read whole with a size cap) straight through, and sign with the platform's own SHA-256.
 *
 * Only an HttpClient exactly as its layer built it carries it: a client the user transformed
 * (`mapRequest`, `retryTransient`, a tracer wrapper, ...) is a new object without it, and goes
 * through `execute` like any other HttpClient.
 */
import type * as Effect from "effect/Effect"
import type { ChecksumConstructor } from "./Checksum.js"

export const DirectTransportId: unique symbol = Symbol.for("effect-cognito-identity/DirectTransport")

export interface DirectRequest {
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
  /** A larger response body is not read: the send fails with `TooLarge`. */
  readonly maxBytes: number
}

export interface DirectResponse {
  readonly status: number
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: Uint8Array
}

export type DirectFailure =
  | { readonly _tag: "Transport"; readonly cause: unknown }
  | { readonly _tag: "TooLarge"; readonly status: number }

export interface DirectTransport {
  /** Interrupting the effect aborts the request. */
  readonly send: (request: DirectRequest) => Effect.Effect<DirectResponse, DirectFailure>
  /** SHA-256 / HMAC-SHA-256 for the signer, native to the platform. */
  readonly sha256: ChecksumConstructor
}

export const directTransportOf = (http: object): DirectTransport | undefined =>
  DirectTransportId in http ? (http as { readonly [DirectTransportId]: DirectTransport })[DirectTransportId] : undefined
