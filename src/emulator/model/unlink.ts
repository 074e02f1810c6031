/**
 * UnlinkIdentity (docs/service-behaviour.md §5.13), a public operation: the Logins must authenticate the
 * caller as this identity — valid tokens of logins linked to it — else NotAuthorizedException
 * [INFERRED]; every LoginsToRemove entry must be a provider linked to it, and the developer
 * provider cannot be removed here (UnlinkDeveloperIdentity does that) → InvalidParameterException
 * [INFERRED]. Removing the last login leaves the identity inaccessible (§6.5).
 */
import * as Either from "effect/Either"
import type { UnlinkIdentityInput, UnlinkIdentityOutput } from "../../operations/UnlinkIdentity.js"
import type { CallContext } from "../ServiceModel.js"
import type { Result } from "./faults.js"
import { fail, invalidParameter, Messages, notAuthorized } from "./faults.js"
import { removeLinks } from "./linking.js"
import { findIdentity } from "./lookup.js"
import { COGNITO_PROVIDER } from "./providers.js"
import { openSession } from "./session.js"
import type { ModelState } from "./State.js"

export const unlinkIdentity = (
  state: ModelState,
  input: UnlinkIdentityInput,
  context: CallContext
): Result<UnlinkIdentityOutput> =>
  Either.gen(function*() {
    const identity = yield* findIdentity(state, input.IdentityId, context)
    const session = yield* openSession(state, identity, input.Logins, context.now, "verify")
    if (!session.authenticated) return yield* fail(notAuthorized(Messages.loginsDontMatch))
    const links = identity.links ?? []
    const remove = new Set(input.LoginsToRemove)
    for (const provider of remove) {
      const linked = links.filter((link) => link.provider === provider)
      if (provider === COGNITO_PROVIDER || (linked.length > 0 && linked.every((link) => link.developer))) {
        return yield* fail(
          invalidParameter(`${provider} is a developer provider; use UnlinkDeveloperIdentity to unlink developer users.`)
        )
      }
      if (linked.length === 0) return yield* fail(invalidParameter(`${provider} is not linked to this identity.`))
    }
    if (remove.size > 0) removeLinks(state, identity, (link) => !link.developer && remove.has(link.provider), context.now)
  })
