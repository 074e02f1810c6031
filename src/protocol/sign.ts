/**
 * SigV4 signing (service `cognito-identity`) with @smithy/signature-v4, the reference
 * implementation. One signer per credential set: it caches the derived signing key.
 */
import { SignatureV4 } from "@smithy/signature-v4"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { CredentialsError } from "../errors/ClientErrors.js"
import type { AwsCredentialIdentity } from "../layers/credentials/AwsCredentialIdentity.js"
import { SIGNING_NAME } from "../service.js"
import { Sha256 } from "./Sha256.js"
import type { ChecksumConstructor } from "./Checksum.js"

export interface SignableRequest {
  readonly url: URL
  readonly headers: Record<string, string>
  readonly body: Uint8Array
}

/** One signer per hash implementation and credential set (it caches the derived signing key). */
const signers = new Map<ChecksumConstructor, WeakMap<AwsCredentialIdentity, SignatureV4>>()

const signerFor = (credentials: AwsCredentialIdentity, sha256: ChecksumConstructor): SignatureV4 => {
  let forHash = signers.get(sha256)
  if (forHash === undefined) {
    forHash = new WeakMap()
    signers.set(sha256, forHash)
  }
  let signer = forHash.get(credentials)
  if (signer === undefined) {
    const sessionToken = credentials.sessionToken
    signer = new SignatureV4({
      service: SIGNING_NAME,
      // Every call passes its own signing region; this one is never used.
      region: "us-east-1",
      sha256,
      // x-amz-content-sha256 is for S3 and Glacier; other services do not need it.
      applyChecksum: false,
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: Redacted.value(credentials.secretAccessKey),
        ...(sessionToken === undefined ? {} : { sessionToken: Redacted.value(sessionToken) })
      }
    })
    forHash.set(credentials, signer)
  }
  return signer
}

/**
 * The headers to add to the request: `x-amz-date`, `authorization` and, with temporary
 * credentials, `x-amz-security-token`. `host` is signed but not returned: fetch and undici
 * set it themselves and ignore a caller's value.
 */
export const sign = (
  request: SignableRequest,
  credentials: AwsCredentialIdentity,
  region: string,
  signingDate: Date,
  /** The platform's SHA-256 when it has a faster one (node:crypto); else the portable one. */
  sha256: ChecksumConstructor = Sha256
): Effect.Effect<Record<string, string>, CredentialsError> =>
  Effect.tryPromise({
    try: () =>
      signerFor(credentials, sha256).sign(
        {
          method: "POST",
          protocol: request.url.protocol,
          hostname: request.url.hostname,
          ...(request.url.port === "" ? {} : { port: Number(request.url.port) }),
          path: request.url.pathname,
          query: {},
          headers: { ...request.headers, host: request.url.host },
          body: request.body
        },
        { signingDate, signingRegion: region }
      ),
    catch: () => new CredentialsError({ message: "the credentials could not sign the request" })
  }).pipe(
    Effect.map((signed) => {
      const { host: _host, ...headers } = signed.headers
      return headers
    })
  )
