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
  readOnly: true,
  input: LookupDeveloperIdentityInput,
  output: LookupDeveloperIdentityOutput,
  pagination: { token: "NextToken", limit: "MaxResults", items: "DeveloperUserIdentifierList" },
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
export type LookupDeveloperIdentityError = OperationError<typeof LookupDeveloperIdentity>
