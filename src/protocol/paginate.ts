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
 *
 * The prefetch costs one fiber per listing, not one per page: a fiber that fetches page after
 * page, handing each over in a one-place mailbox and waiting, before the next request, until
 * the stream has taken the previous page. (A fiber per page, or an Effect `Deferred` per page,
 * costs more CPU than decoding the page.)
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { PaginationError } from "../errors/PaginationError.js"
import { abortableAsync } from "./abortableAsync.js"
import { copyWith } from "./copyWith.js"
import type { Paged } from "./pageGuard.js"
import { makePageGuard } from "./pageGuard.js"

export interface PageOptions {
  /** Fetch the next page while the current one is consumed. Default true. */
  readonly prefetch?: boolean | undefined
}

/** A page and the token to follow after it (undefined: the last page). */
interface Step<Out> {
  readonly page: Out
  readonly next: string | undefined
}

/**
 * A one-place mailbox between two fibers: `put` never waits (each side puts at most once
 * before the other takes), `take` waits for a value. On `Effect.async` alone (`abortableAsync`), no queue.
 */
const mailbox = <A>() => {
  let held: { readonly value: A } | undefined
  let waiting: ((value: A) => void) | undefined
  return {
    put: (value: A): void => {
      const taker = waiting
      if (taker === undefined) {
        held = { value }
        return
      }
      waiting = undefined
      taker(value)
    },
    take: abortableAsync<A>((resume, onStop) => {
      if (held !== undefined) {
        const { value } = held
        held = undefined
        resume(Effect.succeed(value))
        return
      }
      waiting = (value) => resume(Effect.succeed(value))
      onStop(() => {
        waiting = undefined
      })
    })
  }
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
    // `input` is the caller's, but only a page after the first is asked for with a copy, and
    // the first call already refuses an input with a `__proto__` key (request.ts): what copyWith
    // could not copy faithfully never gets this far.
    const fetch = (token: string | undefined): Effect.Effect<Step<Out>, E | PaginationError, R> =>
      Effect.flatMap(
        call(token === undefined ? input : copyWith(input, { NextToken: token })),
        (page) => Effect.map(guard.next(page), (next) => ({ page, next }))
      )

    if (options.prefetch === false) {
      return Stream.paginateEffect(input.NextToken, (token) =>
        Effect.map(fetch(token), ({ next, page }) => [page, Option.fromNullable(next)] as const))
    }

    return Stream.unwrapScoped(Effect.gen(function*() {
      const pages = mailbox<Exit.Exit<Step<Out>, E | PaginationError>>()
      const taken = mailbox<void>()
      // The fetching fiber: a page, handed over; then, once the stream has taken it, the next.
      const fetchFrom = (token: string | undefined): Effect.Effect<void, never, R> =>
        Effect.flatMap(Effect.exit(fetch(token)), (exit) => {
          pages.put(exit)
          return Exit.isSuccess(exit) && exit.value.next !== undefined
            ? Effect.zipRight(taken.take, fetchFrom(exit.value.next))
            : Effect.void
        })
      // Interrupted with the stream's scope: when the consumer stops, so does the request in flight.
      yield* Effect.forkScoped(fetchFrom(input.NextToken))
      let done = false
      return Stream.repeatEffectOption(
        Effect.suspend(() =>
          done ? Effect.fail(Option.none()) : Effect.flatMap(pages.take, (exit) => {
            if (Exit.isFailure(exit)) {
              done = true
              return Effect.failCause(Cause.map(exit.cause, Option.some))
            }
            const { next, page } = exit.value
            if (next === undefined) done = true
            else taken.put(undefined)
            return Effect.succeed(page)
          })
        )
      )
    }))
  })
