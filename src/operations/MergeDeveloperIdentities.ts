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

export const MergeDeveloperIdentitiesInput = /*#__PURE__*/ Schema.Struct({
  SourceUserIdentifier: DeveloperUserIdentifier("input"),
  DestinationUserIdentifier: DeveloperUserIdentifier("input"),
  DeveloperProviderName: DeveloperProviderName("input"),
  IdentityPoolId: IdentityPoolId("input")
})
export interface MergeDeveloperIdentitiesInput extends Schema.Schema.Type<typeof MergeDeveloperIdentitiesInput> {}

export const MergeDeveloperIdentitiesOutput = /*#__PURE__*/ Schema.Struct({
  IdentityId: Schema.optional(IdentityId("output"))
})
export interface MergeDeveloperIdentitiesOutput extends Schema.Schema.Type<typeof MergeDeveloperIdentitiesOutput> {}

export const MergeDeveloperIdentities = /*#__PURE__*/ operation({
  name: "MergeDeveloperIdentities",
  auth: "sigv4",
  readOnly: false,
  input: MergeDeveloperIdentitiesInput,
  output: MergeDeveloperIdentitiesOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    ResourceConflictException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything MergeDeveloperIdentities can fail with. */
export type MergeDeveloperIdentitiesError = OperationError<typeof MergeDeveloperIdentities>
