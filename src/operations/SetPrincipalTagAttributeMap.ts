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

export const SetPrincipalTagAttributeMapInput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: IdentityPoolId("input"),
  IdentityProviderName: IdentityProviderName("input"),
  UseDefaults: Schema.optional(Boolean("input")),
  PrincipalTags: Schema.optional(PrincipalTags("input"))
})
export interface SetPrincipalTagAttributeMapInput extends Schema.Schema.Type<typeof SetPrincipalTagAttributeMapInput> {}

export const SetPrincipalTagAttributeMapOutput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: Schema.optional(IdentityPoolId("output")),
  IdentityProviderName: Schema.optional(IdentityProviderName("output")),
  UseDefaults: Schema.optional(Boolean("output")),
  PrincipalTags: Schema.optional(PrincipalTags("output"))
})
export interface SetPrincipalTagAttributeMapOutput extends Schema.Schema.Type<typeof SetPrincipalTagAttributeMapOutput> {}

export const SetPrincipalTagAttributeMap = /*#__PURE__*/ operation({
  name: "SetPrincipalTagAttributeMap",
  auth: "sigv4",
  readOnly: false,
  input: SetPrincipalTagAttributeMapInput,
  output: SetPrincipalTagAttributeMapOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything SetPrincipalTagAttributeMap can fail with. */
export type SetPrincipalTagAttributeMapError = OperationError<typeof SetPrincipalTagAttributeMap>
