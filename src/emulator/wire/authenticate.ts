/**
 * Who is calling (docs/service-behaviour.md §4): SigV4 verification against the emulator's access keys,
 * with the account and region of the credential scope. The verification itself is
 * `verifySigV4`; this module holds the key store and the `verifySignatures: false` mode.
 */
import { SIGNING_NAME } from "../../service.js"
import type { RejectionCode } from "../verifySigV4.js"
import { regionRejection, verifySigV4 } from "../verifySigV4.js"
import type { WireRequest } from "./WireMessage.js"

export interface AccessKey {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly accountId: string
  /** For temporary credentials: the `X-Amz-Security-Token` the caller must send. */
  readonly sessionToken?: string | undefined
  /** For temporary credentials: after this, calls fail with ExpiredTokenException. */
  readonly expiration?: Date | undefined
}

export const DEFAULT_ACCOUNT_ID = "123456789012"

/** The key pair of the AWS documentation, accepted by default. */
export const EXAMPLE_ACCESS_KEY: AccessKey = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  accountId: DEFAULT_ACCOUNT_ID
}

export interface AuthenticatorOptions {
  /** Default: {@link EXAMPLE_ACCESS_KEY} only. */
  readonly accessKeys?: ReadonlyArray<AccessKey> | undefined
  /**
   * Default true. When false, any well-formed Authorization header is accepted: the account
   * is the key's if it is known, else `defaultAccountId`; signature, clock and key are not
   * checked. Malformed headers still fail with IncompleteSignatureException.
   */
  readonly verifySignatures?: boolean | undefined
  readonly defaultAccountId?: string | undefined
  /** Allowed clock skew; default 5 minutes, as AWS. */
  readonly maxSkewMillis?: number | undefined
  /**
   * Temporary credentials the emulator itself issued (GetCredentialsForIdentity), so that they
   * sign requests as real STS credentials would; consulted after `accessKeys`.
   */
  readonly issuedKey?: ((accessKeyId: string) => AccessKey | undefined) | undefined
}

export type Authentication =
  | { readonly _tag: "Unsigned" }
  | { readonly _tag: "Authenticated"; readonly accessKeyId: string; readonly accountId: string; readonly region: string }
  | { readonly _tag: "Rejected"; readonly code: RejectionCode; readonly message: string }


/** `Credential=AKID/20240101/us-east-1/cognito-identity/aws4_request` → its first and third fields. */
const credentialScope = (authorization: string): { readonly accessKeyId: string; readonly region: string } | undefined => {
  const match = /Credential=([^,\s]+)/.exec(authorization)
  const parts = match?.[1]?.split("/")
  const accessKeyId = parts?.[0]
  const region = parts?.[2]
  return accessKeyId === undefined || region === undefined ? undefined : { accessKeyId, region }
}

export const makeAuthenticator = (options: AuthenticatorOptions = {}) => {
  const keys = new Map((options.accessKeys ?? [EXAMPLE_ACCESS_KEY]).map((key) => [key.accessKeyId, key]))
  const verifySignatures = options.verifySignatures ?? true
  const defaultAccountId = options.defaultAccountId ?? DEFAULT_ACCOUNT_ID

  return (request: WireRequest, now: Date): Authentication => {
    const result = verifySigV4(
      { method: request.method, path: request.path, query: request.query, headers: request.headers, body: request.body },
      {
        now,
        service: SIGNING_NAME,
        lookup: (accessKeyId) => keys.get(accessKeyId) ?? options.issuedKey?.(accessKeyId),
        ...(options.maxSkewMillis === undefined ? {} : { maxSkewMillis: options.maxSkewMillis })
      }
    )
    switch (result._tag) {
      case "Unsigned":
        return result
      case "Verified":
        return {
          _tag: "Authenticated",
          accessKeyId: result.accessKeyId,
          accountId: result.accountId,
          region: result.region
        }
      case "Rejected": {
        if (verifySignatures || result.code === "IncompleteSignatureException") return result
        const scope = credentialScope(request.headers["authorization"] ?? "")
        if (scope === undefined) return result
        // Not verifying the signature does not make a region that does not exist one.
        const badRegion = regionRejection(scope.region)
        if (badRegion !== undefined) return badRegion
        return {
          _tag: "Authenticated",
          accessKeyId: scope.accessKeyId,
          accountId: keys.get(scope.accessKeyId)?.accountId ?? defaultAccountId,
          region: scope.region
        }
      }
    }
  }
}
