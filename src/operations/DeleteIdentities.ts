import * as Schema from "effect/Schema"
import { InternalErrorException, InvalidParameterException, TooManyRequestsException } from "../errors/ModeledErrors.js"
import type { OperationError } from "../protocol/Operation.js"
import { operation } from "../protocol/Operation.js"
import type { Mode } from "../schemas/Constraint.js"
import { list } from "../schemas/Constraint.js"
import { ErrorCode, IdentityId } from "../schemas/Primitives.js"

export const DeleteIdentitiesInput = /*#__PURE__*/ Schema.Struct({
  IdentityIdsToDelete: list(IdentityId, { min: 1, max: 60 })("input")
})
export interface DeleteIdentitiesInput extends Schema.Schema.Type<typeof DeleteIdentitiesInput> {}

/** An identity that could not be deleted, and why. */
export const UnprocessedIdentityId = (mode: Mode) =>
  Schema.Struct({
    IdentityId: Schema.optional(IdentityId(mode)),
    ErrorCode: Schema.optional(ErrorCode(mode))
  })

export const DeleteIdentitiesOutput = /*#__PURE__*/ Schema.Struct({
  UnprocessedIdentityIds: Schema.optional(list(UnprocessedIdentityId, { max: 60 })("output"))
})
export interface DeleteIdentitiesOutput extends Schema.Schema.Type<typeof DeleteIdentitiesOutput> {}

export const DeleteIdentities = /*#__PURE__*/ operation({
  name: "DeleteIdentities",
  auth: "sigv4",
  readOnly: false,
  input: DeleteIdentitiesInput,
  output: DeleteIdentitiesOutput,
  errors: [InvalidParameterException, TooManyRequestsException, InternalErrorException]
})

/** Everything DeleteIdentities can fail with. */
export type DeleteIdentitiesError = OperationError<typeof DeleteIdentities>
