/**
 * The program every runtime runs (Node from the installed tarball, Bun, Deno, workerd): a user's
 * code against the emulator over HTTP, exactly as it would be written against AWS. It imports
 * the package by name only; the HTTP client is whatever the runtime's entry provides.
 */
import type { HttpClient } from "@effect/platform"
import { Chunk, Effect, Layer, Stream } from "effect"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient } from "effect-cognito-identity"

export interface SmokeOptions {
  /** The emulator's URL. */
  readonly endpoint: string
  /** A pool that allows guests and already holds identities. */
  readonly identityPoolId: string
  /** Page size of the stream, small so that it crosses several pages. */
  readonly pageSize: number
}

export interface SmokeReport {
  readonly listed: number
  readonly distinctListed: number
  readonly guestIdentityId: string
  readonly poolName: string
  readonly allowsGuests: boolean
  readonly missingPoolError: { readonly tag: string; readonly status: number | undefined; readonly requestId: string | undefined }
  readonly validationError: { readonly tag: string; readonly paths: ReadonlyArray<string> }
}

/** The AWS documentation key pair, which the emulator knows. */
const credentials = AwsCredentials.static({
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
})

const MISSING_POOL = "us-east-1:00000000-0000-4000-8000-000000000000"

export const smoke = (options: SmokeOptions): Effect.Effect<SmokeReport, unknown, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    // A stream over several pages (signed ListIdentities).
    const identities = yield* CognitoIdentity.listIdentitiesStream({
      IdentityPoolId: options.identityPoolId,
      MaxResults: options.pageSize
    }).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
    // An unsigned call: its type asks for no credentials.
    const guest = yield* CognitoIdentity.getId({ IdentityPoolId: options.identityPoolId })
    // A signed call with static credentials.
    const pool = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: options.identityPoolId })
    // A typed service error, matched by its tag.
    const missing = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: MISSING_POOL }).pipe(
      Effect.flip,
      Effect.map((error) => ({
        tag: error._tag,
        status: "status" in error ? error.status : undefined,
        requestId: "requestId" in error ? error.requestId : undefined
      }))
    )
    // A typed client error: nothing is sent.
    const invalid = yield* CognitoIdentity.getId({ IdentityPoolId: "not a pool id" }).pipe(
      Effect.flip,
      Effect.map((error) => ({
        tag: error._tag,
        paths: error._tag === "ValidationError" ? error.issues.map((issue) => String(issue.path)) : []
      }))
    )
    return {
      listed: identities.length,
      distinctListed: new Set(identities.map((identity) => identity.IdentityId)).size,
      guestIdentityId: guest.IdentityId ?? "",
      poolName: pool.IdentityPoolName,
      allowsGuests: pool.AllowUnauthenticatedIdentities,
      missingPoolError: missing,
      validationError: invalid
    }
  }).pipe(
    Effect.provide(Layer.mergeAll(CognitoIdentityClient.layer({ region: "us-east-1", endpoint: options.endpoint }), credentials))
  )
