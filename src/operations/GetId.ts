import * as Schema from "effect/Schema"
import {
  ExternalServiceException,
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
import { LoginsMap } from "../schemas/Logins.js"
import { AccountId, IdentityId, IdentityPoolId } from "../schemas/Primitives.js"

export const GetIdInput = /*#__PURE__*/ Schema.Struct({
  AccountId: Schema.optional(AccountId("input")),
  IdentityPoolId: IdentityPoolId("input"),
  Logins: Schema.optional(LoginsMap("input"))
})
export interface GetIdInput extends Schema.Schema.Type<typeof GetIdInput> {}

export const GetIdOutput = /*#__PURE__*/ Schema.Struct({
  IdentityId: Schema.optional(IdentityId("output"))
})
export interface GetIdOutput extends Schema.Schema.Type<typeof GetIdOutput> {}

export const GetId = /*#__PURE__*/ operation({
  name: "GetId",
  auth: "none",
  readOnly: false,
  input: GetIdInput,
  output: GetIdOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    ResourceConflictException,
    TooManyRequestsException,
    InternalErrorException,
    LimitExceededException,
    ExternalServiceException
  ]
})

/** Everything GetId can fail with. */
export type GetIdError = OperationError<typeof GetId>
