import type { Schema } from "effect"
import type { ServiceErrorClass } from "../errors/ServiceError.js"

/**
 * How an operation authenticates. `"none"`: the four public operations (GetId, GetOpenIdToken,
 * GetCredentialsForIdentity, UnlinkIdentity), sent unsigned. `"sigv4"`: the other 19.
 */
export type Auth = "sigv4" | "none"

/**
 * One operation of the API, as data. The client's executor and the emulator's router both
 * read it, so they cannot disagree on names, shapes or errors.
 */
export interface Operation<
  Name extends string = string,
  In = unknown,
  InE = unknown,
  Out = unknown,
  OutE = unknown,
  Errors extends ReadonlyArray<ServiceErrorClass> = ReadonlyArray<ServiceErrorClass>,
  A extends Auth = Auth
> {
  /** The AWS operation name, as in `X-Amz-Target: AWSCognitoIdentityService.<name>`. */
  readonly name: Name
  readonly auth: A
  /** The input with every constraint of the model (used to encode on the client, decode in the emulator). */
  readonly input: Schema.Schema<In, InE>
  /** The output, checked for structure and types only. */
  readonly output: Schema.Schema<Out, OutE>
  /** The modelled faults this operation may answer. */
  readonly errors: Errors
}

/** Any operation, whatever its types: what a router over all operations holds. */
export interface AnyOperation {
  readonly name: string
  readonly auth: Auth
  readonly input: Schema.Schema.AnyNoContext
  readonly output: Schema.Schema.AnyNoContext
  readonly errors: ReadonlyArray<ServiceErrorClass>
}

/** Declares an operation, keeping its literal name, error tuple and auth kind in the type. */
export const operation = <
  const Name extends string,
  In,
  InE,
  Out,
  OutE,
  const Errors extends ReadonlyArray<ServiceErrorClass>,
  const A extends Auth
>(op: Operation<Name, In, InE, Out, OutE, Errors, A>): Operation<Name, In, InE, Out, OutE, Errors, A> => op
