/**
 * The emulator over a real socket, against what test/integration/emulator/hostile.test.ts
 * does not already send (that file covers random bytes as HTTP, odd request lines, header
 * floods, a 10 MB body, slow senders and a fixed list of malformed Authorization headers;
 * server.test.ts covers chunked bodies over the cap):
 *
 * - generated Authorization headers, on signed and on public operations;
 * - random bytes as the body of a correctly routed request;
 * - generated X-Amz-Target values;
 * - login tokens never echoed in a validation error;
 * - many slow connections at once do not starve a normal request;
 * - one account never sees another's pools, names, identities, tags or roles, through any
 *   of the 19 signed operations, and cannot change or delete them.
 *
 * Every response is checked for stack traces and file paths, and the server must answer a
 * normal request afterwards.
 */
import { FetchHttpClient } from "@effect/platform"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer, Scope } from "effect"
import fc from "fast-check"
import type { AccessKey, ServedEmulator } from "../../src/emulator/index.js"
import { Emulator } from "../../src/emulator/index.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import { parseResponse, rawExchange } from "../integration/emulator/rawSocket.js"
import { renderExit } from "./support.js"

const ALPHA: AccessKey = { accessKeyId: "AKIDALPHA00000000001", secretAccessKey: "alpha/Secret+Key", accountId: "111111111111" }
const BRAVO: AccessKey = { accessKeyId: "AKIDBRAVO00000000001", secretAccessKey: "bravo/Secret+Key", accountId: "222222222222" }

const limits = {
  headersTimeoutMillis: 600,
  requestTimeoutMillis: 1_000,
  maxHeadersCount: 100,
  maxHeaderSize: 16 * 1024,
  maxBodyBytes: 256 * 1024
}

let scope: Scope.CloseableScope
let served: ServedEmulator

beforeAll(async () => {
  scope = await Effect.runPromise(Scope.make())
  served = await Effect.runPromise(Emulator.serve({ accessKeys: [ALPHA, BRAVO], ...limits }).pipe(Scope.extend(scope)))
})

afterAll(() => Effect.runPromise(Scope.close(scope, Exit.void)))

const as = (key: AccessKey) =>
  Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1", endpoint: served.url }).pipe(Layer.provide(FetchHttpClient.layer)),
    AwsCredentials.static({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }),
    RetryPolicy.layerNone
  )

/** A stack trace, an exception class printed as text, or a path of the emulator's sources. */
const LEAKS = [/\n\s+at /, /\bat .*\(.*:\d+:\d+\)/, /\w*Error: /, /\/work\//, /file:\/\//, /node:internal/, /\.[jt]s:\d+/, /node_modules/]

const expectClean = (raw: string, label: string) => {
  for (const leak of LEAKS) expect(leak.test(raw), `${label}: ${leak} in ${raw.slice(0, 600)}`).toBe(false)
}

const post = (headers: Record<string, string>, body: string | Uint8Array): Uint8Array => {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body)
  const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
    Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("") +
    `Content-Length: ${bytes.byteLength}\r\nConnection: close\r\n\r\n`
  return Buffer.concat([Buffer.from(head, "latin1"), bytes])
}

/** One raw exchange: the status, the error code of the body, and the whole response text. */
const exchange = async (raw: Uint8Array, label: string) => {
  const result = await rawExchange(served.port, raw, { timeoutMillis: 3_000 })
  expectClean(result.response, label)
  const response = parseResponse(result.response)
  let code: unknown = undefined
  try {
    const body: unknown = JSON.parse(response?.body ?? "")
    code = typeof body === "object" && body !== null && "__type" in body ? body.__type : undefined
  } catch {
    code = undefined
  }
  return { status: response?.status, code, raw: result.response, closed: result.closed }
}

const POOL_SHAPED = "us-east-1:0a1b2c3d-4e5f-4789-abcd-ef0123456789"

/** A normal, signed call still succeeds: the server is up and serving. */
const healthy = async () => {
  const pools = await Effect.runPromise(CognitoIdentity.listIdentityPools({ MaxResults: 1 }).pipe(Effect.provide(as(ALPHA))))
  expect(Array.isArray(pools.IdentityPools)).toBe(true)
}

describe("hostile requests over a socket", () => {
  const SIGNATURE_ERRORS = ["IncompleteSignatureException", "InvalidSignatureException", "UnrecognizedClientException", "MissingAuthenticationTokenException"]
  // Header values node will parse: printable ASCII and Latin-1, no CR or LF.
  const headerText = fc.string({
    unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((c) => String.fromCharCode(c)),
    maxLength: 300
  })
  const scopePart = fc.oneof(headerText, fc.constantFrom("", "AKIDALPHA00000000001", "20260101", "us-east-1", "cognito-identity", "aws4_request", ".."))
  const authorization = fc.oneof(
    headerText,
    fc.tuple(scopePart, scopePart, scopePart, scopePart, headerText, fc.oneof(fc.string({ unit: fc.constantFrom(..."0123456789abcdef".split("")), minLength: 64, maxLength: 64 }), headerText))
      .map(([key, date, region, service, signed, signature]) =>
        `AWS4-HMAC-SHA256 Credential=${key}/${date}/${region}/${service}/aws4_request, SignedHeaders=${signed}, Signature=${signature}`
      ),
    headerText.map((rest) => `AWS4-HMAC-SHA256 ${rest}`)
  )

  it("generated Authorization headers get a signature error, on signed and on public operations", async () => {
    await fc.assert(
      fc.asyncProperty(authorization, fc.constantFrom("DescribeIdentityPool", "GetId", "ListIdentityPools"), async (value, operation) => {
        const body = operation === "ListIdentityPools" ? "{\"MaxResults\":1}" : `{"IdentityPoolId":"${POOL_SHAPED}"}`
        const { code, status } = await exchange(
          post({ "X-Amz-Target": `AWSCognitoIdentityService.${operation}`, "Content-Type": "application/x-amz-json-1.1", "X-Amz-Date": "20260101T000000Z", Authorization: value }, body),
          `Authorization ${JSON.stringify(value).slice(0, 80)}`
        )
        // A header that is only whitespace is no header at all: a public call then goes through.
        if (value.trim() === "" && operation === "GetId") return
        expect(status).toBe(400)
        expect(SIGNATURE_ERRORS).toContain(code)
      }),
      { numRuns: 60 }
    )
    await healthy()
  })

  it("random bytes as the body of a correctly routed request are a SerializationException (or a ValidationException)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_048 }), fc.constantFrom("GetId", "GetCredentialsForIdentity", "UnlinkIdentity"), async (bytes, operation) => {
        const { code, status } = await exchange(
          post({ "X-Amz-Target": `AWSCognitoIdentityService.${operation}`, "Content-Type": "application/x-amz-json-1.1" }, bytes),
          `random body for ${operation}`
        )
        expect(status).toBe(400)
        expect(["SerializationException", "ValidationException"]).toContain(code)
      }),
      { numRuns: 60 }
    )
    await healthy()
  })

  it("generated X-Amz-Target values are an UnknownOperationException", async () => {
    const known = new Set(["GetId", "GetOpenIdToken", "GetCredentialsForIdentity", "UnlinkIdentity"])
    const target = fc.oneof(
      fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
      fc.string({ maxLength: 40 }).map((s) => `AWSCognitoIdentityService.${s.replace(/[\r\n]/g, "")}`),
      fc.constantFrom(
        "AWSCognitoIdentityService.",
        "AWSCognitoIdentityService.__proto__",
        "AWSCognitoIdentityService.constructor",
        "AWSCognitoIdentityService.toString",
        "AWSCognitoIdentityService.hasOwnProperty",
        "AWSCognitoIdentityService.getId",
        "awscognitoidentityservice.GetId",
        "AWSCognitoIdentityService.GetId.GetId",
        "AWSCognitoIdentityService..GetId",
        "AWSCognitoIdentityProviderService.GetId",
        "AWSCognitoIdentityService.GetId\u00a0",
        `AWSCognitoIdentityService.${"A".repeat(4_000)}`
      )
    )
    await fc.assert(
      fc.asyncProperty(target, async (value) => {
        const trimmed = value.replace(/^[ \t]+|[ \t]+$/g, "")
        const routed = trimmed.startsWith("AWSCognitoIdentityService.") && known.has(trimmed.slice("AWSCognitoIdentityService.".length))
        if (routed) return
        const { code, raw, status } = await exchange(
          post({ "X-Amz-Target": Buffer.from(value, "utf8").toString("latin1"), "Content-Type": "application/x-amz-json-1.1" }, `{"IdentityPoolId":"${POOL_SHAPED}"}`),
          `target ${value.slice(0, 60)}`
        )
        expect(status).toBe(400)
        expect(code).toBe("UnknownOperationException")
        // The target is quoted back cut short: a 4,000-character target is not echoed whole.
        expect(raw.length).toBeLessThan(4_000)
      }),
      { numRuns: 60 }
    )
    await healthy()
  })

  it("a login token is never echoed in an error, whatever else is wrong with the request", async () => {
    const token = fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.".split("")), minLength: 12, maxLength: 60 })
      .map((t) => `tok${t}`)
    const wrong = fc.constantFrom(
      { IdentityPoolId: "bad" },
      { IdentityPoolId: POOL_SHAPED, AccountId: "12ab" },
      { IdentityPoolId: 42 },
      { IdentityPoolId: POOL_SHAPED }
    )
    await fc.assert(
      fc.asyncProperty(token, wrong, fc.integer({ min: 1, max: 3 }), fc.boolean(), async (secret, rest, repeat, longProvider) => {
        const provider = longProvider ? "p".repeat(200) : "graph.facebook.com"
        const value = repeat === 3 ? secret.repeat(Math.ceil(50_001 / secret.length)) : secret
        const { raw } = await exchange(
          post(
            { "X-Amz-Target": "AWSCognitoIdentityService.GetId", "Content-Type": "application/x-amz-json-1.1" },
            JSON.stringify({ ...rest, Logins: { [provider]: value, "other.example": 7 } })
          ),
          "token echo"
        )
        expect(raw).not.toContain(secret)
      }),
      { numRuns: 40 }
    )
  })

  it("a body exactly at maxBodyBytes is read; one byte more is a 413 on a closed connection", async () => {
    const padded = (size: number) => {
      const json = `{"IdentityPoolId":"${POOL_SHAPED}"}`
      return json + " ".repeat(size - json.length)
    }
    const atCap = await exchange(
      post({ "X-Amz-Target": "AWSCognitoIdentityService.GetId", "Content-Type": "application/x-amz-json-1.1" }, padded(limits.maxBodyBytes)),
      "body at the cap"
    )
    // Read and routed: the pool does not exist, which is the model's answer, not the size's.
    expect(atCap.status).toBe(400)
    expect(atCap.code).toBe("ResourceNotFoundException")
    const over = await exchange(
      post({ "X-Amz-Target": "AWSCognitoIdentityService.GetId", "Content-Type": "application/x-amz-json-1.1" }, padded(limits.maxBodyBytes + 1)),
      "body over the cap"
    )
    expect(over.status).toBe(413)
    expect(over.code).toBe("RequestEntityTooLargeException")
    expect(over.closed).toBe(true)
    await healthy()
  })

  it("an Authorization header over the header size limit is a 431, and the server stays up", async () => {
    const { code, status } = await exchange(
      post({ "X-Amz-Target": "AWSCognitoIdentityService.DescribeIdentityPool", Authorization: `AWS4-HMAC-SHA256 Credential=${"a".repeat(64 * 1024)}` }, "{}"),
      "huge Authorization"
    )
    expect(status).toBe(431)
    expect(code).toBe("RequestHeaderFieldsTooLarge")
    await healthy()
  })

  it("40 slow connections at once do not starve a normal request", async () => {
    const slow = Array.from({ length: 40 }, (_, i) =>
      rawExchange(served.port, `POST / HTTP/1.1\r\nHost: x\r\nX-Slow-${i}: 1\r\n`, {
        timeoutMillis: 4_000,
        dribble: { chunk: "X-A: b\r\n", intervalMillis: 150, count: 100 }
      })
    )
    const started = Date.now()
    await healthy()
    expect(Date.now() - started).toBeLessThan(1_000)
    const finished = await Promise.all(slow)
    for (const result of finished) {
      // Each slow sender was cut off by the header deadline, not left hanging.
      expect(result.closed).toBe(true)
      expect(result.elapsed).toBeLessThan(limits.requestTimeoutMillis + 1_500)
      expectClean(result.response, "slow sender")
    }
    await healthy()
  })
})

describe("one account never sees another's data", () => {
  const ALPHA_POOL_NAME = "AlphaSecretPoolName"
  const ALPHA_TAG = "alpha-tag-value-7731"
  const ALPHA_ROLE = "arn:aws:iam::111111111111:role/AlphaSecretRole"
  const ALPHA_DEVELOPER = "login.alpha.example"
  const ALPHA_USER = "alpha-developer-user-42"

  interface AlphaWorld {
    readonly pool: string
    readonly arn: string
    readonly unauthIdentity: string
    readonly developerIdentity: string
  }

  const alphaWorld = Effect.gen(function*() {
    const pool = yield* CognitoIdentity.createIdentityPool({
      IdentityPoolName: ALPHA_POOL_NAME,
      AllowUnauthenticatedIdentities: true,
      DeveloperProviderName: ALPHA_DEVELOPER,
      IdentityPoolTags: { owner: ALPHA_TAG }
    })
    yield* CognitoIdentity.setIdentityPoolRoles({ IdentityPoolId: pool.IdentityPoolId, Roles: { authenticated: ALPHA_ROLE, unauthenticated: ALPHA_ROLE } })
    const unauth = yield* CognitoIdentity.getId({ IdentityPoolId: pool.IdentityPoolId })
    const developer = yield* CognitoIdentity.getOpenIdTokenForDeveloperIdentity({
      IdentityPoolId: pool.IdentityPoolId,
      Logins: { [ALPHA_DEVELOPER]: ALPHA_USER }
    })
    const world: AlphaWorld = {
      pool: pool.IdentityPoolId,
      arn: `arn:aws:cognito-identity:us-east-1:${ALPHA.accountId}:identitypool/${pool.IdentityPoolId}`,
      unauthIdentity: unauth.IdentityId ?? "",
      developerIdentity: developer.IdentityId ?? ""
    }
    return world
  })

  it("as Bravo, every signed operation on Alpha's pool, identities and ARN is refused and reveals nothing", async () => {
    const world = await Effect.runPromise(alphaWorld.pipe(Effect.provide(as(ALPHA))))
    expect(world.unauthIdentity).not.toBe("")
    expect(world.developerIdentity).not.toBe("")
    const { arn, developerIdentity, pool, unauthIdentity } = world

    // What Bravo must never learn (minus, per call, what Bravo itself sent).
    const alphaData = [ALPHA_POOL_NAME, ALPHA_TAG, ALPHA_ROLE, unauthIdentity, developerIdentity, ALPHA_USER, ALPHA_DEVELOPER]
    const attempts: ReadonlyArray<readonly [string, Effect.Effect<unknown, unknown, CognitoIdentityClient | AwsCredentials>, ReadonlyArray<string>]> = [
      ["DescribeIdentityPool", CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool }), []],
      ["GetIdentityPoolRoles", CognitoIdentity.getIdentityPoolRoles({ IdentityPoolId: pool }), []],
      ["ListIdentities", CognitoIdentity.listIdentities({ IdentityPoolId: pool, MaxResults: 60 }), []],
      ["DescribeIdentity", CognitoIdentity.describeIdentity({ IdentityId: unauthIdentity }), [unauthIdentity]],
      ["ListTagsForResource", CognitoIdentity.listTagsForResource({ ResourceArn: arn }), []],
      ["GetPrincipalTagAttributeMap", CognitoIdentity.getPrincipalTagAttributeMap({ IdentityPoolId: pool, IdentityProviderName: ALPHA_DEVELOPER }), [ALPHA_DEVELOPER]],
      ["LookupDeveloperIdentity", CognitoIdentity.lookupDeveloperIdentity({ IdentityPoolId: pool, DeveloperUserIdentifier: ALPHA_USER, MaxResults: 10 }), [ALPHA_USER]],
      ["LookupDeveloperIdentity by id", CognitoIdentity.lookupDeveloperIdentity({ IdentityPoolId: pool, IdentityId: developerIdentity }), [developerIdentity]],
      ["GetOpenIdTokenForDeveloperIdentity", CognitoIdentity.getOpenIdTokenForDeveloperIdentity({ IdentityPoolId: pool, Logins: { [ALPHA_DEVELOPER]: ALPHA_USER } }), [ALPHA_DEVELOPER, ALPHA_USER]],
      ["UpdateIdentityPool", CognitoIdentity.updateIdentityPool({ IdentityPoolId: pool, IdentityPoolName: "Hijacked", AllowUnauthenticatedIdentities: true }), []],
      ["SetIdentityPoolRoles", CognitoIdentity.setIdentityPoolRoles({ IdentityPoolId: pool, Roles: { authenticated: "arn:aws:iam::222222222222:role/Bravo" } }), []],
      ["SetPrincipalTagAttributeMap", CognitoIdentity.setPrincipalTagAttributeMap({ IdentityPoolId: pool, IdentityProviderName: ALPHA_DEVELOPER, UseDefaults: true }), [ALPHA_DEVELOPER]],
      ["TagResource", CognitoIdentity.tagResource({ ResourceArn: arn, Tags: { owner: "bravo" } }), []],
      ["UntagResource", CognitoIdentity.untagResource({ ResourceArn: arn, TagKeys: ["owner"] }), []],
      ["MergeDeveloperIdentities", CognitoIdentity.mergeDeveloperIdentities({ IdentityPoolId: pool, DeveloperProviderName: ALPHA_DEVELOPER, SourceUserIdentifier: ALPHA_USER, DestinationUserIdentifier: "bravo-user" }), [ALPHA_DEVELOPER, ALPHA_USER]],
      ["UnlinkDeveloperIdentity", CognitoIdentity.unlinkDeveloperIdentity({ IdentityPoolId: pool, IdentityId: developerIdentity, DeveloperProviderName: ALPHA_DEVELOPER, DeveloperUserIdentifier: ALPHA_USER }), [developerIdentity, ALPHA_DEVELOPER, ALPHA_USER]],
      ["DeleteIdentityPool", CognitoIdentity.deleteIdentityPool({ IdentityPoolId: pool }), []]
    ]
    for (const [label, call, sent] of attempts) {
      const exit = await Effect.runPromiseExit(call.pipe(Effect.provide(as(BRAVO))))
      expect(exit._tag, label).toBe("Failure")
      const shown = renderExit(exit)
      for (const secret of alphaData.filter((s) => !sent.includes(s))) {
        expect(shown.includes(secret), `${label} revealed ${secret}: ${shown.slice(0, 400)}`).toBe(false)
      }
    }

    // DeleteIdentities answers per identity rather than failing: Alpha's identities stay.
    const deleted = await Effect.runPromise(
      CognitoIdentity.deleteIdentities({ IdentityIdsToDelete: [unauthIdentity, developerIdentity] }).pipe(Effect.provide(as(BRAVO)))
    )
    const shown = renderExit(Exit.succeed(deleted))
    for (const secret of [ALPHA_POOL_NAME, ALPHA_TAG, ALPHA_ROLE, ALPHA_USER]) expect(shown).not.toContain(secret)

    // Bravo's own listing has none of Alpha's pools.
    const listed = await Effect.runPromise(CognitoIdentity.listIdentityPools({ MaxResults: 60 }).pipe(Effect.provide(as(BRAVO))))
    expect(JSON.stringify(listed)).not.toContain(pool)
    expect(JSON.stringify(listed)).not.toContain(ALPHA_POOL_NAME)

    // And nothing changed for Alpha.
    const after = await Effect.runPromise(Effect.all({
      pool: CognitoIdentity.describeIdentityPool({ IdentityPoolId: pool }),
      roles: CognitoIdentity.getIdentityPoolRoles({ IdentityPoolId: pool }),
      tags: CognitoIdentity.listTagsForResource({ ResourceArn: arn }),
      unauth: CognitoIdentity.describeIdentity({ IdentityId: unauthIdentity }),
      developer: CognitoIdentity.lookupDeveloperIdentity({ IdentityPoolId: pool, DeveloperUserIdentifier: ALPHA_USER })
    }).pipe(Effect.provide(as(ALPHA))))
    expect(after.pool.IdentityPoolName).toBe(ALPHA_POOL_NAME)
    expect(after.roles.Roles).toEqual({ authenticated: ALPHA_ROLE, unauthenticated: ALPHA_ROLE })
    expect(after.tags.Tags).toEqual({ owner: ALPHA_TAG })
    expect(after.unauth.IdentityId).toBe(unauthIdentity)
    expect(after.developer.IdentityId).toBe(developerIdentity)
  })

  it("a public call on Alpha's pool id, unsigned, never hands out one of Alpha's existing identities", async () => {
    const world = await Effect.runPromise(alphaWorld.pipe(Effect.provide(as(ALPHA))))
    const unsignedClient = Layer.mergeAll(
      CognitoIdentityClient.layer({ region: "us-east-1", endpoint: served.url }).pipe(Layer.provide(FetchHttpClient.layer)),
      RetryPolicy.layerNone
    )
    // GetId is public by design (a pool id is what a browser app ships); it may create a new
    // identity, but must not return someone else's, nor the pool's name or tags.
    const fresh = await Effect.runPromiseExit(CognitoIdentity.getId({ IdentityPoolId: world.pool, AccountId: BRAVO.accountId }).pipe(Effect.provide(unsignedClient)))
    const shown = renderExit(fresh)
    for (const secret of [world.unauthIdentity, world.developerIdentity, ALPHA_POOL_NAME, ALPHA_TAG]) expect(shown).not.toContain(secret)
  })
})
