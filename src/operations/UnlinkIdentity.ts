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
  readOnly: false,
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
export type UnlinkIdentityError = OperationError<typeof UnlinkIdentity>
