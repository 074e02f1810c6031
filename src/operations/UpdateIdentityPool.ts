import type { Effect } from "effect"
import * as Schema from "effect/Schema"
import {
  ConcurrentModificationException,
  InternalErrorException,
  InvalidParameterException,
  LimitExceededException,
  NotAuthorizedException,
  ResourceConflictException,
  ResourceNotFoundException,
  TooManyRequestsException
} from "../errors/ModeledErrors.js"
import { operation } from "../protocol/Operation.js"
import type { OperationError, OperationRequirements } from "../protocol/execute.js"
import { execute } from "../protocol/execute.js"
import { IdentityPool } from "../schemas/IdentityPool.js"

export const UpdateIdentityPoolInput = /*#__PURE__*/ IdentityPool("input")
export interface UpdateIdentityPoolInput extends Schema.Schema.Type<typeof UpdateIdentityPoolInput> {}

export const UpdateIdentityPoolOutput = /*#__PURE__*/ IdentityPool("output")
export interface UpdateIdentityPoolOutput extends Schema.Schema.Type<typeof UpdateIdentityPoolOutput> {}

export const UpdateIdentityPool = /*#__PURE__*/ operation({
  name: "UpdateIdentityPool",
  auth: "sigv4",
  input: UpdateIdentityPoolInput,
  output: UpdateIdentityPoolOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    ResourceConflictException,
    TooManyRequestsException,
    InternalErrorException,
    ConcurrentModificationException,
    LimitExceededException
  ]
})

/** Everything UpdateIdentityPool can fail with. */
export type UpdateIdentityPoolError = OperationError<typeof UpdateIdentityPool.errors, "sigv4">

/**
 * Updates the configuration of an identity pool. If you don't provide a value for a parameter, Amazon Cognito sets it to its default value.
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const updateIdentityPool: (
  input: UpdateIdentityPoolInput
) => Effect.Effect<UpdateIdentityPoolOutput, UpdateIdentityPoolError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(UpdateIdentityPool)
