/**
 * GetOpenIdToken and GetOpenIdTokenForDeveloperIdentity (docs/service-behaviour.md §5.7, §5.9): OpenID
 * tokens are RS256 JWTs signed by the emulator's key (§7 [EMULATOR]) with `iss`
 * https://cognito-identity.amazonaws.com, `aud` = pool id, `sub` = identity id, `amr`, `iat`,
 * `exp`.
 */
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import type { GetOpenIdTokenInput, GetOpenIdTokenOutput } from "../../operations/GetOpenIdToken.js"
import type {
  GetOpenIdTokenForDeveloperIdentityInput,
  GetOpenIdTokenForDeveloperIdentityOutput
} from "../../operations/GetOpenIdTokenForDeveloperIdentity.js"
import type { CallContext } from "../ServiceModel.js"
import type { Result } from "./faults.js"
import {
  developerUserAlreadyRegistered,
  fail,
  internalError,
  invalidParameter,
  Messages,
  notAuthorized
} from "./faults.js"
import { applyPlan, ownerOf, planLinks } from "./linking.js"
import type { ResolvedLogin } from "./loginTokens.js"
import { asLink, epochSeconds, resolveLogin, reveal } from "./loginTokens.js"
import { findIdentityInPool, findIdentity, findPool, requireAccount } from "./lookup.js"
import { COGNITO_PROVIDER } from "./providers.js"
import type { Session } from "./session.js"
import { openSession } from "./session.js"
import type { Identity, Link, ModelState } from "./State.js"
import { hasDeveloperLink, hasLinks, isDisabled, wasAuthenticated } from "./State.js"

export const OPENID_ISSUER = "https://cognito-identity.amazonaws.com"
/** "The OpenID token is valid for 10 minutes." (§5.7 [DOC]) */
export const OPENID_TOKEN_SECONDS = 600
/** Default TokenDuration: 15 minutes (§5.9 [DOC]). */
export const DEVELOPER_TOKEN_DEFAULT_SECONDS = 900
/** The session-tags claim of STS AssumeRoleWithWebIdentity (§5.9 [EMULATOR]). */
export const TAGS_CLAIM = "https://aws.amazon.com/tags"

export const signOpenIdToken = (
  state: ModelState,
  identity: Identity,
  amr: ReadonlyArray<string>,
  now: Date,
  seconds: number,
  extraClaims: Readonly<Record<string, unknown>> = {}
): Result<Redacted.Redacted<string>> => {
  const iat = epochSeconds(now)
  const signed = state.jwt.trySign({
    ...extraClaims,
    iss: OPENID_ISSUER,
    sub: identity.id,
    aud: identity.pool.id,
    amr: [...amr],
    iat,
    exp: iat + seconds
  })
  return signed._tag === "Signed"
    ? Either.right(Redacted.make(signed.token))
    : fail(internalError(`Could not sign the OpenID token: ${signed.reason}`))
}

/** `["unauthenticated"]` or `["authenticated", <providers used>...]` (§5.7 [DOC]). */
export const amrOf = (session: Session): ReadonlyArray<string> =>
  session.authenticated ? ["authenticated", ...new Set(session.providers)] : ["unauthenticated"]

export const getOpenIdToken = (
  state: ModelState,
  input: GetOpenIdTokenInput,
  context: CallContext
): Result<GetOpenIdTokenOutput> =>
  Either.gen(function*() {
    const identity = yield* findIdentity(state, input.IdentityId, context)
    // GetOpenIdToken is the basic-flow call; absent means allowed (§5.7 [EMULATOR]).
    if (identity.pool.settings.AllowClassicFlow === false) {
      return yield* fail(invalidParameter(Messages.classicFlowDisabled))
    }
    const session = yield* openSession(state, identity, input.Logins, context.now, "link")
    const token = yield* signOpenIdToken(state, session.identity, amrOf(session), context.now, OPENID_TOKEN_SECONDS)
    return { IdentityId: session.identity.id, Token: token }
  })

/** PrincipalTags as STS session tags: `{principal_tags: {key: [value]}}`. */
const tagsClaim = (tags: Readonly<Record<string, string>> | undefined): Readonly<Record<string, unknown>> => {
  const entries = Object.entries(tags ?? {})
  return entries.length === 0
    ? {}
    : { [TAGS_CLAIM]: { principal_tags: Object.fromEntries(entries.map(([key, value]) => [key, [value]])) } }
}

/**
 * The four cases of §5.9 [DOC]: an unknown developer user without IdentityId creates an
 * authenticated identity; a known one returns its identity; an unknown one with IdentityId is
 * linked to that identity; a known one with a different IdentityId is
 * DeveloperUserAlreadyRegisteredException. Extra public logins are linked/merged as elsewhere.
 */
export const getOpenIdTokenForDeveloperIdentity = (
  state: ModelState,
  input: GetOpenIdTokenForDeveloperIdentityInput,
  context: CallContext
): Result<GetOpenIdTokenForDeveloperIdentityOutput> =>
  Either.gen(function*() {
    yield* requireAccount(context)
    const pool = yield* findPool(state, input.IdentityPoolId, context)
    const anchor = input.IdentityId === undefined ? undefined : yield* findIdentityInPool(state, pool, input.IdentityId)
    const developerProvider = pool.settings.DeveloperProviderName

    let developerUser: string | undefined
    const external: Array<[string, string]> = []
    for (const [provider, token] of Object.entries(input.Logins)) {
      if (provider === COGNITO_PROVIDER) return yield* fail(notAuthorized(Messages.cognitoToken))
      if (provider === developerProvider) developerUser = reveal(token)
      else if (pool.providers.logins.has(provider)) external.push([provider, reveal(token)])
      // A key that is neither the developer provider nor a configured provider (§5.9): the
      // observed message; NotAuthorizedException like the other "unsupported provider" refusals
      // [INFERRED].
      else return yield* fail(notAuthorized(Messages.developerProviderNotSupported))
    }
    if (developerUser === undefined || developerProvider === undefined) {
      return yield* fail(notAuthorized(Messages.developerProviderNotSupported))
    }
    // DeveloperUserIdentifier is 1..1024 characters (model); the Logins map allows 50,000.
    if (developerUser.length > 1024) {
      return yield* fail(invalidParameter("A developer user identifier must be at most 1024 characters long."))
    }

    const developerLink: Link = { provider: developerProvider, user: developerUser, developer: true }
    const developerOwner = ownerOf(pool, developerLink)
    if (anchor !== undefined) {
      if (isDisabled(anchor)) return yield* fail(notAuthorized(Messages.identityDisabled(anchor.id)))
      if (developerOwner !== undefined && developerOwner !== anchor) {
        return yield* fail(developerUserAlreadyRegistered(Messages.developerUserAlreadyRegistered))
      }
      if (wasAuthenticated(anchor) && !hasLinks(anchor)) return yield* fail(notAuthorized(Messages.loginsDontMatch))
    }

    const logins: Array<ResolvedLogin> = []
    for (const [provider, token] of external) logins.push(yield* resolveLogin(pool, provider, token, context.now))

    // An identity authenticated only by external providers cannot be claimed by a new developer
    // user without one of its own logins: "Logins don't match" [OBSERVED: aws/aws-sdk-js#2327,
    // GetOpenIdTokenForDeveloperIdentity with the IdentityId of a Facebook identity and a new
    // developer user]. Identities that already have developer users are the backend's own.
    if (
      anchor !== undefined && hasLinks(anchor) && !hasDeveloperLink(anchor) &&
      !logins.some((login) => ownerOf(pool, asLink(login)) === anchor)
    ) {
      return yield* fail(notAuthorized(Messages.loginsDontMatch))
    }

    const plan = yield* planLinks(pool, anchor ?? developerOwner, [developerLink, ...logins.map(asLink)])
    const identity = yield* applyPlan(state, plan, context.now)
    const amr = ["authenticated", developerProvider, ...new Set(logins.map((login) => login.provider))]
    const token = yield* signOpenIdToken(
      state,
      identity,
      amr,
      context.now,
      input.TokenDuration ?? DEVELOPER_TOKEN_DEFAULT_SECONDS,
      tagsClaim(input.PrincipalTags)
    )
    return { IdentityId: identity.id, Token: token }
  })
