import { list, map } from "./Constraint.js"
import { PrincipalTagID, PrincipalTagValue, TagKeysType, TagValueType } from "./Primitives.js"

/** IdentityPoolTagsType: tag key → value (the model has no bound on the count; the service allows 50). */
export const IdentityPoolTagsType = map(TagKeysType, TagValueType)

/** IdentityPoolTagsListType: tag keys. */
export const IdentityPoolTagsListType = list(TagKeysType)

/** PrincipalTags: principal tag → token claim, at most 50. */
export const PrincipalTags = map(PrincipalTagID, PrincipalTagValue, { max: 50 })
