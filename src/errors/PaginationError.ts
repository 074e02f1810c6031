import * as Schema from "effect/Schema"

// `/*#__PURE__*/` on each `extends`: bundlers keep a class whose `extends` is a call unless
// told the call is pure, so without it every error class would ship in every program.

/**
 * A paginated listing broke the pagination contract, so following it further would loop or
 * pass on wrong items (botocore raises `PaginationError` for the first case):
 *
 * - `RepeatedToken`: the service returned a `NextToken` this listing had already followed
 *   (the same token again, or a cycle through several). Nothing is requested with it.
 * - `ForeignItems`: a page described another pool than the one asked for.
 *
 * (A page with more items than `MaxResults` is logged as a warning and passed on.)
 */
export class PaginationError extends /*#__PURE__*/ Schema.TaggedError<PaginationError>()("PaginationError", {
  operation: Schema.String,
  reason: Schema.Literal("RepeatedToken", "ForeignItems"),
  message: Schema.String,
  /** Pages received before the broken one (that one included). */
  pages: Schema.Number
}) {}
