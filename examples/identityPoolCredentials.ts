/**
 * README credentials: AWS credentials in a browser from an identity pool, through the unsigned
 * operations (no AWS keys in the page), refreshed before they expire, with the identity id kept
 * across visits in the storage given. browserIdentityPool.ts is a whole page built on it.
 */
import { FetchHttpClient } from "@effect/platform"
import { Effect, Layer } from "effect"
import {
  AwsCredentials,
  CognitoIdentityClient,
  CognitoIdentityCredentials,
  IdentityIdStore,
  type KeyValueStorage
} from "effect-cognito-identity"

/** A Cognito user pool as login provider, for signed-in users. */
export const userPool = "cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE"

/** The client over the browser's fetch, in the pool's region; `endpoint` only for an emulator. */
export const BrowserClient = (identityPoolId: string, endpoint?: string) =>
  CognitoIdentityClient.layer({
    region: identityPoolId.slice(0, identityPoolId.indexOf(":")),
    ...(endpoint === undefined ? {} : { endpoint })
  }).pipe(Layer.provide(FetchHttpClient.layer))

/**
 * Guest credentials, or a signed-in user's when `idToken` is given (re-read at each refresh,
 * so it can hand over a fresh token), with the identity id kept in `storage`.
 */
export const IdentityPoolCredentials = (
  identityPoolId: string,
  idToken: Effect.Effect<string> | undefined,
  storage: KeyValueStorage // e.g. window.localStorage
) =>
  AwsCredentials.fromCognitoIdentityPool({
    identityPoolId,
    ...(idToken === undefined ? {} : { logins: Effect.map(idToken, (token) => ({ [userPool]: token })) }),
    store: IdentityIdStore.fromStorage(storage)
  })

/** The identity behind the credentials (GetId runs once per pool and login set). */
export const currentIdentityId = Effect.flatMap(CognitoIdentityCredentials, (credentials) => credentials.identityId)
