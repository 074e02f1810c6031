/**
 * `fromIni` and `defaultChain` (Node entry) against real files in a temporary directory, with
 * AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE / AWS_PROFILE / HOME set for each test and
 * restored after it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import type { Layer } from "effect"
import { AwsCredentials, CredentialsError } from "../../src/index.js"
import { defaultChain, fromIni } from "../../src/node/index.js"
import { expectNoSecrets, renderings, withProcessEnv } from "./support.js"

const root = mkdtempSync(join(tmpdir(), "creds-ini-"))
afterAll(() => rmSync(root, { recursive: true, force: true }))

let counter = 0
/** A fresh directory with the given files (`credentials`, `config`); absent ones are not created. */
const files = (contents: { readonly credentials?: string; readonly config?: string }) => {
  const dir = join(root, `case-${++counter}`)
  mkdirSync(dir)
  const credentials = join(dir, "credentials")
  const config = join(dir, "config")
  if (contents.credentials !== undefined) writeFileSync(credentials, contents.credentials)
  if (contents.config !== undefined) writeFileSync(config, contents.config)
  return { dir, credentials, config }
}

const SECRET_DEFAULT = "secretDEFAULT0000000000000000000000000000"
const SECRET_DEV = "secretDEV000000000000000000000000000000000"
const TOKEN_DEV = "tokenDEV-session-0000000000000000"
const SECRET_CONFIG = "secretCONFIG00000000000000000000000000000"
const ALL_SECRETS = [SECRET_DEFAULT, SECRET_DEV, TOKEN_DEV, SECRET_CONFIG]

const CREDENTIALS = `# a comment
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = ${SECRET_DEFAULT}

[dev]
aws_access_key_id=AKIDDEV
aws_secret_access_key=${SECRET_DEV}
aws_session_token=${TOKEN_DEV}
; another comment

[profile prefixed]
aws_access_key_id = AKIDPREFIXED
aws_secret_access_key = ${SECRET_DEV}
`

const CONFIG = `[default]
region = us-east-1

[profile fromconfig]
aws_access_key_id = AKIDCONFIG
aws_secret_access_key = ${SECRET_CONFIG}

[unprefixed]
aws_access_key_id = AKIDUNPREFIXED
aws_secret_access_key = ${SECRET_CONFIG}

[profile dev]
aws_access_key_id = AKIDDEVFROMCONFIG
region = eu-west-1

[profile regiononly]
region = eu-west-1
output = json

[profile role]
role_arn = arn:aws:iam::123456789012:role/Admin

[profile chained]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
aws_access_key_id = AKIDCHAINED
aws_secret_access_key = ${SECRET_CONFIG}

[profile sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Admin

[profile process]
credential_process = /usr/local/bin/creds --json

[profile webidentity]
role_arn = arn:aws:iam::123456789012:role/Web
web_identity_token_file = /var/run/token
`

/** Env for a test: the two files, the profile, and a HOME with nothing in it. */
const env = (paths: { readonly credentials: string; readonly config: string; readonly dir: string }, profile?: string) => ({
  AWS_SHARED_CREDENTIALS_FILE: paths.credentials,
  AWS_CONFIG_FILE: paths.config,
  AWS_PROFILE: profile,
  HOME: paths.dir,
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined
})

const read = <E>(layer: Layer.Layer<AwsCredentials, E>) =>
  Effect.flatMap(AwsCredentials, (c) => c.get).pipe(Effect.provide(layer))

const revealed = <E>(layer: Layer.Layer<AwsCredentials, E>) =>
  Effect.map(read(layer), (c) => ({
    accessKeyId: c.accessKeyId,
    secretAccessKey: Redacted.value(c.secretAccessKey),
    sessionToken: c.sessionToken === undefined ? undefined : Redacted.value(c.sessionToken)
  }))

/** The CredentialsError of a layer that must fail, checked for secrets in every rendering. */
const failure = <E>(layer: Layer.Layer<AwsCredentials, E>) =>
  Effect.gen(function*() {
    const error = yield* Effect.flip(read(layer))
    expect(error).toBeInstanceOf(CredentialsError)
    expectNoSecrets(renderings(error), ALL_SECRETS)
    return error as CredentialsError
  })

describe("fromIni", () => {
  const both = files({ credentials: CREDENTIALS, config: CONFIG })

  it.effect("reads the default profile's static keys", () =>
    withProcessEnv(env(both), Effect.gen(function*() {
      expect(yield* revealed(fromIni())).toEqual({ accessKeyId: "AKIDDEFAULT", secretAccessKey: SECRET_DEFAULT, sessionToken: undefined })
    })), 10_000)

  it.effect("AWS_PROFILE selects a profile; its session token is read too", () =>
    withProcessEnv(env(both, "dev"), Effect.gen(function*() {
      expect(yield* revealed(fromIni())).toEqual({ accessKeyId: "AKIDDEV", secretAccessKey: SECRET_DEV, sessionToken: TOKEN_DEV })
    })), 10_000)

  it.effect("the profile option wins over AWS_PROFILE", () =>
    withProcessEnv(env(both, "dev"), Effect.gen(function*() {
      expect((yield* read(fromIni({ profile: "default" }))).accessKeyId).toBe("AKIDDEFAULT")
    })), 10_000)

  it.effect("explicit file paths win over the environment variables", () =>
    Effect.gen(function*() {
      const other = files({ credentials: "[default]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = x-other-secret\n" })
      yield* withProcessEnv(env(both), Effect.gen(function*() {
        expect((yield* read(fromIni({ credentialsFile: other.credentials, configFile: other.config }))).accessKeyId).toBe("AKIDOTHER")
      }))
    }), 10_000)

  it.effect("in the config file a profile is [profile NAME]; a bare [NAME] there is not a profile", () =>
    withProcessEnv(env(both), Effect.gen(function*() {
      expect((yield* read(fromIni({ profile: "fromconfig" }))).accessKeyId).toBe("AKIDCONFIG")
      const error = yield* failure(fromIni({ profile: "unprefixed" }))
      expect(error.message).toBe(
        `profile "unprefixed": not found in ${both.credentials} or ${both.config} (in the config file the section is [profile unprefixed])`
      )
    })), 10_000)

  it.effect("in the credentials file a profile is [NAME]; [profile NAME] there is not profile NAME", () =>
    withProcessEnv(env(both), Effect.gen(function*() {
      const error = yield* failure(fromIni({ profile: "prefixed" }))
      expect(error.message).toContain(`profile "prefixed": not found in ${both.credentials} or ${both.config}`)
    })), 10_000)

  it.effect("a profile in both files: the credentials file wins, key by key", () =>
    withProcessEnv(env(both, "dev"), Effect.gen(function*() {
      // config's [profile dev] has another aws_access_key_id; credentials' [dev] wins.
      expect((yield* read(fromIni())).accessKeyId).toBe("AKIDDEV")
    })), 10_000)

  it.effect("keys split across the two files are merged", () =>
    Effect.gen(function*() {
      const split = files({
        credentials: `[split]\naws_secret_access_key = ${SECRET_DEV}\n`,
        config: "[profile split]\naws_access_key_id = AKIDSPLIT\n"
      })
      yield* withProcessEnv(env(split, "split"), Effect.gen(function*() {
        expect(yield* revealed(fromIni())).toEqual({ accessKeyId: "AKIDSPLIT", secretAccessKey: SECRET_DEV, sessionToken: undefined })
      }))
    }), 10_000)

  it.effect("a missing profile names both files and says which are missing", () =>
    Effect.gen(function*() {
      const none = files({})
      yield* withProcessEnv(env(none), Effect.gen(function*() {
        const error = yield* failure(fromIni())
        expect(error.message).toBe(`profile "default": not found in ${none.credentials} (missing) or ${none.config} (missing)`)
        expect(error.sources).toEqual([`profile "default"`])
      }))
      const onlyConfig = files({ config: CONFIG })
      yield* withProcessEnv(env(onlyConfig, "nope"), Effect.gen(function*() {
        const error = yield* failure(fromIni())
        expect(error.message).toBe(
          `profile "nope": not found in ${onlyConfig.credentials} (missing) or ${onlyConfig.config} (in the config file the section is [profile nope])`
        )
      }))
    }), 10_000)

  it.effect("a profile without keys says what it has (names only)", () =>
    withProcessEnv(env(both, "regiononly"), Effect.gen(function*() {
      const error = yield* failure(fromIni())
      expect(error.message).toBe(
        `profile "regiononly": no aws_access_key_id / aws_secret_access_key (the profile has only output, region)`
      )
    })), 10_000)

  it.effect.each([
    ["role", "assumes a role (role_arn)", "fromIni"],
    ["chained", "assumes a role (role_arn)", "fromIni"],
    ["sso", "uses IAM Identity Center (sso_*)", "fromSSO"],
    ["process", "runs a credential process (credential_process)", "fromProcess"],
    ["webidentity", "uses a web identity token (web_identity_token_file)", "fromIni"]
  ] as const)("profile %s needs fromProvider with @aws-sdk/credential-providers", ([profile, what, fn]) =>
    withProcessEnv(env(both, profile), Effect.gen(function*() {
      const error = yield* failure(fromIni())
      expect(error.message).toBe(
        `profile "${profile}": it ${what}, which this package does not do itself; ` +
          `use AwsCredentials.fromProvider(${fn}({ profile: "${profile}" })) with ${fn} from @aws-sdk/credential-providers`
      )
      expect(error.sources).toEqual([`profile "${profile}"`])
    })), 10_000)

  it.effect("malformed lines are skipped; well-formed keys around them still count", () =>
    Effect.gen(function*() {
      const messy = files({
        credentials: [
          "this line is nonsense",
          "[default]",
          "= value without a key",
          "aws_access_key_id = AKIDMESSY",
          "garbage without equals sign",
          `aws_secret_access_key = ${SECRET_DEFAULT} ; trailing comment`,
          "[broken",
          "[half]",
          "aws_access_key_id = AKIDHALF",
          `aws_secret_access_key ${SECRET_DEV}`,
          ""
        ].join("\n")
      })
      yield* withProcessEnv(env(messy), Effect.gen(function*() {
        expect(yield* revealed(fromIni())).toEqual({ accessKeyId: "AKIDMESSY", secretAccessKey: SECRET_DEFAULT, sessionToken: undefined })
        const error = yield* failure(fromIni({ profile: "half" }))
        expect(error.message).toBe(`profile "half": aws_access_key_id is set but aws_secret_access_key is not`)
      }))
    }), 10_000)

  it.effect("without the file variables, ~/.aws/credentials and ~/.aws/config under HOME", () =>
    Effect.gen(function*() {
      const home = files({})
      mkdirSync(join(home.dir, ".aws"))
      writeFileSync(join(home.dir, ".aws", "credentials"), CREDENTIALS)
      writeFileSync(join(home.dir, ".aws", "config"), CONFIG)
      yield* withProcessEnv(
        { ...env(home), AWS_SHARED_CREDENTIALS_FILE: undefined, AWS_CONFIG_FILE: undefined },
        Effect.gen(function*() {
          expect((yield* read(fromIni())).accessKeyId).toBe("AKIDDEFAULT")
          expect((yield* read(fromIni({ profile: "fromconfig" }))).accessKeyId).toBe("AKIDCONFIG")
          const error = yield* failure(fromIni({ profile: "absent" }))
          expect(error.message).toContain(`not found in ${join(home.dir, ".aws", "credentials")} or ${join(home.dir, ".aws", "config")}`)
        })
      )
    }), 10_000)

  it.effect("invalidate reads the file again (keys rotated on disk)", () =>
    Effect.gen(function*() {
      const rotating = files({ credentials: `[default]\naws_access_key_id = AKIDOLD\naws_secret_access_key = ${SECRET_DEFAULT}\n` })
      yield* withProcessEnv(env(rotating), Effect.gen(function*() {
        const credentials = yield* AwsCredentials
        expect((yield* credentials.get).accessKeyId).toBe("AKIDOLD")
        writeFileSync(rotating.credentials, `[default]\naws_access_key_id = AKIDNEW\naws_secret_access_key = ${SECRET_DEV}\n`)
        expect((yield* credentials.get).accessKeyId).toBe("AKIDOLD")
        yield* credentials.invalidate
        expect((yield* credentials.get).accessKeyId).toBe("AKIDNEW")
      }).pipe(Effect.provide(fromIni())))
    }), 10_000)
})

describe("defaultChain", () => {
  const both = files({ credentials: CREDENTIALS, config: CONFIG })

  it.effect("the environment first", () =>
    withProcessEnv(
      { ...env(both), AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "secret-from-env-000000" },
      Effect.gen(function*() {
        expect((yield* read(defaultChain())).accessKeyId).toBe("AKIDENV")
      })
    ), 10_000)

  it.effect("then the shared files", () =>
    withProcessEnv(env(both, "dev"), Effect.gen(function*() {
      expect((yield* read(defaultChain())).accessKeyId).toBe("AKIDDEV")
      expect((yield* read(defaultChain({ profile: "fromconfig" }))).accessKeyId).toBe("AKIDCONFIG")
    })), 10_000)

  it.effect("with neither, one error lists both sources and what each lacked", () =>
    Effect.gen(function*() {
      const none = files({})
      yield* withProcessEnv({ ...env(none), AWS_SECRET_ACCESS_KEY: SECRET_CONFIG }, Effect.gen(function*() {
        const error = yield* failure(defaultChain())
        expect(error.sources).toEqual(["environment", `profile "default"`])
        expect(error.message).toBe(
          "no AWS credentials from any source: environment: AWS_ACCESS_KEY_ID is not set; " +
            `profile "default": not found in ${none.credentials} (missing) or ${none.config} (missing)`
        )
      }))
    }), 10_000)
})
