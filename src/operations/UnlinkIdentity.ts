import type { Effect } from "effect"
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
import { operation } from "../protocol/Operation.js"
import type { OperationError, OperationRequirements } from "../protocol/execute.js"
import { execute } from "../protocol/execute.js"
import { LoginsList, LoginsMap } from "../schemas/Logins.js"
import { IdentityId } from "../schemas/Primitives.js"
import { Unit } from "../schemas/Unit.js"

export const UnlinkIdentityInput = /*#__PURE__*/ Schema.Struct({
  IdentityId: IdentityId("input"),
  Logins: LoginsMap("input"),
  LoginsToRemove: LoginsList("input")
})
export interface UnlinkIdentityInput extends Schema.Schema.Type<typeof UnlinkIdentityInput> {}

/** The service answers an empty body. */
export const UnlinkIdentityOutput = Unit
export type UnlinkIdentityOutput = void

export const UnlinkIdentity = /*#__PURE__*/ operation({
  name: "UnlinkIdentity",
  auth: "none",
  input: UnlinkIdentityInput,
  output: UnlinkIdentityOutput,
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

/** Everything UnlinkIdentity can fail with. */
export type UnlinkIdentityError = OperationError<typeof UnlinkIdentity.errors, "none">

/**
 * Unlinks a federated identity from an existing account. Unlinked logins will be considered new identities next time they are seen.
 * Unsigned: needs no AWS credentials.
 */
export const unlinkIdentity: (
  input: UnlinkIdentityInput
) => Effect.Effect<UnlinkIdentityOutput, UnlinkIdentityError, OperationRequirements<"none">> = /*#__PURE__*/ execute(UnlinkIdentity)
