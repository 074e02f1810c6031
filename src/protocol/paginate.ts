/**
 * Pagination over `NextToken` as a Stream of pages. While the consumer works on page k, page
 * k+1 is already being fetched, and nothing further: at most one request runs ahead. When the
 * consumer stops, the request in flight is interrupted and no other one starts. Each page is
 * one call, retried by the `RetryPolicy` with the same token, so throttling can neither lose
 * nor repeat an item.
 */
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

export interface PageOptions {
  /** Fetch the next page while the current one is consumed. Default true. */
  readonly prefetch?: boolean | undefined
}

export const paginate = <In extends { readonly NextToken?: string | undefined }, Out, E, R>(
  call: (input: In) => Effect.Effect<Out, E, R>,
  input: In,
  nextToken: (page: Out) => string | undefined,
  options: PageOptions = {}
): Stream.Stream<Out, E, R> => {
  const fetch = (token: string | undefined) => call(token === undefined ? input : { ...input, NextToken: token })
  const step = (page: Out) => Option.fromNullable(nextToken(page))

  if (options.prefetch === false) {
    return Stream.paginateEffect(input.NextToken, (token) =>
      Effect.map(fetch(token), (page) => [page, step(page)] as const))
  }

  return Stream.unwrapScopedWith((scope) =>
    Effect.map(Effect.forkIn(fetch(input.NextToken), scope), (first) =>
      Stream.paginateEffect(first, (current) =>
        Effect.flatMap(Fiber.join(current), (page) =>
          Option.match(step(page), {
            onNone: () => Effect.succeed([page, Option.none()] as const),
            onSome: (token) =>
              Effect.map(Effect.forkIn(fetch(token), scope), (next) => [page, Option.some(next)] as const)
          }))))
  )
}
