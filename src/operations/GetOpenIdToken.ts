import * as Schema from "effect/Schema"
import {
  ExternalServiceException,
  InternalErrorException,
  InvalidParameterException,
  NotAuthorizedException,
  ResourceConflictException,
  ResourceNotFoundException,
  TooManyRequestsException
} from "../errors/ModeledErrors.js"
import type { OperationError } from "../protocol/Operation.js"
import { operation } from "../protocol/Operation.js"
import { LoginsMap } from "../schemas/Logins.js"
import { IdentityId } from "../schemas/Primitives.js"
import { secretOutput } from "../schemas/Secret.js"

export const GetOpenIdTokenInput = /*#__PURE__*/ Schema.Struct({
  IdentityId: IdentityId("input"),
  Logins: Schema.optional(LoginsMap("input"))
})
export interface GetOpenIdTokenInput extends Schema.Schema.Type<typeof GetOpenIdTokenInput> {}

export const GetOpenIdTokenOutput = /*#__PURE__*/ Schema.Struct({
  IdentityId: Schema.optional(IdentityId("output")),
  Token: Schema.optional(secretOutput("output"))
})
export interface GetOpenIdTokenOutput extends Schema.Schema.Type<typeof GetOpenIdTokenOutput> {}

export const GetOpenIdToken = /*#__PURE__*/ operation({
  name: "GetOpenIdToken",
  auth: "none",
  readOnly: false,
  input: GetOpenIdTokenInput,
  output: GetOpenIdTokenOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    ResourceConflictException,
    TooManyRequestsException,
    InternalErrorException,
    ExternalServiceException
  ]
})

/** Everything GetOpenIdToken can fail with. */
export type GetOpenIdTokenError = OperationError<typeof GetOpenIdToken>
