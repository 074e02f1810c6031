/**
 * GetCredentialsForIdentity (docs/service-behaviour.md §5.8): the GetOpenIdToken authentication and linking
 * rules, then the role of §8, then STS-shaped credentials valid for one hour, remembered in the
 * bounded CredentialStore with their session tags.
 */
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import type {
  GetCredentialsForIdentityInput,
  GetCredentialsForIdentityOutput
} from "../../operations/GetCredentialsForIdentity.js"
import type { CallContext } from "../ServiceModel.js"
import type { Result } from "./faults.js"
import { findIdentity } from "./lookup.js"
import { resolveRole } from "./roleResolution.js"
import type { Session } from "./session.js"
import { openSession } from "./session.js"
import type { ModelState, Pool } from "./State.js"
import { TAGS_CLAIM } from "./tokens.js"

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * Session tags (§5.19 [EMULATOR], no STS here): the developer's PrincipalTags carried by the
 * cognito-identity token, plus, for each external login with an explicit attribute map, tag →
 * the token claim it names. `UseDefaults` maps are not synthesised (§5.19 [EMULATOR]).
 */
const sessionTags = (pool: Pool, session: Session): Readonly<Record<string, string>> => {
  const tags = new Map<string, string>()
  const carried = session.cognitoClaims?.[TAGS_CLAIM]
  const principalTags = isRecord(carried) ? carried["principal_tags"] : undefined
  if (isRecord(principalTags)) {
    for (const [key, values] of Object.entries(principalTags)) {
      const first: unknown = Array.isArray(values) ? values[0] : values
      if (typeof first === "string") tags.set(key, first)
    }
  }
  for (const login of session.logins) {
    const map = pool.principalTagMaps.get(login.provider)
    if (map === undefined || login.claims === undefined) continue
    for (const [tag, claim] of map.tags) {
      const value = login.claims[claim]
      if (typeof value === "string") tags.set(tag, value)
    }
  }
  return Object.fromEntries(tags)
}

export const getCredentialsForIdentity = (
  state: ModelState,
  input: GetCredentialsForIdentityInput,
  context: CallContext
): Result<GetCredentialsForIdentityOutput> =>
  Either.gen(function*() {
    const identity = yield* findIdentity(state, input.IdentityId, context)
    const session = yield* openSession(state, identity, input.Logins, context.now, "link")
    const pool = session.identity.pool
    const roleArn = yield* resolveRole(pool, session, input.CustomRoleArn)
    const issued = state.credentials.issue({
      identityId: session.identity.id,
      identityPoolId: pool.id,
      accountId: pool.accountId,
      region: pool.region,
      roleArn,
      sessionTags: sessionTags(pool, session)
    }, context.now)
    state.changes.credentials(issued)
    return {
      IdentityId: session.identity.id,
      Credentials: {
        AccessKeyId: issued.accessKeyId,
        SecretKey: Redacted.make(issued.secretKey),
        SessionToken: Redacted.make(issued.sessionToken),
        Expiration: new Date(issued.expiration)
      }
    }
  })
