/**
 * One operation of the API, as data: its name, how it authenticates, its input and output
 * schemas, its modelled faults, and the facts that the client and the emulator both act on
 * (whether it changes state, how it pages, which members hold secrets). Nothing here sends a
 * request: `execute.ts` turns a descriptor into a call, `CognitoIdentity.ts` exposes the calls,
 * and the emulator routes by the same descriptors without loading either.
 *
 * Everything about an operation's public function is derived from its descriptor's type
 * (`InputOf`, `OutputOf`, `OperationError`; the requirements in `operationFunction.ts`), so a
 * fact such as the auth kind is written once, in the descriptor.
 */
import type { Schema } from "effect"
import type {
  CredentialsError,
  DecodeError,
  EndpointError,
  TimeoutError,
  TransportError,
  ValidationError
} from "../errors/ClientErrors.js"
import type { CommonError, SignedError } from "../errors/CommonErrors.js"
import type { ServiceErrorClass } from "../errors/ServiceError.js"
import { secretMembers } from "../schemas/Secret.js"

/**
 * How an operation authenticates. `"none"`: the four public operations (GetId, GetOpenIdToken,
 * GetCredentialsForIdentity, UnlinkIdentity), sent unsigned. `"sigv4"`: the other 19.
 */
export type Auth = "sigv4" | "none"

/**
 * How a paginated operation pages (botocore's paginator fields). The token member has the
 * same name in the input and the output in this API (`input_token`, `output_token`).
 */
export interface Pagination<Items extends string = string> {
  /** The member carrying the next page's token, in the input and the output. */
  readonly token: "NextToken"
  /** The input member that bounds a page (`limit_key`). */
  readonly limit: "MaxResults"
  /** The output member holding the page's items (`result_key`). */
  readonly items: Items
  /**
   * An input member every page names again (ListIdentities: `IdentityPoolId`). A page that
   * names another value belongs to another listing: its items must not be passed on.
   */
  readonly scope?: string | undefined
}

/** Members holding secrets, as dotted member paths (`Logins`, `Credentials.SecretKey`). */
export interface SecretMembers {
  readonly input: ReadonlyArray<string>
  readonly output: ReadonlyArray<string>
}

export const OperationTypeId: unique symbol = Symbol.for("effect-cognito-identity/Operation")

/** What `operation` is given: everything but what it derives. */
export interface OperationDefinition<
  Name extends string,
  In,
  InE,
  Out,
  OutE,
  Errors extends ReadonlyArray<ServiceErrorClass>,
  A extends Auth,
  P extends Pagination | undefined
> {
  /** The AWS operation name, as in `X-Amz-Target: AWSCognitoIdentityService.<name>`. */
  readonly name: Name
  readonly auth: A
  /** The input with every constraint of the model (encoded by the client, decoded by the emulator). */
  readonly input: Schema.Schema<In, InE>
  /** The output, checked for structure and types only. */
  readonly output: Schema.Schema<Out, OutE>
  /** The modelled faults this operation may answer. */
  readonly errors: Errors
  /** True when the operation never changes the service's state (the emulator saves nothing after it). */
  readonly readOnly: boolean
  /** Set for the operations that page through `NextToken`; their streams are built from it. */
  readonly pagination?: P
}

export interface Operation<
  Name extends string = string,
  In = unknown,
  InE = unknown,
  Out = unknown,
  OutE = unknown,
  Errors extends ReadonlyArray<ServiceErrorClass> = ReadonlyArray<ServiceErrorClass>,
  A extends Auth = Auth,
  P extends Pagination | undefined = Pagination | undefined
> extends OperationDefinition<Name, In, InE, Out, OutE, Errors, A, P> {
  readonly [OperationTypeId]: typeof OperationTypeId
  readonly pagination: P
  /** Read from the schemas' secret annotations (`schemas/Secret.ts`). */
  readonly secrets: SecretMembers
}

/** Any operation, whatever its types: what a router over all operations holds. */
export interface AnyOperation {
  readonly [OperationTypeId]: typeof OperationTypeId
  readonly name: string
  readonly auth: Auth
  readonly input: Schema.Schema.AnyNoContext
  readonly output: Schema.Schema.AnyNoContext
  readonly errors: ReadonlyArray<ServiceErrorClass>
  readonly readOnly: boolean
  readonly pagination: Pagination | undefined
  readonly secrets: SecretMembers
}

/** Declares an operation, keeping its literal name, error tuple, auth kind and pagination in the type. */
export const operation = <
  const Name extends string,
  In,
  InE,
  Out,
  OutE,
  const Errors extends ReadonlyArray<ServiceErrorClass>,
  const A extends Auth,
  const P extends Pagination | undefined = undefined
>(
  definition: OperationDefinition<Name, In, InE, Out, OutE, Errors, A, P>
): Operation<Name, In, InE, Out, OutE, Errors, A, P> => ({
  ...definition,
  [OperationTypeId]: OperationTypeId,
  // The optional member is absent from a definition without pagination, which P says is undefined.
  pagination: definition.pagination as P,
  secrets: { input: secretMembers(definition.input), output: secretMembers(definition.output) }
})

export const isOperation = (value: unknown): value is AnyOperation =>
  typeof value === "object" && value !== null && OperationTypeId in value

/** What the operation's function takes. */
export type InputOf<Op extends AnyOperation> = Schema.Schema.Type<Op["input"]>

/** What the operation's function returns on success. */
export type OutputOf<Op extends AnyOperation> = Schema.Schema.Type<Op["output"]>

/** Everything an operation may fail with: its modelled faults, the common AWS errors and the client's own. */
export type OperationError<Op extends Pick<AnyOperation, "errors" | "auth">> =
  | InstanceType<Op["errors"][number]>
  | CommonError
  | ValidationError
  | EndpointError
  | TransportError
  | TimeoutError
  | DecodeError
  | (Op["auth"] extends "sigv4" ? SignedError | CredentialsError : never)
