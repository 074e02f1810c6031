import * as Schema from "effect/Schema"
import {
  InternalErrorException,
  InvalidParameterException,
  NotAuthorizedException,
  ResourceNotFoundException,
  TooManyRequestsException
} from "../errors/ModeledErrors.js"
import type { OperationError } from "../protocol/Operation.js"
import { operation } from "../protocol/Operation.js"
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
  readOnly: true,
  input: ListIdentityPoolsInput,
  output: ListIdentityPoolsOutput,
  pagination: { token: "NextToken", limit: "MaxResults", items: "IdentityPools" },
  errors: [
    InvalidParameterException,
    NotAuthorizedException,
    TooManyRequestsException,
    ResourceNotFoundException,
    InternalErrorException
  ]
})

/** Everything ListIdentityPools can fail with. */
export type ListIdentityPoolsError = OperationError<typeof ListIdentityPools>
