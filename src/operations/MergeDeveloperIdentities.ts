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
export type MergeDeveloperIdentitiesError = OperationError<typeof MergeDeveloperIdentities.errors, "sigv4">

/**
 * Merges two users having different IdentityId s, existing in the same identity pool, and identified by the same developer provider. You can use this action to request that discrete users be merged and identified as a single user in the Cognito environment.
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const mergeDeveloperIdentities: (
  input: MergeDeveloperIdentitiesInput
) => Effect.Effect<MergeDeveloperIdentitiesOutput, MergeDeveloperIdentitiesError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(MergeDeveloperIdentities)
