/**
 * Credentials issued by GetCredentialsForIdentity, remembered so that a later feature (a local
 * STS/S3 emulator, a policy layer) can resolve an access key id back to (identity, role,
 * session tags) — docs/service-behaviour.md §5.8 [EMULATOR]. Bounded: entries expired for a day
 * are dropped as new ones arrive, and beyond `capacity` the oldest is evicted, so benchmarks that mint millions of
 * credentials do not grow the heap without limit.
 */
import { randomBytes, randomInt } from "node:crypto"

export interface IssuedCredentials {
  readonly accessKeyId: string
  readonly secretKey: string
  readonly sessionToken: string
  /** Epoch millis. */
  readonly expiration: number
  readonly identityId: string
  readonly identityPoolId: string
  readonly accountId: string
  readonly region: string
  readonly roleArn: string
  readonly sessionTags: Readonly<Record<string, string>>
}

export const DEFAULT_CREDENTIALS_CAPACITY = 10_000
/** How long expired credentials are remembered (within the capacity) [EMULATOR]. */
const EXPIRED_KEPT_MS = 24 * 60 * 60 * 1000
/** "valid for a maximum of one hour" (docs/service-behaviour.md §5.8 [DOC]); Expiration = now + 1 h [EMULATOR]. */
export const CREDENTIALS_LIFETIME_MS = 60 * 60 * 1000

const ACCESS_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

/** STS-shaped (docs/service-behaviour.md §5.8 [EMULATOR]): `ASIA` + 16 upper-case alphanumerics. */
const accessKeyId = (): string => {
  let key = "ASIA"
  for (let i = 0; i < 16; i++) key += ACCESS_KEY_ALPHABET.charAt(randomInt(ACCESS_KEY_ALPHABET.length))
  return key
}

export interface CredentialStore {
  readonly issue: (
    grant: Omit<IssuedCredentials, "accessKeyId" | "secretKey" | "sessionToken" | "expiration">,
    now: Date
  ) => IssuedCredentials
  readonly lookup: (accessKeyId: string) => IssuedCredentials | undefined
  readonly all: () => ReadonlyArray<IssuedCredentials>
  /** Re-inserts persisted credentials (snapshot restore), oldest first. */
  readonly restore: (credentials: IssuedCredentials) => void
}

export const makeCredentialStore = (capacity: number = DEFAULT_CREDENTIALS_CAPACITY): CredentialStore => {
  // Insertion order = issue order; expirations are issue time + 1 h, so the oldest entries
  // expire first and pruning from the front is enough.
  const byKey = new Map<string, IssuedCredentials>()

  const insert = (credentials: IssuedCredentials, now: number) => {
    for (const [key, entry] of byKey) {
      // Expired credentials are kept a while: AWS keeps answering ExpiredTokenException for
      // them (which makes clients refresh), not UnrecognizedClientException.
      if (entry.expiration > now - EXPIRED_KEPT_MS && byKey.size < capacity) break
      byKey.delete(key)
    }
    byKey.set(credentials.accessKeyId, credentials)
  }

  return {
    issue: (grant, now) => {
      const credentials: IssuedCredentials = {
        accessKeyId: accessKeyId(),
        // 30 random bytes are exactly 40 base64 characters, the length of an AWS secret key.
        secretKey: randomBytes(30).toString("base64"),
        // Opaque, like STS session tokens; long enough that nobody mistakes it for a key.
        sessionToken: randomBytes(192).toString("base64"),
        expiration: now.getTime() + CREDENTIALS_LIFETIME_MS,
        ...grant
      }
      insert(credentials, now.getTime())
      return credentials
    },
    lookup: (key) => byKey.get(key),
    all: () => [...byKey.values()],
    restore: (credentials) => {
      byKey.set(credentials.accessKeyId, credentials)
    }
  }
}
