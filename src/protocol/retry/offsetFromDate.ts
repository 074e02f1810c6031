/**
 * Learning the service's clock from a response's `Date` header, after the service refused a
 * request as outside its ±5 minute window (semantics.md §4). The SDKs do the same (SDK v3
 * `getUpdatedSystemClockOffset`): the offset is what to add to the local clock to get the
 * service's, and it is kept for later calls.
 */

/** The offset in ms, or undefined without a readable `Date`. */
export const offsetFromDate = (date: string | undefined, localNowMillis: number): number | undefined => {
  if (date === undefined) return undefined
  const server = Date.parse(date)
  return Number.isNaN(server) ? undefined : server - localNowMillis
}
