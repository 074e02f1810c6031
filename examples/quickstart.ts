/**
 * README quick start: GetId (unsigned: no AWS credentials needed) and DescribeIdentityPool
 * (signed with SigV4), with the layers they need. `node examples/run.mjs quickstart` runs
 * `main` (see the README's "Development"); test/examples/examples.test.ts runs `program`
 * against the emulator by swapping the layers.
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

export const AwsLayer = Layer.mergeAll(
  CognitoIdentityClient.layerConfig().pipe(Layer.provide(UndiciHttpClient.layer)), // AWS_REGION, AWS_ENDPOINT_URL...
  AwsCredentials.fromEnv // AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
)

/** The pool named by POOL_ID, with everything else from the environment. */
export const main = Effect.flatMap(Config.string("POOL_ID"), program).pipe(Effect.provide(AwsLayer))
