/** The flags every command that talks to the service shares, and the layers they build. */
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { CognitoIdentityClient } from "../layers/CognitoIdentityClient.js"
import { RetryPolicy } from "../layers/RetryPolicy.js"
import { defaultChain, fromIni, profileRegion } from "../node/fromIni.js"
import { UndiciHttpClient } from "../node/UndiciHttpClient.js"
import { UsageError } from "./UsageError.js"

export const connectionOptions = {
  region: Options.text("region").pipe(Options.optional),
  endpoint: Options.text("endpoint").pipe(Options.optional),
  profile: Options.text("profile").pipe(Options.optional)
}

export interface ConnectionFlags {
  readonly region: Option.Option<string>
  readonly endpoint: Option.Option<string>
  readonly profile: Option.Option<string>
}

/**
 * The client, credentials and retry policy for a command, as the aws CLI finds them: flags
 * first, then the environment (`AWS_REGION`, `AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL*`,
 * `AWS_MAX_ATTEMPTS`, `AWS_RETRY_MODE`), then the profile's `region` in `~/.aws/config`.
 * Credentials come from the environment, then the shared files (or only the named profile),
 * read at the first signing.
 */
export const connectionLayer = (flags: ConnectionFlags) => {
  const profile = Option.getOrUndefined(flags.profile)
  return Layer.mergeAll(
    CognitoIdentityClient.layerConfig({
      region: Option.getOrUndefined(flags.region),
      endpoint: Option.getOrUndefined(flags.endpoint)
    }).pipe(Layer.provide(Layer.merge(UndiciHttpClient.layer, profileRegion({ profile })))),
    // An explicit --profile wins over environment credentials, as in the aws CLI.
    profile === undefined ? defaultChain() : fromIni({ profile }),
    RetryPolicy.layerConfig()
  )
}

/** Fails, naming where a region comes from, when the client has none (a call could not be signed). */
export const requireRegion = Effect.flatMap(CognitoIdentityClient, (client) =>
  client.region === undefined
    ? Effect.fail(
      new UsageError({
        message: "no AWS region: give --region REGION, or set AWS_REGION (or a region in your ~/.aws/config profile)"
      })
    )
    : Effect.void)
