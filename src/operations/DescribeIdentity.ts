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
import { IdentityDescription } from "../schemas/IdentityDescription.js"
import { IdentityId } from "../schemas/Primitives.js"

export const DescribeIdentityInput = /*#__PURE__*/ Schema.Struct({
  IdentityId: IdentityId("input")
})
export interface DescribeIdentityInput extends Schema.Schema.Type<typeof DescribeIdentityInput> {}

export const DescribeIdentityOutput = /*#__PURE__*/ IdentityDescription("output")
export interface DescribeIdentityOutput extends Schema.Schema.Type<typeof DescribeIdentityOutput> {}

export const DescribeIdentity = /*#__PURE__*/ operation({
  name: "DescribeIdentity",
  auth: "sigv4",
  input: DescribeIdentityInput,
  output: DescribeIdentityOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything DescribeIdentity can fail with. */
export type DescribeIdentityError = OperationError<typeof DescribeIdentity.errors, "sigv4">

/**
 * Returns metadata related to the given identity, including when the identity was created and any associated linked logins. You must use Amazon Web Services developer credentials to call this operation.
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const describeIdentity: (
  input: DescribeIdentityInput
) => Effect.Effect<DescribeIdentityOutput, DescribeIdentityError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(DescribeIdentity)
