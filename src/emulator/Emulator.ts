/**
 * The emulator's public face: `Emulator.make` builds one (model + wire handler + optional
 * state file), `Emulator.layer` serves it in-process as an `HttpClient`, and `Emulator.serve`
 * starts the HTTP server. The `Emulator` tag gives tests the running instance: its model,
 * request counts and knobs (faults, throttling).
 */
import type { HttpClient } from "@effect/platform"
import * as HttpClientTag from "@effect/platform/HttpClient"
import type { Scope } from "effect"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import type { RequestHandler } from "./handleRequest.js"
import type { RoleAnswer } from "./roleAnswer.js"
import { roleAnswer } from "./roleAnswer.js"
import { makeRequestHandler } from "./handleRequest.js"
import type { Jwks, JwtSigner } from "./Jwt.js"
import { loadJwtSigner } from "./Jwt.js"
import type { EmulatedServiceModel } from "./makeServiceModel.js"
import type { RoleQuery } from "./model/explainRole.js"
import { loadServiceModel } from "./makeServiceModel.js"
import type { EmulatorServerError, ServerOptions } from "./server.js"
import { startServer } from "./server.js"
import type { ServiceModel } from "./ServiceModel.js"
import type { EmulatorState, StateFileError } from "./stateFile.js"
import { loadStateFile, makeStateSaver } from "./stateFile.js"
import type { AccessKey } from "./wire/authenticate.js"
import { DEFAULT_ACCOUNT_ID } from "./wire/authenticate.js"
import type { FaultOptions } from "./wire/FaultInjector.js"
import { makeInProcessHttpClient } from "./wire/inProcessHttpClient.js"
import type { RateLimitSetting } from "./wire/RateLimiter.js"
import type { EmulatorStats } from "./wire/StatsRecorder.js"

export interface SeedPoolsOptions {
  readonly pools: number
  readonly identitiesPerPool: number
  /** Default: the emulator's default account. */
  readonly accountId?: string | undefined
  /** Default: the emulator's default region. */
  readonly region?: string | undefined
}

export interface EmulatorOptions {
  /**
   * The access keys the emulator knows; default the AWS documentation pair
   * `AKIAIOSFODNN7EXAMPLE` / `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` (account 123456789012).
   */
  readonly accessKeys?: ReadonlyArray<AccessKey> | undefined
  /** Default true. False accepts any well-formed signature (unknown keys → `defaultAccountId`). */
  readonly verifySignatures?: boolean | undefined
  /** Default 123456789012. */
  readonly defaultAccountId?: string | undefined
  /** Default "us-east-1": where `seed` creates pools unless told otherwise. */
  readonly defaultRegion?: string | undefined
  /** Allowed SigV4 clock skew; default 5 minutes. */
  readonly maxSkewMillis?: number | undefined
  /** Pools with identities created at start (skipped when a state file was loaded). */
  readonly seed?: SeedPoolsOptions | undefined
  /** Load the state from this JSON file at start, save it after changes and on close. */
  readonly statePath?: string | undefined
  /** Delay between the last change and the save; default 250 ms. */
  readonly stateDebounceMillis?: number | undefined
  /** Injected faults; off by default. */
  readonly faults?: FaultOptions | undefined
  /** Throttling: `true` for AWS's published quotas; off by default. */
  readonly rateLimits?: RateLimitSetting
  /** Larger request bodies are answered 413; default 1 MiB. */
  readonly maxBodyBytes?: number | undefined
  /** PKCS#8 PEM of the RSA key that signs OpenID tokens; default the state file's, else a fresh key. */
  readonly jwtPrivateKeyPem?: string | undefined
  /** Identity pools per account and region (AWS: 1,000), to exercise LimitExceededException. */
  readonly poolQuota?: number | undefined
  /** Replaces the in-memory model (tests of the wire layer). The state file is then not used. */
  readonly model?: ServiceModel | undefined
}

export type ServeOptions = EmulatorOptions & ServerOptions

export interface EmulatorService {
  readonly model: ServiceModel
  /** The awsJson1.1 handler: what the server and the in-process client call. */
  readonly handler: RequestHandler
  /** Requests received so far, per operation and per outcome. */
  readonly stats: () => EmulatorStats
  readonly resetStats: () => void
  readonly setFaults: (faults: FaultOptions | undefined) => void
  readonly setRateLimits: (rateLimits: RateLimitSetting) => void
  /** The public keys that verify the emulator's OpenID tokens (also at GET /.well-known/jwks.json). */
  readonly jwks: () => Jwks
  /** Creates pools with identities; returns the pool ids. */
  readonly seed: (options: SeedPoolsOptions) => Effect.Effect<ReadonlyArray<string>>
  /**
   * The role GetCredentialsForIdentity would give `logins` (none: a guest) in a pool, by the
   * emulator's own resolution, or the reason there is none (the error the call would answer).
   */
  readonly roleFor: (query: RoleQuery) => Effect.Effect<RoleAnswer>
  /** Saves the state file now (nothing to do without `statePath`). */
  readonly saveState: Effect.Effect<void, StateFileError>
  readonly defaultAccountId: string
  readonly defaultRegion: string
}

export interface ServedEmulator {
  /** `http://127.0.0.1:<port>`: the endpoint to give the client. */
  readonly url: string
  readonly host: string
  readonly port: number
  readonly emulator: EmulatorService
}

/** The emulator could not start: an unusable JWT key, or a state the model refused. */
export class EmulatorStartError extends Data.TaggedError("EmulatorStartError")<{
  readonly message: string
  readonly cause?: unknown
}> {}

const loadSigner = (pem: string): Effect.Effect<JwtSigner, EmulatorStartError> => {
  const loaded = loadJwtSigner({ privateKeyPem: pem })
  return loaded._tag === "Loaded"
    ? Effect.succeed(loaded.signer)
    : Effect.fail(new EmulatorStartError({ message: `the JWT signing key given in the options is unusable: ${loaded.reason}` }))
}

const buildModel = (
  options: EmulatorOptions,
  state: EmulatorState | undefined,
  statePath: string | undefined
): Effect.Effect<
  {
    readonly model: ServiceModel
    readonly jwt: JwtSigner | undefined
    readonly issuedCredentials: EmulatedServiceModel["issuedCredentials"] | undefined
    readonly explainRole: EmulatedServiceModel["explainRole"] | undefined
  },
  EmulatorStartError
> =>
  Effect.gen(function*() {
    if (options.model !== undefined) {
      return { model: options.model, jwt: undefined, issuedCredentials: undefined, explainRole: undefined }
    }
    // An explicit key wins over the one saved in the state.
    const jwt = options.jwtPrivateKeyPem === undefined ? undefined : yield* loadSigner(options.jwtPrivateKeyPem)
    const loaded = loadServiceModel({
      ...(jwt === undefined ? {} : { jwt }),
      ...(state === undefined ? {} : { snapshot: state.model }),
      ...(options.poolQuota === undefined ? {} : { poolQuota: options.poolQuota })
    })
    if (Either.isLeft(loaded)) {
      return yield* Effect.fail(
        new EmulatorStartError({
          message: `the emulator state in ${statePath ?? "the snapshot"} cannot be restored (${loaded.left.reason}); fix or remove the file`,
          cause: loaded.left
        })
      )
    }
    const built = loaded.right
    return { model: built, jwt: built.jwt, issuedCredentials: built.issuedCredentials, explainRole: built.explainRole }
  })

const make = (
  options: EmulatorOptions = {}
): Effect.Effect<EmulatorService, EmulatorStartError | StateFileError, Scope.Scope> =>
  Effect.gen(function*() {
    const statePath = options.model === undefined ? options.statePath : undefined
    const state = statePath === undefined ? undefined : yield* loadStateFile(statePath)
    const { explainRole, issuedCredentials, jwt, model } = yield* buildModel(options, state, statePath)
    const defaultAccountId = options.defaultAccountId ?? DEFAULT_ACCOUNT_ID
    const defaultRegion = options.defaultRegion ?? "us-east-1"

    const saver = statePath === undefined
      ? undefined
      : yield* makeStateSaver(
        statePath,
        () => ({ model: model.snapshot() }),
        { debounceMillis: options.stateDebounceMillis }
      )

    const handler = makeRequestHandler({
      model,
      accessKeys: options.accessKeys,
      verifySignatures: options.verifySignatures,
      defaultAccountId,
      maxSkewMillis: options.maxSkewMillis,
      issuedKey: (accessKeyId) => {
        const issued = issuedCredentials?.(accessKeyId)
        return issued === undefined ? undefined : {
          accessKeyId: issued.accessKeyId,
          secretAccessKey: issued.secretKey,
          sessionToken: issued.sessionToken,
          expiration: new Date(issued.expiration),
          accountId: issued.accountId
        }
      },
      rateLimits: options.rateLimits,
      faults: options.faults,
      maxBodyBytes: options.maxBodyBytes,
      jwks: () => jwt?.jwks() ?? { keys: [] },
      onChange: saver === undefined ? undefined : () => saver.schedule()
    })

    const seed = (seedOptions: SeedPoolsOptions): Effect.Effect<ReadonlyArray<string>> =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.sync(() => {
          const ids = model.seed({
            accountId: seedOptions.accountId ?? defaultAccountId,
            region: seedOptions.region ?? defaultRegion,
            pools: seedOptions.pools,
            identitiesPerPool: seedOptions.identitiesPerPool,
            now: new Date(now)
          })
          saver?.schedule()
          return ids
        }))

    if (options.seed !== undefined && state === undefined) yield* seed(options.seed)

    const service: EmulatorService = {
      model,
      handler,
      stats: handler.stats,
      resetStats: handler.resetStats,
      setFaults: handler.setFaults,
      setRateLimits: handler.setRateLimits,
      jwks: () => jwt?.jwks() ?? { keys: [] },
      roleFor: (query) =>
        Effect.map(Clock.currentTimeMillis, (now) => roleAnswer(explainRole?.(query, new Date(now)))),
      seed,
      saveState: saver === undefined ? Effect.void : saver.flush,
      defaultAccountId,
      defaultRegion
    }
    return service
  })

export class Emulator extends Context.Tag("effect-cognito-identity/Emulator")<Emulator, EmulatorService>() {
  /** Builds an emulator; with `statePath`, its state is saved when the scope closes. */
  static readonly make = make

  /**
   * An `HttpClient` answered by a fresh emulator in the same process, through the real wire
   * format, plus the `Emulator` itself for seeding and inspection. Give the client any
   * endpoint (`http://emulator`): no socket is opened.
   */
  static readonly layer = (
    options: EmulatorOptions = {}
  ): Layer.Layer<Emulator | HttpClient.HttpClient, EmulatorStartError | StateFileError> =>
    Layer.scopedContext(
      Effect.map(make(options), (emulator) =>
        Context.make(Emulator, emulator).pipe(
          Context.add(HttpClientTag.HttpClient, makeInProcessHttpClient(emulator.handler))
        ))
    )

  /**
   * Starts the HTTP server (loopback, free port by default); it stops, and the state file is
   * saved, when the scope closes.
   */
  static readonly serve = (
    options: ServeOptions = {}
  ): Effect.Effect<ServedEmulator, EmulatorStartError | StateFileError | EmulatorServerError, Scope.Scope> =>
    Effect.gen(function*() {
      const emulator = yield* make(options)
      const server = yield* startServer(emulator.handler, {
        ...options,
        onRefused: (outcome) => emulator.handler.record(undefined, outcome)
      })
      return { url: server.url, host: server.host, port: server.port, emulator }
    })
}
