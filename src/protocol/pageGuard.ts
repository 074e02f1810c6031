/**
 * The pagination contract, checked on every page of a listing (the three paginated operations
 * and the export). A breach that would pass on wrong items, or loop, is an error: an export
 * that followed a token in a circle or took in a page of another pool would finish
 * "successfully" with a wrong file.
 *
 * - A `NextToken` already followed by this listing (`tokenHistory.ts`) → `RepeatedToken`:
 *   the stream ends before requesting it, so a server that loops costs one extra page, not an
 *   endless stream of duplicates.
 * - A page that names another value of the descriptor's `scope` member than the input did
 *   (ListIdentities: another pool) → `ForeignItems`.
 * - More items than `MaxResults` (the model caps a page at MaxResults) is a warning, logged once
 *   per listing, and the page is passed on: its items are still the listing's, and servers
 *   that ignore MaxResults exist (moto returns everything in one page).
 */
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import { PaginationError } from "../errors/PaginationError.js"
import type { Pagination } from "./Operation.js"
import { makeTokenHistory } from "./tokenHistory.js"

/** What pagination needs to know of an operation: its name, and how it pages (its descriptor says). */
export interface Paged {
  readonly name: string
  readonly pagination: Pagination
}

export interface PageGuard {
  /** Checks a page; its NextToken to follow (undefined: the last page), or why the listing must stop. */
  readonly next: (page: unknown) => Effect.Effect<string | undefined, PaginationError>
}

const member = (value: unknown, key: string): unknown => Predicate.isRecord(value) ? value[key] : undefined

export const makePageGuard = (op: Paged, input: unknown): PageGuard => {
  const { items, limit, scope, token } = op.pagination
  const history = makeTokenHistory()
  const startToken = member(input, token)
  if (typeof startToken === "string") history.add(startToken)
  const maxResults = member(input, limit)
  let pages = 0
  let warned = false
  const fail = (reason: PaginationError["reason"], message: string) =>
    Effect.fail(new PaginationError({ operation: op.name, reason, pages, message: `${op.name}: ${message}` }))

  /** Warns, once per listing, of a page larger than MaxResults. */
  const oversized = (page: unknown): Effect.Effect<void> => {
    const list = member(page, items)
    const count = Array.isArray(list) ? list.length : 0
    if (warned || typeof maxResults !== "number" || count <= maxResults) return Effect.void
    warned = true
    return Effect.logWarning(
      `${op.name}: page ${pages} holds ${count} items, more than ${limit} ${maxResults}: ` +
        "the server does not honour it (items passed on)"
    )
  }

  const follow = (page: unknown): Effect.Effect<string | undefined, PaginationError> => {
    if (scope !== undefined) {
      const asked = member(input, scope)
      const named = member(page, scope)
      if (named !== undefined && named !== asked) {
        return fail("ForeignItems", `page ${pages} lists ${scope} ${String(named)}, not ${String(asked)}`)
      }
    }
    const next = member(page, token)
    if (typeof next !== "string") return Effect.succeed(undefined)
    if (history.repeats(next)) {
      return fail("RepeatedToken", `page ${pages} returned a NextToken this listing already followed; following it would loop forever`)
    }
    history.add(next)
    return Effect.succeed(next)
  }

  return {
    next: (page) =>
      Effect.suspend(() => {
        pages += 1
        return Effect.zipRight(oversized(page), follow(page))
      })
  }
}
