import * as Schema from "effect/Schema"
import type { Mode } from "./Constraint.js"
import { LoginsList } from "./Logins.js"
import { IdentityId } from "./Primitives.js"
import { DateType } from "./Timestamp.js"

/** An identity: its id, the provider names linked to it, and its dates. */
export const IdentityDescription = (mode: Mode) =>
  Schema.Struct({
    IdentityId: Schema.optional(IdentityId(mode)),
    Logins: Schema.optional(LoginsList(mode)),
    CreationDate: Schema.optional(DateType(mode)),
    LastModifiedDate: Schema.optional(DateType(mode))
  })
export interface IdentityDescription extends Schema.Schema.Type<ReturnType<typeof IdentityDescription>> {}
