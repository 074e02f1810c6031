/**
 * The AWS credentials that sign the 19 signed operations. Only those operations require
 * this service: the four public ones never ask for it.
 */
import { Config, Context, Effect, Layer, Option, Redacted } from "effect"
import { CredentialsError } from "../errors/ClientErrors.js"

/** A set of AWS credentials; the secret parts are `Redacted` and only revealed to the signer. */
export interface AwsCredentialIdentity {
  readonly accessKeyId: string
  readonly secretAccessKey: Redacted.Redacted<string>
  readonly sessionToken?: Redacted.Redacted<string> | undefined
  /** When temporary credentials stop working. */
  readonly expiration?: Date | undefined
}

export interface AwsCredentialsService {
  /** The credentials to sign with now; read at every signing, so a provider may refresh them. */
  readonly get: Effect.Effect<AwsCredentialIdentity, CredentialsError>
  /**
   * Forget cached credentials, so that the next `get` obtains fresh ones (used after the
   * service answers ExpiredTokenException). A no-op for fixed credentials.
   */
  readonly invalidate: Effect.Effect<void>
}

const fromEnvConfig = Config.all({
  accessKeyId: Config.string("AWS_ACCESS_KEY_ID"),
  secretAccessKey: Config.redacted("AWS_SECRET_ACCESS_KEY"),
  sessionToken: Config.option(Config.redacted("AWS_SESSION_TOKEN"))
})

export class AwsCredentials extends Context.Tag("effect-cognito-identity/AwsCredentials")<
  AwsCredentials,
  AwsCredentialsService
>() {
  /** Fixed credentials. Plain strings are wrapped in `Redacted`. */
  static readonly static = (credentials: {
    readonly accessKeyId: string
    readonly secretAccessKey: string | Redacted.Redacted<string>
    readonly sessionToken?: string | Redacted.Redacted<string> | undefined
  }): Layer.Layer<AwsCredentials> => {
    const identity: AwsCredentialIdentity = {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: asRedacted(credentials.secretAccessKey),
      sessionToken: credentials.sessionToken === undefined ? undefined : asRedacted(credentials.sessionToken)
    }
    return Layer.succeed(AwsCredentials, { get: Effect.succeed(identity), invalidate: Effect.void })
  }

  /** `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optionally `AWS_SESSION_TOKEN`, read once. */
  static readonly fromEnv: Layer.Layer<AwsCredentials, CredentialsError> = Layer.effect(
    AwsCredentials,
    fromEnvConfig.pipe(
      Effect.map(({ accessKeyId, secretAccessKey, sessionToken }) => {
        const identity: AwsCredentialIdentity = {
          accessKeyId,
          secretAccessKey,
          sessionToken: Option.getOrUndefined(sessionToken)
        }
        return { get: Effect.succeed(identity), invalidate: Effect.void }
      }),
      Effect.mapError(() =>
        new CredentialsError({
          message: "no credentials in the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set",
          sources: ["environment"]
        })
      )
    )
  )
}

const asRedacted = (value: string | Redacted.Redacted<string>): Redacted.Redacted<string> =>
  Redacted.isRedacted(value) ? value : Redacted.make(value)
