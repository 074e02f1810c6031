import * as Schema from "effect/Schema"
import type { Mode } from "./Constraint.js"
import { AccessKeyString } from "./Primitives.js"
import { secretOutput } from "./Secret.js"
import { DateType } from "./Timestamp.js"

/**
 * Temporary AWS credentials for an identity. The model marks only SecretKey as sensitive;
 * the session token is a bearer credential too, so both are `Redacted`.
 */
export const Credentials = (mode: Mode) =>
  Schema.Struct({
    AccessKeyId: Schema.optional(AccessKeyString(mode)),
    SecretKey: Schema.optional(secretOutput(mode)),
    SessionToken: Schema.optional(secretOutput(mode)),
    Expiration: Schema.optional(DateType(mode))
  })
export interface Credentials extends Schema.Schema.Type<ReturnType<typeof Credentials>> {}
