/**
 * README quick start: what the types say. Each annotation is checked by the compiler (the
 * exact types are proven in test/types).
 */
import type { Effect } from "effect"
import type {
  AwsCredentials,
  CognitoIdentityClient,
  DescribeIdentityPoolError,
  DescribeIdentityPoolOutput,
  GetIdError,
  GetIdOutput
} from "effect-cognito-identity"
import { CognitoIdentity } from "effect-cognito-identity"

export const guest = (IdentityPoolId: string): Effect.Effect<GetIdOutput, GetIdError, CognitoIdentityClient> =>
  CognitoIdentity.getId({ IdentityPoolId })

export const describePool = (
  IdentityPoolId: string
): Effect.Effect<DescribeIdentityPoolOutput, DescribeIdentityPoolError, CognitoIdentityClient | AwsCredentials> =>
  CognitoIdentity.describeIdentityPool({ IdentityPoolId })
