import { list, map } from "./Constraint.js"
import { PrincipalTagID, PrincipalTagValue, TagKeysType, TagValueType } from "./Primitives.js"

// `/*#__PURE__*/`: a shape is built on first use, so naming one has no effect, and a bundle
// drops the shapes that none of the operations it keeps uses.
/** IdentityPoolTagsType: tag key → value (the model has no bound on the count; the service allows 50). */
export const IdentityPoolTagsType = /*#__PURE__*/ map(TagKeysType, TagValueType)

/** IdentityPoolTagsListType: tag keys. */
export const IdentityPoolTagsListType = /*#__PURE__*/ list(TagKeysType)

/** PrincipalTags: principal tag → token claim, at most 50. */
export const PrincipalTags = /*#__PURE__*/ map(PrincipalTagID, PrincipalTagValue, { max: 50 })
