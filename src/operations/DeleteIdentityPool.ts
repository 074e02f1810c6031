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
import { IdentityPoolId } from "../schemas/Primitives.js"
import { Unit } from "../schemas/Unit.js"

export const DeleteIdentityPoolInput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: IdentityPoolId("input")
})
export interface DeleteIdentityPoolInput extends Schema.Schema.Type<typeof DeleteIdentityPoolInput> {}

/** The service answers an empty body. */
export const DeleteIdentityPoolOutput = Unit
export type DeleteIdentityPoolOutput = void

export const DeleteIdentityPool = /*#__PURE__*/ operation({
  name: "DeleteIdentityPool",
  auth: "sigv4",
  readOnly: false,
  input: DeleteIdentityPoolInput,
  output: DeleteIdentityPoolOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything DeleteIdentityPool can fail with. */
export type DeleteIdentityPoolError = OperationError<typeof DeleteIdentityPool>
