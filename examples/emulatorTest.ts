/**
 * README emulator: a test with the emulator in place of AWS (test/examples/emulatorTest.test.ts
 * runs it).
 */
import { expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient } from "effect-cognito-identity"
import { Emulator } from "effect-cognito-identity/emulator"

const emulator = Emulator.layer()
const TestLayer = Layer.mergeAll(
  CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(emulator)),
  AwsCredentials.static({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }),
  emulator
)

it.effect("refuses guests when the pool does", () =>
  Effect.gen(function*() {
    const pool = yield* CognitoIdentity.createIdentityPool({ IdentityPoolName: "app", AllowUnauthenticatedIdentities: false })
    const error = yield* CognitoIdentity.getId({ IdentityPoolId: pool.IdentityPoolId }).pipe(Effect.flip)
    expect(error._tag).toBe("NotAuthorizedException")
    expect((yield* Emulator).stats().operations["GetId"]?.requests).toBe(1)
  }).pipe(Effect.provide(TestLayer)))
