/**
 * Credentials from the shared AWS files (`~/.aws/credentials`, `~/.aws/config`), Node only.
 *
 * The files are parsed by @smithy/shared-ini-file-loader, the AWS SDK's own parser, so
 * comments, `[profile name]` sections in config vs `[name]` in credentials, and the merge of
 * both files (credentials wins, key by key) behave exactly as in the SDKs and the CLI.
 * Only static keys are read here; profiles that assume a role, use SSO, a credential process
 * or a web identity token are reported with the `@aws-sdk/credential-providers` function that
 * handles them, to plug in with `AwsCredentials.fromProvider`.
 */
import { access } from "node:fs/promises"
import { join } from "node:path"
import type * as SharedIniFileLoader from "@smithy/shared-ini-file-loader"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { CredentialsError } from "../errors/ClientErrors.js"
import { AwsCredentials } from "../layers/AwsCredentials.js"
import { FallbackRegion } from "../layers/FallbackRegion.js"
import type { AwsCredentialIdentity } from "../layers/AwsCredentials.js"
import { cachedCredentials } from "../layers/credentials/cachedCredentials.js"
import type { CredentialsSource } from "../layers/credentials/CredentialsSource.js"

export interface FromIniOptions {
  /** Default: `AWS_PROFILE`, else `default`. */
  readonly profile?: string | undefined
  /** Default: `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`. */
  readonly credentialsFile?: string | undefined
  /** Default: `AWS_CONFIG_FILE`, else `~/.aws/config`. */
  readonly configFile?: string | undefined
}

const optional = (name: string) =>
  Config.string(name).pipe(
    Config.option,
    Config.map(Option.filter((value) => value !== "")),
    Config.map(Option.getOrUndefined)
  )

// Through Config like the other settings, so a ConfigProvider can supply them in tests.
const settingsFromEnvironment = Config.all({
  profile: optional("AWS_PROFILE"),
  credentialsFile: optional("AWS_SHARED_CREDENTIALS_FILE"),
  configFile: optional("AWS_CONFIG_FILE")
})

/** The settings from the environment; unreadable ones count as unset. */
const environmentSettings = Effect.orElseSucceed(settingsFromEnvironment, () => ({
  profile: undefined,
  credentialsFile: undefined,
  configFile: undefined
}))

/**
 * The SDK's INI loader, loaded when a profile is first read rather than when this module is:
 * importing `effect-cognito-identity/node` for a transport then costs no start-up time for it
 * (30–70 ms as installed).
 */
const iniLoader: Effect.Effect<typeof SharedIniFileLoader> = Effect.promise(() => import("@smithy/shared-ini-file-loader"))

/** `~/` as the SDK expands it (HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, then os.homedir()). */
const expandHome = (ini: typeof SharedIniFileLoader, path: string): string =>
  path.startsWith("~/") ? join(ini.getHomeDir(), path.slice(2)) : path

const exists = (path: string) =>
  Effect.promise(() => access(path).then(() => true, () => false))

/** Which setting names a profile has, to say what it holds instead of what it lacks. Never values. */
const describeSettings = (profile: Readonly<Record<string, string | undefined>>): string => {
  const names = Object.keys(profile).sort()
  return names.length === 0 ? "no settings" : `only ${names.join(", ")}`
}

/** A profile that needs another credentials mechanism, and the SDK function for it. */
const delegated = (
  profile: Readonly<Record<string, string | undefined>>,
  name: string
): string | undefined => {
  const has = (key: string) => profile[key] !== undefined
  const use = (what: string, fn: string) =>
    `it ${what}, which this package does not do itself; use AwsCredentials.fromProvider(${fn}({ profile: "${name}" })) with ${fn} from @aws-sdk/credential-providers`
  if (has("role_arn") && has("web_identity_token_file")) return use("uses a web identity token (web_identity_token_file)", "fromIni")
  if (has("role_arn")) return use("assumes a role (role_arn)", "fromIni")
  if (has("credential_process")) return use("runs a credential process (credential_process)", "fromProcess")
  if (Object.keys(profile).some((key) => key.startsWith("sso_"))) return use("uses IAM Identity Center (sso_*)", "fromSSO")
  return undefined
}

/** The profile's static keys, read once per fetch (at build, and again after `invalidate`). */
export const iniSource = (options: FromIniOptions = {}): CredentialsSource => {
  const fetch = Effect.gen(function*() {
    const environment = yield* environmentSettings
    const ini = yield* iniLoader
    const profileName = options.profile ?? environment.profile ?? "default"
    const source = `profile "${profileName}"`
    const credentialsFile = expandHome(ini, options.credentialsFile ?? environment.credentialsFile ?? "~/.aws/credentials")
    const configFile = expandHome(ini, options.configFile ?? environment.configFile ?? "~/.aws/config")
    const fail = (problem: string) =>
      Effect.fail(new CredentialsError({ message: `${source}: ${problem}`, sources: [source] }))

    const profiles = yield* Effect.tryPromise({
      // ignoreCache: the loader memoizes files per path for the life of the process; a
      // refresh must see keys rotated on disk.
      try: () => ini.parseKnownFiles({ profile: profileName, filepath: credentialsFile, configFilepath: configFile, ignoreCache: true }),
      catch: () => new CredentialsError({ message: `${source}: the shared config files could not be read`, sources: [source] })
    })
    const profile = Object.hasOwn(profiles, profileName) ? profiles[profileName] : undefined
    if (profile === undefined) {
      // The loader treats unreadable files as empty; say which ones were not there.
      const [hasCredentials, hasConfig] = yield* Effect.all([exists(credentialsFile), exists(configFile)])
      const describe = (path: string, present: boolean) => present ? path : `${path} (missing)`
      return yield* fail(
        `not found in ${describe(credentialsFile, hasCredentials)} or ${describe(configFile, hasConfig)}` +
          (profileName === "default" ? "" : ` (in the config file the section is [profile ${profileName}])`)
      )
    }
    const accessKeyId = profile["aws_access_key_id"]
    const secretAccessKey = profile["aws_secret_access_key"]
    const sessionToken = profile["aws_session_token"]
    // As in the SDK: a role with a source is assumed even when the profile also has keys.
    if (profile["role_arn"] !== undefined && (profile["source_profile"] !== undefined || profile["credential_source"] !== undefined)) {
      return yield* fail(delegated(profile, profileName) ?? "it assumes a role")
    }
    if (accessKeyId !== undefined && secretAccessKey !== undefined) {
      const identity: AwsCredentialIdentity = {
        accessKeyId,
        secretAccessKey: Redacted.make(secretAccessKey),
        sessionToken: sessionToken === undefined ? undefined : Redacted.make(sessionToken)
      }
      return identity
    }
    const other = delegated(profile, profileName)
    if (other !== undefined) return yield* fail(other)
    if (accessKeyId !== undefined) return yield* fail("aws_access_key_id is set but aws_secret_access_key is not")
    if (secretAccessKey !== undefined) return yield* fail("aws_secret_access_key is set but aws_access_key_id is not")
    return yield* fail(`no aws_access_key_id / aws_secret_access_key (the profile has ${describeSettings(profile)})`)
  })
  return { name: "shared config files", fetch }
}

/**
 * Static keys (and session token) of a profile in the shared files. Read when the layer is
 * built (a missing or unusable profile fails it, saying why) and again after `invalidate`.
 */
export const fromIni = (options: FromIniOptions = {}): Layer.Layer<AwsCredentials, CredentialsError> =>
  Layer.scoped(AwsCredentials, Effect.tap(cachedCredentials(iniSource(options)), (service) => service.get))

/**
 * What the CLI uses: the environment variables, then the shared files. Nothing is read until
 * the first signed call, so commands that only use the public operations need no credentials.
 */
export const defaultChain = (options: FromIniOptions = {}): Layer.Layer<AwsCredentials> =>
  AwsCredentials.chain(AwsCredentials.fromEnv, fromIni(options))

/**
 * The `region` of a profile in the shared config file (`~/.aws/config`, or `AWS_CONFIG_FILE`;
 * the profile is `options.profile`, else `AWS_PROFILE`, else `default`), as the AWS CLI and
 * SDKs read it: only the config file holds settings. Undefined when the file, the profile or
 * the setting is missing: a region is then needed from somewhere else, and the caller says so.
 */
export const readProfileRegion = (options: FromIniOptions = {}): Effect.Effect<string | undefined> =>
  Effect.gen(function*() {
    const environment = yield* environmentSettings
    const ini = yield* iniLoader
    const profileName = options.profile ?? environment.profile ?? "default"
    const configFilepath = expandHome(ini, options.configFile ?? environment.configFile ?? "~/.aws/config")
    const filepath = expandHome(ini, options.credentialsFile ?? environment.credentialsFile ?? "~/.aws/credentials")
    const files = yield* Effect.tryPromise(() => ini.loadSharedConfigFiles({ configFilepath, filepath, ignoreCache: true })).pipe(
      Effect.orElseSucceed(() => undefined)
    )
    const profile = files !== undefined && Object.hasOwn(files.configFile, profileName) ? files.configFile[profileName] : undefined
    const region = profile?.["region"]?.trim()
    return region === undefined || region === "" ? undefined : region
  })

/**
 * `CognitoIdentityClient.layerConfig`'s last resort for a region: the shared config profile's
 * `region` (see `readProfileRegion`). Provide it to the client layer:
 * `CognitoIdentityClient.layerConfig().pipe(Layer.provide(Layer.merge(UndiciHttpClient.layer, profileRegion())))`.
 */
export const profileRegion = (options: FromIniOptions = {}): Layer.Layer<FallbackRegion> =>
  Layer.succeed(FallbackRegion, readProfileRegion(options))
