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
  readOnly: true,
  input: ListIdentitiesInput,
  output: ListIdentitiesOutput,
  pagination: { token: "NextToken", limit: "MaxResults", items: "Identities", scope: "IdentityPoolId" },
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything ListIdentities can fail with. */
export type ListIdentitiesError = OperationError<typeof ListIdentities>
