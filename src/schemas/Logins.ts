/**
 * Logins: provider name → provider token. The tokens are secrets (model: IdentityProviderToken
 * is sensitive), so they are held as `Redacted` once decoded and never printed.
 */
import { list, map, string } from "./Constraint.js"
import { IdentityProviderName } from "./Primitives.js"
import { secretInput } from "./Secret.js"

// `/*#__PURE__*/`: a shape is built on first use, so naming one has no effect, and a bundle
// drops the shapes that none of the operations it keeps uses.
export const IdentityProviderToken = /*#__PURE__*/ secretInput(string({ min: 1, max: 50000 }))

/** LoginsMap: at most 10 providers. */
export const LoginsMap = /*#__PURE__*/ map(IdentityProviderName, IdentityProviderToken, { max: 10 })

/** LoginsList: provider names only (DescribeIdentity, ListIdentities, UnlinkIdentity.LoginsToRemove). */
export const LoginsList = /*#__PURE__*/ list(IdentityProviderName)
