/** The README's browser example, with the emulator in place of fetch and AWS. */
import { expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient } from "effect-cognito-identity"
import { Emulator } from "effect-cognito-identity/emulator"
import { currentIdentityId, IdentityPoolCredentials, userPool } from "../../examples/identityPoolCredentials.js"

const emulator = Emulator.layer()
const Client = CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(emulator))
const Admin = AwsCredentials.static({
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
})

/** localStorage, as the example expects it. */
const memoryStorage = () => {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items
  }
}

it.live("credentials for a signed-in user, identity kept in storage across page loads", () =>
  Effect.gen(function*() {
    const pool = yield* CognitoIdentity.createIdentityPool({
      IdentityPoolName: "web",
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [{ ProviderName: userPool, ClientId: "webclient" }]
    }).pipe(Effect.provide(Admin))
    yield* CognitoIdentity.setIdentityPoolRoles({
      IdentityPoolId: pool.IdentityPoolId,
      Roles: { authenticated: "arn:aws:iam::123456789012:role/WebUsers" }
    }).pipe(Effect.provide(Admin))
    const storage = memoryStorage()
    const pageLoad = Effect.gen(function*() {
      const credentials = yield* AwsCredentials
      const identity = yield* credentials.get
      return { identityId: yield* currentIdentityId, accessKeyId: identity.accessKeyId, secret: identity.secretAccessKey }
    }).pipe(Effect.provide(IdentityPoolCredentials(pool.IdentityPoolId, Effect.succeed("user-sub-123"), storage)))
    const first = yield* pageLoad
    const second = yield* pageLoad
    expect(first.identityId).toMatch(/^us-east-1:/)
    expect(second.identityId).toBe(first.identityId)
    expect(first.accessKeyId).toMatch(/^ASIA/)
    expect(Redacted.value(first.secret)).toHaveLength(40)
    expect([...storage.items.values()]).toContain(first.identityId)
    const stats = (yield* Emulator).stats().operations
    expect(stats["GetId"]?.requests).toBe(1)
    expect(stats["GetCredentialsForIdentity"]?.requests).toBe(2)
  }).pipe(Effect.provide(Layer.merge(Client, emulator))))
