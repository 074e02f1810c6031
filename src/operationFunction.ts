/**
 * An operation's public function, from its descriptor alone: the input, output, error union
 * and requirements all come from `typeof descriptor`, so that the auth kind, for one, is
 * written once. The function reads the services its type names from the context and hands
 * them to the executor, which reads none itself.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import { AwsCredentials } from "./layers/credentials/AwsCredentialIdentity.js"
import { CognitoIdentityClient } from "./layers/CognitoIdentityClient.js"
import { RetryPolicy } from "./layers/RetryPolicy.js"
import { execute } from "./protocol/execute.js"
import type { AnyOperation, Auth, InputOf, OperationError, OutputOf } from "./protocol/Operation.js"

/** What an operation needs: the client, and credentials only if it is signed. */
export type OperationRequirements<A extends Auth> = CognitoIdentityClient | (A extends "sigv4" ? AwsCredentials : never)

/** The function of an operation. */
export type OperationFunction<Op extends AnyOperation> = (
  input: InputOf<Op>
) => Effect.Effect<OutputOf<Op>, OperationError<Op>, OperationRequirements<Op["auth"]>>

export const operationFunction = <Op extends AnyOperation>(op: Op): OperationFunction<Op> => {
  const run = execute(op)
  const call = op.auth === "none"
    ? (input: InputOf<Op>) =>
      Effect.contextWithEffect((context: Context.Context<CognitoIdentityClient>) =>
        run(input, {
          client: Context.get(context, CognitoIdentityClient),
          credentials: undefined,
          retryPolicy: Context.get(context, RetryPolicy)
        })
      )
    : (input: InputOf<Op>) =>
      Effect.contextWithEffect((context: Context.Context<CognitoIdentityClient | AwsCredentials>) =>
        run(input, {
          client: Context.get(context, CognitoIdentityClient),
          credentials: Context.get(context, AwsCredentials),
          retryPolicy: Context.get(context, RetryPolicy)
        })
      )
  // The branch is chosen by `op.auth` at run time; the requirements in the type say the same
  // at compile time (credentials only for signed operations).
  return call as OperationFunction<Op>
}
