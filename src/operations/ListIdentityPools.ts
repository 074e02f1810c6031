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
import { IdentityPoolShortDescription } from "../schemas/IdentityPool.js"
import { PaginationKey, QueryLimit } from "../schemas/Primitives.js"

export const ListIdentityPoolsInput = /*#__PURE__*/ Schema.Struct({
  MaxResults: QueryLimit("input"),
  NextToken: Schema.optional(PaginationKey("input"))
})
export interface ListIdentityPoolsInput extends Schema.Schema.Type<typeof ListIdentityPoolsInput> {}

export const ListIdentityPoolsOutput = /*#__PURE__*/ Schema.Struct({
  IdentityPools: Schema.optional(list(IdentityPoolShortDescription)("output")),
  NextToken: Schema.optional(PaginationKey("output"))
})
export interface ListIdentityPoolsOutput extends Schema.Schema.Type<typeof ListIdentityPoolsOutput> {}

export const ListIdentityPools = /*#__PURE__*/ operation({
  name: "ListIdentityPools",
  auth: "sigv4",
  input: ListIdentityPoolsInput,
  output: ListIdentityPoolsOutput,
  errors: [
    InvalidParameterException,
    NotAuthorizedException,
    TooManyRequestsException,
    ResourceNotFoundException,
    InternalErrorException
  ]
})

/** Everything ListIdentityPools can fail with. */
export type ListIdentityPoolsError = OperationError<typeof ListIdentityPools.errors, "sigv4">

/**
 * Lists all of the Cognito identity pools registered for your account. You must use Amazon Web Services developer credentials to call this operation.
 * Signed with SigV4: needs `AwsCredentials`.
 */
export const listIdentityPools: (
  input: ListIdentityPoolsInput
) => Effect.Effect<ListIdentityPoolsOutput, ListIdentityPoolsError, OperationRequirements<"sigv4">> = /*#__PURE__*/ execute(ListIdentityPools)

/** Every page of the account's identity pools in this region (`MaxResults` defaults to 60). */
export const listIdentityPoolsPages = (
  input: Omit<ListIdentityPoolsInput, "MaxResults"> & { readonly MaxResults?: number | undefined } = {},
  options?: PageOptions
): Stream.Stream<ListIdentityPoolsOutput, ListIdentityPoolsError | PaginationError, OperationRequirements<"sigv4">> =>
  paginate(listIdentityPools, { ...input, MaxResults: input.MaxResults ?? 60 }, listIdentityPoolsShape, options)

export const listIdentityPoolsShape: PageShape<ListIdentityPoolsInput, ListIdentityPoolsOutput> = {
  operation: "ListIdentityPools",
  nextToken: (page) => page.NextToken,
  items: (page) => page.IdentityPools
}

/** Every identity pool of the account in this region. */
export const listIdentityPoolsStream = (
  input: Omit<ListIdentityPoolsInput, "MaxResults"> & { readonly MaxResults?: number | undefined } = {},
  options?: PageOptions
): Stream.Stream<IdentityPoolShortDescription, ListIdentityPoolsError | PaginationError, OperationRequirements<"sigv4">> =>
  Stream.flattenIterables(Stream.map(listIdentityPoolsPages(input, options), (page) => page.IdentityPools ?? []))
