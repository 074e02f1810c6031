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
import type { OperationError } from "../protocol/Operation.js"
import { operation } from "../protocol/Operation.js"
import { IdentityPool } from "../schemas/IdentityPool.js"

export const UpdateIdentityPoolInput = /*#__PURE__*/ IdentityPool("input")
export interface UpdateIdentityPoolInput extends Schema.Schema.Type<typeof UpdateIdentityPoolInput> {}

export const UpdateIdentityPoolOutput = /*#__PURE__*/ IdentityPool("output")
export interface UpdateIdentityPoolOutput extends Schema.Schema.Type<typeof UpdateIdentityPoolOutput> {}

export const UpdateIdentityPool = /*#__PURE__*/ operation({
  name: "UpdateIdentityPool",
  auth: "sigv4",
  readOnly: false,
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
export type UpdateIdentityPoolError = OperationError<typeof UpdateIdentityPool>
