/**
 * Any AWS SDK v3 credential provider function as a source: `fromSSO()`, `fromInstanceMetadata()`,
 * `fromContainerMetadata()`, `fromTokenFile()`, `fromIni()`, `fromNodeProviderChain()`, ...
 * from `@aws-sdk/credential-providers`, or a hand-written one. Typed structurally, so this
 * package depends on neither the SDK nor @smithy/types at run time.
 */
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import { CredentialsError } from "../../errors/ClientErrors.js"
import type { AwsCredentialIdentity } from "./AwsCredentialIdentity.js"
import type { CredentialsSource } from "./CredentialsSource.js"

/** What an SDK v3 provider resolves to (@smithy/types `AwsCredentialIdentity`, the parts used here). */
export interface ProviderCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string | undefined
  readonly expiration?: Date | undefined
}

/** An SDK v3 credential provider (@smithy/types `AwsCredentialIdentityProvider` is assignable to it). */
export type CredentialProvider = () => PromiseLike<ProviderCredentials>

export const DEFAULT_PROVIDER_NAME = "credential provider"

/**
 * The SDK's errors (`CredentialsProviderError`: "Could not load credentials from any
 * providers", "The SSO session ... has expired") are what tells a user what to do, so their
 * name and message are kept; a rejection that is not an Error is not printed at all.
 */
const describeRejection = (cause: unknown): string => {
  if (cause instanceof Error) {
    const name = cause.name === "" || cause.name === "Error" ? "" : `${cause.name}: `
    return `${name}${cause.message}`
  }
  return "it rejected with a value that is not an Error"
}

const nonEmptyString = (value: unknown): value is string => typeof value === "string" && value !== ""

export const providerSource = (provider: CredentialProvider, name: string = DEFAULT_PROVIDER_NAME): CredentialsSource => {
  const fail = (problem: string) => Effect.fail(new CredentialsError({ message: `${name}: ${problem}`, sources: [name] }))
  return {
    name,
    fetch: Effect.tryPromise({
      // A provider that throws synchronously is caught here too.
      try: () => Promise.resolve(provider()),
      catch: (cause) => new CredentialsError({ message: `${name}: ${describeRejection(cause)}`, sources: [name] })
    }).pipe(
      Effect.flatMap((credentials: unknown) => {
        // The provider is foreign code: check what it returned instead of trusting its type.
        if (!Predicate.isRecord(credentials)) return fail("the provider returned no credentials")
        const { accessKeyId, expiration, secretAccessKey, sessionToken } = credentials
        if (!nonEmptyString(accessKeyId)) return fail("the provider returned no accessKeyId")
        if (!nonEmptyString(secretAccessKey)) return fail("the provider returned no secretAccessKey")
        if (sessionToken !== undefined && !nonEmptyString(sessionToken)) {
          return fail("the provider returned a sessionToken that is not a string")
        }
        if (expiration !== undefined && !(expiration instanceof Date && !Number.isNaN(expiration.getTime()))) {
          return fail("the provider returned an expiration that is not a valid Date")
        }
        const identity: AwsCredentialIdentity = {
          accessKeyId,
          secretAccessKey: Redacted.make(secretAccessKey),
          sessionToken: sessionToken === undefined ? undefined : Redacted.make(sessionToken),
          expiration
        }
        return Effect.succeed(identity)
      })
    )
  }
}
