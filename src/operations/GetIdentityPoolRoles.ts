import * as Schema from "effect/Schema"
import {
  InternalErrorException,
  InvalidParameterException,
  NotAuthorizedException,
  ResourceConflictException,
  ResourceNotFoundException,
  TooManyRequestsException
} from "../errors/ModeledErrors.js"
import type { OperationError } from "../protocol/Operation.js"
import { operation } from "../protocol/Operation.js"
import { IdentityPoolId } from "../schemas/Primitives.js"
import { RoleMappingMap, RolesMap } from "../schemas/RoleMapping.js"

export const GetIdentityPoolRolesInput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: IdentityPoolId("input")
})
export interface GetIdentityPoolRolesInput extends Schema.Schema.Type<typeof GetIdentityPoolRolesInput> {}

export const GetIdentityPoolRolesOutput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: Schema.optional(IdentityPoolId("output")),
  Roles: Schema.optional(RolesMap("output")),
  RoleMappings: Schema.optional(RoleMappingMap("output"))
})
export interface GetIdentityPoolRolesOutput extends Schema.Schema.Type<typeof GetIdentityPoolRolesOutput> {}

export const GetIdentityPoolRoles = /*#__PURE__*/ operation({
  name: "GetIdentityPoolRoles",
  auth: "sigv4",
  readOnly: true,
  input: GetIdentityPoolRolesInput,
  output: GetIdentityPoolRolesOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    ResourceConflictException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything GetIdentityPoolRoles can fail with. */
export type GetIdentityPoolRolesError = OperationError<typeof GetIdentityPoolRoles>
