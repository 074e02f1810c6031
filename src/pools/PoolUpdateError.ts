import * as Schema from "effect/Schema"

/**
 * A safe pool update that refused to write, or whose write the pool does not show:
 *
 * - `ImmutableField`: the change would alter or remove `DeveloperProviderName`, which the
 *   service never changes once set; nothing was sent.
 * - `Changed`: the pool is not the configuration the caller said the change was computed
 *   from (`expected`), or it kept changing while the update retried; nothing was written.
 * - `Unverified`: the update was written, but reading the pool back shows other values for
 *   `fields` (another writer came in between, or the server ignores a member).
 */
export class PoolUpdateError extends /*#__PURE__*/ Schema.TaggedError<PoolUpdateError>()("PoolUpdateError", {
  identityPoolId: Schema.String,
  reason: Schema.Literal("ImmutableField", "Changed", "Unverified"),
  /** The members concerned. */
  fields: Schema.Array(Schema.String),
  /** True when UpdateIdentityPool was sent and succeeded. */
  written: Schema.Boolean,
  message: Schema.String
}) {}
