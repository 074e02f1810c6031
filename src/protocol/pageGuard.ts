/**
 * The pagination contract, checked on every page of a listing (the three paginated operations
 * and the export). A breach that would pass on wrong items, or loop, is an error: an export
 * that followed a token in a circle or took in a page of another pool would finish
 * "successfully" with a wrong file.
 *
 * - A `NextToken` already followed by this listing (`tokenHistory.ts`) → `RepeatedToken`:
 *   the stream ends before requesting it, so a server that loops costs one extra page, not an
 *   endless stream of duplicates.
 * - The shape's `foreign` check (the page names another pool than the one asked for) →
 *   `ForeignItems`.
 * - More items than `MaxResults` (the model caps a page at MaxResults) is a warning, logged once
 *   per listing, and the page is passed on: its items are still the listing's, and servers
 *   that ignore MaxResults exist (moto returns everything in one page).
 */
import * as Effect from "effect/Effect"
import { PaginationError } from "../errors/PaginationError.js"
import { makeTokenHistory } from "./tokenHistory.js"

/** What pagination needs to know about a paginated operation. */
export interface PageShape<In, Out> {
  readonly operation: string
  readonly nextToken: (page: Out) => string | undefined
  readonly items: (page: Out) => ReadonlyArray<unknown> | undefined
  /** Another promise of the page, e.g. that it is of the pool asked for: a description of the breach, if broken. */
  readonly foreign?: ((input: In, page: Out) => string | undefined) | undefined
}

export interface PageGuard<Out> {
  /** Checks a page; its NextToken to follow (undefined: the last page), or why the listing must stop. */
  readonly next: (page: Out) => Effect.Effect<string | undefined, PaginationError>
}

export const makePageGuard = <In extends { readonly NextToken?: string | undefined; readonly MaxResults?: number | undefined }, Out>(
  shape: PageShape<In, Out>,
  input: In
): PageGuard<Out> => {
  const history = makeTokenHistory()
  if (input.NextToken !== undefined) history.add(input.NextToken)
  let pages = 0
  let warned = false
  const fail = (reason: PaginationError["reason"], message: string) =>
    Effect.fail(new PaginationError({ operation: shape.operation, reason, pages, message: `${shape.operation}: ${message}` }))

  /** Warns, once per listing, of a page larger than MaxResults. */
  const oversized = (page: Out): Effect.Effect<void> => {
    const count = shape.items(page)?.length ?? 0
    if (warned || input.MaxResults === undefined || count <= input.MaxResults) return Effect.void
    warned = true
    return Effect.logWarning(
      `${shape.operation}: page ${pages} holds ${count} items, more than MaxResults ${input.MaxResults}: ` +
        "the server does not honour MaxResults (items passed on)"
    )
  }

  const follow = (page: Out): Effect.Effect<string | undefined, PaginationError> => {
    const foreign = shape.foreign?.(input, page)
    if (foreign !== undefined) return fail("ForeignItems", `page ${pages} ${foreign}`)
    const token = shape.nextToken(page)
    if (token === undefined) return Effect.succeed(undefined)
    if (history.repeats(token)) {
      return fail("RepeatedToken", `page ${pages} returned a NextToken this listing already followed; following it would loop forever`)
    }
    history.add(token)
    return Effect.succeed(token)
  }

  return {
    next: (page) =>
      Effect.suspend(() => {
        pages += 1
        return Effect.zipRight(oversized(page), follow(page))
      })
  }
}
