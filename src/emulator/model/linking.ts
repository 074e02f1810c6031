/**
 * Linking, merging and unlinking logins — the invariants of docs/service-behaviour.md §6:
 * 1. a (pool, provider, user) login belongs to at most one identity;
 * 2. a (pool, developer user) belongs to at most one identity;
 * 3. an identity has at most one login per provider → ResourceConflictException ([DOC] says
 *    "public provider"; applied to user-pool, OIDC and SAML providers too [INFERRED]: one
 *    identity is one person) — developer users excepted, an identity may have several;
 * 4. a merge moves every link of the merged-away identity to the owner and disables it; at most
 *    20 linked logins per identity ([DOC] for MergeDeveloperIdentities, applied everywhere
 *    [INFERRED]);
 * 8. LastModifiedDate moves on every link/unlink/merge.
 * A plan is computed and validated first and applied only if valid, so a failing call changes
 * nothing.
 */
import * as Either from "effect/Either"
import type { Result } from "./faults.js"
import { fail, internalError, resourceConflict } from "./faults.js"
import type { Link, ModelState, Pool } from "./State.js"
import { Identity, IdentityFlags, wasAuthenticated } from "./State.js"

export const MAX_LINKED_LOGINS = 20

export interface LinkPlan {
  readonly pool: Pool
  /** The identity that ends up owning everything; undefined: a new identity. */
  readonly target: Identity | undefined
  /** Identities merged into the target (they end up disabled). */
  readonly absorbed: ReadonlyArray<Identity>
  /** The target's links after the plan. */
  readonly links: ReadonlyArray<Link>
  readonly changed: boolean
}

export const ownerOf = (pool: Pool, link: Link): Identity | undefined =>
  link.developer ? pool.developerUsers.get(link.user) : pool.logins.get(link.provider)?.get(link.user)

const sameLink = (a: Link, b: Link): boolean =>
  a.developer === b.developer && a.provider === b.provider && a.user === b.user

/**
 * The plan for linking `requested` to `anchor` (the identity the caller named). Logins already
 * owned by other identities merge those identities into the target (docs/service-behaviour.md
 * §5.7). Which identity survives:
 * - a guest (an identity never authenticated) signing in with a login another identity owns is
 *   merged into that owner, whose id is answered: the service is observed to hand back the
 *   login's identity, the guest's then disabled (§6.6);
 * - between authenticated identities it is not documented: the one the caller passed in is
 *   kept [EMULATOR]; without one (GetId) the oldest owner is kept [EMULATOR], so the result does
 *   not depend on the order of the Logins map.
 */
export const planLinks = (
  pool: Pool,
  anchor: Identity | undefined,
  requested: ReadonlyArray<Link>
): Result<LinkPlan> => {
  const owners = new Set<Identity>()
  for (const link of requested) {
    const owner = ownerOf(pool, link)
    if (owner !== undefined && owner !== anchor) owners.add(owner)
  }
  const guest = anchor !== undefined && !wasAuthenticated(anchor) && owners.size > 0
  const target = guest ? oldest(owners) : anchor ?? oldest(owners)
  if (guest && anchor !== undefined) owners.add(anchor)
  return planMerge(pool, target, [...owners].filter((owner) => owner !== target), requested)
}

const oldest = (identities: Iterable<Identity>): Identity | undefined => {
  let found: Identity | undefined
  for (const identity of identities) if (found === undefined || identity.seq < found.seq) found = identity
  return found
}

/** The plan for merging `absorbed` into `target` and adding `requested` to it. */
export const planMerge = (
  pool: Pool,
  target: Identity | undefined,
  absorbed: ReadonlyArray<Identity>,
  requested: ReadonlyArray<Link>
): Result<LinkPlan> => {
  const links: Array<Link> = [...(target?.links ?? [])]
  for (const identity of absorbed) links.push(...(identity.links ?? []))
  for (const link of requested) if (!links.some((existing) => sameLink(existing, link))) links.push(link)

  const userByProvider = new Map<string, string>()
  for (const link of links) {
    if (link.developer) continue
    const user = userByProvider.get(link.provider)
    if (user !== undefined && user !== link.user) {
      // [DOC] "You may only link one login per public provider ... ResourceConflictException".
      return fail(resourceConflict(`An identity can be linked to only one login of provider ${link.provider}.`))
    }
    userByProvider.set(link.provider, link.user)
  }
  if (links.length > MAX_LINKED_LOGINS) {
    return fail(resourceConflict(`An identity can have at most ${MAX_LINKED_LOGINS} linked logins.`))
  }
  const changed = target === undefined || absorbed.length > 0 || links.length !== (target.links?.length ?? 0)
  return Either.right({ pool, target, absorbed, links, changed })
}

const indexLink = (pool: Pool, link: Link, identity: Identity): void => {
  if (link.developer) {
    pool.developerUsers.set(link.user, identity)
    return
  }
  const users = pool.logins.get(link.provider)
  if (users === undefined) pool.logins.set(link.provider, new Map([[link.user, identity]]))
  else users.set(link.user, identity)
}

const unindexLink = (pool: Pool, link: Link): void => {
  if (link.developer) {
    pool.developerUsers.delete(link.user)
    return
  }
  const users = pool.logins.get(link.provider)
  if (users === undefined) return
  users.delete(link.user)
  if (users.size === 0) pool.logins.delete(link.provider)
}

/**
 * The uuid part of an id: lower-case hex and dashes (the IdentityId pattern
 * `[\w-]+:[0-9a-f-]+` has no upper case). A character loop rather than a regex: this runs a
 * million times when seeding, and the regex cost more than the rest of the id allocation.
 */
const isLowerHex = (text: string): boolean => {
  if (text.length === 0) return false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 102) || code === 45)) return false
  }
  return true
}

/**
 * A fresh `<region>:<uuid v4>` unused in `taken` (the region is the pool's, already valid).
 * `normalize()` returns a flat string: the concatenation would otherwise keep a tree of string
 * pieces alive (measured: ~520 bytes per id instead of ~75 with crypto.randomUUID, which
 * matters for a million identities).
 */
export const allocateId = (
  randomId: () => string,
  region: string,
  taken: ReadonlyMap<string, unknown>
): Result<string> => {
  for (let attempt = 0; attempt < 8; attempt++) {
    const uuid = randomId().toLowerCase()
    const id = `${region}:${uuid}`.normalize()
    if (id.length <= 55 && isLowerHex(uuid) && !taken.has(id)) return Either.right(id)
  }
  return fail(internalError("Could not allocate a unique id."))
}

/** Registers a new identity (no links yet) at the end of its pool's list. */
export const addIdentity = (
  state: ModelState,
  pool: Pool,
  options: {
    readonly created: number
    readonly modified?: number
    readonly flags: number
    readonly links?: ReadonlyArray<Link> | undefined
  }
): Result<Identity> =>
  Either.map(allocateId(state.randomId, pool.region, state.identities), (id) => {
    const identity = pool.identities.append(
      (seq) => new Identity(id, pool, seq, options.created, options.modified ?? options.created, options.flags, options.links)
    )
    state.identities.set(id, identity)
    for (const link of options.links ?? []) indexLink(pool, link, identity)
    state.changes.identity(identity)
    return identity
  })

export const applyPlan = (state: ModelState, plan: LinkPlan, now: Date): Result<Identity> => {
  const at = now.getTime()
  // No owner among the requested logins: a new authenticated identity (nothing to absorb).
  if (plan.target === undefined) {
    return addIdentity(state, plan.pool, { created: at, flags: IdentityFlags.Authenticated, links: plan.links })
  }
  const owner = plan.target
  if (!plan.changed) return Either.right(owner)
  for (const identity of plan.absorbed) {
    identity.links = undefined
    identity.flags |= IdentityFlags.Disabled
    identity.modified = at
    state.changes.identity(identity)
  }
  owner.links = plan.links
  owner.flags |= IdentityFlags.Authenticated
  owner.modified = at
  for (const link of plan.links) indexLink(plan.pool, link, owner)
  state.changes.identity(owner)
  return Either.right(owner)
}

/** Removes the links `remove` selects (UnlinkIdentity, UnlinkDeveloperIdentity). */
export const removeLinks = (
  state: ModelState,
  identity: Identity,
  remove: (link: Link) => boolean,
  now: Date
): void => {
  const links = identity.links ?? []
  for (const link of links) if (remove(link)) unindexLink(identity.pool, link)
  const kept = links.filter((link) => !remove(link))
  identity.links = kept.length === 0 ? undefined : kept
  identity.modified = now.getTime()
  state.changes.identity(identity)
}

/** Deletes an identity: its logins and developer users are released (docs/service-behaviour.md §5.16). */
export const deleteIdentity = (state: ModelState, identity: Identity): void => {
  for (const link of identity.links ?? []) unindexLink(identity.pool, link)
  identity.links = undefined
  identity.flags |= IdentityFlags.Deleted
  state.identities.delete(identity.id)
  identity.pool.identities.released()
  state.changes.identity(identity)
}

/**
 * Indexes the links of an identity built directly (snapshot restore). False when one of them is
 * already owned by another identity, which would break invariants 1–2.
 */
export const indexRestoredLinks = (identity: Identity): boolean => {
  for (const link of identity.links ?? []) {
    if (ownerOf(identity.pool, link) !== undefined) return false
    indexLink(identity.pool, link, identity)
  }
  return true
}

/**
 * Replaces the links of a restored identity (the state file's journal, which writes each
 * changed identity whole). A login still indexed to another identity moves here: the journal
 * writes a merge's identities in one atomic batch, so the other identity's own record, later in
 * that batch, ends up without it too.
 */
export const relinkRestored = (identity: Identity, links: ReadonlyArray<Link> | undefined): void => {
  const pool = identity.pool
  if (identity.links !== undefined) {
    for (const link of identity.links) if (ownerOf(pool, link) === identity) unindexLink(pool, link)
  }
  identity.links = links
  if (links === undefined) return
  for (const link of links) {
    const owner = ownerOf(pool, link)
    if (owner !== undefined && owner !== identity) {
      const kept = (owner.links ?? []).filter((other) => !sameLink(other, link))
      owner.links = kept.length === 0 ? undefined : kept
    }
    indexLink(pool, link, identity)
  }
}
