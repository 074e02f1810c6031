import * as Schema from "effect/Schema"

/**
 * A paginated listing broke the pagination contract, so following it further would loop or
 * pass on wrong items (botocore raises `PaginationError` for the first case):
 *
 * - `RepeatedToken`: the service returned a `NextToken` this listing had already followed
 *   (the same token again, or a cycle through several). Nothing is requested with it.
 * - `TooManyItems`: a page held more items than the `MaxResults` asked for.
 * - `ForeignItems`: a page described another pool (or identity) than the one asked for.
 */
export class PaginationError extends Schema.TaggedError<PaginationError>()("PaginationError", {
  operation: Schema.String,
  reason: Schema.Literal("RepeatedToken", "TooManyItems", "ForeignItems"),
  message: Schema.String,
  /** Pages received before the broken one (that one included). */
  pages: Schema.Number
}) {}
