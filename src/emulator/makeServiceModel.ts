/**
 * The emulator's in-memory model of Amazon Cognito Identity: all 23 operations over state
 * partitioned by (account, region), following docs/service-behaviour.md. The handlers live in
 * `./model/` (one small module per operation family); this module wires state, options,
 * snapshots and seeding together.
 */
import { randomUUID } from "node:crypto"
import * as Either from "effect/Either"
import type { JwtSigner } from "./Jwt.js"
import { makeJwtSigner } from "./Jwt.js"
import type { IssuedCredentials } from "./model/CredentialStore.js"
import { makeCredentialStore } from "./model/CredentialStore.js"
import { noChanges } from "./model/changes.js"
import { dispatch } from "./model/dispatch.js"
import type { ResolvedRole, RoleQuery } from "./model/explainRole.js"
import { explainRole } from "./model/explainRole.js"
import { internalError } from "./model/faults.js"
import { seed } from "./model/seed.js"
import type { InvalidSnapshot } from "./model/snapshot.js"
import { restoreState, takeSnapshot } from "./model/snapshot.js"
import type { ModelState } from "./model/State.js"
import type { ModelSnapshot, ServiceFault, ServiceModel } from "./ServiceModel.js"

export type { IssuedCredentials } from "./model/CredentialStore.js"
export type { InvalidSnapshot } from "./model/snapshot.js"

export interface ServiceModelOptions {
  /** Default: `makeJwtSigner()`, or the snapshot's key when restoring. An explicit signer wins. */
  readonly jwt?: JwtSigner
  /** Restores a previous state, including the JWT key, so old tokens still verify. */
  readonly snapshot?: ModelSnapshot
  /** uuid v4 source for pool and identity ids; default `crypto.randomUUID` (tests inject determinism). */
  readonly randomId?: () => string
  /** Identity pools per account and region; default 1,000 (docs/service-behaviour.md §12 [DOC]). */
  readonly poolQuota?: number
}

export interface EmulatedServiceModel extends ServiceModel {
  readonly jwt: JwtSigner
  /**
   * The credentials GetCredentialsForIdentity issued under this access key id (bounded memory:
   * the most recent 10,000 unexpired ones), for features that resolve them to a role/identity.
   */
  readonly issuedCredentials: (accessKeyId: string) => IssuedCredentials | undefined
  /** The role GetCredentialsForIdentity would assume for these logins, or the fault that says why none. */
  readonly explainRole: (query: RoleQuery, now: Date) => Either.Either<ResolvedRole, ServiceFault>
}

export const DEFAULT_POOL_QUOTA = 1000

/** The service model over a state (the state file builds the state itself). */
export const serviceModelOf = (state: ModelState): EmulatedServiceModel => ({
  jwt: state.jwt,
  handle: (operation, input, context) => {
    try {
      return dispatch(state, operation, input, context)
    } catch (error) {
      // Handlers return faults rather than throw; anything thrown is a bug, reported as the
      // service reports its own failures rather than crashing the server.
      return Either.left(internalError(`Internal error: ${error instanceof Error ? error.message : String(error)}`))
    }
  },
  seed: (options) => seed(state, options),
  snapshot: () => takeSnapshot(state),
  issuedCredentials: (accessKeyId) => state.credentials.lookup(accessKeyId),
  explainRole: (query, now) => explainRole(state, query, now)
})

/** Like `makeServiceModel`, but reports a snapshot that cannot be restored. */
export const loadServiceModel = (
  options: ServiceModelOptions = {}
): Either.Either<EmulatedServiceModel, InvalidSnapshot> => {
  const randomId = options.randomId ?? randomUUID
  const poolQuota = options.poolQuota ?? DEFAULT_POOL_QUOTA
  if (options.snapshot !== undefined) {
    return Either.map(restoreState(options.snapshot, { jwt: options.jwt, randomId, poolQuota }), serviceModelOf)
  }
  return Either.right(serviceModelOf(newModelState({ jwt: options.jwt ?? makeJwtSigner(), randomId, poolQuota })))
}

/** An empty state. */
export const newModelState = (options: {
  readonly jwt: JwtSigner
  readonly randomId: () => string
  readonly poolQuota: number
}): ModelState => ({
  ...options,
  partitions: new Map(),
  pools: new Map(),
  identities: new Map(),
  credentials: makeCredentialStore(),
  changes: noChanges
})

/**
 * A model that refuses to run on a snapshot it could not restore: every call is an
 * InternalErrorException naming the problem, and `snapshot()` hands back the original snapshot
 * untouched, so a server that persists on exit never overwrites the user's state with an empty
 * one.
 */
const unrestorable = (snapshot: ModelSnapshot, problem: InvalidSnapshot, jwt: JwtSigner): EmulatedServiceModel => ({
  jwt,
  handle: () => Either.left(internalError(`The emulator state could not be restored: ${problem.reason}`)),
  seed: () => [],
  snapshot: () => snapshot,
  issuedCredentials: () => undefined,
  explainRole: () => Either.left(internalError(`The emulator state could not be restored: ${problem.reason}`))
})

export const makeServiceModel = (options: ServiceModelOptions = {}): EmulatedServiceModel => {
  const loaded = loadServiceModel(options)
  if (Either.isRight(loaded)) return loaded.right
  return unrestorable(options.snapshot ?? { version: 1, data: null }, loaded.left, options.jwt ?? makeJwtSigner())
}
