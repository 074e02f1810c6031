/**
 * Persisting the model (`--state FILE`): a JSON-serialisable snapshot of every partition, pool
 * and live identity, the issued credentials, and the JWT private key so that tokens issued
 * before a restart still verify after it. Dates are epoch millis; identities are compact tuples
 * (`[id, seq, created, modified, flags, links?]`) because a pool may hold a million of them.
 * Sequence counters are kept, so NextTokens handed out before a restart stay valid.
 *
 * Restoring validates everything (a hand-edited or truncated file must not produce a state that
 * breaks the invariants of docs/service-behaviour.md §6); the identity tuples are checked by hand, because a
 * schema decode of a million tuples would take seconds.
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { CreateIdentityPoolInput } from "../../operations/CreateIdentityPool.js"
import { RoleMapping } from "../../schemas/RoleMapping.js"
import type { JwtSigner } from "../Jwt.js"
import { loadJwtSigner } from "../Jwt.js"
import type { ModelSnapshot } from "../ServiceModel.js"
import { noChanges } from "./changes.js"
import type { IssuedCredentials } from "./CredentialStore.js"
import { makeCredentialStore } from "./CredentialStore.js"
import { indexRestoredLinks } from "./linking.js"
import { copySettings, settingsFromInput } from "./poolSettings.js"
import type { PoolSettings } from "./poolSettings.js"
import type { Link, ModelState, Pool, PrincipalTagMap } from "./State.js"
import { Identity, IdentityFlags, makePartition, makePool, partitionKey } from "./State.js"

export const SNAPSHOT_FORMAT = "effect-cognito-identity/model"

type Pair = readonly [string, string]
type LinkTuple = readonly [string, string] | readonly [string, string, 1]
/** `[id, seq, created, modified, flags, links?]`: also the identity record of the state file. */
export type IdentityTuple =
  | readonly [string, number, number, number, number]
  | readonly [string, number, number, number, number, ReadonlyArray<LinkTuple>]

/** A pool without its identities: also the pool record of the state file. */
export interface PoolHeaderData {
  readonly id: string
  readonly accountId: string
  readonly region: string
  readonly seq: number
  readonly settings: PoolSettings
  readonly tags: ReadonlyArray<Pair>
  readonly roles: ReadonlyArray<Pair>
  readonly roleMappings: ReadonlyArray<readonly [string, RoleMapping]>
  readonly principalTagMaps: ReadonlyArray<readonly [string, boolean, ReadonlyArray<Pair>]>
  readonly nextIdentitySeq: number
}

interface PoolData extends PoolHeaderData {
  readonly identities: ReadonlyArray<IdentityTuple>
}

export interface SnapshotData {
  readonly format: typeof SNAPSHOT_FORMAT
  readonly jwtPrivateKeyPem: string
  readonly partitions: ReadonlyArray<{ readonly accountId: string; readonly region: string; readonly nextPoolSeq: number }>
  readonly pools: ReadonlyArray<PoolData>
  readonly credentials: ReadonlyArray<IssuedCredentials>
}

const linkTuple = (link: Link): LinkTuple => link.developer ? [link.provider, link.user, 1] : [link.provider, link.user]

export const identityTuple = (identity: Identity): IdentityTuple => {
  const head = [identity.id, identity.seq, identity.created, identity.modified, identity.flags] as const
  return identity.links === undefined ? head : [...head, identity.links.map(linkTuple)]
}

export const poolHeaderData = (pool: Pool): PoolHeaderData => ({
  id: pool.id,
  accountId: pool.accountId,
  region: pool.region,
  seq: pool.seq,
  settings: copySettings(pool.settings),
  tags: [...pool.tags],
  roles: [...pool.roles],
  roleMappings: [...pool.roleMappings],
  principalTagMaps: [...pool.principalTagMaps].map(([provider, map]) => [provider, map.useDefaults, [...map.tags]]),
  nextIdentitySeq: pool.identities.nextSeq
})

const poolData = (pool: Pool): PoolData => ({
  ...poolHeaderData(pool),
  identities: Array.from(pool.identities.live(), identityTuple)
})

export const takeSnapshot = (state: ModelState): ModelSnapshot => {
  const partitions = [...state.partitions.values()]
  const data: SnapshotData = {
    format: SNAPSHOT_FORMAT,
    jwtPrivateKeyPem: state.jwt.privateKeyPem,
    partitions: partitions.map((partition) => ({
      accountId: partition.accountId,
      region: partition.region,
      nextPoolSeq: partition.pools.nextSeq
    })),
    pools: partitions.flatMap((partition) => Array.from(partition.pools.live(), poolData)),
    credentials: state.credentials.all().map((credentials) => ({ ...credentials }))
  }
  // A plain JSON value: `structuredClone`-safe, `JSON.stringify`-able, no Maps or class instances.
  return { version: 1, data }
}

// ---------------------------------------------------------------------------------------------
// Restore
// ---------------------------------------------------------------------------------------------

export interface InvalidSnapshot {
  readonly _tag: "InvalidSnapshot"
  readonly reason: string
}

const invalid = (reason: string): Either.Either<never, InvalidSnapshot> => Either.left({ _tag: "InvalidSnapshot", reason })

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
const isString = (value: unknown): value is string => typeof value === "string"
const isSequence = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 0
const isTime = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value)
const isPair = (value: unknown): value is Pair =>
  Array.isArray(value) && value.length === 2 && isString(value[0]) && isString(value[1])
const arrayOf = <A>(value: unknown, item: (element: unknown) => element is A): value is ReadonlyArray<A> =>
  Array.isArray(value) && value.every(item)

const decodeSettings = Schema.decodeUnknownEither(CreateIdentityPoolInput)
const decodeRoleMapping = Schema.decodeUnknownEither(RoleMapping("input"))

const restoreLink = (value: unknown): Link | undefined => {
  if (!Array.isArray(value) || !isString(value[0]) || !isString(value[1])) return undefined
  if (value.length === 2) return { provider: value[0].normalize(), user: value[1].normalize(), developer: false }
  return value.length === 3 && value[2] === 1
    ? { provider: value[0].normalize(), user: value[1].normalize(), developer: true }
    : undefined
}

/** The flags a live identity may carry; the state file's journal also writes `Deleted`. */
export const LIVE_FLAGS = IdentityFlags.Disabled | IdentityFlags.Authenticated

export interface IdentityFields {
  readonly id: string
  readonly seq: number
  readonly created: number
  readonly modified: number
  readonly flags: number
  readonly links: ReadonlyArray<Link> | undefined
}

/** Checks an identity tuple; the reason it is unusable otherwise. */
export const readIdentity = (value: unknown, allowedFlags: number): Either.Either<IdentityFields, string> => {
  if (!Array.isArray(value) || (value.length !== 5 && value.length !== 6)) {
    return Either.left("an identity is not a 5- or 6-tuple")
  }
  const [id, seq, created, modified, flags, rawLinks] = value
  if (!isString(id) || !isSequence(seq) || !isTime(created) || !isTime(modified)) {
    return Either.left("an identity has a bad field")
  }
  if (typeof flags !== "number" || (flags & ~allowedFlags) !== 0) return Either.left(`identity ${id} has bad flags`)
  let links: Array<Link> | undefined
  if (value.length === 6) {
    if (!Array.isArray(rawLinks) || rawLinks.length === 0) return Either.left(`identity ${id} has bad links`)
    links = []
    for (const raw of rawLinks) {
      const link = restoreLink(raw)
      if (link === undefined) return Either.left(`identity ${id} has a bad link`)
      links.push(link)
    }
  }
  return Either.right({ id: flatNormalized(id), seq, created, modified, flags, links })
}

/**
 * NFC, flat: an ASCII string (every id the emulator writes) already is both, and checking that
 * is much cheaper than `normalize()` over millions of ids.
 */
const flatNormalized = (text: string): string => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7e) return text.normalize()
  return text
}

const restoreIdentity = (state: ModelState, pool: Pool, value: unknown): string | undefined => {
  const read = readIdentity(value, LIVE_FLAGS)
  if (Either.isLeft(read)) return read.left
  const { created, flags, id, links, modified, seq } = read.right
  if (state.identities.has(id)) return `identity ${id} appears twice`
  const identity = new Identity(id, pool, seq, created, modified, flags, links)
  if (!pool.identities.restore(identity)) return `identity ${id} is out of order`
  if (!indexRestoredLinks(identity)) return `a login of identity ${id} is linked twice`
  state.identities.set(id, identity)
  return undefined
}

export interface PoolFields {
  readonly id: string
  readonly accountId: string
  readonly region: string
  readonly seq: number
  readonly nextIdentitySeq: number
  readonly settings: PoolSettings
  readonly tags: Map<string, string>
  readonly roles: Map<string, string>
  readonly roleMappings: Map<string, RoleMapping>
  readonly principalTagMaps: Map<string, PrincipalTagMap>
}

/** Checks a pool (its identities aside); the reason it is unusable otherwise. */
export const readPool = (value: unknown): Either.Either<PoolFields, string> => {
  if (!isRecord(value)) return Either.left("a pool is not an object")
  const { accountId, id, nextIdentitySeq, region, seq } = value
  if (!isString(id) || !isString(accountId) || !isString(region) || !isSequence(seq) || !isSequence(nextIdentitySeq)) {
    return Either.left("a pool has a bad field")
  }
  const settings = decodeSettings(value["settings"])
  if (Either.isLeft(settings)) return Either.left(`pool ${id} has invalid settings`)
  const { tags, roles, roleMappings, principalTagMaps } = value
  if (!arrayOf(tags, isPair) || !arrayOf(roles, isPair)) return Either.left(`pool ${id} has bad tags or roles`)
  if (!Array.isArray(roleMappings) || !Array.isArray(principalTagMaps)) return Either.left(`pool ${id} has a bad member`)
  const mappings = new Map<string, RoleMapping>()
  for (const entry of roleMappings) {
    const mapping = Array.isArray(entry) && isString(entry[0]) ? decodeRoleMapping(entry[1]) : undefined
    if (mapping === undefined || Either.isLeft(mapping) || !isString(entry[0])) {
      return Either.left(`pool ${id} has a bad role mapping`)
    }
    mappings.set(entry[0], mapping.right)
  }
  const tagMaps = new Map<string, PrincipalTagMap>()
  for (const entry of principalTagMaps) {
    if (!Array.isArray(entry) || !isString(entry[0]) || typeof entry[1] !== "boolean" || !arrayOf(entry[2], isPair)) {
      return Either.left(`pool ${id} has a bad principal tag map`)
    }
    tagMaps.set(entry[0], { useDefaults: entry[1], tags: new Map(entry[2]) })
  }
  return Either.right({
    id,
    accountId,
    region,
    seq,
    nextIdentitySeq,
    settings: settingsFromInput(settings.right, settings.right.DeveloperProviderName),
    tags: new Map(tags),
    roles: new Map(roles),
    roleMappings: mappings,
    principalTagMaps: tagMaps
  })
}

/** A pool built from checked fields, with no identities yet. */
export const poolFrom = (fields: PoolFields): Pool => {
  const pool = makePool(fields)
  pool.roles = fields.roles
  pool.roleMappings = fields.roleMappings
  for (const [provider, map] of fields.principalTagMaps) pool.principalTagMaps.set(provider, map)
  return pool
}

const restorePool = (state: ModelState, value: unknown): string | undefined => {
  const read = readPool(value)
  if (Either.isLeft(read)) return read.left
  const fields = read.right
  const partition = state.partitions.get(partitionKey(fields.accountId, fields.region))
  if (partition === undefined) return `pool ${fields.id} belongs to no partition`
  const identities = isRecord(value) ? value["identities"] : undefined
  if (!Array.isArray(identities)) return `pool ${fields.id} has a bad member`
  const pool = poolFrom(fields)
  if (state.pools.has(pool.id) || !partition.pools.restore(pool)) return `pool ${pool.id} is duplicated or out of order`
  state.pools.set(pool.id, pool)
  for (const identity of identities) {
    const problem = restoreIdentity(state, pool, identity)
    if (problem !== undefined) return problem
  }
  return undefined
}

const CREDENTIAL_STRINGS = [
  "accessKeyId",
  "secretKey",
  "sessionToken",
  "identityId",
  "identityPoolId",
  "accountId",
  "region",
  "roleArn"
] as const

export const restoreCredentials = (value: unknown): IssuedCredentials | undefined => {
  if (!isRecord(value) || !isTime(value["expiration"]) || !isRecord(value["sessionTags"])) return undefined
  const sessionTags = value["sessionTags"]
  if (!Object.values(sessionTags).every(isString)) return undefined
  const [accessKeyId, secretKey, sessionToken, identityId, identityPoolId, accountId, region, roleArn] = CREDENTIAL_STRINGS
    .map((key) => value[key])
  if (
    !isString(accessKeyId) || !isString(secretKey) || !isString(sessionToken) || !isString(identityId) ||
    !isString(identityPoolId) || !isString(accountId) || !isString(region) || !isString(roleArn)
  ) return undefined
  return {
    accessKeyId,
    secretKey,
    sessionToken,
    expiration: value["expiration"],
    identityId,
    identityPoolId,
    accountId,
    region,
    roleArn,
    sessionTags: Object.fromEntries(Object.entries(sessionTags).filter((entry): entry is [string, string] => isString(entry[1])))
  }
}

export interface RestoreOptions {
  /** An explicitly supplied signer wins over the snapshot's key. */
  readonly jwt: JwtSigner | undefined
  readonly randomId: () => string
  readonly poolQuota: number
}

export const restoreState = (snapshot: ModelSnapshot, options: RestoreOptions): Either.Either<ModelState, InvalidSnapshot> => {
  const data = snapshot.data
  if (snapshot.version !== 1 || !isRecord(data) || data["format"] !== SNAPSHOT_FORMAT) {
    return invalid(`not a version 1 ${SNAPSHOT_FORMAT} snapshot`)
  }
  const { credentials, jwtPrivateKeyPem, partitions, pools } = data
  if (!isString(jwtPrivateKeyPem) || !Array.isArray(partitions) || !Array.isArray(pools) || !Array.isArray(credentials)) {
    return invalid("the snapshot is missing a member")
  }
  let jwt = options.jwt
  if (jwt === undefined) {
    const loaded = loadJwtSigner({ privateKeyPem: jwtPrivateKeyPem })
    if (loaded._tag === "InvalidKey") return invalid(`the JWT key cannot be loaded: ${loaded.reason}`)
    jwt = loaded.signer
  }
  const state: ModelState = {
    jwt,
    randomId: options.randomId,
    poolQuota: options.poolQuota,
    partitions: new Map(),
    pools: new Map(),
    identities: new Map(),
    credentials: makeCredentialStore(),
    changes: noChanges
  }
  for (const partition of partitions) {
    if (!isRecord(partition)) return invalid("a partition is not an object")
    const { accountId, nextPoolSeq, region } = partition
    if (!isString(accountId) || !isString(region) || !isSequence(nextPoolSeq)) return invalid("a partition has a bad field")
    state.partitions.set(partitionKey(accountId, region), makePartition(accountId, region, nextPoolSeq))
  }
  for (const pool of pools) {
    const problem = restorePool(state, pool)
    if (problem !== undefined) return invalid(problem)
  }
  for (const entry of credentials) {
    const restored = restoreCredentials(entry)
    if (restored === undefined) return invalid("issued credentials have a bad field")
    state.credentials.restore(restored)
  }
  return Either.right(state)
}
