/**
 * README credentials: a page that tells "sign in again" from any other failure of its
 * identity-pool credentials, by the typed cause of the CredentialsError
 * (test/credentials/typedLoginFailures.test.ts runs it against the emulator).
 */
import { Effect } from "effect"
import { CognitoIdentityCredentials } from "effect-cognito-identity"

/** The signed-in user's identity, or where to send them. */
export const currentUser = Effect.flatMap(CognitoIdentityCredentials, (credentials) => credentials.identityId).pipe(
  Effect.map((identityId) => ({ _tag: "SignedIn" as const, identityId })),
  Effect.catchTag("CredentialsError", (error) => {
    switch (error.cause?._tag) {
      case "LoginsError": // your logins effect failed: error.cause.error is its failure, as it was
      case "NotAuthorizedException": // the pool refused the login token (expired, revoked, ...)
        return Effect.succeed({ _tag: "SignIn" as const, reason: error.cause._tag, hint: error.hint })
      default: // the network, the pool's configuration, ...: error.hint says what to change, if known
        return Effect.fail(error)
    }
  })
)
