/** README streaming: the three paginated operations as Streams of items and of whole pages. */
import { CognitoIdentity } from "effect-cognito-identity"

export const streams = (IdentityPoolId: string, IdentityId: string) => [
  CognitoIdentity.listIdentitiesStream({ IdentityPoolId, HideDisabled: true }), // Stream<IdentityDescription>
  CognitoIdentity.listIdentitiesPages({ IdentityPoolId, MaxResults: 20 }), // Stream<ListIdentitiesOutput>
  CognitoIdentity.listIdentityPoolsStream(), // Stream<IdentityPoolShortDescription>
  CognitoIdentity.lookupDeveloperIdentityStream({ IdentityPoolId, IdentityId }) // Stream<string>
] as const
