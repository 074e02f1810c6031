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
import { IdentityDescription } from "../schemas/IdentityDescription.js"
import { IdentityId } from "../schemas/Primitives.js"

export const DescribeIdentityInput = /*#__PURE__*/ Schema.Struct({
  IdentityId: IdentityId("input")
})
export interface DescribeIdentityInput extends Schema.Schema.Type<typeof DescribeIdentityInput> {}

export const DescribeIdentityOutput = /*#__PURE__*/ IdentityDescription("output")
export interface DescribeIdentityOutput extends Schema.Schema.Type<typeof DescribeIdentityOutput> {}

export const DescribeIdentity = /*#__PURE__*/ operation({
  name: "DescribeIdentity",
  auth: "sigv4",
  readOnly: true,
  input: DescribeIdentityInput,
  output: DescribeIdentityOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything DescribeIdentity can fail with. */
export type DescribeIdentityError = OperationError<typeof DescribeIdentity>
