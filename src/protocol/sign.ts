/**
 * The signing stage of the 19 signed operations: one attempt's headers signed with SigV4
 * (`sigv4.ts`, service `cognito-identity`) with the credentials as they are now and the
 * service's clock as last learned (`clockOffset`). Synchronous once the credentials are in
 * hand. Only `signedOperationFunction` brings this module in, so a program that calls the
 * public operations alone bundles no signer.
 */
import type * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import type { CredentialsError } from "../errors/ClientErrors.js"
import type { AwsCredentialIdentity, AwsCredentialsService } from "../layers/credentials/AwsCredentialIdentity.js"
import { SIGNING_NAME } from "../service.js"
import { copyWith } from "./copyWith.js"
import { portableSha256 } from "./Sha256.js"
import type { SigV4Credentials, SigV4Hash } from "./sigv4.js"
import { signatureHeaders } from "./sigv4.js"

export interface SignableRequest {
  readonly url: URL
  /** Lower-case names; `host` is added here (signed, then left to the transport to send). */
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
}

/** What signing an attempt needs beyond the request. */
export interface SigningContext {
  readonly credentials: AwsCredentialsService
  readonly clockOffset: Ref.Ref<number>
  /** The calling fiber's clock (TestClock in tests). */
  readonly clock: Clock.Clock
  /** The platform's SHA-256 when it has a faster one (node:crypto); else the portable one. */
  readonly hash: SigV4Hash | undefined
  readonly region: string
}

/** The signing stage as the executor calls it. */
export type Sign = (
  context: SigningContext,
  request: SignableRequest,
  attempt: number
) => Effect.Effect<Record<string, string>, CredentialsError>

/**
 * The secret revealed once per credentials object, not at every signing, and kept as one
 * object: `sigv4.ts` caches the day's signing key by it.
 */
const revealed = new WeakMap<AwsCredentialIdentity, SigV4Credentials>()
const revealedFor = (identity: AwsCredentialIdentity): SigV4Credentials => {
  let credentials = revealed.get(identity)
  if (credentials === undefined) {
    credentials = identity.sessionToken === undefined
      ? { accessKeyId: identity.accessKeyId, secretAccessKey: Redacted.value(identity.secretAccessKey) }
      : {
        accessKeyId: identity.accessKeyId,
        secretAccessKey: Redacted.value(identity.secretAccessKey),
        sessionToken: Redacted.value(identity.sessionToken)
      }
    revealed.set(identity, credentials)
  }
  return credentials
}

/**
 * The headers to send: the request's, `x-amz-date`, `authorization` and, with temporary
 * credentials, `x-amz-security-token`. `host` is signed but not returned: fetch and undici
 * set it themselves and ignore a caller's value. A failure to obtain the credentials reports
 * the attempt.
 */
export const signRequest: Sign = (context, request, attempt) =>
  Effect.matchEffect(context.credentials.get, {
    // The same error (its typed cause kept), reporting the attempt.
    onFailure: (error) => Effect.fail(error.withAttempts(attempt)),
    onSuccess: (identity) =>
      Effect.map(Ref.get(context.clockOffset), (offset) => {
        const { url, headers, body } = request
        const signed = signatureHeaders(
          context.hash ?? portableSha256,
          { method: "POST", path: url.pathname, query: undefined, headers: copyWith(headers, { host: url.host }), body },
          revealedFor(identity),
          { region: context.region, service: SIGNING_NAME },
          new Date(context.clock.unsafeCurrentTimeMillis() + offset)
        )
        return copyWith(headers, signed)
      })
  })
