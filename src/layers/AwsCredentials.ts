/**
 * The AWS credentials that sign the 19 signed operations. Only those operations require
 * this service: the four public ones never ask for it.
 *
 * Everything here is platform-neutral (browsers, workers, Deno, Bun, Node): the shared
 * config files live in the Node entry (`effect-cognito-identity/node`: `fromIni`,
 * `defaultChain`), because a static member here could not be tree-shaken out of a browser
 * bundle together with its node:fs imports.
 */
import type { Redacted } from "effect"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { CredentialsError } from "../errors/ClientErrors.js"
import type { CognitoIdentityClient } from "./CognitoIdentityClient.js"
import type { AwsCredentialIdentity } from "./credentials/AwsCredentialIdentity.js"
import { AwsCredentials as AwsCredentialsTag } from "./credentials/AwsCredentialIdentity.js"
import type { RefreshOptions } from "./credentials/cachedCredentials.js"
import { cachedCredentials } from "./credentials/cachedCredentials.js"
import type { ChainLink } from "./credentials/chainCredentials.js"
import { chainCredentials } from "./credentials/chainCredentials.js"
import { CognitoIdentityCredentials } from "./credentials/CognitoIdentityCredentials.js"
import type { CredentialsSource } from "./credentials/CredentialsSource.js"
import { environmentSource } from "./credentials/environmentSource.js"
import type { CognitoIdentityPoolOptions } from "./credentials/makeCognitoIdentityPoolCredentials.js"
import { makeCognitoIdentityPoolCredentials } from "./credentials/makeCognitoIdentityPoolCredentials.js"
import type { CredentialProvider } from "./credentials/providerSource.js"
import { providerSource } from "./credentials/providerSource.js"
import { toRedacted } from "./credentials/toRedacted.js"

export type { AwsCredentialIdentity, AwsCredentialsService } from "./credentials/AwsCredentialIdentity.js"

/** What `chain` accepts: a credentials layer, or a bare source (cached by the chain). */
export type CredentialsChainLink =
  | Layer.Layer<AwsCredentials, CredentialsError, unknown>
  | CredentialsSource<unknown>

/** What the links of a chain need, together. */
export type CredentialsChainRequirements<L> = L extends Layer.Layer<infer _Out, infer _E, infer R> ? R
  : L extends CredentialsSource<infer R> ? R
  : never

const isSource = (link: CredentialsChainLink): link is CredentialsSource<unknown> => !Layer.isLayer(link)

export interface FromProviderOptions extends RefreshOptions {
  /** How the provider is named in errors, logs and spans (e.g. "sso"); default "credential provider". */
  readonly name?: string | undefined
}

/**
 * The credentials service's tag (`credentials/AwsCredentialIdentity.ts`: one key), with the
 * layers that provide it.
 */
export class AwsCredentials extends AwsCredentialsTag {
  /** Fixed credentials. Plain strings are wrapped in `Redacted`. */
  static readonly static = (credentials: {
    readonly accessKeyId: string
    readonly secretAccessKey: string | Redacted.Redacted<string>
    readonly sessionToken?: string | Redacted.Redacted<string> | undefined
  }): Layer.Layer<AwsCredentials> => {
    const identity: AwsCredentialIdentity = {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: toRedacted(credentials.secretAccessKey),
      sessionToken: credentials.sessionToken === undefined ? undefined : toRedacted(credentials.sessionToken)
    }
    return Layer.succeed(AwsCredentials, { get: Effect.succeed(identity), invalidate: Effect.void, current: () => identity })
  }

  /**
   * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optionally `AWS_SESSION_TOKEN`, through the
   * current `ConfigProvider`. Read when the layer is built (so a missing variable fails the
   * layer, naming it) and again after `invalidate`.
   */
  static readonly fromEnv: Layer.Layer<AwsCredentials, CredentialsError> = Layer.scoped(
    AwsCredentials,
    Effect.tap(cachedCredentials(environmentSource), (service) => service.get)
  )

  /**
   * Any AWS SDK v3 credential provider (`fromSSO()`, `fromInstanceMetadata()`,
   * `fromContainerMetadata()`, `fromTokenFile()`, `fromIni()`, ... from
   * `@aws-sdk/credential-providers`), called at the first signing and again before the
   * credentials it returned expire. A rejection is a `CredentialsError` with the provider's
   * message.
   */
  static readonly fromProvider = (
    provider: CredentialProvider,
    options: FromProviderOptions = {}
  ): Layer.Layer<AwsCredentials> =>
    Layer.scoped(AwsCredentials, cachedCredentials(providerSource(provider, options.name), options))

  /**
   * Any source (`{ name, fetch }`), cached: fetched at the first signing, refreshed before its
   * credentials expire, one fetch at a time, fetched again after `invalidate`.
   */
  static readonly cached = <R = never>(
    source: CredentialsSource<R>,
    options: RefreshOptions = {}
  ): Layer.Layer<AwsCredentials, never, R> => Layer.scoped(AwsCredentials, cachedCredentials(source, options))

  /**
   * The first link that yields credentials, tried in order at the first signing; that link is
   * kept from then on. When none does, the `CredentialsError` lists every source tried and why
   * each failed. Layers that fail to build count as sources that yielded nothing.
   */
  static readonly chain = <const Links extends ReadonlyArray<CredentialsChainLink>>(
    ...links: Links
  ): Layer.Layer<AwsCredentials, never, CredentialsChainRequirements<Links[number]>> => {
    const chainLinks = links.map((link): ChainLink<unknown> =>
      isSource(link) ? cachedCredentials(link) : Effect.map(Layer.build(link), Context.get(AwsCredentials))
    )
    // The requirements are the union of the links' ones, which the conditional type spells out.
    return Layer.scoped(AwsCredentials, chainCredentials(chainLinks)) as Layer.Layer<
      AwsCredentials,
      never,
      CredentialsChainRequirements<Links[number]>
    >
  }

  /**
   * Credentials of an identity in a Cognito identity pool (the enhanced flow: GetId, then
   * GetCredentialsForIdentity), refreshed before they expire. Needs only `CognitoIdentityClient`:
   * both calls are the public, unsigned ones, so it works in a browser with no AWS credentials.
   * Also provides `CognitoIdentityCredentials` (the identity id, sign-out).
   */
  static readonly fromCognitoIdentityPool = <E = never, R = never>(
    options: CognitoIdentityPoolOptions<E, R>
  ): Layer.Layer<AwsCredentials | CognitoIdentityCredentials, never, CognitoIdentityClient | R> =>
    Layer.scopedContext(
      Effect.map(makeCognitoIdentityPoolCredentials(options), ({ credentials, identity }) =>
        Context.make(AwsCredentials, credentials).pipe(Context.add(CognitoIdentityCredentials, identity)))
    )
}
