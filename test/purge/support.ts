/**
 * What the purge tests judge with, independent of the purge code: an emulator model that keeps
 * a ledger of DeleteIdentities (how often each id was sent, how often it was really deleted,
 * i.e. existed when the call arrived), optionally answering some ids as unprocessed; a seeded
 * mix of old and recent identities; and the selection computed straight from the model's
 * ListIdentities (both with and without HideDisabled), not through the export.
 */
import { Either, Layer } from "effect"
import { Emulator } from "../../src/emulator/index.js"
import type { CallContext, ServiceModel } from "../../src/emulator/index.js"
import { makeServiceModel } from "../../src/emulator/makeServiceModel.js"
import { CognitoIdentityClient } from "../../src/index.js"
import { ACCOUNT, REGION } from "../support/fixtures.js"
import { testCredentials } from "../support/layers.js"

export const DAY = 86_400_000

const context = (): CallContext => ({ accountId: ACCOUNT, region: REGION, now: new Date() })

export interface DeleteLedger {
  /** Times each id was sent in a DeleteIdentities request. */
  readonly sent: Map<string, number>
  /** Times each id was really deleted (it existed when the request arrived). */
  readonly deleted: Map<string, number>
  /** The number of ids of each DeleteIdentities request, in order. */
  readonly requests: Array<number>
}

export type UnprocessedCode = "AccessDenied" | "InternalServerError"

/** Which ids of the `call`-th DeleteIdentities (1-based) the model answers as unprocessed, and why. */
export type Refuse = (ids: ReadonlyArray<string>, call: number) => ReadonlyMap<string, UnprocessedCode>

const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)

/**
 * `refuse` answers some ids as unprocessed; `lose` makes the `call`-th DeleteIdentities answer
 * InternalErrorException after it deleted (a response lost on the way back).
 */
export const ledgerModel = (
  refuse?: Refuse,
  lose?: (call: number) => boolean
): { readonly model: ServiceModel; readonly ledger: DeleteLedger } => {
  // Ids from a counter: the seeded mix of identity kinds (drawn from the pool id) is then the
  // same on every run, so a test never meets a pool that happens to hold no disabled identity.
  let next = 0
  const inner = makeServiceModel({
    randomId: () => `00000000-0000-4000-8000-${(next += 1).toString(16).padStart(12, "0")}`
  })
  const ledger: DeleteLedger = { sent: new Map(), deleted: new Map(), requests: [] }
  const exists = (id: string, ctx: CallContext) => Either.isRight(inner.handle("DescribeIdentity", { IdentityId: id }, ctx))
  const model: ServiceModel = {
    seed: inner.seed,
    snapshot: inner.snapshot,
    handle: (operation, input, ctx) => {
      if (operation !== "DeleteIdentities") return inner.handle(operation, input, ctx)
      const ids = (input as { readonly IdentityIdsToDelete: ReadonlyArray<string> }).IdentityIdsToDelete
      ledger.requests.push(ids.length)
      const refused = refuse?.(ids, ledger.requests.length) ?? new Map<string, UnprocessedCode>()
      const processed = ids.filter((id) => !refused.has(id))
      for (const id of ids) bump(ledger.sent, id)
      for (const id of new Set(processed)) if (exists(id, ctx)) bump(ledger.deleted, id)
      const result = processed.length === 0
        ? Either.right({ UnprocessedIdentityIds: [] })
        : inner.handle(operation, { IdentityIdsToDelete: processed }, ctx)
      if (lose?.(ledger.requests.length) === true && Either.isRight(result)) {
        return Either.left({ code: "InternalErrorException", message: "the answer was lost" })
      }
      return Either.map(result, (output) => ({
        UnprocessedIdentityIds: [
          ...((output as { UnprocessedIdentityIds?: ReadonlyArray<unknown> }).UnprocessedIdentityIds ?? []),
          ...[...refused].map(([IdentityId, ErrorCode]) => ({ IdentityId, ErrorCode }))
        ]
      }))
    }
  }
  return { model, ledger }
}

const call = (model: ServiceModel, operation: string, input: unknown): Record<string, unknown> => {
  const result = model.handle(operation, input, context())
  if (Either.isLeft(result)) throw new Error(`${operation}: ${result.left.code} ${result.left.message}`)
  return result.right as Record<string, unknown>
}

export interface ModelIdentity {
  readonly pool: string
  readonly id: string
  readonly logins: number
  readonly modified: number
  readonly disabled: boolean
}

const listPool = (model: ServiceModel, pool: string, hideDisabled: boolean) => {
  const out: Array<{ IdentityId: string; Logins?: ReadonlyArray<string>; LastModifiedDate?: Date; CreationDate?: Date }> = []
  let token: string | undefined
  do {
    const page = call(model, "ListIdentities", {
      IdentityPoolId: pool,
      MaxResults: 60,
      HideDisabled: hideDisabled,
      ...(token === undefined ? {} : { NextToken: token })
    })
    out.push(...(page["Identities"] as typeof out))
    token = page["NextToken"] as string | undefined
  } while (token !== undefined)
  return out
}

export const modelPools = (model: ServiceModel): Array<string> => {
  const pools: Array<string> = []
  let token: string | undefined
  do {
    const page = call(model, "ListIdentityPools", { MaxResults: 60, ...(token === undefined ? {} : { NextToken: token }) })
    pools.push(...(page["IdentityPools"] as Array<{ IdentityPoolId: string }>).map((p) => p.IdentityPoolId))
    token = page["NextToken"] as string | undefined
  } while (token !== undefined)
  return pools
}

/** Every identity the model holds, with what the criteria look at. */
export const modelIdentities = (model: ServiceModel): Array<ModelIdentity> =>
  modelPools(model).flatMap((pool) => {
    const enabled = new Set(listPool(model, pool, true).map((identity) => identity.IdentityId))
    return listPool(model, pool, false).map((identity) => ({
      pool,
      id: identity.IdentityId,
      logins: identity.Logins?.length ?? 0,
      modified: (identity.LastModifiedDate ?? identity.CreationDate ?? new Date(0)).getTime(),
      disabled: !enabled.has(identity.IdentityId)
    }))
  })

/** `pool id` keys, sorted. */
export const keys = (identities: ReadonlyArray<ModelIdentity>): Array<string> => identities.map((i) => `${i.pool} ${i.id}`).sort()

/**
 * Two pools seeded 200 days ago (their identities are old) and one seeded now, plus 20 new
 * guests in the first old pool: old and recent guests, authenticated identities, disabled ones.
 */
export const seedMix = (model: ServiceModel, perPool = 300): ReadonlyArray<string> => {
  const old = model.seed({ accountId: ACCOUNT, region: REGION, pools: 2, identitiesPerPool: perPool, now: new Date(Date.now() - 200 * DAY) })
  const recent = model.seed({ accountId: ACCOUNT, region: REGION, pools: 1, identitiesPerPool: perPool, now: new Date() })
  for (let i = 0; i < 20; i++) call(model, "GetId", { IdentityPoolId: old[0] })
  return [...old, ...recent]
}

/** A client of an in-process emulator answered by `model`, with the emulator itself. */
export const inProcessLayer = (model: ServiceModel) => {
  const emulator = Emulator.layer({ model })
  return Layer.mergeAll(
    CognitoIdentityClient.layer({ region: REGION }).pipe(Layer.provide(emulator)),
    testCredentials,
    emulator
  )
}
