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
import { DeveloperProviderName, DeveloperUserIdentifier, IdentityId, IdentityPoolId } from "../schemas/Primitives.js"
import { Unit } from "../schemas/Unit.js"

export const UnlinkDeveloperIdentityInput = /*#__PURE__*/ Schema.Struct({
  IdentityId: IdentityId("input"),
  IdentityPoolId: IdentityPoolId("input"),
  DeveloperProviderName: DeveloperProviderName("input"),
  DeveloperUserIdentifier: DeveloperUserIdentifier("input")
})
export interface UnlinkDeveloperIdentityInput extends Schema.Schema.Type<typeof UnlinkDeveloperIdentityInput> {}

/** The service answers an empty body. */
export const UnlinkDeveloperIdentityOutput = Unit
export type UnlinkDeveloperIdentityOutput = void

export const UnlinkDeveloperIdentity = /*#__PURE__*/ operation({
  name: "UnlinkDeveloperIdentity",
  auth: "sigv4",
  readOnly: false,
  input: UnlinkDeveloperIdentityInput,
  output: UnlinkDeveloperIdentityOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    ResourceConflictException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything UnlinkDeveloperIdentity can fail with. */
export type UnlinkDeveloperIdentityError = OperationError<typeof UnlinkDeveloperIdentity>
