/**
 * Type-level guarantees, checked by `tsc` (part of `npm test`): the four public operations
 * need no credentials, the 19 signed ones do, and each error channel is exact.
 */
import { FetchHttpClient } from "@effect/platform"
import { Effect, Layer } from "effect"
import { describe, expectTypeOf, it } from "vitest"
import type {
  AwsCredentials,
  CredentialsError,
  InvalidSignatureException,
  ResourceNotFoundException
} from "../../src/index.js"
import { CognitoIdentity, CognitoIdentityClient } from "../../src/index.js"
import { POOL, IDENTITY } from "../support/operationCases.js"

const client = CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(FetchHttpClient.layer))

describe("requirements", () => {
  it("public operations run with only the client layer", () => {
    const program = Effect.all([
      CognitoIdentity.getId({ IdentityPoolId: POOL }),
      CognitoIdentity.getOpenIdToken({ IdentityId: IDENTITY }),
      CognitoIdentity.getCredentialsForIdentity({ IdentityId: IDENTITY }),
      CognitoIdentity.unlinkIdentity({ IdentityId: IDENTITY, Logins: {}, LoginsToRemove: [] })
    ]).pipe(Effect.provide(client))
    expectTypeOf(program).toEqualTypeOf<Effect.Effect<
      Effect.Effect.Success<typeof program>,
      Effect.Effect.Error<typeof program>,
      never
    >>()
    // Typed as runnable: no requirement left.
    const runnable: Effect.Effect<unknown, unknown, never> = program
    void runnable
  })

  it("signed operations still require AwsCredentials after the client layer", () => {
    const program = CognitoIdentity.describeIdentityPool({ IdentityPoolId: POOL }).pipe(Effect.provide(client))
    expectTypeOf<Effect.Effect.Context<typeof program>>().toEqualTypeOf<AwsCredentials>()
    // @ts-expect-error AwsCredentials is missing
    const runnable: Effect.Effect<unknown, unknown, never> = program
    void runnable
  })

  it("every signed operation requires AwsCredentials", () => {
    const signed = [
      CognitoIdentity.createIdentityPool({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: true }),
      CognitoIdentity.deleteIdentities({ IdentityIdsToDelete: [IDENTITY] }),
      CognitoIdentity.listIdentities({ IdentityPoolId: POOL, MaxResults: 60 }),
      CognitoIdentity.getOpenIdTokenForDeveloperIdentity({ IdentityPoolId: POOL, Logins: { dev: "u" } })
    ] as const
    for (const effect of signed) {
      // @ts-expect-error AwsCredentials is missing
      const runnable: Effect.Effect<unknown, unknown, never> = effect.pipe(Effect.provide(client))
      void runnable
    }
  })

  it("error channels: modelled faults per operation, signing errors only where signed", () => {
    type GetIdError = Effect.Effect.Error<ReturnType<typeof CognitoIdentity.getId>>
    type DescribeError = Effect.Effect.Error<ReturnType<typeof CognitoIdentity.describeIdentityPool>>
    expectTypeOf<ResourceNotFoundException>().toMatchTypeOf<GetIdError>()
    expectTypeOf<InvalidSignatureException>().toMatchTypeOf<DescribeError>()
    expectTypeOf<CredentialsError>().toMatchTypeOf<DescribeError>()
    expectTypeOf<Extract<GetIdError, { readonly _tag: "InvalidSignatureException" }>>().toBeNever()
    expectTypeOf<Extract<GetIdError, { readonly _tag: "CredentialsError" }>>().toBeNever()
    // DescribeIdentityPool's model lists no ResourceConflictException.
    expectTypeOf<Extract<DescribeError, { readonly _tag: "ResourceConflictException" }>>().toBeNever()
  })
})
