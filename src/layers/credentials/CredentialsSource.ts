/**
 * A way to obtain credentials once, with no caching: the environment, a profile, an SDK
 * provider function, an identity pool. `cachedCredentials` turns a source into the service
 * the executor reads, adding refresh before expiration and single-flight fetching.
 */
import type { Effect } from "effect"
import type { CredentialsError } from "../../errors/ClientErrors.js"
import type { AwsCredentialIdentity } from "./AwsCredentialIdentity.js"

export interface CredentialsSource<R = never> {
  /**
   * How the source is named in errors, logs and spans (`environment`, `profile "dev"`, ...).
   * Never a secret: it is printed.
   */
  readonly name: string
  /** Obtains credentials now. Its failure says what is missing, never a value. */
  readonly fetch: Effect.Effect<AwsCredentialIdentity, CredentialsError, R>
}
