/**
 * Any `AwsCredentials` layer (an identity pool, a chain, a profile, fixed keys) as an AWS SDK v3
 * credential provider, for the clients that call the rest of AWS (S3, Kinesis, IoT, ...):
 * `new S3Client({ credentials: provider })`.
 *
 * The provider reads the layer's one credentials service, so it shares its cache and its
 * single-flight refresh: however many clients and requests ask at once, one fetch is made, and
 * the credentials are refreshed before they expire. Its types are structural (the SDK's
 * `AwsCredentialIdentityProvider` accepts it): this package depends on no SDK package.
 *
 * The layer holds resources (the cache's background refresh, whatever the source opened): a
 * provider made inside Effect lives as long as its scope (`scoped`); one made outside lives
 * until `dispose()` (`make`, on a `ManagedRuntime`). After that, it rejects with a
 * `CredentialsError` saying so.
 */
import type { Scope } from "effect"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import * as Runtime from "effect/Runtime"
import { CredentialsError } from "../errors/ClientErrors.js"
import type { AwsCredentialIdentity } from "./credentials/AwsCredentialIdentity.js"
import { AwsCredentials } from "./credentials/AwsCredentialIdentity.js"

/** What an SDK v3 credential provider resolves to (@smithy/types `AwsCredentialIdentity`, the parts set here). */
export interface SdkCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
  readonly expiration?: Date
}

/**
 * An SDK v3 credential provider. It rejects with the layer's failure as it is: a
 * `CredentialsError` (its `cause` says whether a login was refused), or the error the layer
 * failed to build with.
 */
export interface SdkCredentialProvider {
  (): Promise<SdkCredentials>
}

/** A provider that owns its layer: `dispose()` closes it (and waits for its finalizers). */
export interface DisposableSdkCredentialProvider extends SdkCredentialProvider {
  readonly dispose: () => Promise<void>
}

const toSdkCredentials = (identity: AwsCredentialIdentity): SdkCredentials => ({
  accessKeyId: identity.accessKeyId,
  secretAccessKey: Redacted.value(identity.secretAccessKey),
  ...(identity.sessionToken === undefined ? {} : { sessionToken: Redacted.value(identity.sessionToken) }),
  ...(identity.expiration === undefined ? {} : { expiration: identity.expiration })
})

const closed = (how: string) =>
  Promise.reject(new CredentialsError({ message: `the credential provider was ${how}: its layer is closed` }))

/**
 * The promise of an exit: its value, or the failure itself (not a FiberFailure around it, nor
 * the span annotation Effect may have wrapped it in).
 */
const settle = <A, E>(exit: Exit.Exit<A, E>): Promise<A> =>
  Exit.isSuccess(exit) ? Promise.resolve(exit.value) : Promise.reject(Cause.originalError(Cause.squash(exit.cause)))

const getCredentials = Effect.map(Effect.flatMap(AwsCredentials, (service) => service.get), toSdkCredentials)

export const SdkCredentialProvider = {
  /**
   * Builds `layer` in the current scope and hands its credentials to the SDK; the layer is
   * released when the scope closes. The provider runs on the current runtime (its logger,
   * tracer and clock).
   */
  scoped: <E, R>(
    layer: Layer.Layer<AwsCredentials, E, R>
  ): Effect.Effect<SdkCredentialProvider, E, R | Scope.Scope> =>
    Effect.gen(function*() {
      const context = yield* Layer.build(layer)
      const runtime = yield* Effect.runtime<never>()
      const run = Runtime.runPromiseExit(Runtime.provideService(runtime, AwsCredentials, Context.get(context, AwsCredentials)))
      let open = true
      yield* Effect.addFinalizer(() => Effect.sync(() => void (open = false)))
      return () => (open ? run(getCredentials).then(settle) : closed("released with its scope"))
    }),

  /**
   * For code outside Effect: the layer is built once, at the first call, and kept until
   * `dispose()`. A layer that fails to build rejects that call and every later one with its
   * error (make a new provider once the cause is fixed).
   */
  make: <E>(layer: Layer.Layer<AwsCredentials, E>): DisposableSdkCredentialProvider => {
    const runtime = ManagedRuntime.make(layer)
    let open = true
    const provider = () => (open ? runtime.runPromiseExit(getCredentials).then(settle) : closed("disposed"))
    const dispose = () => {
      open = false
      return runtime.dispose()
    }
    return Object.assign(provider, { dispose })
  }
}
