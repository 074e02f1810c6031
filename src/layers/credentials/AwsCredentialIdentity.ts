/**
 * The shape every credentials source produces and the service the executor reads at each
 * signing. Kept apart from the `AwsCredentials` tag so that the sources in this folder can be
 * written without importing the tag (and its static constructors) back.
 */
import type { Effect, Redacted } from "effect"
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
}
