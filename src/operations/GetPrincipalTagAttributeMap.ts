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
import { Boolean, IdentityPoolId, IdentityProviderName } from "../schemas/Primitives.js"
import { PrincipalTags } from "../schemas/Tags.js"

export const GetPrincipalTagAttributeMapInput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: IdentityPoolId("input"),
  IdentityProviderName: IdentityProviderName("input")
})
export interface GetPrincipalTagAttributeMapInput extends Schema.Schema.Type<typeof GetPrincipalTagAttributeMapInput> {}

export const GetPrincipalTagAttributeMapOutput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: Schema.optional(IdentityPoolId("output")),
  IdentityProviderName: Schema.optional(IdentityProviderName("output")),
  UseDefaults: Schema.optional(Boolean("output")),
  PrincipalTags: Schema.optional(PrincipalTags("output"))
})
export interface GetPrincipalTagAttributeMapOutput extends Schema.Schema.Type<typeof GetPrincipalTagAttributeMapOutput> {}

export const GetPrincipalTagAttributeMap = /*#__PURE__*/ operation({
  name: "GetPrincipalTagAttributeMap",
  auth: "sigv4",
  readOnly: true,
  input: GetPrincipalTagAttributeMapInput,
  output: GetPrincipalTagAttributeMapOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything GetPrincipalTagAttributeMap can fail with. */
export type GetPrincipalTagAttributeMapError = OperationError<typeof GetPrincipalTagAttributeMap>
