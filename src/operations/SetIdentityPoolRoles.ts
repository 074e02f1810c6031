import type { Effect } from "effect"
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
import { operation } from "../protocol/Operation.js"
import type { OperationError, OperationRequirements } from "../protocol/execute.js"
import { execute } from "../protocol/execute.js"
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
export type SetIdentityPoolRolesError = OperationError<typeof SetIdentityPoolRoles.errors, "sigv4">

/**
 * Sets the roles for an identity pool. These roles are used when making calls to GetCredentialsForIdentity action.
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const setIdentityPoolRoles: (
  input: SetIdentityPoolRolesInput
) => Effect.Effect<SetIdentityPoolRolesOutput, SetIdentityPoolRolesError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(SetIdentityPoolRoles)
