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
import { IdentityPoolTagsType } from "../schemas/Tags.js"

export const TagResourceInput = /*#__PURE__*/ Schema.Struct({
  ResourceArn: ARNString("input"),
  Tags: IdentityPoolTagsType("input")
})
export interface TagResourceInput extends Schema.Schema.Type<typeof TagResourceInput> {}

export const TagResourceOutput = /*#__PURE__*/ Schema.Struct({

})
export interface TagResourceOutput extends Schema.Schema.Type<typeof TagResourceOutput> {}

export const TagResource = /*#__PURE__*/ operation({
  name: "TagResource",
  auth: "sigv4",
  input: TagResourceInput,
  output: TagResourceOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything TagResource can fail with. */
export type TagResourceError = OperationError<typeof TagResource.errors, "sigv4">

/**
 * Assigns a set of tags to the specified Amazon Cognito identity pool. A tag is a label that you can use to categorize and manage identity pools in different ways, such as by purpose, owner, environment, or other criteria.
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const tagResource: (
  input: TagResourceInput
) => Effect.Effect<TagResourceOutput, TagResourceError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(TagResource)
