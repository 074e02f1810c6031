/**
 * Where the identity pool flow keeps identity ids between refreshes (and, with a persistent
 * store, between page loads): GetId creates an identity for an unauthenticated caller each
 * time it is called without one, so the id must be remembered.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

export interface IdentityIdStore {
  readonly get: (key: string) => Effect.Effect<Option.Option<string>>
  readonly set: (key: string, identityId: string) => Effect.Effect<void>
  readonly remove: (key: string) => Effect.Effect<void>
}

/** The part of the Web Storage API used: `localStorage`, `sessionStorage`, or anything alike. */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

const DEFAULT_STORAGE_PREFIX = "effect-cognito-identity.identity-id."

export const IdentityIdStore = {
  /**
   * The key of an identity id: the pool and the sorted provider names of the logins (the
   * tokens change at every sign-in, the identity does not). `us-east-1:…|` for unauthenticated.
   */
  key: (identityPoolId: string, providerNames: Iterable<string>): string =>
    `${identityPoolId}|${[...providerNames].sort().join(",")}`,

  /** Kept in memory, for the lifetime of the layer (the default). */
  memory: (): IdentityIdStore => {
    const ids = new Map<string, string>()
    return {
      get: (key) => Effect.sync(() => Option.fromNullable(ids.get(key))),
      set: (key, identityId) => Effect.sync(() => void ids.set(key, identityId)),
      remove: (key) => Effect.sync(() => void ids.delete(key))
    }
  },

  /**
   * Kept in a Web Storage (`localStorage` in a browser), so a returning visitor keeps their
   * unauthenticated identity. Storage that throws (private mode, quota) behaves as empty: the
   * flow then simply asks for an identity id again.
   */
  fromStorage: (storage: KeyValueStorage, prefix: string = DEFAULT_STORAGE_PREFIX): IdentityIdStore => ({
    get: (key) =>
      Effect.try(() => storage.getItem(prefix + key)).pipe(
        Effect.map(Option.fromNullable),
        Effect.orElseSucceed(() => Option.none())
      ),
    set: (key, identityId) => Effect.try(() => storage.setItem(prefix + key, identityId)).pipe(Effect.ignore),
    remove: (key) => Effect.try(() => storage.removeItem(prefix + key)).pipe(Effect.ignore)
  })
}
