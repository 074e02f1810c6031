import * as Schema from "effect/Schema"
import {
  ExternalServiceException,
  InternalErrorException,
  InvalidIdentityPoolConfigurationException,
  InvalidParameterException,
  NotAuthorizedException,
  ResourceConflictException,
  ResourceNotFoundException,
  TooManyRequestsException
} from "../errors/ModeledErrors.js"
import type { OperationError } from "../protocol/Operation.js"
import { operation } from "../protocol/Operation.js"
import { Credentials } from "../schemas/Credentials.js"
import { LoginsMap } from "../schemas/Logins.js"
import { ARNString, IdentityId } from "../schemas/Primitives.js"

export const GetCredentialsForIdentityInput = /*#__PURE__*/ Schema.Struct({
  IdentityId: IdentityId("input"),
  Logins: Schema.optional(LoginsMap("input")),
  CustomRoleArn: Schema.optional(ARNString("input"))
})
export interface GetCredentialsForIdentityInput extends Schema.Schema.Type<typeof GetCredentialsForIdentityInput> {}

export const GetCredentialsForIdentityOutput = /*#__PURE__*/ Schema.Struct({
  IdentityId: Schema.optional(IdentityId("output")),
  Credentials: Schema.optional(Credentials("output"))
})
export interface GetCredentialsForIdentityOutput extends Schema.Schema.Type<typeof GetCredentialsForIdentityOutput> {}

export const GetCredentialsForIdentity = /*#__PURE__*/ operation({
  name: "GetCredentialsForIdentity",
  auth: "none",
  readOnly: false,
  input: GetCredentialsForIdentityInput,
  output: GetCredentialsForIdentityOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    ResourceConflictException,
    TooManyRequestsException,
    InvalidIdentityPoolConfigurationException,
    InternalErrorException,
    ExternalServiceException
  ]
})

/** Everything GetCredentialsForIdentity can fail with. */
export type GetCredentialsForIdentityError = OperationError<typeof GetCredentialsForIdentity>
