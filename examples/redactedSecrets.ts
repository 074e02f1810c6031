/** README quick start: login tokens and returned secrets as `Redacted` values. */
import { Console, Effect, Redacted } from "effect"
import { CognitoIdentity } from "effect-cognito-identity"

export const awsKeysFor = (IdentityId: string, googleIdToken: string) =>
  Effect.gen(function*() {
    const { Credentials } = yield* CognitoIdentity.getCredentialsForIdentity({
      IdentityId,
      Logins: { "accounts.google.com": Redacted.make(googleIdToken) }
    })
    yield* Console.log(String(Credentials?.SecretKey)) // <redacted>
    const secretKey = Credentials?.SecretKey && Redacted.value(Credentials.SecretKey)
    return { accessKeyId: Credentials?.AccessKeyId, secretKey }
  })
