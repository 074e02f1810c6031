/**
 * README credentials: identity-pool credentials for any AWS SDK v3 client (STS here; S3,
 * Kinesis or IoT the same way), sharing the layer's cache and refresh, released by dispose()
 * (test/credentials/sdkCredentialProvider.test.ts runs it against the emulator and moto_server).
 */
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts"
import { Layer } from "effect"
import { AwsCredentials, SdkCredentialProvider } from "effect-cognito-identity"
import { BrowserClient } from "./identityPoolCredentials.js"

/** A guest's credentials from an identity pool, as an SDK v3 credential provider. */
export const guestCredentials = (identityPoolId: string, cognitoEndpoint?: string) =>
  SdkCredentialProvider.make(
    AwsCredentials.fromCognitoIdentityPool({ identityPoolId }).pipe(Layer.provide(BrowserClient(identityPoolId, cognitoEndpoint)))
  )

/** Who the guest is to AWS: STS GetCallerIdentity, signed with the pool's credentials. */
export const whoAmI = async (identityPoolId: string, endpoints: { readonly cognito?: string; readonly sts?: string } = {}) => {
  const credentials = guestCredentials(identityPoolId, endpoints.cognito)
  const sts = new STSClient({ region: "us-east-1", credentials, ...(endpoints.sts === undefined ? {} : { endpoint: endpoints.sts }) })
  try {
    const { Arn } = await sts.send(new GetCallerIdentityCommand({}))
    return Arn
  } finally {
    await credentials.dispose() // the layer's resources (its background refresh) go with it
  }
}
