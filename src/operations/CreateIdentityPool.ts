import * as Schema from "effect/Schema"
import {
  InternalErrorException,
  InvalidParameterException,
  LimitExceededException,
  NotAuthorizedException,
  ResourceConflictException,
  TooManyRequestsException
} from "../errors/ModeledErrors.js"
import type { OperationError } from "../protocol/Operation.js"
import { operation } from "../protocol/Operation.js"
import { IdentityPool, identityPoolSettings } from "../schemas/IdentityPool.js"

export const CreateIdentityPoolInput = /*#__PURE__*/ Schema.Struct(identityPoolSettings("input"))
export interface CreateIdentityPoolInput extends Schema.Schema.Type<typeof CreateIdentityPoolInput> {}

export const CreateIdentityPoolOutput = /*#__PURE__*/ IdentityPool("output")
export interface CreateIdentityPoolOutput extends Schema.Schema.Type<typeof CreateIdentityPoolOutput> {}

export const CreateIdentityPool = /*#__PURE__*/ operation({
  name: "CreateIdentityPool",
  auth: "sigv4",
  readOnly: false,
  input: CreateIdentityPoolInput,
  output: CreateIdentityPoolOutput,
  errors: [
    InvalidParameterException,
    NotAuthorizedException,
    ResourceConflictException,
    TooManyRequestsException,
    InternalErrorException,
    LimitExceededException
  ]
})

/** Everything CreateIdentityPool can fail with. */
export type CreateIdentityPoolError = OperationError<typeof CreateIdentityPool>
