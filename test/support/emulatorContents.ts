/**
 * What the emulator holds, read from its model directly (no HTTP, no client, no export code),
 * so that exports can be compared with it.
 */
import { Either } from "effect"
import type { EmulatorService } from "../../src/emulator/index.js"

interface Page<T> {
  readonly items: ReadonlyArray<T>
  readonly next: string | undefined
}

const call = (emulator: EmulatorService, operation: string, input: unknown): Record<string, unknown> => {
  const result = emulator.model.handle(operation, input, {
    accountId: emulator.defaultAccountId,
    region: emulator.defaultRegion,
    now: new Date()
  })
  if (Either.isLeft(result)) throw new Error(`${operation}: ${result.left.code} ${result.left.message}`)
  return result.right as Record<string, unknown>
}

const drain = <T>(fetch: (token: string | undefined) => Page<T>): Array<T> => {
  const out: Array<T> = []
  let token: string | undefined
  do {
    const page = fetch(token)
    out.push(...page.items)
    token = page.next
  } while (token !== undefined)
  return out
}

export const poolIds = (emulator: EmulatorService): Array<string> =>
  drain((token) => {
    const page = call(emulator, "ListIdentityPools", { MaxResults: 60, ...(token ? { NextToken: token } : {}) })
    return {
      items: (page["IdentityPools"] as Array<{ IdentityPoolId: string }>).map((p) => p.IdentityPoolId),
      next: page["NextToken"] as string | undefined
    }
  })

/** Every identity of every pool as "poolId identityId", in the model's order. */
export const identityKeys = (emulator: EmulatorService): Array<string> =>
  poolIds(emulator).flatMap((poolId) =>
    drain((token) => {
      const page = call(emulator, "ListIdentities", {
        IdentityPoolId: poolId,
        MaxResults: 60,
        ...(token ? { NextToken: token } : {})
      })
      return {
        items: (page["Identities"] as Array<{ IdentityId: string }>).map((i) => `${poolId} ${i.IdentityId}`),
        next: page["NextToken"] as string | undefined
      }
    })
  )
