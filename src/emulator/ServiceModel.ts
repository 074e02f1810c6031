/**
 * The boundary between the emulator's wire layer (HTTP, SigV4, validation, throttling, faults)
 * and its in-memory model of the service (pools, identities, logins, tokens). The wire layer
 * decodes the input with the operation's own schema, then asks the model; the model answers
 * the operation's output value or a modelled fault, and never sees HTTP.
 */
import type { Either } from "effect"

/** Who is calling, where, and when. */
export interface CallContext {
  /**
   * The caller's account, from the verified SigV4 credential. Undefined for an unsigned call to
   * one of the four public operations: the account is then the one owning the addressed pool or
   * identity.
   */
  readonly accountId: string | undefined
  /** The region: the SigV4 scope's for signed calls, else the prefix of the addressed id. */
  readonly region: string
  readonly now: Date
}

/** A modelled fault: `code` is the AWS error code (`ResourceNotFoundException`, ...). */
export interface ServiceFault {
  readonly code: string
  readonly message: string
}

/** Where the model keeps its state between runs (`--state FILE`). */
export interface ModelSnapshot {
  readonly version: 1
  readonly data: unknown
}

export interface SeedOptions {
  readonly accountId: string
  readonly region: string
  readonly pools: number
  readonly identitiesPerPool: number
  readonly now: Date
}

export interface ServiceModel {
  /**
   * Runs one operation. `input` is the operation's decoded input (its schema's `Type`, with
   * login tokens as `Redacted`); the result is its output `Type` (dates as `Date`, secrets as
   * `Redacted`), which the wire layer encodes with the same schema.
   */
  readonly handle: (operation: string, input: unknown, context: CallContext) => Either.Either<unknown, ServiceFault>
  /** Creates pools with identities quickly (for demos, benchmarks and scale tests). Returns the pool ids. */
  readonly seed: (options: SeedOptions) => ReadonlyArray<string>
  readonly snapshot: () => ModelSnapshot
}
