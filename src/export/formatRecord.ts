/**
 * Record formats: NDJSON (one JSON object per line) and CSV (RFC 4180: CRLF line ends, fields
 * with a comma, quote, CR or LF quoted, quotes doubled). Dates are ISO 8601 in UTC; provider
 * names and developer user identifiers are joined with ";" inside one CSV field.
 */
import type { IdentityRecord } from "./IdentityRecord.js"

export type ExportFormat = "ndjson" | "csv"

const iso = (date: Date | undefined) => (date === undefined ? undefined : date.toISOString())

export const toNdjsonLine = (record: IdentityRecord): string =>
  JSON.stringify({
    IdentityPoolId: record.IdentityPoolId,
    IdentityId: record.IdentityId,
    Logins: record.Logins,
    CreationDate: iso(record.CreationDate),
    LastModifiedDate: iso(record.LastModifiedDate),
    Disabled: record.Disabled,
    DeveloperUserIdentifiers: record.DeveloperUserIdentifiers
  }) + "\n"

export const csvHeader =
  "IdentityPoolId,IdentityId,Logins,CreationDate,LastModifiedDate,Disabled,DeveloperUserIdentifiers\r\n"

const needsQuotes = /[",\r\n]/

export const csvField = (value: string): string => (needsQuotes.test(value) ? `"${value.replace(/"/g, "\"\"")}"` : value)

export const toCsvLine = (record: IdentityRecord): string =>
  [
    record.IdentityPoolId,
    record.IdentityId,
    record.Logins.join(";"),
    iso(record.CreationDate) ?? "",
    iso(record.LastModifiedDate) ?? "",
    record.Disabled === undefined ? "" : String(record.Disabled),
    record.DeveloperUserIdentifiers === undefined ? "" : record.DeveloperUserIdentifiers.join(";")
  ].map(csvField).join(",") + "\r\n"

export const formatRecords = (format: ExportFormat, records: ReadonlyArray<IdentityRecord>): string => {
  const line = format === "csv" ? toCsvLine : toNdjsonLine
  let out = ""
  for (const record of records) out += line(record)
  return out
}
