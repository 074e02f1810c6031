import type { Effect } from "effect"
import * as Schema from "effect/Schema"
import {
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
export type GetIdentityPoolRolesError = OperationError<typeof GetIdentityPoolRoles.errors, "sigv4">

/**
 * Gets the roles for an identity pool. You must use Amazon Web Services developer credentials to call this operation.
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const getIdentityPoolRoles: (
  input: GetIdentityPoolRolesInput
) => Effect.Effect<GetIdentityPoolRolesOutput, GetIdentityPoolRolesError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(GetIdentityPoolRoles)
