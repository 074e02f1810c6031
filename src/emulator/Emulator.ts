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
import { randomUUID } from "node:crypto"
import type { RequestHandler } from "./handleRequest.js"
import { makeRequestHandler } from "./handleRequest.js"
import type { Authorizer, RolePolicies } from "./iam/authorize.js"
import { compileRolePolicies, makeAuthorizer } from "./iam/authorize.js"
import type { Jwks, JwtSigner } from "./Jwt.js"
import { loadJwtSigner } from "./Jwt.js"
import type { EmulatedServiceModel } from "./makeServiceModel.js"
import type { RoleQuery } from "./model/explainRole.js"
import { DEFAULT_POOL_QUOTA, loadServiceModel } from "./makeServiceModel.js"
import { operationTable } from "../operations/table.js"
import { internalError } from "./model/faults.js"
import type { RoleAnswer } from "./roleAnswer.js"
import { roleAnswer } from "./roleAnswer.js"
import type { EmulatorServerError, ServerOptions } from "./server.js"
import { startServer } from "./server.js"
import type { ServiceModel } from "./ServiceModel.js"
import type { StateFile, StateFileError, StateFileStats } from "./stateFile.js"
import { openStateFile } from "./stateFile.js"
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
  /**
   * Load the state from this file at start and keep it there: each change is on disk within
   * `stateFlushMillis`, whatever the traffic. A path that cannot be written is refused at start;
   * a save that fails later fails `stateFailure` and every later call. See `stateFile.ts`.
   */
  readonly statePath?: string | undefined
  /** Longest delay between a change and its write to the state file; default 200 ms. */
  readonly stateFlushMillis?: number | undefined
  /** The state file's journal is compacted once larger than its snapshot and this; default 32 MiB. */
  readonly stateCompactMinBytes?: number | undefined
  /**
   * Opt-in IAM for the credentials the emulator issues (default false, like moto and
   * LocalStack): calls signed with them are allowed only as far as `rolePolicies` allow; a role
   * without a policy may do nothing. Long-term keys (`accessKeys`) stay all-powerful.
   */
  readonly enforceIam?: boolean | undefined
  /** Role ARN → its IAM policy documents (JSON text or objects), evaluated with `enforceIam`. */
  readonly rolePolicies?: RolePolicies | undefined
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
  /** Writes the changes not yet in the state file now (nothing to do without `statePath`). */
  readonly saveState: Effect.Effect<void, StateFileError>
  /** Fails as soon as a save fails (never, without `statePath`); never succeeds. */
  readonly stateFailure: Effect.Effect<never, StateFileError>
  /** What the state file has written since start; undefined without `statePath`. */
  readonly stateStats: () => StateFileStats | undefined
  /**
   * Replaces every role's policies (checked first; nothing changes if one is invalid). They are
   * evaluated only with `enforceIam`. For tests that write a policy for a pool they created.
   */
  readonly setRolePolicies: (rolePolicies: RolePolicies) => Effect.Effect<void, IamPolicyError>
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

/** The emulator could not start: an unusable JWT key, or an invalid `rolePolicies` (a state file that cannot be used is a `StateFileError`). */
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

interface BuiltModel {
  readonly model: ServiceModel
  readonly jwt: JwtSigner | undefined
  readonly issuedCredentials: EmulatedServiceModel["issuedCredentials"] | undefined
  readonly explainRole: EmulatedServiceModel["explainRole"] | undefined
  readonly stateFile: StateFile | undefined
}

const buildModel = (
  options: EmulatorOptions,
  seedAtStart: (model: ServiceModel) => void
): Effect.Effect<BuiltModel, EmulatorStartError | StateFileError, Scope.Scope> =>
  Effect.gen(function*() {
    if (options.model !== undefined) {
      seedAtStart(options.model)
      return { model: options.model, jwt: undefined, issuedCredentials: undefined, explainRole: undefined, stateFile: undefined }
    }
    // An explicit key wins over the one saved in the state.
    const jwt = options.jwtPrivateKeyPem === undefined ? undefined : yield* loadSigner(options.jwtPrivateKeyPem)
    const poolQuota = options.poolQuota ?? DEFAULT_POOL_QUOTA
    if (options.statePath !== undefined) {
      const stateFile = yield* openStateFile(options.statePath, {
        jwt,
        randomId: randomUUID,
        poolQuota,
        initialize: seedAtStart,
        flushMillis: options.stateFlushMillis,
        compactMinBytes: options.stateCompactMinBytes
      })
      const { model } = stateFile
      return { model, jwt: model.jwt, issuedCredentials: model.issuedCredentials, explainRole: model.explainRole, stateFile }
    }
    const loaded = loadServiceModel({ ...(jwt === undefined ? {} : { jwt }), poolQuota })
    if (Either.isLeft(loaded)) {
      return yield* Effect.fail(new EmulatorStartError({ message: `the emulator model cannot start (${loaded.left.reason})` }))
    }
    seedAtStart(loaded.right)
    const emulated = loaded.right
    return { model: emulated, jwt: emulated.jwt, issuedCredentials: emulated.issuedCredentials, explainRole: emulated.explainRole, stateFile: undefined }
  })

/**
 * After a failed save the emulator answers every call that could change the state with an
 * internal error naming the reason: a change it acknowledged could not be kept, so it must not
 * acknowledge more. Read-only operations still answer.
 */
const refuseAfterFailure = (model: ServiceModel, stateFile: StateFile): ServiceModel => ({
  ...model,
  handle: (operation, input, context) => {
    const failed = stateFile.failed()
    return failed === undefined || operationTable.get(operation)?.readOnly === true
      ? model.handle(operation, input, context)
      : Either.left(internalError(`The emulator can no longer save its state: ${failed.message}`))
  }
})

/** A policy given to `rolePolicies` or `setRolePolicies` that the emulator cannot evaluate. */
export class IamPolicyError extends Data.TaggedError("IamPolicyError")<{
  readonly message: string
}> {}

const compilePolicies = (rolePolicies: RolePolicies) =>
  Either.mapLeft(compileRolePolicies(rolePolicies), (problem) => new IamPolicyError({ message: problem }))

const make = (
  options: EmulatorOptions = {}
): Effect.Effect<EmulatorService, EmulatorStartError | StateFileError, Scope.Scope> =>
  Effect.gen(function*() {
    const defaultAccountId = options.defaultAccountId ?? DEFAULT_ACCOUNT_ID
    const defaultRegion = options.defaultRegion ?? "us-east-1"
    const startedAt = new Date(yield* Clock.currentTimeMillis)
    const seedOptions = (seedPools: SeedPoolsOptions, now: Date) => ({
      accountId: seedPools.accountId ?? defaultAccountId,
      region: seedPools.region ?? defaultRegion,
      pools: seedPools.pools,
      identitiesPerPool: seedPools.identitiesPerPool,
      now
    })
    const atStart = options.seed
    const built = yield* buildModel(options, (model) => {
      // Only for a state that starts empty: a loaded state file is never seeded again.
      if (atStart !== undefined) model.seed(seedOptions(atStart, startedAt))
    })
    const { explainRole, issuedCredentials, jwt, stateFile } = built
    const model = stateFile === undefined ? built.model : refuseAfterFailure(built.model, stateFile)
    const initialPolicies = compilePolicies(options.rolePolicies ?? {})
    if (Either.isLeft(initialPolicies)) {
      return yield* Effect.fail(new EmulatorStartError({ message: `rolePolicies: ${initialPolicies.left.message}` }))
    }
    let policies = initialPolicies.right
    const authorize: Authorizer | undefined = options.enforceIam === true
      ? makeAuthorizer(() => policies, (accessKeyId) => issuedCredentials?.(accessKeyId)?.roleArn)
      : undefined

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
      authorize
    })

    const seed = (seedPools: SeedPoolsOptions): Effect.Effect<ReadonlyArray<string>> =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => model.seed(seedOptions(seedPools, new Date(now)))))

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
      saveState: stateFile === undefined ? Effect.void : stateFile.flush,
      stateFailure: stateFile === undefined ? Effect.never : stateFile.failure,
      stateStats: () => stateFile?.stats(),
      setRolePolicies: (rolePolicies) =>
        Effect.suspend(() => {
          const compiled = compilePolicies(rolePolicies)
          if (Either.isLeft(compiled)) return Effect.fail(compiled.left)
          policies = compiled.right
          return Effect.void
        }),
      defaultAccountId,
      defaultRegion
    }
    return service
  })

export class Emulator extends Context.Tag("effect-cognito-identity/Emulator")<Emulator, EmulatorService>() {
  /**
   * Builds an emulator. With `statePath`, each change is on disk within `stateFlushMillis`;
   * closing the scope writes the rest and releases the file.
   */
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
   * brought up to date and closed, when the scope closes.
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
