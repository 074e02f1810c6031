import * as Schema from "effect/Schema"
import {
  DeveloperUserAlreadyRegisteredException,
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
import { IdentityId, IdentityPoolId, TokenDuration } from "../schemas/Primitives.js"
import { secretOutput } from "../schemas/Secret.js"
import { PrincipalTags } from "../schemas/Tags.js"

export const GetOpenIdTokenForDeveloperIdentityInput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: IdentityPoolId("input"),
  IdentityId: Schema.optional(IdentityId("input")),
  Logins: LoginsMap("input"),
  PrincipalTags: Schema.optional(PrincipalTags("input")),
  TokenDuration: Schema.optional(TokenDuration("input"))
})
export interface GetOpenIdTokenForDeveloperIdentityInput extends Schema.Schema.Type<typeof GetOpenIdTokenForDeveloperIdentityInput> {}

export const GetOpenIdTokenForDeveloperIdentityOutput = /*#__PURE__*/ Schema.Struct({
  IdentityId: Schema.optional(IdentityId("output")),
  Token: Schema.optional(secretOutput("output"))
})
export interface GetOpenIdTokenForDeveloperIdentityOutput extends Schema.Schema.Type<typeof GetOpenIdTokenForDeveloperIdentityOutput> {}

export const GetOpenIdTokenForDeveloperIdentity = /*#__PURE__*/ operation({
  name: "GetOpenIdTokenForDeveloperIdentity",
  auth: "sigv4",
  readOnly: false,
  input: GetOpenIdTokenForDeveloperIdentityInput,
  output: GetOpenIdTokenForDeveloperIdentityOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    ResourceConflictException,
    TooManyRequestsException,
    InternalErrorException,
    DeveloperUserAlreadyRegisteredException
  ]
})

/** Everything GetOpenIdTokenForDeveloperIdentity can fail with. */
export type GetOpenIdTokenForDeveloperIdentityError = OperationError<typeof GetOpenIdTokenForDeveloperIdentity>
