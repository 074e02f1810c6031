/**
 * README quick start: GetId (unsigned: no AWS credentials needed) and DescribeIdentityPool
 * (signed with SigV4), with the layers they need. Run against AWS with
 *   AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... POOL_ID=us-east-1:... npx tsx examples/quickstart.ts
 * The test suite runs the same `program` against the emulator (test/examples.test.ts).
 */
import { Config, Console, Effect, Layer } from "effect"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient } from "effect-cognito-identity"
import { UndiciHttpClient } from "effect-cognito-identity/node"

export const program = (identityPoolId: string) =>
  Effect.gen(function*() {
    // Public operation: its type requires only CognitoIdentityClient.
    const { IdentityId } = yield* CognitoIdentity.getId({ IdentityPoolId: identityPoolId })
    yield* Console.log(`new identity: ${IdentityId}`)

    // Signed operation: its type also requires AwsCredentials.
    const pool = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: identityPoolId })
    yield* Console.log(`pool "${pool.IdentityPoolName}" allows guests: ${pool.AllowUnauthenticatedIdentities}`)
    return { identityId: IdentityId, poolName: pool.IdentityPoolName }
  })

/** The layers for AWS: region and endpoint from the environment, credentials from the environment. */
export const AwsLayer = Layer.mergeAll(
  CognitoIdentityClient.layerConfig().pipe(Layer.provide(UndiciHttpClient.layer)),
  AwsCredentials.fromEnv
)

if (import.meta.url === `file://${process.argv[1]}`) {
  Effect.runPromise(
    Effect.flatMap(Config.string("POOL_ID"), program).pipe(Effect.provide(AwsLayer))
  ).catch((error: unknown) => {
    console.error(String(error))
    process.exitCode = 1
  })
}
