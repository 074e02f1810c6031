/** The flags every command that talks to the service shares, and the layers they build. */
import * as Options from "@effect/cli/Options"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { CognitoIdentityClient } from "../layers/CognitoIdentityClient.js"
import { defaultChain, fromIni } from "../node/fromIni.js"
import { UndiciHttpClient } from "../node/UndiciHttpClient.js"

export const connectionOptions = {
  region: Options.text("region").pipe(
    Options.withDescription("AWS region (default: AWS_REGION / AWS_DEFAULT_REGION)"),
    Options.optional
  ),
  endpoint: Options.text("endpoint").pipe(
    Options.withDescription("Custom endpoint URL, e.g. an emulator (default: AWS_ENDPOINT_URL_COGNITO_IDENTITY)"),
    Options.optional
  ),
  profile: Options.text("profile").pipe(
    Options.withDescription("Profile of ~/.aws/credentials and ~/.aws/config (default: AWS_PROFILE, then default)"),
    Options.optional
  )
}

export interface ConnectionFlags {
  readonly region: Option.Option<string>
  readonly endpoint: Option.Option<string>
  readonly profile: Option.Option<string>
}

/**
 * The client and credentials for a command: flags first, then the standard environment.
 * Credentials come from the environment, then the shared files (or only the named profile),
 * read at the first signing.
 */
export const connectionLayer = (flags: ConnectionFlags) =>
  Layer.mergeAll(
    CognitoIdentityClient.layerConfig({
      region: Option.getOrUndefined(flags.region),
      endpoint: Option.getOrUndefined(flags.endpoint)
    }).pipe(Layer.provide(UndiciHttpClient.layer)),
    // An explicit --profile wins over environment credentials, as in the aws CLI.
    Option.match(flags.profile, { onNone: () => defaultChain(), onSome: (profile) => fromIni({ profile }) })
  )
