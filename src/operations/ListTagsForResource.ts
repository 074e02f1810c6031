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

export const ListTagsForResourceInput = /*#__PURE__*/ Schema.Struct({
  ResourceArn: ARNString("input")
})
export interface ListTagsForResourceInput extends Schema.Schema.Type<typeof ListTagsForResourceInput> {}

export const ListTagsForResourceOutput = /*#__PURE__*/ Schema.Struct({
  Tags: Schema.optional(IdentityPoolTagsType("output"))
})
export interface ListTagsForResourceOutput extends Schema.Schema.Type<typeof ListTagsForResourceOutput> {}

export const ListTagsForResource = /*#__PURE__*/ operation({
  name: "ListTagsForResource",
  auth: "sigv4",
  input: ListTagsForResourceInput,
  output: ListTagsForResourceOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything ListTagsForResource can fail with. */
export type ListTagsForResourceError = OperationError<typeof ListTagsForResource.errors, "sigv4">

/**
 * Lists the tags that are assigned to an Amazon Cognito identity pool. A tag is a label that you can apply to identity pools to categorize and manage them in different ways, such as by purpose, owner, environment, or other criteria.
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const listTagsForResource: (
  input: ListTagsForResourceInput
) => Effect.Effect<ListTagsForResourceOutput, ListTagsForResourceError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(ListTagsForResource)
