/**
 * What `AwsCredentials.fromCognitoIdentityPool` provides besides the credentials: the identity
 * they belong to, which applications need (as a user key, for S3 prefixes, for DescribeIdentity).
 */
import type { Effect } from "effect"
import * as Context from "effect/Context"
import type { CredentialsError } from "../../errors/ClientErrors.js"

export interface CognitoIdentityCredentialsService {
  readonly identityPoolId: string
  /**
   * The identity id of the current credentials. Before the first signing it runs the flow
   * (GetId, GetCredentialsForIdentity) to learn it.
   */
  readonly identityId: Effect.Effect<string, CredentialsError>
  /**
   * Sign-out: removes the remembered identity id for the current logins from the store and
   * drops the cached credentials, so the next signing starts over with GetId.
   */
  readonly forget: Effect.Effect<void>
}

export class CognitoIdentityCredentials extends Context.Tag("effect-cognito-identity/CognitoIdentityCredentials")<
  CognitoIdentityCredentials,
  CognitoIdentityCredentialsService
>() {}
