/**
 * The model's state: identity pools partitioned by (account, region), the identities of each
 * pool in creation order, and the indexes that keep the invariants of docs/service-behaviour.md §6 cheap to
 * check (login → identity, developer user → identity, global id → owner).
 */
import type { RoleMapping } from "../../schemas/RoleMapping.js"
import type { JwtSigner } from "../Jwt.js"
import type { CredentialStore, IssuedCredentials } from "./CredentialStore.js"
import type { PoolSettings } from "./poolSettings.js"
import type { ProviderIndex } from "./providers.js"
import { indexProviders } from "./providers.js"
import { SequenceLog } from "./SequenceLog.js"

/** A linked login (provider → provider user id) or developer user identifier. */
export interface Link {
  /** The Logins key; for developer users, the pool's DeveloperProviderName. */
  readonly provider: string
  readonly user: string
  readonly developer: boolean
}

export const IdentityFlags = {
  /** Merged away into another identity (§6.4): kept and listed unless HideDisabled. */
  Disabled: 1,
  /** Deleted (DeleteIdentities / DeleteIdentityPool): a tombstone until compaction. */
  Deleted: 2,
  /**
   * Has been authenticated at least once. With no links left it is "inaccessible" (§6.5,
   * [INFERRED] §5.13): it is not turned back into an unauthenticated identity.
   */
  Authenticated: 4
} as const

/**
 * One identity. A class, so that a million of them share one hidden class and stay compact:
 * dates are epoch millis, `links` stays undefined for the (usual) unauthenticated identity.
 */
export class Identity {
  constructor(
    readonly id: string,
    readonly pool: Pool,
    readonly seq: number,
    readonly created: number,
    public modified: number,
    public flags: number,
    public links: ReadonlyArray<Link> | undefined
  ) {}
}

export const isLiveIdentity = (identity: Identity): boolean => (identity.flags & IdentityFlags.Deleted) === 0
export const isDisabled = (identity: Identity): boolean => (identity.flags & IdentityFlags.Disabled) !== 0
export const hasLinks = (identity: Identity): boolean => identity.links !== undefined && identity.links.length > 0
export const wasAuthenticated = (identity: Identity): boolean => (identity.flags & IdentityFlags.Authenticated) !== 0
export const hasDeveloperLink = (identity: Identity): boolean =>
  identity.links !== undefined && identity.links.some((link) => link.developer)

export interface PrincipalTagMap {
  readonly useDefaults: boolean
  readonly tags: ReadonlyMap<string, string>
}

export interface Pool {
  readonly id: string
  readonly accountId: string
  readonly region: string
  readonly seq: number
  settings: PoolSettings
  /** Derived from `settings`; recomputed by `configurePool`. */
  providers: ProviderIndex
  tags: Map<string, string>
  roles: Map<string, string>
  roleMappings: Map<string, RoleMapping>
  readonly principalTagMaps: Map<string, PrincipalTagMap>
  readonly identities: SequenceLog<Identity>
  /** provider → provider user id → identity (invariant §6.1). */
  readonly logins: Map<string, Map<string, Identity>>
  /** developer user identifier → identity (invariant §6.2). */
  readonly developerUsers: Map<string, Identity>
  deleted: boolean
}

export const makePool = (options: {
  readonly id: string
  readonly accountId: string
  readonly region: string
  readonly seq: number
  readonly settings: PoolSettings
  readonly tags: Map<string, string>
  readonly nextIdentitySeq?: number
}): Pool => ({
  id: options.id,
  accountId: options.accountId,
  region: options.region,
  seq: options.seq,
  settings: options.settings,
  providers: indexProviders(options.settings),
  tags: options.tags,
  roles: new Map(),
  roleMappings: new Map(),
  principalTagMaps: new Map(),
  identities: new SequenceLog<Identity>(isLiveIdentity, options.nextIdentitySeq),
  logins: new Map(),
  developerUsers: new Map(),
  deleted: false
})

export const configurePool = (pool: Pool, settings: PoolSettings): void => {
  pool.settings = settings
  pool.providers = indexProviders(settings)
}

export interface Partition {
  readonly accountId: string
  readonly region: string
  readonly pools: SequenceLog<Pool>
}

export const makePartition = (accountId: string, region: string, nextPoolSeq?: number): Partition => ({
  accountId,
  region,
  pools: new SequenceLog<Pool>((pool) => !pool.deleted, nextPoolSeq)
})

/**
 * What the model tells the state file about each change it makes. Every code path that mutates
 * the state reports the entity it touched, right after touching it; the state file's journal
 * writes the entity's state as of the next flush, so a change reported once and changed again
 * before the flush costs one record. A test replays random operation sequences through a
 * journal and compares the reloaded model with the live one, so a mutation that forgets to
 * report itself is caught there. Without a state file it is `noChanges` (`changes.ts`).
 */
export interface ChangeSink {
  /** An identity was created, linked, unlinked, merged, disabled or deleted. */
  readonly identity: (identity: Identity) => void
  /** A pool was created, reconfigured (settings, tags, roles, principal tags) or deleted. */
  readonly pool: (pool: Pool) => void
  readonly credentials: (credentials: IssuedCredentials) => void
  /**
   * Too many changes to list one by one (seeding a million identities): the whole state is
   * to be written again.
   */
  readonly everything: () => void
}

export interface ModelState {
  readonly jwt: JwtSigner
  readonly randomId: () => string
  readonly poolQuota: number
  /** `<account>/<region>` → pools of that account in that region, in creation order. */
  readonly partitions: Map<string, Partition>
  /** Every live pool by id (pool ids are globally unique), for unsigned calls. */
  readonly pools: Map<string, Pool>
  /** Every live identity by id: the owner index of unsigned calls (docs/service-behaviour.md §1.2). */
  readonly identities: Map<string, Identity>
  readonly credentials: CredentialStore
  /** Told about every change (the state file listens); `noChanges` without a state file. */
  changes: ChangeSink
}

export const partitionKey = (accountId: string, region: string): string => `${accountId}/${region}`

export const partitionOf = (state: ModelState, accountId: string, region: string): Partition => {
  const key = partitionKey(accountId, region)
  const existing = state.partitions.get(key)
  if (existing !== undefined) return existing
  const created = makePartition(accountId, region)
  state.partitions.set(key, created)
  return created
}
