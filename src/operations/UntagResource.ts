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
import { ARNString } from "../schemas/Primitives.js"
import { IdentityPoolTagsListType } from "../schemas/Tags.js"

export const UntagResourceInput = /*#__PURE__*/ Schema.Struct({
  ResourceArn: ARNString("input"),
  TagKeys: IdentityPoolTagsListType("input")
})
export interface UntagResourceInput extends Schema.Schema.Type<typeof UntagResourceInput> {}

export const UntagResourceOutput = /*#__PURE__*/ Schema.Struct({

})
export interface UntagResourceOutput extends Schema.Schema.Type<typeof UntagResourceOutput> {}

export const UntagResource = /*#__PURE__*/ operation({
  name: "UntagResource",
  auth: "sigv4",
  input: UntagResourceInput,
  output: UntagResourceOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything UntagResource can fail with. */
export type UntagResourceError = OperationError<typeof UntagResource.errors, "sigv4">

/**
 * Removes the specified tags from the specified Amazon Cognito identity pool. You can use this action up to 5 times per second, per account
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const untagResource: (
  input: UntagResourceInput
) => Effect.Effect<UntagResourceOutput, UntagResourceError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(UntagResource)
