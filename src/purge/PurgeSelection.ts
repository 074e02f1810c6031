/**
 * Which identities a purge chooses. Criteria combine (an identity must meet every one given):
 *
 * - `disabled`: identities the service disabled (merged into another identity);
 * - `guests`: identities with no linked login: unauthenticated ones, and those whose every
 *   login was unlinked (the service does not turn those back into guests: they are unusable);
 * - `notModifiedFor`: last modified (else created) longer ago than this. An identity with
 *   neither date is never chosen by age.
 */
import * as Duration from "effect/Duration"
import type { IdentityRecord } from "../export/IdentityRecord.js"

export interface PurgeSelection {
  readonly disabled?: boolean | undefined
  readonly guests?: boolean | undefined
  readonly notModifiedFor?: Duration.DurationInput | undefined
}

/** True when the selection names no criterion: it would choose every identity. */
export const choosesEverything = (selection: PurgeSelection): boolean =>
  selection.disabled !== true && selection.guests !== true && selection.notModifiedFor === undefined

/** The age limit in epoch millis (identities modified before it qualify), from `now`. */
export const cutoffOf = (selection: PurgeSelection, now: number): number | undefined =>
  selection.notModifiedFor === undefined ? undefined : now - Duration.toMillis(Duration.decode(selection.notModifiedFor))

/**
 * The criteria that can be read from one record (`disabled` needs a second listing, see
 * `selectIdentities.ts`).
 */
export const meetsRecordCriteria = (selection: PurgeSelection, cutoff: number | undefined) => (record: IdentityRecord): boolean => {
  if (selection.guests === true && record.Logins.length > 0) return false
  if (cutoff !== undefined) {
    const modified = record.LastModifiedDate ?? record.CreationDate
    if (modified === undefined || modified.getTime() >= cutoff) return false
  }
  return true
}

/** The selection in words, for messages: "disabled guests not modified for 90 days". */
export const describeSelection = (selection: PurgeSelection): string => {
  const words = [
    ...(selection.disabled === true ? ["disabled"] : []),
    selection.guests === true ? "guests" : "identities"
  ]
  if (selection.notModifiedFor !== undefined) {
    const days = Duration.toMillis(Duration.decode(selection.notModifiedFor)) / 86_400_000
    words.push(`not modified for ${Number.isInteger(days) ? days : days.toFixed(3)} days`)
  }
  return words.join(" ")
}
