/**
 * Where an export stands: the pools it covers (fixed when it started), the pool it is in, and
 * the token of the next page of that pool. Saved after every page, it lets an interrupted export
 * resume with no record lost or repeated.
 */
export interface ExportCursor {
  readonly pools: ReadonlyArray<string>
  /** Index in `pools` of the pool to continue; `pools.length` when the export is complete. */
  readonly poolIndex: number
  /** The NextToken of the next page of `pools[poolIndex]`; undefined to start that pool. */
  readonly nextToken?: string | undefined
}

export const isComplete = (cursor: ExportCursor): boolean => cursor.poolIndex >= cursor.pools.length
