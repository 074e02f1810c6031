import type { Effect } from "effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import {
  InternalErrorException,
  InvalidParameterException,
  NotAuthorizedException,
  ResourceConflictException,
  ResourceNotFoundException,
  TooManyRequestsException
} from "../errors/ModeledErrors.js"
import { operation } from "../protocol/Operation.js"
import type { PaginationError } from "../errors/PaginationError.js"
import type { OperationError, OperationRequirements } from "../protocol/execute.js"
import { execute } from "../protocol/execute.js"
import type { PageOptions, PageShape } from "../protocol/paginate.js"
import { paginate } from "../protocol/paginate.js"
import { list } from "../schemas/Constraint.js"
import {
  DeveloperUserIdentifier,
  IdentityId,
  IdentityPoolId,
  PaginationKey,
  QueryLimit
} from "../schemas/Primitives.js"

export const LookupDeveloperIdentityInput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: IdentityPoolId("input"),
  IdentityId: Schema.optional(IdentityId("input")),
  DeveloperUserIdentifier: Schema.optional(DeveloperUserIdentifier("input")),
  MaxResults: Schema.optional(QueryLimit("input")),
  NextToken: Schema.optional(PaginationKey("input"))
})
export interface LookupDeveloperIdentityInput extends Schema.Schema.Type<typeof LookupDeveloperIdentityInput> {}

export const LookupDeveloperIdentityOutput = /*#__PURE__*/ Schema.Struct({
  IdentityId: Schema.optional(IdentityId("output")),
  DeveloperUserIdentifierList: Schema.optional(list(DeveloperUserIdentifier)("output")),
  NextToken: Schema.optional(PaginationKey("output"))
})
export interface LookupDeveloperIdentityOutput extends Schema.Schema.Type<typeof LookupDeveloperIdentityOutput> {}

export const LookupDeveloperIdentity = /*#__PURE__*/ operation({
  name: "LookupDeveloperIdentity",
  auth: "sigv4",
  input: LookupDeveloperIdentityInput,
  output: LookupDeveloperIdentityOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    ResourceConflictException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything LookupDeveloperIdentity can fail with. */
export type LookupDeveloperIdentityError = OperationError<typeof LookupDeveloperIdentity.errors, "sigv4">

/**
 * Retrieves the IdentityID associated with a DeveloperUserIdentifier or the list of DeveloperUserIdentifier values associated with an IdentityId for an existing identity. Either IdentityID or DeveloperUserIdentifier must not be null.
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const lookupDeveloperIdentity: (
  input: LookupDeveloperIdentityInput
) => Effect.Effect<LookupDeveloperIdentityOutput, LookupDeveloperIdentityError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(LookupDeveloperIdentity)

/** Every page of a lookup, following `NextToken` (`MaxResults` defaults to 60). */
export const lookupDeveloperIdentityPages = (
  input: LookupDeveloperIdentityInput,
  options?: PageOptions
): Stream.Stream<LookupDeveloperIdentityOutput, LookupDeveloperIdentityError | PaginationError, OperationRequirements<"sigv4">> =>
  paginate(lookupDeveloperIdentity, { ...input, MaxResults: input.MaxResults ?? 60 }, lookupDeveloperIdentityShape, options)

export const lookupDeveloperIdentityShape: PageShape<LookupDeveloperIdentityInput, LookupDeveloperIdentityOutput> = {
  operation: "LookupDeveloperIdentity",
  nextToken: (page) => page.NextToken,
  items: (page) => page.DeveloperUserIdentifierList
}

/** Every developer user identifier of an identity (or the one matching a user identifier). */
export const lookupDeveloperIdentityStream = (
  input: LookupDeveloperIdentityInput,
  options?: PageOptions
): Stream.Stream<string, LookupDeveloperIdentityError | PaginationError, OperationRequirements<"sigv4">> =>
  Stream.flattenIterables(Stream.map(lookupDeveloperIdentityPages(input, options), (page) => page.DeveloperUserIdentifierList ?? []))
