/**
 * Record formats: NDJSON (one JSON object per line) and CSV.
 *
 * CSV is written by `csv-stringify` (RFC 4180: CRLF line ends; a field with a comma, a quote,
 * a CR or an LF is quoted, quotes doubled), made safe to open in a spreadsheet:
 * - formula injection (the OWASP "CSV Injection" rule): a cell that begins with `=`, `+`, `-`,
 *   `@`, a tab or a CR (or their full-width forms) gets a `'` in front, so a spreadsheet shows
 *   it as text instead of evaluating it; a cell that begins with `'` gets one more, so the rule
 *   is reversible: to read a value back, drop one leading `'` when there is one;
 * - lists (`Logins`, `DeveloperUserIdentifiers`) are one cell holding a JSON array of strings
 *   (`["graph.facebook.com","accounts.google.com"]`), so an id containing `;` or `,` cannot be
 *   mistaken for two. An empty cell means "not looked up"; `[]` means none.
 * Dates are ISO 8601 in UTC.
 */
import { stringify } from "csv-stringify/sync"
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

const csvOptions = {
  escape_formulas: true,
  record_delimiter: "windows",
  // RFC 4180 quotes a field holding a line break; the library only looks for the CRLF pair.
  quoted_match: /[\r\n]/
} as const

/** The leading-quote half of the injection rule (the library does the formula half). */
const cell = (value: string): string => (value.startsWith("'") ? `'${value}` : value)

const list = (values: ReadonlyArray<string> | undefined): string => (values === undefined ? "" : JSON.stringify(values))

const csvRow = (record: IdentityRecord): ReadonlyArray<string> => [
  cell(record.IdentityPoolId),
  cell(record.IdentityId),
  list(record.Logins),
  iso(record.CreationDate) ?? "",
  iso(record.LastModifiedDate) ?? "",
  record.Disabled === undefined ? "" : String(record.Disabled),
  list(record.DeveloperUserIdentifiers)
]

export const csvHeader: string = stringify(
  [["IdentityPoolId", "IdentityId", "Logins", "CreationDate", "LastModifiedDate", "Disabled", "DeveloperUserIdentifiers"]],
  csvOptions
)

export const toCsvLine = (record: IdentityRecord): string => stringify([csvRow(record)], csvOptions)

export const formatRecords = (format: ExportFormat, records: ReadonlyArray<IdentityRecord>): string => {
  if (format === "csv") return records.length === 0 ? "" : stringify(records.map(csvRow), csvOptions)
  let out = ""
  for (const record of records) out += toNdjsonLine(record)
  return out
}
