/**
 * Credentials from an identity pool, by the enhanced (simplified) flow: GetId once per pool
 * and login set, then GetCredentialsForIdentity at every refresh. Both operations are the
 * public, unsigned ones, so this needs `CognitoIdentityClient` and never `AwsCredentials`:
 * a browser with no AWS credentials at all can use it.
 *
 * A guest who signs in keeps the identity: when the logins first yield a login and a guest
 * identity id is remembered, GetCredentialsForIdentity is called with that id and the logins,
 * which links the login to it (docs/service-behaviour.md §6.6), as Amplify does. If the login
 * already belongs to another identity, the service merges the guest into that one and answers
 * its id, which is then the one remembered (and `identityId` changes). Either way the guest id
 * is no longer a guest's: it is dropped from the store, and a sign-out starts a new guest.
 *
 * Developer-authenticated identities skip GetId: the developer's backend obtains the identity
 * id and a `cognito-identity.amazonaws.com` token together (GetOpenIdTokenForDeveloperIdentity),
 * and GetId refuses such tokens anyway (docs/service-behaviour.md §5.6).
 *
 * The two calls run on the executor with the client this layer is given: the public
 * functions (`CognitoIdentity.ts`) read `AwsCredentials` from the context, and that tag's
 * module holds this layer, so importing them from here would make a cycle.
 */
import type { Redacted, Scope } from "effect"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import { CredentialsError, LoginsError } from "../../errors/ClientErrors.js"
import type {
  GetCredentialsForIdentityError,
  GetCredentialsForIdentityInput,
  GetCredentialsForIdentityOutput
} from "../../operations/GetCredentialsForIdentity.js"
import { GetCredentialsForIdentity } from "../../operations/GetCredentialsForIdentity.js"
import type { GetIdError, GetIdInput } from "../../operations/GetId.js"
import { GetId } from "../../operations/GetId.js"
import { execute } from "../../protocol/execute.js"
import { RetryPolicyReference } from "../../protocol/retry/RetryPolicyReference.js"
import { CognitoIdentityClient } from "../CognitoIdentityClient.js"
import type { AwsCredentialIdentity, AwsCredentialsService } from "./AwsCredentialIdentity.js"
import type { RefreshOptions } from "./cachedCredentials.js"
import { cachedCredentials } from "./cachedCredentials.js"
import type { CognitoIdentityCredentialsService } from "./CognitoIdentityCredentials.js"
import { IdentityIdStore } from "./IdentityIdStore.js"
import { toRedacted } from "./toRedacted.js"

/** Provider name → token (`accounts.google.com`, `cognito-idp.<region>.amazonaws.com/<pool>`, ...). */
export type Logins = Readonly<Record<string, string | Redacted.Redacted<string>>>

/** What a developer's backend hands over: GetOpenIdTokenForDeveloperIdentity's output fits as is. */
export interface DeveloperIdentity {
  readonly IdentityId?: string | undefined
  readonly Token?: string | Redacted.Redacted<string> | undefined
}

export interface CognitoIdentityPoolOptions<E = never, R = never> extends RefreshOptions {
  readonly identityPoolId: string
  /**
   * Omitted or empty: an unauthenticated identity. An `Effect` is evaluated again at every
   * refresh, so it can hand over a fresh token when the previous one has expired.
   */
  readonly logins?: Logins | Effect.Effect<Logins, E, R> | undefined
  /**
   * Developer-authenticated identities: evaluated at every refresh, it returns the identity id
   * and its `cognito-identity.amazonaws.com` token (typically your backend calling
   * GetOpenIdTokenForDeveloperIdentity). GetId and the store are then not used.
   */
  readonly developerIdentity?: Effect.Effect<DeveloperIdentity, E, R> | undefined
  /** With several roles for the logins, the one to assume (GetCredentialsForIdentity's CustomRoleArn). */
  readonly customRoleArn?: string | undefined
  /** The pool owner's account, passed to GetId (optional in the API). */
  readonly accountId?: string | undefined
  /** Where identity ids are remembered; default in memory, for the layer's lifetime. */
  readonly store?: IdentityIdStore | undefined
}

export interface CognitoIdentityPoolCredentials {
  readonly credentials: AwsCredentialsService
  readonly identity: CognitoIdentityCredentialsService
}

const COGNITO_PROVIDER = "cognito-identity.amazonaws.com"

type FlowError = GetIdError | GetCredentialsForIdentityError

/**
 * The errors that mean "this identity id is no longer usable": deleted (ResourceNotFound), or
 * disabled / no longer linked to these logins (NotAuthorized). The id is then forgotten.
 */
const isStaleIdentity = (error: FlowError): boolean =>
  error._tag === "ResourceNotFoundException" || error._tag === "NotAuthorizedException"

/** An error's tag, if it has one: enough to tell failures apart without printing their contents. */
const describeTag = (error: unknown): string =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string"
    ? ` (${error._tag})`
    : ""

const runGetId = execute(GetId)
const runGetCredentialsForIdentity = execute(GetCredentialsForIdentity)

interface Current {
  /** The store key, for identities that came from GetId. */
  readonly key: string | undefined
  readonly identityId: string
}

export const makeCognitoIdentityPoolCredentials = <E = never, R = never>(
  options: CognitoIdentityPoolOptions<E, R>
): Effect.Effect<CognitoIdentityPoolCredentials, never, CognitoIdentityClient | R | Scope.Scope> =>
  Effect.gen(function*() {
    const poolId = options.identityPoolId
    const guestKey = IdentityIdStore.key(poolId, [])
    const sourceName = `identity pool ${poolId}`
    const store = options.store ?? IdentityIdStore.memory()
    const current = yield* Ref.make<Current | undefined>(undefined)
    const services = { client: yield* CognitoIdentityClient, credentials: undefined, retryPolicy: yield* RetryPolicyReference }
    const getId = (input: GetIdInput) => runGetId(input, services)
    const getCredentialsForIdentity = (input: GetCredentialsForIdentityInput) => runGetCredentialsForIdentity(input, services)

    const failure = (problem: string, cause?: CredentialsError["cause"]) =>
      new CredentialsError({
        message: `${sourceName}: ${problem}`,
        sources: [sourceName],
        ...(cause === undefined ? {} : { cause })
      })
    // The service's message says why (a disabled identity, an untrusted provider); the inputs,
    // tokens included, are never part of it. The error itself is kept, typed, as the cause: a
    // page tells a refused or expired login (NotAuthorizedException) from a network failure.
    const callFailed = (operation: string) => (error: FlowError) =>
      failure(`${operation} failed with ${error._tag}${error.message === "" ? "" : `: ${error.message}`}`, Cause.originalError(error))
    // The caller's own effects may fail with anything; only a tag of it is safe to print, and
    // the failure itself is kept as the cause's `error`, for the caller to recognise.
    const fromCaller = (what: string) => (error: E) => {
      if (error instanceof CredentialsError) return error
      const problem = `${what} could not be obtained${describeTag(error)}`
      // Effect may hand a failure over wrapped (a span annotation): keep the value itself.
      return failure(problem, new LoginsError({ message: problem, error: Cause.originalError(error) }))
    }

    const logins: Effect.Effect<Logins, CredentialsError, R> = options.logins === undefined
      ? Effect.succeed({})
      : Effect.isEffect(options.logins)
      ? Effect.mapError(options.logins, fromCaller("the logins"))
      : Effect.succeed(options.logins)

    const redactAll = (given: Logins): Record<string, Redacted.Redacted<string>> =>
      Object.fromEntries(Object.entries(given).map(([provider, token]) => [provider, toRedacted(token)]))

    const credentialsFrom = (output: GetCredentialsForIdentityOutput): Effect.Effect<AwsCredentialIdentity, CredentialsError> => {
      const c = output.Credentials
      if (c?.AccessKeyId === undefined || c.SecretKey === undefined) {
        return Effect.fail(failure("GetCredentialsForIdentity answered without credentials"))
      }
      return Effect.succeed({
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration
      })
    }

    const credentialsFor = (identityId: string, withLogins: { readonly Logins?: Record<string, Redacted.Redacted<string>> }) =>
      getCredentialsForIdentity({
        IdentityId: identityId,
        ...withLogins,
        ...(options.customRoleArn === undefined ? {} : { CustomRoleArn: options.customRoleArn })
      })

    const developerFlow = (developer: Effect.Effect<DeveloperIdentity, E, R>) =>
      Effect.gen(function*() {
        const given = yield* Effect.mapError(developer, fromCaller("the developer identity"))
        if (given.IdentityId === undefined || given.Token === undefined) {
          return yield* Effect.fail(failure("the developer identity has no IdentityId or no Token"))
        }
        const extra = yield* logins
        const withLogins = { Logins: { ...redactAll(extra), [COGNITO_PROVIDER]: toRedacted(given.Token) } }
        const output = yield* Effect.mapError(
          credentialsFor(given.IdentityId, withLogins),
          callFailed("GetCredentialsForIdentity")
        )
        const credentials = yield* credentialsFrom(output)
        yield* Ref.set(current, { key: undefined, identityId: output.IdentityId ?? given.IdentityId })
        return credentials
      })

    const enhancedFlow = Effect.gen(function*() {
      const given = redactAll(yield* logins)
      if (Object.hasOwn(given, COGNITO_PROVIDER)) {
        return yield* Effect.fail(failure(
          `GetId does not accept a ${COGNITO_PROVIDER} token; pass developerIdentity (the IdentityId and Token from GetOpenIdTokenForDeveloperIdentity) instead`
        ))
      }
      const signingIn = Object.keys(given).length > 0
      const withLogins = signingIn ? { Logins: given } : {}
      const key = IdentityIdStore.key(poolId, Object.keys(given))

      const newIdentityId = getId({
        IdentityPoolId: poolId,
        ...withLogins,
        ...(options.accountId === undefined ? {} : { AccountId: options.accountId })
      }).pipe(
        Effect.mapError(callFailed("GetId")),
        Effect.flatMap((output) =>
          output.IdentityId === undefined
            ? Effect.fail(failure("GetId answered without an IdentityId"))
            : Effect.as(store.set(key, output.IdentityId), output.IdentityId)
        )
      )

      /**
       * The id to ask credentials for: the one remembered for these logins; else, for logins
       * with a guest identity remembered, the guest's (docs/service-behaviour.md §6.6: the
       * service links the login to it, so the guest keeps its id — or, when the login already
       * belongs to another identity, merges the guest into that one and answers its id); else a
       * new one from GetId.
       */
      const choose = Effect.gen(function*() {
        const remembered = yield* store.get(key)
        if (Option.isSome(remembered)) return { identityId: remembered.value, origin: "remembered" as const }
        const guest = signingIn ? yield* store.get(guestKey) : Option.none<string>()
        if (Option.isSome(guest)) return { identityId: guest.value, origin: "guest" as const }
        return { identityId: yield* newIdentityId, origin: "new" as const }
      })

      const attempt = (
        mayRetry: boolean,
        linkGuest: boolean
      ): Effect.Effect<AwsCredentialIdentity, CredentialsError, CognitoIdentityClient> =>
        Effect.gen(function*() {
          const { identityId, origin } = linkGuest ? yield* choose : { identityId: yield* newIdentityId, origin: "new" as const }
          const outcome = yield* Effect.either(credentialsFor(identityId, withLogins))
          if (outcome._tag === "Left") {
            const error = outcome.left
            if (origin === "guest" && (isStaleIdentity(error) || error._tag === "ResourceConflictException")) {
              // The guest could not take the login (deleted, disabled, or a merge the service
              // refused): sign in as GetId says. The guest id is dropped only once that worked.
              yield* Effect.logDebug(`linking the guest identity was refused (${error._tag}); asking GetId instead`)
              return yield* attempt(mayRetry, false)
            }
            if (!isStaleIdentity(error)) return yield* Effect.fail(callFailed("GetCredentialsForIdentity")(error))
            yield* store.remove(key)
            yield* Ref.set(current, undefined)
            // Only a remembered id can have gone stale; an id GetId has just returned failing the
            // same way means the logins or the pool are the problem, and asking again won't help.
            if (!mayRetry || origin !== "remembered") return yield* Effect.fail(callFailed("GetCredentialsForIdentity")(error))
            yield* Effect.logDebug(`the remembered identity id was refused (${error._tag}); asking GetId for a new one`)
            return yield* attempt(false, linkGuest)
          }
          const output = outcome.right
          // The service may answer with another id (a guest merged into the login's identity); follow it.
          const actual = output.IdentityId ?? identityId
          if (actual !== identityId || origin === "guest") yield* store.set(key, actual)
          // Signed in: the guest id, linked, merged or refused, is no longer a guest's.
          if (signingIn && origin !== "remembered") yield* store.remove(guestKey)
          const credentials = yield* credentialsFrom(output)
          yield* Ref.set(current, { key, identityId: actual })
          return credentials
        })

      return yield* attempt(true, true)
    })

    const fetch = options.developerIdentity === undefined ? enhancedFlow : developerFlow(options.developerIdentity)
    const credentials = yield* cachedCredentials({ name: sourceName, fetch }, options)

    const identity: CognitoIdentityCredentialsService = {
      identityPoolId: poolId,
      identityId: Effect.gen(function*() {
        const known = yield* Ref.get(current)
        if (known !== undefined) return known.identityId
        yield* credentials.get
        const learned = yield* Ref.get(current)
        if (learned !== undefined) return learned.identityId
        // Credentials still cached from before the id was forgotten: run the flow again to learn it.
        yield* credentials.invalidate
        yield* credentials.get
        const again = yield* Ref.get(current)
        return again === undefined ? yield* Effect.fail(failure("the identity id is not known")) : again.identityId
      }),
      forget: Effect.gen(function*() {
        const known = yield* Ref.getAndSet(current, undefined)
        if (known?.key !== undefined) yield* store.remove(known.key)
        yield* credentials.invalidate
      })
    }
    return { credentials, identity }
  })
