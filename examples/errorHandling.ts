/**
 * README error handling: every fault is a tagged error, so `Effect.catchTag(s)` handles exactly
 * what an operation can fail with, and the compiler knows what is left.
 */
import { Effect } from "effect"
import { CognitoIdentity } from "effect-cognito-identity"

/** The pool's name, or undefined when it does not exist (any other failure stays in the channel). */
export const poolName = (identityPoolId: string) =>
  CognitoIdentity.describeIdentityPool({ IdentityPoolId: identityPoolId }).pipe(
    Effect.map((pool) => pool.IdentityPoolName as string | undefined),
    Effect.catchTag("ResourceNotFoundException", () => Effect.succeed(undefined))
  )

/** A guest identity, with the reasons it may be refused turned into values. */
export const guestIdentity = (identityPoolId: string) =>
  CognitoIdentity.getId({ IdentityPoolId: identityPoolId }).pipe(
    Effect.map(({ IdentityId }) => ({ _tag: "Guest" as const, identityId: IdentityId })),
    Effect.catchTags({
      // The pool does not allow unauthenticated identities.
      NotAuthorizedException: (error) => Effect.succeed({ _tag: "Refused" as const, reason: error.message }),
      // Invalid input never reaches the network: the issues name the member and the rule.
      ValidationError: (error) =>
        Effect.succeed({ _tag: "Refused" as const, reason: error.issues.map((i) => `${i.path} ${i.message}`).join("; ") })
    })
  )
