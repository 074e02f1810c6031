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
import { IdentityPool } from "../schemas/IdentityPool.js"
import { IdentityPoolId } from "../schemas/Primitives.js"

export const DescribeIdentityPoolInput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: IdentityPoolId("input")
})
export interface DescribeIdentityPoolInput extends Schema.Schema.Type<typeof DescribeIdentityPoolInput> {}

export const DescribeIdentityPoolOutput = /*#__PURE__*/ IdentityPool("output")
export interface DescribeIdentityPoolOutput extends Schema.Schema.Type<typeof DescribeIdentityPoolOutput> {}

export const DescribeIdentityPool = /*#__PURE__*/ operation({
  name: "DescribeIdentityPool",
  auth: "sigv4",
  input: DescribeIdentityPoolInput,
  output: DescribeIdentityPoolOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything DescribeIdentityPool can fail with. */
export type DescribeIdentityPoolError = OperationError<typeof DescribeIdentityPool.errors, "sigv4">

/**
 * Gets details about a particular identity pool, including the pool name, ID description, creation date, and current number of users. You must use Amazon Web Services developer credentials to call this operation.
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const describeIdentityPool: (
  input: DescribeIdentityPoolInput
) => Effect.Effect<DescribeIdentityPoolOutput, DescribeIdentityPoolError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(DescribeIdentityPool)
