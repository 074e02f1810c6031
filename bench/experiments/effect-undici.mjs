/**
 * Decomposition step 1: the floor's calls, each wrapped in `Effect.tryPromise` and run by
 * `Effect.forEach`. Its cost over the floor is the Effect runtime alone (fibers, scheduling).
 *
 * For exports (`decompose.mjs --export`), the floor's pages as an Effect Stream: each page
 * request in `Effect.tryPromise`, followed by `Stream.paginateEffect`, each page's array made a
 * chunk as it is (as `listIdentitiesStream` does) and folded as the contenders fold theirs. No
 * prefetch, no validation.
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { create as createFloor } from "../contenders/floor.mjs"

export const create = async (options) => {
  const floor = await createFloor(options)
  const pages = (poolId) =>
    Stream.paginateEffect(undefined, (token) =>
      Effect.map(Effect.tryPromise(() => floor.listPage(poolId, token)), (page) =>
        [page.Identities ?? [], Option.fromNullable(page.NextToken)]))
  return {
    runCalls: (kind, n, concurrency) =>
      Effect.runPromise(
        Effect.forEach(Array.from({ length: n }), () => Effect.tryPromise(() => floor.call(kind)), { concurrency, discard: true })
      ),
    exportCount: (_variant, poolId, check) =>
      Effect.runPromise(
        Stream.runFold(Stream.mapConcatChunk(pages(poolId), Chunk.unsafeFromArray), check, (c, item) => (c.item(item.IdentityId), c))
      ),
    close: floor.close
  }
}
