/**
 * README credentials: AWS credentials in a browser, obtained from an identity pool with the
 * unsigned operations (no AWS keys in the page), refreshed before they expire, and the
 * identity id kept across visits in localStorage.
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

export const userPool = "cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE"

/** In the browser: fetch, and the region of the identity pool. */
export const BrowserClient = CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(FetchHttpClient.layer))

export const IdentityPoolCredentials = (
  identityPoolId: string,
  /** The signed-in user's ID token, re-read at each refresh; omit the logins for guests. */
  idToken: Effect.Effect<string>,
  storage: KeyValueStorage // e.g. window.localStorage
) =>
  AwsCredentials.fromCognitoIdentityPool({
    identityPoolId,
    logins: Effect.map(idToken, (token) => ({ [userPool]: token })),
    store: IdentityIdStore.fromStorage(storage)
  })

/** The identity behind the credentials (GetId runs once per pool and login set). */
export const currentIdentityId = Effect.flatMap(CognitoIdentityCredentials, (credentials) => credentials.identityId)
