/**
 * The client's configuration and transport: region, endpoint (FIPS, dual-stack, custom),
 * timeouts and the transport every call goes through: the `CognitoIdentityTransport` in the
 * layer's context if there is one (`UndiciHttpClient.layer` provides one), else the
 * `HttpClient` it is given. Operations require this service; the signed ones also require
 * `AwsCredentials`.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import { EndpointError } from "../errors/ClientErrors.js"
import { FallbackRegion } from "./FallbackRegion.js"
import { resolveEndpoint } from "../protocol/resolveEndpoint.js"
import type { Transport } from "../protocol/transport.js"
import { CognitoIdentityTransport, httpClientTransport } from "../protocol/transport.js"

export interface CognitoIdentityClientOptions {
  /**
   * The AWS region. Optional: without it, an operation whose input names an identity pool,
   * an identity or a pool ARN uses the region in that id (`us-east-1:…`).
   */
  readonly region?: string | undefined
  /** A custom endpoint (an emulator, a proxy). Plain `http:` is only ever used when given here. */
  readonly endpoint?: string | undefined
  readonly useFipsEndpoint?: boolean | undefined
  readonly useDualstackEndpoint?: boolean | undefined
  /** Limit on each attempt; an attempt that exceeds it fails with `TimeoutError` and may be retried. */
  readonly attemptTimeout?: Duration.DurationInput | undefined
  /** Limit on the whole call, retries included; exceeding it fails with `TimeoutError`. */
  readonly callTimeout?: Duration.DurationInput | undefined
  /** Responses larger than this fail with `DecodeError` without being read further. Default 1 MiB. */
  readonly maxResponseBytes?: number | undefined
  /**
   * How many milliseconds the service's clock is ahead of the local one (negative: behind),
   * if known; SDK v3's `systemClockOffset`. Default 0: the client learns it anyway from the
   * first response that rejects a request as outside the ±5 minute window.
   */
  readonly systemClockOffset?: number | undefined
}

export interface CognitoIdentityClientService {
  /** How every request of this client travels (see `protocol/transport.ts`). */
  readonly transport: Transport
  /** The configured region, if any. */
  readonly region: string | undefined
  /** The endpoint URL for a region (the configured one, or one taken from the input). */
  readonly endpointFor: (region: string | undefined) => Either.Either<string, EndpointError>
  readonly attemptTimeout: Option.Option<Duration.Duration>
  readonly callTimeout: Option.Option<Duration.Duration>
  readonly maxResponseBytes: number
  /**
   * Milliseconds to add to the local clock to get the service's: requests are signed with the
   * corrected time. Learned from the `Date` of a clock-skew rejection and kept for later calls.
   */
  readonly clockOffset: Ref.Ref<number>
}

const hostLabel = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/

const make = (options: CognitoIdentityClientOptions) =>
  Effect.gen(function*() {
    const http = yield* HttpClient.HttpClient
    const transport = Option.getOrElse(yield* Effect.serviceOption(CognitoIdentityTransport), () => httpClientTransport(http))
    const resolve = (region: string | undefined): Either.Either<string, EndpointError> => {
      // The rule set does not validate the region; an id's prefix may hold any [\w-]+, so
      // refuse anything that is not a DNS label rather than build a URL that cannot parse.
      if (region !== undefined && !hostLabel.test(region)) {
        return Either.left(new EndpointError({ message: `Invalid Configuration: region "${region}" is not a valid host label` }))
      }
      return Either.flatMap(
        Either.mapLeft(
          resolveEndpoint({
            region,
            endpoint: options.endpoint,
            useFipsEndpoint: options.useFipsEndpoint,
            useDualstackEndpoint: options.useDualstackEndpoint
          }),
          (message) => new EndpointError({ message })
        ),
        (url) =>
          URL.canParse(url) && /^https?:$/.test(new URL(url).protocol)
            ? Either.right(url)
            : Either.left(new EndpointError({ message: `Invalid Configuration: "${url}" is not an http(s) URL` }))
      )
    }
    // Configuration errors the rules give regardless of region surface when the layer is built.
    if (options.region !== undefined || options.endpoint !== undefined) {
      yield* resolve(options.region)
    }
    const resolved = new Map<string | undefined, Either.Either<string, EndpointError>>()
    const endpointFor = (region: string | undefined) => {
      let endpoint = resolved.get(region)
      if (endpoint === undefined) {
        endpoint = resolve(region)
        resolved.set(region, endpoint)
      }
      return endpoint
    }
    const initialOffset = options.systemClockOffset ?? 0
    const clockOffset = yield* Ref.make(Number.isFinite(initialOffset) ? initialOffset : 0)
    const service: CognitoIdentityClientService = {
      transport,
      region: options.region,
      endpointFor,
      attemptTimeout: Option.map(Option.fromNullable(options.attemptTimeout), Duration.decode),
      callTimeout: Option.map(Option.fromNullable(options.callTimeout), Duration.decode),
      maxResponseBytes: options.maxResponseBytes ?? 1024 * 1024,
      clockOffset
    }
    return service
  })

/**
 * An environment variable through the current `ConfigProvider`; undefined when unset. Read with
 * `Config.string` alone and Effect's own error handling, not `Config.option` / `Config.all`:
 * this static is in every bundle that names `CognitoIdentityClient`, and those combinators
 * would be too.
 */
const variable = (name: string): Effect.Effect<string | undefined, ConfigError.ConfigError> =>
  Effect.catchIf(Config.string(name), ConfigError.isMissingDataOnly, () => Effect.succeed(undefined))

const truthy = (value: string | undefined) => value === undefined ? undefined : value.toLowerCase() === "true"

/** The standard AWS environment variables, as the AWS SDKs read them. */
const fromEnvironment: Effect.Effect<CognitoIdentityClientOptions, ConfigError.ConfigError> = Effect.gen(function*() {
  // Both are optional, so each is read and the first one set wins (an empty value is unset).
  const region = yield* variable("AWS_REGION")
  const defaultRegion = yield* variable("AWS_DEFAULT_REGION")
  const endpoint = yield* variable("AWS_ENDPOINT_URL_COGNITO_IDENTITY")
  const generalEndpoint = yield* variable("AWS_ENDPOINT_URL")
  return {
    region: region || defaultRegion || undefined,
    endpoint: endpoint ?? generalEndpoint,
    useFipsEndpoint: truthy(yield* variable("AWS_USE_FIPS_ENDPOINT")),
    useDualstackEndpoint: truthy(yield* variable("AWS_USE_DUALSTACK_ENDPOINT"))
  }
})

export class CognitoIdentityClient extends Context.Tag("effect-cognito-identity/CognitoIdentityClient")<
  CognitoIdentityClient,
  CognitoIdentityClientService
>() {
  /** A client with explicit options; the HttpClient comes from the context. */
  static readonly layer = (
    options: CognitoIdentityClientOptions = {}
  ): Layer.Layer<CognitoIdentityClient, EndpointError, HttpClient.HttpClient> =>
    Layer.effect(CognitoIdentityClient, make(options))

  /**
   * A client configured from `AWS_REGION` / `AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL_COGNITO_IDENTITY` /
   * `AWS_ENDPOINT_URL`, `AWS_USE_FIPS_ENDPOINT` and `AWS_USE_DUALSTACK_ENDPOINT` (through the
   * current `ConfigProvider`); `overrides` win over the environment. Without a region from
   * either, the `FallbackRegion` (on Node, `profileRegion()`: the shared config profile's).
   * Retry settings (`AWS_MAX_ATTEMPTS`, `AWS_RETRY_MODE`): `RetryPolicy.layerConfig()` alongside.
   */
  static readonly layerConfig = (
    overrides: CognitoIdentityClientOptions = {}
  ): Layer.Layer<CognitoIdentityClient, EndpointError | ConfigError.ConfigError, HttpClient.HttpClient> =>
    Layer.effect(
      CognitoIdentityClient,
      Effect.gen(function*() {
        const merged = mergeDefined(yield* fromEnvironment, overrides)
        const region = merged.region ?? (yield* yield* FallbackRegion)
        return yield* make({ ...merged, region })
      })
    )
}

const mergeDefined = (
  base: CognitoIdentityClientOptions,
  overrides: CognitoIdentityClientOptions
): CognitoIdentityClientOptions => ({
  region: overrides.region ?? base.region,
  endpoint: overrides.endpoint ?? base.endpoint,
  useFipsEndpoint: overrides.useFipsEndpoint ?? base.useFipsEndpoint,
  useDualstackEndpoint: overrides.useDualstackEndpoint ?? base.useDualstackEndpoint,
  attemptTimeout: overrides.attemptTimeout ?? base.attemptTimeout,
  callTimeout: overrides.callTimeout ?? base.callTimeout,
  maxResponseBytes: overrides.maxResponseBytes ?? base.maxResponseBytes,
  systemClockOffset: overrides.systemClockOffset ?? base.systemClockOffset
})
