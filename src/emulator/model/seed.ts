/**
 * Bulk creation of pools and identities for demos, benchmarks and scale tests. Identities are
 * built directly (no per-call validation) but through the same constructors and indexes as the
 * operations, so a seeded state is indistinguishable from one built call by call. The variety
 * (linked logins, developer users, disabled identities) is drawn from a PRNG seeded by the pool
 * id, so it is deterministic for a given state (and for given ids when `randomId` is injected).
 */
import * as Either from "effect/Either"
import type { SeedOptions } from "../ServiceModel.js"
import { noChanges } from "./changes.js"
import { addIdentity } from "./linking.js"
import type { PoolSettings } from "./poolSettings.js"
import { addPool } from "./pools.js"
import type { Link, ModelState, Pool } from "./State.js"
import { IdentityFlags, partitionOf } from "./State.js"

const FACEBOOK = "graph.facebook.com"
const GOOGLE = "accounts.google.com"
const DEVELOPER = "login.seed.example"
/** Seeded identities were created one second apart, the last one at `now`. */
const SPACING_MS = 1000

const seedSettings = (region: string, index: number): PoolSettings => ({
  IdentityPoolName: `seed-pool-${index}`,
  AllowUnauthenticatedIdentities: true,
  SupportedLoginProviders: { [FACEBOOK]: "1234567890123456", [GOOGLE]: "seed-app.apps.googleusercontent.com" },
  DeveloperProviderName: DEVELOPER,
  CognitoIdentityProviders: [{
    ProviderName: `cognito-idp.${region}.amazonaws.com/${region}_SeedPool${index}`,
    ClientId: "seedclient0123456789",
    ServerSideTokenCheck: false
  }]
})

/** FNV-1a: a 32-bit seed from the pool id. */
const hash = (text: string): number => {
  let value = 0x811c9dc5
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193)
  return value >>> 0
}

/** mulberry32: small, fast and good enough to pick a mix of identity kinds (and for tests' random calls). */
export const prng = (seed: number): () => number => {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Flat strings (see `allocateId`): template results would keep their pieces alive. */
const login = (provider: string, user: string, developer = false): Link => ({
  provider,
  user: user.normalize(),
  developer
})

interface Kind {
  readonly flags: number
  readonly links: ReadonlyArray<Link> | undefined
}

/**
 * About 70% unauthenticated, 10% Facebook, 8% Google, 4% user pool, 3% Facebook + Google, 4%
 * developer users, 1% disabled (merged away, so without links).
 */
const kindOf = (userPool: string, index: number, draw: number): Kind => {
  const auth = IdentityFlags.Authenticated
  if (draw < 0.01) return { flags: auth | IdentityFlags.Disabled, links: undefined }
  if (draw < 0.11) return { flags: auth, links: [login(FACEBOOK, String(100000000000000 + index))] }
  if (draw < 0.19) return { flags: auth, links: [login(GOOGLE, `1${String(index).padStart(20, "0")}`)] }
  if (draw < 0.23) return { flags: auth, links: [login(userPool, `seed-user-${index}`)] }
  if (draw < 0.26) {
    return {
      flags: auth,
      links: [login(FACEBOOK, String(100000000000000 + index)), login(GOOGLE, `1${String(index).padStart(20, "0")}`)]
    }
  }
  if (draw < 0.30) return { flags: auth, links: [login(DEVELOPER, `user-${index}@example.com`, true)] }
  return { flags: 0, links: undefined }
}

const seedIdentities = (state: ModelState, pool: Pool, count: number, now: number): void => {
  const draw = prng(hash(pool.id))
  const userPool = pool.settings.CognitoIdentityProviders?.[0]?.ProviderName ?? FACEBOOK
  for (let index = 0; index < count; index++) {
    const created = now - (count - 1 - index) * SPACING_MS
    const kind = kindOf(userPool, index, draw())
    const modified = kind.flags === 0 ? created : created + Math.floor(draw() * (now - created))
    const added = addIdentity(state, pool, { created, modified, flags: kind.flags, links: kind.links })
    // Only an exhausted id source fails; stop rather than loop.
    if (Either.isLeft(added)) return
  }
}

/**
 * Creates up to `pools` pools (never beyond the pool quota) with `identitiesPerPool` identities
 * each, and default roles so that GetCredentialsForIdentity works at once. Returns the ids of the
 * pools created.
 */
export const seed = (state: ModelState, options: SeedOptions): ReadonlyArray<string> => {
  // A million identities are not reported one by one: the state file is told to write
  // everything once, after the seed.
  const sink = state.changes
  state.changes = noChanges
  const ids = seedPools(state, options)
  state.changes = sink
  if (ids.length > 0) sink.everything()
  return ids
}

const seedPools = (state: ModelState, options: SeedOptions): ReadonlyArray<string> => {
  const ids: Array<string> = []
  const now = options.now.getTime()
  const partition = partitionOf(state, options.accountId, options.region)
  for (let index = 0; index < options.pools; index++) {
    const number = partition.pools.nextSeq
    const added = addPool(state, options.accountId, options.region, seedSettings(options.region, number), new Map([["seeded", "true"]]))
    if (Either.isLeft(added)) break
    const pool = added.right
    pool.roles = new Map([
      ["authenticated", `arn:aws:iam::${options.accountId}:role/Cognito_SeedAuth_Role`],
      ["unauthenticated", `arn:aws:iam::${options.accountId}:role/Cognito_SeedUnauth_Role`]
    ])
    seedIdentities(state, pool, options.identitiesPerPool, now)
    ids.push(pool.id)
  }
  return ids
}
