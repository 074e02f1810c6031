import type { Effect } from "effect"
import * as Schema from "effect/Schema"
import {
  InternalErrorException,
  InvalidParameterException,
  NotAuthorizedException,
  ResourceNotFoundException,
  TooManyRequestsException
} from "../errors/ModeledErrors.js"
import { operation } from "../protocol/Operation.js"
import type { OperationError, OperationRequirements } from "../protocol/execute.js"
import { execute } from "../protocol/execute.js"
import { IdentityPoolId } from "../schemas/Primitives.js"
import { Unit } from "../schemas/Unit.js"

export const DeleteIdentityPoolInput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: IdentityPoolId("input")
})
export interface DeleteIdentityPoolInput extends Schema.Schema.Type<typeof DeleteIdentityPoolInput> {}

/** The service answers an empty body. */
export const DeleteIdentityPoolOutput = Unit
export type DeleteIdentityPoolOutput = void

export const DeleteIdentityPool = /*#__PURE__*/ operation({
  name: "DeleteIdentityPool",
  auth: "sigv4",
  input: DeleteIdentityPoolInput,
  output: DeleteIdentityPoolOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything DeleteIdentityPool can fail with. */
export type DeleteIdentityPoolError = OperationError<typeof DeleteIdentityPool.errors, "sigv4">

/**
 * Deletes an identity pool. Once a pool is deleted, users will not be able to authenticate with the pool.
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const deleteIdentityPool: (
  input: DeleteIdentityPoolInput
) => Effect.Effect<DeleteIdentityPoolOutput, DeleteIdentityPoolError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(DeleteIdentityPool)
