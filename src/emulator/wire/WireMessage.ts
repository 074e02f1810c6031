/**
 * The emulator's view of one HTTP exchange, independent of how it travelled: the node:http
 * server and the in-process `HttpClient` both translate to and from these shapes, so the
 * handler in between is the same code for a socket and for a test.
 */

export interface WireRequest {
  readonly method: string
  /** The path as received, without the query string. */
  readonly path: string
  /** The raw query string without '?', possibly "". */
  readonly query: string
  /** Lower-case header names. Repeated headers are joined with "," by whoever builds this. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
  readonly remoteAddress?: string | undefined
}

/** A complete HTTP response. */
export interface WireReply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
}

/**
 * The injected "connection reset" fault: no response at all. The server destroys the socket;
 * the in-process client fails the request with a `RequestError` whose reason is "Transport".
 */
export interface DropConnection {
  readonly _tag: "DropConnection"
}

export type WireResponse = WireReply | DropConnection

export const dropConnection: DropConnection = { _tag: "DropConnection" }

export const isDropConnection = (response: WireResponse): response is DropConnection =>
  "_tag" in response && response._tag === "DropConnection"
