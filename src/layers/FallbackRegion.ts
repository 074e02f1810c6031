/**
 * Where `CognitoIdentityClient.layerConfig` takes a region from when neither its options nor
 * the environment (`AWS_REGION`, `AWS_DEFAULT_REGION`) give one. By default nowhere: the core
 * runs in browsers too and reads no files. On Node, `profileRegion()` from
 * `effect-cognito-identity/node` provides the `region` of the shared config profile
 * (`~/.aws/config`, `AWS_PROFILE`), as the AWS CLI and SDKs read it.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"

export class FallbackRegion extends Context.Reference<FallbackRegion>()("effect-cognito-identity/FallbackRegion", {
  defaultValue: (): Effect.Effect<string | undefined> => Effect.succeed(undefined)
}) {}
