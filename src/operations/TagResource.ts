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
  readOnly: false,
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
export type TagResourceError = OperationError<typeof TagResource>
