/**
 * `CognitoIdentityClient.layerConfig`: the endpoint settings it reads from the environment
 * (through the current ConfigProvider), as the AWS SDKs read them, and the overrides that win
 * over them. (The region and its fallbacks: test/resilience/exportRetry.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either, Layer } from "effect"
import { CognitoIdentityClient } from "../../src/index.js"
import type { CognitoIdentityClientOptions } from "../../src/index.js"
import { json, makeRecordingHttp } from "../support/RecordingHttp.js"

/** The endpoint a client built by `layerConfig(overrides)` under `environment` resolves for its region. */
const endpointOf = (environment: Record<string, string>, overrides?: CognitoIdentityClientOptions) =>
  Effect.map(CognitoIdentityClient, (client) => client.endpointFor(client.region)).pipe(
    Effect.provide(CognitoIdentityClient.layerConfig(overrides).pipe(Layer.provide(makeRecordingHttp(() => json({})).layer))),
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(environment))))
  )

const region = { AWS_REGION: "us-west-2" }

describe("CognitoIdentityClient.layerConfig", () => {
  it.effect("resolves the region's AWS endpoint when nothing else is set", () =>
    Effect.gen(function*() {
      expect(yield* endpointOf(region)).toEqual(Either.right("https://cognito-identity.us-west-2.amazonaws.com"))
    }))

  it.effect("AWS_ENDPOINT_URL_COGNITO_IDENTITY, else AWS_ENDPOINT_URL", () =>
    Effect.gen(function*() {
      expect(yield* endpointOf({ ...region, AWS_ENDPOINT_URL: "http://localhost:4566" })).toEqual(
        Either.right("http://localhost:4566")
      )
      expect(
        yield* endpointOf({
          ...region,
          AWS_ENDPOINT_URL: "http://localhost:4566",
          AWS_ENDPOINT_URL_COGNITO_IDENTITY: "http://127.0.0.1:9229"
        })
      ).toEqual(Either.right("http://127.0.0.1:9229"))
    }))

  it.effect("AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT: true in any case, anything else false", () =>
    Effect.gen(function*() {
      expect(yield* endpointOf({ ...region, AWS_USE_FIPS_ENDPOINT: "TRUE" })).toEqual(
        Either.right("https://cognito-identity-fips.us-west-2.amazonaws.com")
      )
      expect(yield* endpointOf({ AWS_REGION: "cn-north-1", AWS_USE_DUALSTACK_ENDPOINT: "true" })).toEqual(
        Either.right("https://cognito-identity.cn-north-1.api.amazonwebservices.com.cn")
      )
      expect(yield* endpointOf({ ...region, AWS_USE_FIPS_ENDPOINT: "false", AWS_USE_DUALSTACK_ENDPOINT: "yes" })).toEqual(
        Either.right("https://cognito-identity.us-west-2.amazonaws.com")
      )
    }))

  it.effect("overrides win over the environment", () =>
    Effect.gen(function*() {
      expect(
        yield* endpointOf(
          { ...region, AWS_ENDPOINT_URL: "http://localhost:4566", AWS_USE_FIPS_ENDPOINT: "true" },
          { region: "eu-west-1", endpoint: undefined, useFipsEndpoint: false }
        )
      ).toEqual(Either.right("http://localhost:4566"))
      expect(yield* endpointOf({ ...region, AWS_USE_FIPS_ENDPOINT: "true" }, { region: "eu-west-1", useFipsEndpoint: false })).toEqual(
        Either.right("https://cognito-identity.eu-west-1.amazonaws.com")
      )
    }))

  it.effect("a configuration the rules refuse fails the layer with EndpointError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(endpointOf({ ...region, AWS_ENDPOINT_URL: "http://localhost:4566", AWS_USE_FIPS_ENDPOINT: "true" }))
      expect(error._tag).toBe("EndpointError")
      expect(error.message).toBe("Invalid Configuration: FIPS and custom endpoint are not supported")
    }))
})
