/**
 * NextToken for the three paginated operations (docs/service-behaviour.md §10 [EMULATOR]): base64url of a
 * small JSON `{v, k: list kind, s: scope, a: last returned key}`. The scope is the pool id
 * (ListIdentities), `<account>/<region>` (ListIdentityPools) or `<pool>/<identity>`
 * (LookupDeveloperIdentity); a token of another list or scope is an InvalidParameterException.
 * base64url has no whitespace, as the PaginationKey pattern `\S+` requires.
 */
import * as Either from "effect/Either"
import type { OperationName, OperationsByName } from "../../operations/table.js"
import type { Pagination } from "../../protocol/Operation.js"
import type { Result } from "./faults.js"
import { fail, invalidParameter, Messages } from "./faults.js"

/** The operations whose descriptor says they page. */
export type ListKind = {
  readonly [N in OperationName]: OperationsByName[N]["pagination"] extends Pagination ? N : never
}[OperationName]

export const encodeNextToken = (kind: ListKind, scope: string, after: number | string): string =>
  Buffer.from(JSON.stringify({ v: 1, k: kind, s: scope, a: after }), "utf8").toString("base64url")

const parse = (token: string): unknown => {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8"))
  } catch {
    return undefined
  }
}

const decode = (token: string, kind: ListKind, scope: string): unknown => {
  const body = parse(token)
  if (typeof body !== "object" || body === null) return undefined
  const fields: Record<string, unknown> = { ...body }
  return fields["v"] === 1 && fields["k"] === kind && fields["s"] === scope ? fields["a"] : undefined
}

const invalid = fail(invalidParameter(Messages.invalidNextToken))

/** The last sequence number a previous page returned; undefined for the first page. */
export const decodeSequenceToken = (
  token: string | undefined,
  kind: ListKind,
  scope: string
): Result<number | undefined> => {
  if (token === undefined) return Either.right(undefined)
  const after = decode(token, kind, scope)
  return typeof after === "number" && Number.isSafeInteger(after) ? Either.right(after) : invalid
}

/** The last key (a string) a previous page returned; undefined for the first page. */
export const decodeKeyToken = (
  token: string | undefined,
  kind: ListKind,
  scope: string
): Result<string | undefined> => {
  if (token === undefined) return Either.right(undefined)
  const after = decode(token, kind, scope)
  return typeof after === "string" ? Either.right(after) : invalid
}
