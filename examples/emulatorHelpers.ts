/**
 * README emulator helpers: a test that signs a user-pool user in with one line, verifies the
 * OpenID token the emulator issued against its JWKS, and asks which role a login gets
 * (test/emulator/emulatorHelpersExample.test.ts runs it).
 */
import { expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient } from "effect-cognito-identity"
import { Emulator, EmulatorLogins, verifyOpenIdToken } from "effect-cognito-identity/emulator"

const emulator = Emulator.layer()
const TestLayer = Layer.mergeAll(
  CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(emulator)),
  AwsCredentials.static({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }),
  emulator
)

// Alice, of user pool us-east-1_EXAMPLE, signed in through its app client "web".
const alice = EmulatorLogins.userPool({ userPoolId: "us-east-1_EXAMPLE", clientId: "web", sub: "alice" })

it.effect("signs alice in, checks her OpenID token, and knows her role", () =>
  Effect.gen(function*() {
    const { IdentityPoolId } = yield* CognitoIdentity.createIdentityPool({
      IdentityPoolName: "app",
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [alice.cognitoIdentityProvider]
    })
    yield* CognitoIdentity.setIdentityPoolRoles({ IdentityPoolId, Roles: { authenticated: "arn:aws:iam::123456789012:role/User" } })

    const { IdentityId = "" } = yield* CognitoIdentity.getId({ IdentityPoolId, Logins: alice.logins })
    const { Token } = yield* CognitoIdentity.getOpenIdToken({ IdentityId, Logins: alice.logins })
    const claims = yield* verifyOpenIdToken(Token ?? "", (yield* Emulator).jwks(), { identityPoolId: IdentityPoolId, identityId: IdentityId })
    expect(claims.amr).toEqual(["authenticated", alice.provider])

    expect(yield* (yield* Emulator).roleFor({ identityPoolId: IdentityPoolId, logins: alice.logins }))
      .toEqual({ _tag: "Role", roleArn: "arn:aws:iam::123456789012:role/User", authenticated: true })
    expect(yield* (yield* Emulator).roleFor({ identityPoolId: IdentityPoolId })).toMatchObject({
      _tag: "NoRole",
      reason: "Unauthenticated access is not supported for this identity pool."
    })
  }).pipe(Effect.provide(TestLayer)))
