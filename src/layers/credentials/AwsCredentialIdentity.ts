/**
 * The credentials service: the shape every source produces, the service a signed call reads
 * at each signing, and its tag alone. `AwsCredentials` in `layers/AwsCredentials.ts` is this
 * tag (it extends it: one key) with the layers that provide it, one of which calls operations
 * itself (`fromCognitoIdentityPool`): the tag sits below the executor, the constructors above
 * it, and a program that signs does not load every source of credentials.
 */
import type { Effect, Redacted } from "effect"
import * as Context from "effect/Context"
import type { CredentialsError } from "../../errors/ClientErrors.js"

/** A set of AWS credentials; the secret parts are `Redacted` and only revealed to the signer. */
export interface AwsCredentialIdentity {
  readonly accessKeyId: string
  readonly secretAccessKey: Redacted.Redacted<string>
  readonly sessionToken?: Redacted.Redacted<string> | undefined
  /** When temporary credentials stop working. */
  readonly expiration?: Date | undefined
}

export interface AwsCredentialsService {
  /** The credentials to sign with now; read at every signing, so a provider may refresh them. */
  readonly get: Effect.Effect<AwsCredentialIdentity, CredentialsError>
  /**
   * Forget cached credentials, so that the next `get` obtains fresh ones (used after the
   * service answers ExpiredTokenException). A no-op for fixed credentials.
   */
  readonly invalidate: Effect.Effect<void>
  /**
   * Optional: the credentials `get` would answer at once at `nowMillis` (the calling fiber's
   * clock), or undefined when it would have to wait (nothing cached yet, expired, invalidated)
   * or cannot tell. With an attempt timeout on a transport that times itself, the client bounds
   * the wait for credentials with a race of its own only when this does not answer: a service
   * without it costs that race (two fibers, ~60 µs) on every signed attempt.
   */
  readonly current?: ((nowMillis: number) => AwsCredentialIdentity | undefined) | undefined
}

/** The tag of the credentials service, without its constructors (see the module comment). */
export class AwsCredentials extends Context.Tag("effect-cognito-identity/AwsCredentials")<
  AwsCredentials,
  AwsCredentialsService
>() {}
