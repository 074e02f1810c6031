/**
 * An operation's public function, from its descriptor alone: the input, output, error union
 * and requirements all come from `typeof descriptor`, so that the auth kind, for one, is
 * written once. The function reads the services its type names from the context and hands
 * them to the executor, which reads none itself.
 *
 * Two binders, one per auth kind, each accepting only descriptors of its kind:
 * `operationFunction` for the four public operations and `signedOperationFunction` for the 19
 * signed ones. Only the second brings in the signer, so a program that calls public
 * operations alone (a browser page calling GetId) bundles no SigV4 code.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import { AwsCredentials } from "./layers/credentials/AwsCredentialIdentity.js"
import { CognitoIdentityClient } from "./layers/CognitoIdentityClient.js"
import type { Execute } from "./protocol/execute.js"
import { compileOperation, execute } from "./protocol/execute.js"
import type { AnyOperation, Auth, InputOf, OperationError, OutputOf } from "./protocol/Operation.js"
import { RetryPolicyReference } from "./protocol/retry/RetryPolicyReference.js"
import { signRequest } from "./protocol/sign.js"

/** What an operation needs: the client, and credentials only if it is signed. */
export type OperationRequirements<A extends Auth> = CognitoIdentityClient | (A extends "sigv4" ? AwsCredentials : never)

/** The function of an operation. */
export type OperationFunction<Op extends AnyOperation> = (
  input: InputOf<Op>
) => Effect.Effect<OutputOf<Op>, OperationError<Op>, OperationRequirements<Op["auth"]>>

/** The function of a public operation (`auth: "none"`): sent unsigned, never reads credentials. */
export const operationFunction = <Op extends AnyOperation & { readonly auth: "none" }>(op: Op): OperationFunction<Op> => {
  const run = compileOperation(op)
  const call = (input: InputOf<Op>) =>
    Effect.withFiberRuntime<OutputOf<Op>, OperationError<Op>>((fiber) => {
      const context = fiber.currentContext
      return run(input, {
        client: Context.unsafeGet(context, CognitoIdentityClient),
        credentials: undefined,
        retryPolicy: Context.get(context, RetryPolicyReference)
      }, fiber)
    })
  // The function's type requires `CognitoIdentityClient`, so the context holds it.
  return call as OperationFunction<Op>
}

/** The function of a signed operation (`auth: "sigv4"`): signed with the `AwsCredentials` in context. */
export const signedOperationFunction = <Op extends AnyOperation & { readonly auth: "sigv4" }>(op: Op): OperationFunction<Op> => {
  const run = compileOperation(op, signRequest)
  const call = (input: InputOf<Op>) =>
    Effect.withFiberRuntime<OutputOf<Op>, OperationError<Op>>((fiber) => {
      const context = fiber.currentContext
      return run(input, {
        client: Context.unsafeGet(context, CognitoIdentityClient),
        credentials: Context.unsafeGet(context, AwsCredentials),
        retryPolicy: Context.get(context, RetryPolicyReference)
      }, fiber)
    })
  // The function's type requires `CognitoIdentityClient` and `AwsCredentials`, so the context holds them.
  return call as OperationFunction<Op>
}

/**
 * A signed operation called with services the caller holds, not read from the context: for a
 * long job (an export) that reads them once, when it starts, rather than providing them to
 * every step of its stream (a `Stream.provideService` re-provides the context around each
 * effect the stream runs, several per page).
 */
export const signedExecute = <Op extends AnyOperation & { readonly auth: "sigv4" }>(op: Op): Execute<Op> =>
  execute(op, signRequest)
