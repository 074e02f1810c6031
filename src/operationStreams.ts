/**
 * The streams of a paginated operation, built from the paging facts in its descriptor
 * (`pagination`: the token, limit and items members): every page (`…Pages`) or every item
 * (`…Stream`), following `NextToken` with `paginate`. `MaxResults` defaults to 60, the most a
 * page holds.
 */
import * as Chunk from "effect/Chunk"
import * as Predicate from "effect/Predicate"
import * as Stream from "effect/Stream"
import type { PaginationError } from "./errors/PaginationError.js"
import type { OperationFunction, OperationRequirements } from "./operationFunction.js"
import type { AnyOperation, InputOf, OperationError, OutputOf, Pagination } from "./protocol/Operation.js"
import type { PageOptions } from "./protocol/paginate.js"
import { paginate } from "./protocol/paginate.js"
import { MAX_RESULTS } from "./service.js"

/** A paginated operation: its descriptor says how it pages. */
export interface PaginatedOperation extends AnyOperation {
  readonly pagination: Pagination
}

/** The input of a stream: the operation's, with `MaxResults` optional. */
export type PageInput<Op extends PaginatedOperation> =
  & Omit<InputOf<Op>, Op["pagination"]["limit"]>
  & { readonly [K in Op["pagination"]["limit"]]?: number | undefined }

/** The input may be left out when none of its members is required (ListIdentityPools). */
export type PageArguments<Op extends PaginatedOperation> = {} extends PageInput<Op>
  ? [input?: PageInput<Op>, options?: PageOptions]
  : [input: PageInput<Op>, options?: PageOptions]

/** One item of a page. */
export type ItemOf<Op extends PaginatedOperation> = NonNullable<OutputOf<Op>[Op["pagination"]["items"]]> extends
  ReadonlyArray<infer Item> ? Item : never

/** A listing that breaks the pagination contract (a token that loops, a page of another pool) ends in a `PaginationError`. */
type PageStream<Op extends PaginatedOperation, A> = Stream.Stream<
  A,
  OperationError<Op> | PaginationError,
  OperationRequirements<Op["auth"]>
>

const member = (value: unknown, key: string): unknown => Predicate.isRecord(value) ? value[key] : undefined

/** Every page, following the token from the input's (if any) to the last page. */
export const pagesOf = <Op extends PaginatedOperation>(op: Op, call: OperationFunction<Op>) => {
  const { limit } = op.pagination
  return (...[input, options]: PageArguments<Op>): PageStream<Op, OutputOf<Op>> =>
    // The caller's input with the page size filled in, to which `paginate` adds only the token:
    // the operation's input.
    paginate(op, call, { ...input, [limit]: member(input, limit) ?? MAX_RESULTS } as InputOf<Op>, options)
}

/** Every item of every page, each exactly once. */
export const itemsOf = <Op extends PaginatedOperation>(op: Op, pages: ReturnType<typeof pagesOf<Op>>) => {
  const { items } = op.pagination
  return (...args: PageArguments<Op>): PageStream<Op, ItemOf<Op>> =>
    Stream.mapConcatChunk(pages(...args), (page) => {
      const list = member(page, items)
      // The output schema decoded this member as the item list the type names, into a new
      // array that nothing else holds: a chunk can share it rather than copy it.
      return Array.isArray(list) ? Chunk.unsafeFromArray(list as Array<ItemOf<Op>>) : Chunk.empty()
    })
}
