/**
 * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, read through Effect's
 * `Config`, so the current `ConfigProvider` (the process environment by default, a map in
 * tests) decides where they come from.
 */
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { CredentialsError } from "../../errors/ClientErrors.js"
import type { AwsCredentialIdentity } from "./AwsCredentialIdentity.js"
import type { CredentialsSource } from "./CredentialsSource.js"

const SOURCE = "environment"

// Each variable is optional here, so that a missing one can be named; an empty value counts
// as unset, as in the AWS SDKs.
const variable = <A>(config: Config.Config<A>, isEmpty: (a: A) => boolean) =>
  config.pipe(
    Config.option,
    Config.map(Option.filter((a) => !isEmpty(a)))
  )

const environment = Config.all({
  accessKeyId: variable(Config.string("AWS_ACCESS_KEY_ID"), (s) => s === ""),
  secretAccessKey: variable(Config.redacted("AWS_SECRET_ACCESS_KEY"), (r) => Redacted.value(r) === ""),
  sessionToken: variable(Config.redacted("AWS_SESSION_TOKEN"), (r) => Redacted.value(r) === "")
})

const missing = (names: ReadonlyArray<string>) =>
  new CredentialsError({
    message: `${SOURCE}: ${names.join(" and ")} ${names.length === 1 ? "is" : "are"} not set`,
    sources: [SOURCE]
  })

export const environmentSource: CredentialsSource = {
  name: SOURCE,
  fetch: environment.pipe(
    // Config.option only fails on malformed provider data; say which source, not what it held.
    Effect.mapError(() =>
      new CredentialsError({ message: `${SOURCE}: the AWS credential variables could not be read`, sources: [SOURCE] })
    ),
    Effect.flatMap(({ accessKeyId, secretAccessKey, sessionToken }) => {
      if (Option.isNone(accessKeyId) || Option.isNone(secretAccessKey)) {
        return Effect.fail(missing([
          ...(Option.isNone(accessKeyId) ? ["AWS_ACCESS_KEY_ID"] : []),
          ...(Option.isNone(secretAccessKey) ? ["AWS_SECRET_ACCESS_KEY"] : [])
        ]))
      }
      const identity: AwsCredentialIdentity = {
        accessKeyId: accessKeyId.value,
        secretAccessKey: secretAccessKey.value,
        sessionToken: Option.getOrUndefined(sessionToken)
      }
      return Effect.succeed(identity)
    })
  )
}
