/**
 * The region an encoded input points at, for clients configured without one: identity pool
 * ids and identity ids are `<region>:<guid>`, pool ARNs carry the region in their fourth field.
 */
import * as Predicate from "effect/Predicate"

const prefix = (id: unknown): string | undefined => {
  if (typeof id !== "string") return undefined
  const colon = id.indexOf(":")
  return colon > 0 ? id.slice(0, colon) : undefined
}

const arnRegion = (arn: unknown): string | undefined => {
  if (typeof arn !== "string") return undefined
  const region = arn.split(":")[3]
  return region === undefined || region === "" ? undefined : region
}

export const regionOf = (input: unknown): string | undefined => {
  if (!Predicate.isRecord(input)) return undefined
  const ids = input["IdentityIdsToDelete"]
  return prefix(input["IdentityPoolId"]) ?? prefix(input["IdentityId"]) ??
    (Array.isArray(ids) ? prefix(ids[0]) : undefined) ?? arnRegion(input["ResourceArn"])
}
