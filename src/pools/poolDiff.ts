/**
 * The difference between two configurations of an identity pool, member by member, as the
 * service means them rather than as JSON spells them:
 *
 * - an absent list or map and an empty one are the same (the service omits unset members);
 * - `AllowClassicFlow` and a user-pool provider's `ServerSideTokenCheck` default to false;
 * - the lists (`OpenIdConnectProviderARNs`, `CognitoIdentityProviders`, `SamlProviderARNs`) are
 *   sets of trusted providers: their order means nothing, so a server that hands them back in
 *   another order has not changed them.
 *
 * No member of an identity pool is secret. Values are kept as they are typed, so a `Redacted`
 * value (should one ever appear) stays redacted in the diff; it is compared by its content.
 */
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import type { IdentityPool } from "../schemas/IdentityPool.js"

/** An identity pool's configuration: everything UpdateIdentityPool writes except the id. */
export type PoolConfiguration = Omit<IdentityPool, "IdentityPoolId">

export type PoolField = keyof PoolConfiguration

/** The members of a configuration, in the model's order. */
export const POOL_FIELDS: ReadonlyArray<PoolField> = [
  "IdentityPoolName",
  "AllowUnauthenticatedIdentities",
  "AllowClassicFlow",
  "SupportedLoginProviders",
  "DeveloperProviderName",
  "OpenIdConnectProviderARNs",
  "CognitoIdentityProviders",
  "SamlProviderARNs",
  "IdentityPoolTags"
]

/** One member that differs: its value before and after (`undefined`: absent). */
export interface PoolFieldChange {
  readonly field: PoolField
  readonly before: unknown
  readonly after: unknown
}

const BOOLEAN_DEFAULT_FALSE: ReadonlySet<string> = new Set(["AllowClassicFlow", "ServerSideTokenCheck"])

/**
 * A canonical text of a value: maps with sorted keys, lists sorted (they are sets here),
 * empty lists and maps as absent, false-by-default booleans as absent when false.
 */
const canonical = (value: unknown, key?: string): string | undefined => {
  if (value === undefined || value === null) return undefined
  if (Redacted.isRedacted(value)) return canonical(Redacted.value(value), key)
  if (key !== undefined && BOOLEAN_DEFAULT_FALSE.has(key) && value === false) return undefined
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item) ?? "null").sort()
    return items.length === 0 ? undefined : `[${items.join(",")}]`
  }
  if (Predicate.isRecord(value)) {
    const entries = Object.keys(value)
      .sort()
      .flatMap((k) => {
        const text = canonical(value[k], k)
        return text === undefined ? [] : [`${JSON.stringify(k)}:${text}`]
      })
    return entries.length === 0 ? undefined : `{${entries.join(",")}}`
  }
  return JSON.stringify(value)
}

/** True when the two values of `field` mean the same configuration. */
export const sameFieldValue = (field: PoolField, a: unknown, b: unknown): boolean => canonical(a, field) === canonical(b, field)

/** The members whose meaning differs between `before` and `after`, in the model's order. */
export const diffPool = (before: PoolConfiguration, after: PoolConfiguration): ReadonlyArray<PoolFieldChange> =>
  POOL_FIELDS.flatMap((field) =>
    sameFieldValue(field, before[field], after[field]) ? [] : [{ field, before: before[field], after: after[field] }]
  )
