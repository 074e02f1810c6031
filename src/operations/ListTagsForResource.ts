import * as Schema from "effect/Schema"
import {
  InternalErrorException,
  InvalidParameterException,
  NotAuthorizedException,
  ResourceNotFoundException,
  TooManyRequestsException
} from "../errors/ModeledErrors.js"
import type { OperationError } from "../protocol/Operation.js"
import { operation } from "../protocol/Operation.js"
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
  readOnly: true,
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
export type ListTagsForResourceError = OperationError<typeof ListTagsForResource>
