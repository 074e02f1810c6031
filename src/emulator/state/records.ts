/**
 * The lines of the state file (`--state FILE`), one JSON value per line:
 *
 * ```
 * {"format":"effect-cognito-identity/emulator-state","version":2,"savedAt":…,"jwtPrivateKeyPem":…}
 * ["N", account, region, nextPoolSeq]            a partition            ┐
 * ["P", {pool without identities}]               a pool                 │ the snapshot,
 * ["I", poolId, [[id, seq, created, modified, flags, links?], …]]      │ ≤ 1,000 identities
 * ["C", [issued credentials, …]]                                       │ a line
 * ["S"]                                          the snapshot is whole  ┘
 * ["I", …] ["P", …] ["X", poolId, account, region, seq] ["C", …]       ┐ a batch of changes,
 * ["T", n]                                       n records: commit     ┘ appended per flush
 * ```
 *
 * Every record carries the whole entity, so applying it is an upsert and the last one wins; an
 * identity whose flags carry `Deleted` deletes it; `X` deletes a pool. A batch is applied only
 * when its `T` line is there, so a crash in the middle of an append loses the batch, never half
 * of a merge. No line holds more than one pool or 1,000 identities: a state of any size is
 * written and read a line at a time.
 */
import * as Either from "effect/Either"
import type { IssuedCredentials } from "../model/CredentialStore.js"
import { deleteIdentity, relinkRestored } from "../model/linking.js"
import { removePool } from "../model/pools.js"
import type { IdentityTuple } from "../model/snapshot.js"
import {
  identityTuple,
  LIVE_FLAGS,
  poolFrom,
  poolHeaderData,
  readIdentity,
  readPool,
  restoreCredentials
} from "../model/snapshot.js"
import type { ModelState, Pool } from "../model/State.js"
import { configurePool, Identity, IdentityFlags, partitionOf } from "../model/State.js"

export const STATE_FORMAT = "effect-cognito-identity/emulator-state"
export const STATE_VERSION = 2

/** Identities per `I` line: about 80 KB of JSON, so lines stay small and writes stay short. */
export const IDENTITIES_PER_LINE = 1000

export interface StateHeader {
  readonly format: typeof STATE_FORMAT
  readonly version: typeof STATE_VERSION
  readonly savedAt: string
  readonly jwtPrivateKeyPem: string
}

export const isStateHeader = (value: unknown): value is StateHeader =>
  typeof value === "object" && value !== null && !Array.isArray(value) &&
  "format" in value && value.format === STATE_FORMAT && "version" in value && value.version === STATE_VERSION &&
  "jwtPrivateKeyPem" in value && typeof value.jwtPrivateKeyPem === "string"

export const headerLine = (state: ModelState, now: Date): string =>
  `${
    JSON.stringify({
      format: STATE_FORMAT,
      version: STATE_VERSION,
      savedAt: now.toISOString(),
      jwtPrivateKeyPem: state.jwt.privateKeyPem
    } satisfies StateHeader)
  }\n`

const line = (record: ReadonlyArray<unknown>): string => `${JSON.stringify(record)}\n`

export const SNAPSHOT_END = line(["S"])
export const isSnapshotEnd = (record: unknown): boolean => Array.isArray(record) && record.length === 1 && record[0] === "S"

/** The count of a `T` line, or undefined when the record is not one. */
export const commitCount = (record: unknown): number | undefined =>
  Array.isArray(record) && record.length === 2 && record[0] === "T" && Number.isSafeInteger(record[1])
    ? Number(record[1])
    : undefined

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

const poolRecord = (pool: Pool): string =>
  pool.deleted
    ? line(["X", pool.id, pool.accountId, pool.region, pool.seq])
    : line(["P", poolHeaderData(pool)])

/**
 * The whole state as lines, read lazily from the live model so that a caller can write them a
 * few at a time between requests. Pools and identities are walked by sequence number rather
 * than by array index, so changes made between two lines (appends, deletions, compaction of
 * tombstones) never make the walk skip or repeat an entity; whatever changes meanwhile is also
 * in the batches appended after the snapshot, which win.
 */
export function* snapshotLines(state: ModelState): Generator<string> {
  const partitions = [...state.partitions.values()]
  for (const partition of partitions) {
    yield line(["N", partition.accountId, partition.region, partition.pools.nextSeq])
  }
  for (const partition of partitions) {
    let afterPool: number | undefined
    for (;;) {
      const [pool] = partition.pools.page(afterPool, 1, () => true).items
      if (pool === undefined) break
      afterPool = pool.seq
      yield poolRecord(pool)
      let afterIdentity: number | undefined
      while (!pool.deleted) {
        const page = pool.identities.page(afterIdentity, IDENTITIES_PER_LINE, () => true)
        const last = page.items[page.items.length - 1]
        if (last === undefined) break
        afterIdentity = last.seq
        yield line(["I", pool.id, page.items.map(identityTuple)])
        if (!page.more) break
      }
    }
  }
  const credentials = state.credentials.all()
  for (let start = 0; start < credentials.length; start += IDENTITIES_PER_LINE) {
    yield line(["C", credentials.slice(start, start + IDENTITIES_PER_LINE)])
  }
}

/** What one flush writes: the entities touched since the last one, as they are now. */
export type Touched =
  | { readonly _tag: "Identity"; readonly identity: Identity }
  | { readonly _tag: "Pool"; readonly pool: Pool }
  | { readonly _tag: "Credentials"; readonly credentials: IssuedCredentials }

/**
 * The batch for the touched entities, in the order they were first touched (a pool is created
 * before its identities), closed by its `T` line; empty when there is nothing to write.
 * Consecutive identities of one pool share a line; identities of a deleted pool are left out
 * (the pool's `X` record deletes them).
 */
export const batchText = (touched: Iterable<Touched>): { readonly text: string; readonly records: number } => {
  let text = ""
  let records = 0
  let run: { pool: Pool; tuples: Array<IdentityTuple> } | undefined
  let credentials: Array<IssuedCredentials> = []
  const endRun = () => {
    if (run !== undefined && run.tuples.length > 0) {
      text += line(["I", run.pool.id, run.tuples])
      records += 1
    }
    run = undefined
  }
  const endCredentials = () => {
    if (credentials.length > 0) {
      text += line(["C", credentials])
      records += 1
    }
    credentials = []
  }
  for (const entry of touched) {
    switch (entry._tag) {
      case "Identity": {
        const { identity } = entry
        if (identity.pool.deleted) break
        if (run === undefined || run.pool !== identity.pool || run.tuples.length >= IDENTITIES_PER_LINE) {
          endRun()
          run = { pool: identity.pool, tuples: [] }
        }
        run.tuples.push(identityTuple(identity))
        break
      }
      case "Pool":
        endRun()
        text += poolRecord(entry.pool)
        records += 1
        break
      case "Credentials":
        credentials.push(entry.credentials)
        if (credentials.length >= IDENTITIES_PER_LINE) endCredentials()
        break
    }
  }
  endRun()
  endCredentials()
  return records === 0 ? { text: "", records: 0 } : { text: text + line(["T", records]), records }
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

const isString = (value: unknown): value is string => typeof value === "string"
const isSequence = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 0

const applyPool = (state: ModelState, value: unknown): string | undefined => {
  const read = readPool(value)
  if (Either.isLeft(read)) return read.left
  const fields = read.right
  const existing = state.pools.get(fields.id)
  if (existing !== undefined) {
    if (existing.accountId !== fields.accountId || existing.region !== fields.region || existing.seq !== fields.seq) {
      return `pool ${fields.id} changed account, region or sequence number`
    }
    configurePool(existing, fields.settings)
    existing.tags = fields.tags
    existing.roles = fields.roles
    existing.roleMappings = fields.roleMappings
    existing.principalTagMaps.clear()
    for (const [provider, map] of fields.principalTagMaps) existing.principalTagMaps.set(provider, map)
    existing.identities.advanceTo(fields.nextIdentitySeq)
    return undefined
  }
  const pool = poolFrom(fields)
  if (!partitionOf(state, fields.accountId, fields.region).pools.insertRestored(pool)) {
    return `pool ${fields.id} has the sequence number of another pool`
  }
  state.pools.set(pool.id, pool)
  return undefined
}

const applyPoolDeleted = (state: ModelState, record: ReadonlyArray<unknown>): string | undefined => {
  const [, id, accountId, region, seq] = record
  if (!isString(id) || !isString(accountId) || !isString(region) || !isSequence(seq)) return "a pool deletion has a bad field"
  const existing = state.pools.get(id)
  if (existing !== undefined) removePool(state, existing)
  // A pool created and deleted between two flushes was never written: keep its number used.
  partitionOf(state, accountId, region).pools.advanceTo(seq + 1)
  return undefined
}

const applyIdentity = (state: ModelState, pool: Pool, value: unknown): string | undefined => {
  const read = readIdentity(value, LIVE_FLAGS | IdentityFlags.Deleted)
  if (Either.isLeft(read)) return read.left
  const { created, flags, id, links, modified, seq } = read.right
  const existing = state.identities.get(id)
  if (existing !== undefined && (existing.pool !== pool || existing.seq !== seq)) {
    return `identity ${id} changed pool or sequence number`
  }
  if ((flags & IdentityFlags.Deleted) !== 0) {
    if (existing !== undefined) deleteIdentity(state, existing)
    pool.identities.advanceTo(seq + 1)
    return undefined
  }
  if (existing !== undefined) {
    existing.modified = modified
    existing.flags = flags
    relinkRestored(existing, links)
    return undefined
  }
  const identity = new Identity(id, pool, seq, created, modified, flags, undefined)
  if (!pool.identities.insertRestored(identity)) return `identity ${id} has the sequence number of another identity`
  state.identities.set(id, identity)
  relinkRestored(identity, links)
  return undefined
}

const applyIdentities = (state: ModelState, record: ReadonlyArray<unknown>): string | undefined => {
  const [, poolId, tuples] = record
  if (!isString(poolId) || !Array.isArray(tuples)) return "an identity record has a bad field"
  const pool = state.pools.get(poolId)
  // Identities written before their pool was deleted: the pool's deletion follows in the file.
  if (pool === undefined) return undefined
  for (const tuple of tuples) {
    const problem = applyIdentity(state, pool, tuple)
    if (problem !== undefined) return problem
  }
  return undefined
}

const applyCredentials = (state: ModelState, record: ReadonlyArray<unknown>): string | undefined => {
  const [, entries] = record
  if (!Array.isArray(entries)) return "a credentials record has a bad field"
  for (const entry of entries) {
    const restored = restoreCredentials(entry)
    if (restored === undefined) return "issued credentials have a bad field"
    state.credentials.restore(restored)
  }
  return undefined
}

/** Applies one record of the snapshot or of a committed batch; the problem when it is not valid. */
export const applyRecord = (state: ModelState, record: unknown): string | undefined => {
  if (!Array.isArray(record)) return "a record is not an array"
  switch (record[0]) {
    case "N": {
      const [, accountId, region, nextPoolSeq] = record
      if (!isString(accountId) || !isString(region) || !isSequence(nextPoolSeq)) return "a partition has a bad field"
      partitionOf(state, accountId, region).pools.advanceTo(nextPoolSeq)
      return undefined
    }
    case "P":
      return applyPool(state, record[1])
    case "X":
      return applyPoolDeleted(state, record)
    case "I":
      return applyIdentities(state, record)
    case "C":
      return applyCredentials(state, record)
    default:
      return `unknown record type ${JSON.stringify(record[0])?.slice(0, 20)}`
  }
}
