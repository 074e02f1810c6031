import type { Effect } from "effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import {
  InternalErrorException,
  InvalidParameterException,
  NotAuthorizedException,
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
import { IdentityDescription } from "../schemas/IdentityDescription.js"
import { Boolean, IdentityPoolId, PaginationKey, QueryLimit } from "../schemas/Primitives.js"

export const ListIdentitiesInput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: IdentityPoolId("input"),
  MaxResults: QueryLimit("input"),
  NextToken: Schema.optional(PaginationKey("input")),
  HideDisabled: Schema.optional(Boolean("input"))
})
export interface ListIdentitiesInput extends Schema.Schema.Type<typeof ListIdentitiesInput> {}

export const ListIdentitiesOutput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: Schema.optional(IdentityPoolId("output")),
  Identities: Schema.optional(list(IdentityDescription)("output")),
  NextToken: Schema.optional(PaginationKey("output"))
})
export interface ListIdentitiesOutput extends Schema.Schema.Type<typeof ListIdentitiesOutput> {}

export const ListIdentities = /*#__PURE__*/ operation({
  name: "ListIdentities",
  auth: "sigv4",
  input: ListIdentitiesInput,
  output: ListIdentitiesOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything ListIdentities can fail with. */
export type ListIdentitiesError = OperationError<typeof ListIdentities.errors, "sigv4">

/**
 * Lists the identities in an identity pool. You must use Amazon Web Services developer credentials to call this operation.
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const listIdentities: (
  input: ListIdentitiesInput
) => Effect.Effect<ListIdentitiesOutput, ListIdentitiesError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(ListIdentities)

/** Every page of a pool's identities, following `NextToken` (`MaxResults` defaults to 60, the maximum). */
export const listIdentitiesPages = (
  input: Omit<ListIdentitiesInput, "MaxResults"> & { readonly MaxResults?: number | undefined },
  options?: PageOptions
): Stream.Stream<ListIdentitiesOutput, ListIdentitiesError | PaginationError, OperationRequirements<"sigv4">> =>
  paginate(listIdentities, { ...input, MaxResults: input.MaxResults ?? 60 }, listIdentitiesShape, options)

/** How ListIdentities pages: a page names its pool, which must be the one asked for. */
export const listIdentitiesShape: PageShape<ListIdentitiesInput, ListIdentitiesOutput> = {
  operation: "ListIdentities",
  nextToken: (page) => page.NextToken,
  items: (page) => page.Identities,
  foreign: (input, page) =>
    page.IdentityPoolId === undefined || page.IdentityPoolId === input.IdentityPoolId
      ? undefined
      : `lists pool ${page.IdentityPoolId}, not ${input.IdentityPoolId}`
}

/** Every identity of a pool, page after page, each exactly once. */
export const listIdentitiesStream = (
  input: Omit<ListIdentitiesInput, "MaxResults"> & { readonly MaxResults?: number | undefined },
  options?: PageOptions
): Stream.Stream<IdentityDescription, ListIdentitiesError | PaginationError, OperationRequirements<"sigv4">> =>
  Stream.flattenIterables(Stream.map(listIdentitiesPages(input, options), (page) => page.Identities ?? []))
