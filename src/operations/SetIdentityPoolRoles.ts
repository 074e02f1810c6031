import * as Schema from "effect/Schema"
import {
  ConcurrentModificationException,
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
import { Unit } from "../schemas/Unit.js"

export const SetIdentityPoolRolesInput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: IdentityPoolId("input"),
  Roles: RolesMap("input"),
  RoleMappings: Schema.optional(RoleMappingMap("input"))
})
export interface SetIdentityPoolRolesInput extends Schema.Schema.Type<typeof SetIdentityPoolRolesInput> {}

/** The service answers an empty body. */
export const SetIdentityPoolRolesOutput = Unit
export type SetIdentityPoolRolesOutput = void

export const SetIdentityPoolRoles = /*#__PURE__*/ operation({
  name: "SetIdentityPoolRoles",
  auth: "sigv4",
  readOnly: false,
  input: SetIdentityPoolRolesInput,
  output: SetIdentityPoolRolesOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    ResourceConflictException,
    TooManyRequestsException,
    InternalErrorException,
    ConcurrentModificationException
  ]
})

/** Everything SetIdentityPoolRoles can fail with. */
export type SetIdentityPoolRolesError = OperationError<typeof SetIdentityPoolRoles>
