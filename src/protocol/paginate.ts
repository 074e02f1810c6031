/**
 * Pagination over `NextToken` as a Stream of pages. While the consumer works on page k, page
 * k+1 is already being fetched, and nothing further: at most one request runs ahead. When the
 * consumer stops, the request in flight is interrupted and no other one starts. Each page is
 * one call, retried by the `RetryPolicy` with the same token, so throttling can neither lose
 * nor repeat an item.
 *
 * Each page is checked against the pagination contract before it is passed on or followed
 * (`pageGuard.ts`): a token already followed ends the stream with a `PaginationError` before
 * anything is requested with it, and so does a page that breaks the model's promises.
 */
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { PaginationError } from "../errors/PaginationError.js"
import type { Paged } from "./pageGuard.js"
import { makePageGuard } from "./pageGuard.js"

export interface PageOptions {
  /** Fetch the next page while the current one is consumed. Default true. */
  readonly prefetch?: boolean | undefined
}

/** The pages of `op` (a paginated operation's descriptor), from `input` on. */
export const paginate = <In extends { readonly NextToken?: string | undefined }, Out, E, R>(
  op: Paged,
  call: (input: In) => Effect.Effect<Out, E, R>,
  input: In,
  options: PageOptions = {}
): Stream.Stream<Out, E | PaginationError, R> =>
  Stream.suspend(() => {
    const guard = makePageGuard(op, input)
    const fetch = (token: string | undefined) => call(token === undefined ? input : { ...input, NextToken: token })
    const step = (page: Out) => Effect.map(guard.next(page), Option.fromNullable)

    if (options.prefetch === false) {
      return Stream.paginateEffect(input.NextToken, (token) =>
        Effect.flatMap(fetch(token), (page) => Effect.map(step(page), (next) => [page, next] as const)))
    }

    return Stream.unwrapScopedWith((scope) =>
      Effect.map(Effect.forkIn(fetch(input.NextToken), scope), (first) =>
        Stream.paginateEffect(first, (current) =>
          Effect.flatMap(Fiber.join(current), (page) =>
            Effect.flatMap(step(page), (next) =>
              Option.match(next, {
                onNone: () => Effect.succeed([page, Option.none()] as const),
                onSome: (token) =>
                  Effect.map(Effect.forkIn(fetch(token), scope), (fiber) => [page, Option.some(fiber)] as const)
              }))))))
  })
