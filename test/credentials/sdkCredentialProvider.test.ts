/**
 * `SdkCredentialProvider`: any `AwsCredentials` layer as an AWS SDK v3 credential provider.
 * Every kind of layer (static, a profile, a chain, an identity pool) answers it; concurrent
 * calls share the layer's one fetch; its resources are released by its scope or by `dispose()`.
 * Then a real SDK v3 client (`@aws-sdk/client-sts`) signs with it against `moto_server`'s STS
 * behind a recording proxy: the requests it sent carry the provider's access key and session
 * token, and however many clients ask at once, the credentials are fetched once and refreshed once.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import * as http from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { FetchHttpClient } from "@effect/platform"
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts"
import type { AwsCredentialIdentityProvider } from "@smithy/types"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer, Redacted, Scope } from "effect"
import { expectTypeOf } from "vitest"
import { Emulator } from "../../src/emulator/index.js"
import type { AwsCredentialIdentity, CredentialsError, SdkCredentialProvider as Provider } from "../../src/index.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, SdkCredentialProvider } from "../../src/index.js"
import { fromIni } from "../../src/node/index.js"
import { whoAmI } from "../../examples/sdkCredentials.js"
import { hasMoto, requirePeer, skipMessage, startMoto } from "../support/peers.js"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../support/fixtures.js"
import { eventually, makeFakeSource, withProcessEnv } from "./support.js"

const root = mkdtempSync(join(tmpdir(), "sdk-provider-"))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const call = (provider: Provider) => Effect.promise(() => provider())
const rejection = (provider: Provider) =>
  Effect.flatMap(Effect.promise(() => provider().then(() => undefined, (error: unknown) => error)), (error) =>
    error === undefined ? Effect.dieMessage("the provider resolved") : Effect.succeed(error))

const staticLayer = AwsCredentials.static({ accessKeyId: "AKIDSTATIC", secretAccessKey: "static-secret", sessionToken: "static-token" })

/** An emulator over HTTP with a pool that allows guests, and the identity pool layer for it. */
const identityPoolOverHttp = Effect.gen(function*() {
  const served = yield* Emulator.serve({ port: 0 })
  const client = CognitoIdentityClient.layer({ region: "us-east-1", endpoint: served.url }).pipe(Layer.provide(FetchHttpClient.layer))
  const admin = Layer.merge(client, AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }))
  const poolId = yield* Effect.provide(
    Effect.gen(function*() {
      const pool = yield* CognitoIdentity.createIdentityPool({ IdentityPoolName: "sdk", AllowUnauthenticatedIdentities: true })
      yield* CognitoIdentity.setIdentityPoolRoles({
        IdentityPoolId: pool.IdentityPoolId,
        Roles: { unauthenticated: "arn:aws:iam::123456789012:role/Guest" }
      })
      return pool.IdentityPoolId
    }),
    admin
  )
  const layer = AwsCredentials.fromCognitoIdentityPool({ identityPoolId: poolId }).pipe(Layer.provide(client))
  const requests = (operation: string) => served.emulator.stats().operations[operation]?.requests ?? 0
  return { layer, requests, poolId, url: served.url }
})

describe("SdkCredentialProvider: any layer", () => {
  it("is an SDK v3 credential provider by its type", () => {
    expectTypeOf<Provider>().toMatchTypeOf<AwsCredentialIdentityProvider>()
    expectTypeOf(SdkCredentialProvider.make(staticLayer)).toMatchTypeOf<AwsCredentialIdentityProvider>()
  })

  it.scoped("static: the plain values, and no member the layer has not", () =>
    Effect.gen(function*() {
      const provider = yield* SdkCredentialProvider.scoped(staticLayer)
      expect(yield* call(provider)).toEqual({ accessKeyId: "AKIDSTATIC", secretAccessKey: "static-secret", sessionToken: "static-token" })
      const bare = yield* SdkCredentialProvider.scoped(AwsCredentials.static({ accessKeyId: "AKIDBARE", secretAccessKey: "s" }))
      expect(Object.keys(yield* call(bare))).toEqual(["accessKeyId", "secretAccessKey"])
    }))

  it.scoped("a profile of the shared files, and a chain whose first link has nothing", () =>
    Effect.gen(function*() {
      const credentials = join(root, "credentials")
      writeFileSync(credentials, "[dev]\naws_access_key_id = AKIDINI\naws_secret_access_key = ini-secret\n")
      const ini = yield* SdkCredentialProvider.scoped(fromIni({ profile: "dev", credentialsFile: credentials, configFile: join(root, "none") }))
      expect(yield* call(ini)).toEqual({ accessKeyId: "AKIDINI", secretAccessKey: "ini-secret" })
      const chained = yield* withProcessEnv(
        { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined },
        Effect.flatMap(SdkCredentialProvider.scoped(AwsCredentials.chain(AwsCredentials.fromEnv, staticLayer)), call)
      )
      expect(chained.accessKeyId).toBe("AKIDSTATIC")
    }))

  it.live("an identity pool: 20 concurrent calls, one GetId and one GetCredentialsForIdentity", () =>
    Effect.gen(function*() {
      const { layer, requests } = yield* identityPoolOverHttp
      const provider = yield* SdkCredentialProvider.scoped(layer)
      const answers = yield* Effect.all(Array.from({ length: 20 }, () => call(provider)), { concurrency: "unbounded" })
      expect(new Set(answers.map((a) => a.accessKeyId)).size).toBe(1)
      expect(answers[0]?.accessKeyId).toMatch(/^ASIA/)
      expect(answers[0]?.sessionToken).toBeDefined()
      expect(answers[0]?.expiration).toBeInstanceOf(Date)
      expect({ GetId: requests("GetId"), GetCredentialsForIdentity: requests("GetCredentialsForIdentity") })
        .toEqual({ GetId: 1, GetCredentialsForIdentity: 1 })
    }).pipe(Effect.scoped), 20_000)

  it.live("concurrent calls while the fetch is in flight wait for that one fetch", () =>
    Effect.gen(function*() {
      const fake = yield* makeFakeSource((n) => Effect.succeed(credentialsNumbered(n, 3_600_000)))
      yield* fake.hold
      const provider = yield* SdkCredentialProvider.scoped(AwsCredentials.cached(fake.source))
      const pending = yield* Effect.fork(Effect.all(Array.from({ length: 10 }, () => call(provider)), { concurrency: "unbounded" }))
      yield* eventually(Effect.sync(() => fake.fetches() === 1), "the first call started the fetch")
      yield* fake.release
      const answers = yield* pending.await
      expect(Exit.isSuccess(answers) && answers.value.map((a) => a.accessKeyId)).toEqual(Array(10).fill("AKIDFETCH1"))
      expect(fake.fetches()).toBe(1)
    }).pipe(Effect.scoped), 20_000)
})

/** Credentials numbered by fetch, expiring `millis` from now (real time: the SDK reads Date). */
const credentialsNumbered = (n: number, millis: number): AwsCredentialIdentity => ({
  accessKeyId: `AKIDFETCH${n}`,
  secretAccessKey: Redacted.make(`fetch-secret-${n}`),
  sessionToken: Redacted.make(`fetch-token-${n}`),
  expiration: new Date(Date.now() + millis)
})

describe("SdkCredentialProvider: releasing the layer", () => {
  /** A layer whose resource says when it was released. */
  const tracked = () => {
    const events: Array<string> = []
    const layer = Layer.scoped(
      AwsCredentials,
      Effect.acquireRelease(
        Effect.sync(() => {
          events.push("acquired")
          return { get: Effect.succeed(credentialsNumbered(1, 3_600_000)), invalidate: Effect.void }
        }),
        () => Effect.sync(() => void events.push("released"))
      )
    )
    return { events, layer }
  }

  it.live("make: built at the first call, released by dispose(); later calls reject with a CredentialsError", () =>
    Effect.gen(function*() {
      const { events, layer } = tracked()
      const provider = SdkCredentialProvider.make(layer)
      expect(events).toEqual([])
      expect((yield* call(provider)).accessKeyId).toBe("AKIDFETCH1")
      yield* call(provider)
      expect(events).toEqual(["acquired"])
      yield* Effect.promise(() => provider.dispose())
      expect(events).toEqual(["acquired", "released"])
      const error = yield* rejection(provider)
      expect(error).toMatchObject({ _tag: "CredentialsError", message: "the credential provider was disposed: its layer is closed" })
    }), 20_000)

  it.live("make: a layer that fails to build rejects with its own error", () =>
    Effect.gen(function*() {
      const provider = SdkCredentialProvider.make(AwsCredentials.fromEnv)
      const error = yield* withProcessEnv(
        { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined },
        rejection(provider)
      )
      expect(error).toMatchObject({ _tag: "CredentialsError" })
      expect((error as CredentialsError).message).toContain("AWS_ACCESS_KEY_ID")
      yield* Effect.promise(() => provider.dispose())
    }), 20_000)

  it.live("scoped: released with its scope; later calls reject", () =>
    Effect.gen(function*() {
      const { events, layer } = tracked()
      const scope = yield* Scope.make()
      const provider = yield* Scope.extend(SdkCredentialProvider.scoped(layer), scope)
      expect((yield* call(provider)).accessKeyId).toBe("AKIDFETCH1")
      yield* Scope.close(scope, Exit.void)
      expect(events).toEqual(["acquired", "released"])
      expect(yield* rejection(provider)).toMatchObject({ _tag: "CredentialsError" })
    }), 20_000)
})

/** An HTTP proxy in front of moto that records the headers of every request it forwards. */
const recordingProxy = (target: string) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly seen: Array<http.IncomingHttpHeaders>; readonly server: http.Server }>((resume) => {
      const seen: Array<http.IncomingHttpHeaders> = []
      const upstream = new URL(target)
      const server = http.createServer((request, response) => {
        seen.push(request.headers)
        const forwarded = http.request(
          { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: request.headers },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers)
            answer.pipe(response)
          }
        )
        forwarded.on("error", () => response.destroy())
        request.pipe(forwarded)
      })
      server.listen(0, "127.0.0.1", () => {
        const address = server.address()
        const port = typeof address === "object" && address !== null ? address.port : 0
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, seen, server }))
      })
    }),
    ({ server }) => Effect.async<void>((resume) => void server.close(() => resume(Effect.void)))
  )

/** The access key of a SigV4 Authorization header. */
const keyOf = (headers: http.IncomingHttpHeaders): string | undefined =>
  /Credential=([^/]+)\//.exec(headers.authorization ?? "")?.[1]

const withMoto = hasMoto()
requirePeer(withMoto, "moto_server")
const peerSuite = withMoto ? describe : describe.skip

peerSuite(`SdkCredentialProvider with a real SDK v3 client (STS on moto_server)${
  withMoto ? "" : `: ${skipMessage("moto_server", "pip install 'moto[server]'")}`
}`, () => {
  const stsClients = (endpoint: string, provider: Provider, count: number) =>
    Array.from({ length: count }, () => new STSClient({ region: "us-east-1", endpoint, credentials: provider, maxAttempts: 1 }))

  /** Every client sends `each` GetCallerIdentity at once; all must succeed. */
  const burst = (clients: ReadonlyArray<STSClient>, each: number) =>
    Effect.promise(() => Promise.all(clients.flatMap((client) => Array.from({ length: each }, () => client.send(new GetCallerIdentityCommand({}))))))

  it.live("identity pool credentials sign the SDK's requests: 3 clients × 4 requests, one fetch", () =>
    Effect.gen(function*() {
      const moto = yield* startMoto
      const proxy = yield* recordingProxy(moto.url)
      const { layer, requests } = yield* identityPoolOverHttp
      const provider = yield* SdkCredentialProvider.scoped(layer)
      const answers = yield* burst(stsClients(proxy.url, provider, 3), 4)
      expect(answers).toHaveLength(12)
      expect(answers.every((answer) => typeof answer.Account === "string")).toBe(true)

      const expected = yield* call(provider)
      expect(expected.accessKeyId).toMatch(/^ASIA/)
      expect(proxy.seen).toHaveLength(12)
      for (const headers of proxy.seen) {
        expect(keyOf(headers)).toBe(expected.accessKeyId)
        expect(headers["x-amz-security-token"]).toBe(expected.sessionToken)
        expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=\S+\/us-east-1\/sts\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/)
      }
      expect({ GetId: requests("GetId"), GetCredentialsForIdentity: requests("GetCredentialsForIdentity") })
        .toEqual({ GetId: 1, GetCredentialsForIdentity: 1 })
    }).pipe(Effect.scoped), 60_000)

  it.live("the README's example: STS GetCallerIdentity with a guest's credentials, the layer disposed after", () =>
    Effect.gen(function*() {
      const moto = yield* startMoto
      const proxy = yield* recordingProxy(moto.url)
      const { poolId, requests, url } = yield* identityPoolOverHttp
      const arn = yield* Effect.promise(() => whoAmI(poolId, { cognito: url, sts: proxy.url }))
      expect(arn).toMatch(/^arn:aws:/)
      expect(proxy.seen).toHaveLength(1)
      expect(keyOf(proxy.seen[0] ?? {})).toMatch(/^ASIA/)
      expect(requests("GetCredentialsForIdentity")).toBe(1)
    }).pipe(Effect.scoped), 60_000)

  it.live("credentials near expiry are refreshed once, however many SDK requests ask", () =>
    Effect.gen(function*() {
      const moto = yield* startMoto
      const proxy = yield* recordingProxy(moto.url)
      // The first credentials expire in 4 minutes, so the SDK asks again at each request (it
      // refreshes within 5 minutes of expiry); the layer refreshes them from 3 seconds on. The
      // next ones last an hour.
      const FIRST_LIFE = 240_000
      const WINDOW_MILLIS = 237_000
      let firstExpiry = 0
      const fake = yield* makeFakeSource((n) =>
        Effect.sync(() => {
          const credentials = credentialsNumbered(n, n === 1 ? FIRST_LIFE : 3_600_000)
          if (n === 1) firstExpiry = credentials.expiration?.getTime() ?? 0
          return credentials
        })
      )
      const provider = yield* SdkCredentialProvider.scoped(
        AwsCredentials.cached(fake.source, { refreshWindow: `${WINDOW_MILLIS} millis`, jitter: 0 })
      )
      const clients = stsClients(proxy.url, provider, 3)

      yield* burst(clients, 2)
      expect(fake.fetches()).toBe(1)
      expect(new Set(proxy.seen.map(keyOf))).toContain("AKIDFETCH1")

      // Past the refresh point (not a timing assertion: only where the test stands).
      const refreshAt = firstExpiry - WINDOW_MILLIS
      yield* Effect.sleep(`${Math.max(0, refreshAt - Date.now()) + 100} millis`)
      yield* burst(clients, 2)
      yield* eventually(Effect.sync(() => fake.fetches() === 2), "the refresh landed")

      const before = proxy.seen.length
      yield* burst(clients, 2)
      expect(proxy.seen.slice(before).map(keyOf)).toEqual(Array(6).fill("AKIDFETCH2"))
      expect(proxy.seen.every((headers) => ["AKIDFETCH1", "AKIDFETCH2"].includes(keyOf(headers) ?? ""))).toBe(true)
      expect(fake.fetches()).toBe(2)
    }).pipe(Effect.scoped), 60_000)
})
