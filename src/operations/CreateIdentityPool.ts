import type { Effect } from "effect"
import * as Schema from "effect/Schema"
import {
  InternalErrorException,
  InvalidParameterException,
  LimitExceededException,
  NotAuthorizedException,
  ResourceConflictException,
  TooManyRequestsException
} from "../errors/ModeledErrors.js"
import { operation } from "../protocol/Operation.js"
import type { OperationError, OperationRequirements } from "../protocol/execute.js"
import { execute } from "../protocol/execute.js"
import { IdentityPool, identityPoolSettings } from "../schemas/IdentityPool.js"

export const CreateIdentityPoolInput = /*#__PURE__*/ Schema.Struct(identityPoolSettings("input"))
export interface CreateIdentityPoolInput extends Schema.Schema.Type<typeof CreateIdentityPoolInput> {}

export const CreateIdentityPoolOutput = /*#__PURE__*/ IdentityPool("output")
export interface CreateIdentityPoolOutput extends Schema.Schema.Type<typeof CreateIdentityPoolOutput> {}

export const CreateIdentityPool = /*#__PURE__*/ operation({
  name: "CreateIdentityPool",
  auth: "sigv4",
  input: CreateIdentityPoolInput,
  output: CreateIdentityPoolOutput,
  errors: [
    InvalidParameterException,
    NotAuthorizedException,
    ResourceConflictException,
    TooManyRequestsException,
    InternalErrorException,
    LimitExceededException
  ]
})

/** Everything CreateIdentityPool can fail with. */
export type CreateIdentityPoolError = OperationError<typeof CreateIdentityPool.errors, "sigv4">

/**
 * Creates a new identity pool. The identity pool is a store of user identity information that is specific to your Amazon Web Services account.
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const createIdentityPool: (
  input: CreateIdentityPoolInput
) => Effect.Effect<CreateIdentityPoolOutput, CreateIdentityPoolError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(CreateIdentityPool)
