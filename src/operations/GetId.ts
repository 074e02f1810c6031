import type { Effect } from "effect"
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
import { operation } from "../protocol/Operation.js"
import type { OperationError, OperationRequirements } from "../protocol/execute.js"
import { execute } from "../protocol/execute.js"
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
export type GetIdError = OperationError<typeof GetId.errors, "none">

/**
 * Generates (or retrieves) IdentityID. Supplying multiple logins will create an implicit linked account.
 * Unsigned: needs no AWS credentials.
 */
export const getId: (
  input: GetIdInput
) => Effect.Effect<GetIdOutput, GetIdError, OperationRequirements<"none">> = /*#__PURE__*/ execute(GetId)
