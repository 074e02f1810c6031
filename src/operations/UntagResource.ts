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
  readOnly: false,
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
export type UntagResourceError = OperationError<typeof UntagResource>
