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
import { IdentityPool } from "../schemas/IdentityPool.js"
import { IdentityPoolId } from "../schemas/Primitives.js"

export const DescribeIdentityPoolInput = /*#__PURE__*/ Schema.Struct({
  IdentityPoolId: IdentityPoolId("input")
})
export interface DescribeIdentityPoolInput extends Schema.Schema.Type<typeof DescribeIdentityPoolInput> {}

export const DescribeIdentityPoolOutput = /*#__PURE__*/ IdentityPool("output")
export interface DescribeIdentityPoolOutput extends Schema.Schema.Type<typeof DescribeIdentityPoolOutput> {}

export const DescribeIdentityPool = /*#__PURE__*/ operation({
  name: "DescribeIdentityPool",
  auth: "sigv4",
  readOnly: true,
  input: DescribeIdentityPoolInput,
  output: DescribeIdentityPoolOutput,
  errors: [
    InvalidParameterException,
    ResourceNotFoundException,
    NotAuthorizedException,
    TooManyRequestsException,
    InternalErrorException
  ]
})

/** Everything DescribeIdentityPool can fail with. */
export type DescribeIdentityPoolError = OperationError<typeof DescribeIdentityPool>
