/**
 * boto3 — a client nobody on this project wrote — against the emulator server over a real
 * socket. `boto3_flow.py` performs the whole flow in ONE Python process (all 23 operations plus
 * the error paths) and prints a JSON report: per step what botocore parsed (the response, or
 * `ClientError`'s `Error.Code` / `Error.Message` / HTTP status), which requests boto3 signed, and
 * an independent check of the OpenID tokens (claims, and the RSA signature against the JWKS the
 * server publishes). Each test below asserts on one part of that report; the expectations are
 * those of docs/service-behaviour.md, not of the emulator's source.
 */
import { fileURLToPath } from "node:url"
import { layer } from "@effect/vitest"
import { Context, Effect, Layer } from "effect"
import { describe, expect } from "vitest"
import { Emulator } from "../../../src/emulator/index.js"
import type { EmulatorStats } from "../../../src/emulator/index.js"
import { operationTable } from "../../../src/operations/table.js"
import { hasBoto3, requirePeer, skipMessage } from "../../support/peers.js"
import { describeRun, peerEnvironment, runPeer } from "./support.js"

const SCRIPT = fileURLToPath(new URL("./boto3_flow.py", import.meta.url))
const ACCOUNT = "123456789012"
const ISSUER = "https://cognito-identity.amazonaws.com"
const FACEBOOK = "graph.facebook.com"
const DEVELOPER_PROVIDER = "login.example.app"
const ROLE_AUTH = "arn:aws:iam::123456789012:role/Cognito_Auth"
const ROLE_UNAUTH = "arn:aws:iam::123456789012:role/Cognito_Unauth"
const ROLE_GOLD = "arn:aws:iam::123456789012:role/Cognito_Gold"
const ID = /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** The four public operations (docs/service-behaviour.md §4): boto3 sends them unsigned on its own. */
const PUBLIC_OPERATIONS = ["GetId", "GetOpenIdToken", "GetCredentialsForIdentity", "UnlinkIdentity"]

// The report is JSON printed by the Python script: its members are read as loosely as JSON is.
type Json = any

interface StepError {
  readonly code: string
  readonly message: string
  readonly status: number
}

/** `requestId`/`status`: botocore's ResponseMetadata (absent for paginator results and the JWKS GET). */
type Step =
  | { readonly ok: Json; readonly requestId?: string | null; readonly status?: number }
  | { readonly error: StepError; readonly requestId: string | null }
  | { readonly exception: string }

interface TokenCheck {
  readonly header: Record<string, unknown>
  readonly claims: Record<string, unknown>
  readonly kidInJwks: boolean
  readonly manualSignatureValid: boolean | null
  readonly cryptographySignatureValid: boolean | null
  readonly tamperedRejected: boolean
  readonly pyjwt: null | { readonly verified: boolean; readonly claims: Record<string, unknown> } | { readonly error: string }
  readonly exception?: string
}

interface Report {
  readonly versions: Record<string, string>
  readonly steps: Readonly<Record<string, Step>>
  readonly values: Json
  readonly signed: Readonly<Record<string, ReadonlyArray<boolean>>>
  readonly tokens: Readonly<Record<string, TokenCheck>>
  readonly cryptographyAvailable: boolean
  readonly pyjwtAvailable: boolean
  readonly flowException?: string
}

class Boto3Flow extends Context.Tag("test/Boto3Flow")<Boto3Flow, {
  readonly report: Report
  /** What the emulator counted while boto3 ran. */
  readonly stats: EmulatorStats
}>() {}

/** Starts the emulator on 127.0.0.1:0, runs the script once against it, keeps the report. */
const flowLayer = Layer.scoped(
  Boto3Flow,
  Effect.gen(function*() {
    const { emulator, url } = yield* Effect.orDie(Emulator.serve({ host: "127.0.0.1", port: 0 }))
    const { env } = yield* peerEnvironment
    const result = yield* runPeer("python3", [SCRIPT, url], env, 60_000)
    if (result.exitCode !== 0) return yield* Effect.dieMessage(`the boto3 flow did not complete: ${describeRun(result)}`)
    const report = yield* Effect.try(() => JSON.parse(result.stdout) as Report).pipe(
      Effect.orDieWith(() => new Error(`the boto3 flow printed no JSON report: ${describeRun(result)}`))
    )
    return { report, stats: emulator.stats() }
  })
)

/** The response boto3 returned for `name`; a failed step fails the assertion with what happened. */
const okOf = (report: Report, name: string): Json => {
  const step = report.steps[name]
  if (step === undefined) throw new Error(`step ${name} never ran (flow: ${report.flowException ?? "completed"})`)
  if (!("ok" in step)) throw new Error(`step ${name} was expected to succeed, got ${JSON.stringify(step)}`)
  return step.ok
}

/** The ClientError botocore raised for `name`; a success fails the assertion. */
const errorOf = (report: Report, name: string): StepError => {
  const step = report.steps[name]
  if (step === undefined) throw new Error(`step ${name} never ran (flow: ${report.flowException ?? "completed"})`)
  if (!("error" in step)) throw new Error(`step ${name} was expected to raise ClientError, got ${JSON.stringify(step)}`)
  return step.error
}

const epochMillis = (value: unknown): number => (typeof value === "number" ? value * 1000 : Date.parse(String(value)))

requirePeer(hasBoto3(), "python3 with boto3")

if (!hasBoto3()) {
  describe.skip(`boto3 against the emulator server: ${skipMessage("python3 with boto3", "pip install boto3")}`, () => {})
} else {
  layer(flowLayer, { excludeTestServices: true, timeout: 90_000 })("boto3 against the emulator server", (it) => {
    it.effect("the flow ran every step, and nothing was a transport or parsing failure", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        expect(report.flowException).toBeUndefined()
        const broken = Object.entries(report.steps).filter(([, step]) => "exception" in step)
        expect(broken, "steps that raised something other than ClientError").toEqual([])
      }))

    it.effect("all 23 operations reached the emulator and succeeded at least once; no server error", () =>
      Effect.gen(function*() {
        const { stats } = yield* Boto3Flow
        for (const name of operationTable.keys()) {
          expect(stats.operations[name]?.outcomes["Success"] ?? 0, `${name} successes`).toBeGreaterThan(0)
        }
        const serverErrors = Object.keys(stats.outcomes).filter((outcome) =>
          /Internal|ServiceUnavailable|DropConnection|Throttl|TooManyRequests|UnknownOperation|Serialization/.test(outcome)
        )
        expect(serverErrors).toEqual([])
      }))

    it.effect("every answer carries x-amzn-RequestId (botocore's ResponseMetadata.RequestId); successes are HTTP 200", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        const answered = Object.entries(report.steps).filter(([name, step]) => name.startsWith("GET ") === false && "requestId" in step)
        expect(answered.length).toBeGreaterThan(45)
        for (const [name, step] of answered) {
          expect("requestId" in step ? step.requestId : undefined, name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
          if ("ok" in step) expect(step.status, name).toBe(200)
        }
      }))

    it.effect("boto3 signs the 19 IAM operations and sends the 4 public ones unsigned", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        expect(Object.keys(report.signed).sort()).toEqual([...operationTable.keys()].sort())
        for (const [operation, signed] of Object.entries(report.signed)) {
          if (PUBLIC_OPERATIONS.includes(operation)) expect(signed, operation).toEqual([false])
          // DescribeIdentityPool is also sent once on purpose by an UNSIGNED-configured client.
          else if (operation === "DescribeIdentityPool") expect([...signed].sort(), operation).toEqual([false, true])
          else expect(signed, operation).toEqual([true])
        }
      }))

    it.effect("pool CRUD: create, describe, update (full structure), ListIdentityPools paginator, delete", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        const created = okOf(report, "CreateIdentityPool")
        const poolId: string = created.IdentityPoolId
        expect(poolId).toMatch(ID)
        // Unset members are omitted, IdentityPoolTags always present (docs/service-behaviour.md §2, §5.1).
        expect(created).toEqual({
          IdentityPoolId: poolId,
          IdentityPoolName: "boto3 pool",
          AllowUnauthenticatedIdentities: true,
          SupportedLoginProviders: { [FACEBOOK]: "123456789012345" },
          DeveloperProviderName: DEVELOPER_PROVIDER,
          IdentityPoolTags: { team: "identity" }
        })
        expect(okOf(report, "DescribeIdentityPool")).toEqual(created)
        const renamed = { ...created, IdentityPoolName: "boto3 pool renamed" }
        expect(okOf(report, "UpdateIdentityPool")).toEqual(renamed)
        expect(okOf(report, "DescribeIdentityPool.afterUpdate")).toEqual(renamed)
        expect(okOf(report, "CreateIdentityPool.closed")).toEqual({
          IdentityPoolId: report.values.closedPoolId,
          IdentityPoolName: "closed pool",
          AllowUnauthenticatedIdentities: false,
          IdentityPoolTags: {}
        })

        // boto3's paginator with PageSize 1 over the three pools: each exactly once, short form.
        const pages: Array<{ IdentityPools: Array<Json>; NextToken: string | null }> = okOf(report, "ListIdentityPools.paginator").pages
        for (const page of pages) expect(page.IdentityPools.length).toBeLessThanOrEqual(1)
        expect(pages.at(-1)?.NextToken).toBeNull()
        const listed = pages.flatMap((page) => page.IdentityPools)
        expect(listed).toEqual(expect.arrayContaining([
          { IdentityPoolId: poolId, IdentityPoolName: "boto3 pool renamed" },
          { IdentityPoolId: report.values.closedPoolId, IdentityPoolName: "closed pool" },
          { IdentityPoolId: report.values.doomedPoolId, IdentityPoolName: "doomed pool" }
        ]))
        expect(listed).toHaveLength(3)

        expect(okOf(report, "DeleteIdentityPool.doomed")).toEqual({})
        expect(errorOf(report, "DescribeIdentityPool.deleted")).toEqual({
          code: "ResourceNotFoundException",
          message: `IdentityPool '${report.values.doomedPoolId}' not found.`,
          status: 400
        })
        const remaining: Array<Json> = okOf(report, "ListIdentityPools.afterDelete").IdentityPools
        expect(remaining.map((pool) => pool.IdentityPoolId).sort()).toEqual([poolId, report.values.closedPoolId].sort())
      }))

    it.effect("tags: TagResource merges with IdentityPoolTags, ListTagsForResource, UntagResource", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        expect(report.values.poolArn).toBe(`arn:aws:cognito-identity:us-east-1:${ACCOUNT}:identitypool/${report.values.poolId}`)
        expect(okOf(report, "TagResource")).toEqual({})
        expect(okOf(report, "ListTagsForResource")).toEqual({ Tags: { team: "identity", env: "test", owner: "boto3" } })
        expect(okOf(report, "UntagResource")).toEqual({})
        expect(okOf(report, "ListTagsForResource.afterUntag")).toEqual({ Tags: { team: "identity", owner: "boto3" } })
      }))

    it.effect("roles: Set/GetIdentityPoolRoles with a Rules mapping, and the mapping decides credentials", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        expect(okOf(report, "SetIdentityPoolRoles")).toEqual({})
        expect(okOf(report, "GetIdentityPoolRoles")).toEqual({
          IdentityPoolId: report.values.poolId,
          Roles: { authenticated: ROLE_AUTH, unauthenticated: ROLE_UNAUTH },
          RoleMappings: {
            [FACEBOOK]: {
              Type: "Rules",
              AmbiguousRoleResolution: "Deny",
              RulesConfiguration: { Rules: [{ Claim: "tier", MatchType: "Equals", Value: "gold", RoleARN: ROLE_GOLD }] }
            }
          }
        })
        // tier=gold matches the rule; tier=silver matches none and the mapping says Deny (§8).
        expect(okOf(report, "GetCredentialsForIdentity.ruleMatched").IdentityId).toBe(report.values.goldId)
        expect(errorOf(report, "GetCredentialsForIdentity.ruleDenied")).toMatchObject({ code: "NotAuthorizedException", status: 400 })
      }))

    it.effect("principal tags: Set echoes, Get returns what was set", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        const expected = {
          IdentityPoolId: report.values.poolId,
          IdentityProviderName: FACEBOOK,
          UseDefaults: false,
          PrincipalTags: { app: "aud", user: "sub" }
        }
        expect(okOf(report, "SetPrincipalTagAttributeMap")).toEqual(expected)
        expect(okOf(report, "GetPrincipalTagAttributeMap")).toEqual(expected)
      }))

    it.effect("identities: unsigned GetId, GetOpenIdToken, GetCredentialsForIdentity, DescribeIdentity, DeleteIdentities", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        const unauth: string = okOf(report, "GetId").IdentityId
        expect(unauth).toMatch(ID)
        expect(okOf(report, "GetOpenIdToken").IdentityId).toBe(unauth)
        const credentials = okOf(report, "GetCredentialsForIdentity")
        expect(credentials.IdentityId).toBe(unauth)
        expect(credentials.Credentials).toEqual({
          AccessKeyId: expect.stringMatching(/^[A-Z0-9]{16,}$/),
          SecretKey: expect.stringMatching(/^\S{20,}$/),
          SessionToken: expect.stringMatching(/^\S+$/),
          Expiration: expect.any(String)
        })
        // STS credentials last at most one hour (§5.8); boto3 parsed Expiration into a datetime.
        const expiresIn = epochMillis(credentials.Credentials.Expiration) - Date.now()
        expect(expiresIn).toBeGreaterThan(50 * 60_000)
        expect(expiresIn).toBeLessThanOrEqual(60 * 60_000)

        // Same login, same identity (§5.6); distinct logins, distinct identities.
        expect(report.values.goldId).toMatch(ID)
        expect(okOf(report, "GetId.facebookGold.again").IdentityId).toBe(report.values.goldId)
        expect(report.values.silverId).not.toBe(report.values.goldId)
        const described = okOf(report, "DescribeIdentity")
        expect(described).toEqual({
          IdentityId: report.values.goldId,
          Logins: [FACEBOOK],
          CreationDate: expect.any(String),
          LastModifiedDate: expect.any(String)
        })
        expect(epochMillis(described.CreationDate)).toBeLessThanOrEqual(epochMillis(described.LastModifiedDate))

        // Two of the three extra unauthenticated identities are deleted; DescribeIdentity of one of them.
        expect(new Set(report.values.moreIds).size).toBe(3)
        expect(okOf(report, "DeleteIdentities")).toEqual({ UnprocessedIdentityIds: [] })
        expect(errorOf(report, "DescribeIdentity.deleted")).toMatchObject({ code: "ResourceNotFoundException", status: 400 })
      }))

    it.effect("ListIdentities with MaxResults 2 and a NextToken loop: every identity exactly once", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        const pages: Array<Json> = okOf(report, "ListIdentities.pages").pages
        const expected = [report.values.unauthId, report.values.goldId, report.values.silverId, ...report.values.moreIds]
        for (const page of pages) {
          expect(page.IdentityPoolId).toBe(report.values.poolId)
          expect(page.Identities.length).toBeLessThanOrEqual(2)
        }
        expect(pages.at(-1).NextToken).toBeUndefined()
        const seen: Array<string> = pages.flatMap((page) => page.Identities.map((identity: Json) => identity.IdentityId))
        expect([...seen].sort()).toEqual([...expected].sort())
        const gold = pages.flatMap((page) => page.Identities).find((identity: Json) => identity.IdentityId === report.values.goldId)
        expect(gold.Logins).toEqual([FACEBOOK])
      }))

    it.effect("UnlinkIdentity (unsigned): the identity loses the login, the login then makes a new identity", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        expect(okOf(report, "UnlinkIdentity")).toEqual({})
        const after = okOf(report, "DescribeIdentity.unlinked")
        expect(after.IdentityId).toBe(report.values.silverId)
        expect(after.Logins ?? []).toEqual([])
        const again: string = okOf(report, "GetId.facebookSilver.afterUnlink").IdentityId
        expect(again).toMatch(ID)
        expect(again).not.toBe(report.values.silverId)
      }))

    it.effect("developer identities: GetOpenIdTokenForDeveloperIdentity, Lookup, Merge, Unlink, AlreadyRegistered", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        const dev1: string = report.values.dev1Id
        expect(dev1).toMatch(ID)
        expect(okOf(report, "LookupDeveloperIdentity.byUser")).toEqual({ IdentityId: dev1, DeveloperUserIdentifierList: ["dev-user-1"] })
        expect(report.values.dev2Id).not.toBe(dev1)
        expect(okOf(report, "MergeDeveloperIdentities")).toEqual({ IdentityId: dev1 })
        const byIdentity = okOf(report, "LookupDeveloperIdentity.byIdentity")
        expect(byIdentity.IdentityId).toBe(dev1)
        expect([...byIdentity.DeveloperUserIdentifierList].sort()).toEqual(["dev-user-1", "dev-user-2"])
        // "The next time you request an OpenId Connect token for either user identifier, the same identity id is returned."
        expect(okOf(report, "GetOpenIdTokenForDeveloperIdentity.user2.afterMerge").IdentityId).toBe(dev1)
        expect(okOf(report, "UnlinkDeveloperIdentity")).toEqual({})
        expect(errorOf(report, "LookupDeveloperIdentity.unlinked")).toMatchObject({ code: "ResourceNotFoundException", status: 400 })
        expect(errorOf(report, "GetOpenIdTokenForDeveloperIdentity.alreadyRegistered")).toEqual({
          code: "DeveloperUserAlreadyRegisteredException",
          message: "The provided developer user identifier is already registered with Cognito under a different identity ID.",
          status: 400
        })
      }))

    it.effect("OpenID tokens: sub = identity, aud = pool, iss = cognito-identity, signature verifies against the JWKS", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        const jwks = okOf(report, "GET /.well-known/jwks.json")
        expect(jwks.status).toBe(200)
        expect(jwks.body.keys.length).toBeGreaterThan(0)
        const cases = [
          { step: "GetOpenIdToken", sub: report.values.unauthId, lifetime: 600, amr: ["unauthenticated"] },
          {
            step: "GetOpenIdTokenForDeveloperIdentity",
            sub: report.values.dev1Id,
            lifetime: 900,
            amr: ["authenticated", DEVELOPER_PROVIDER]
          }
        ]
        for (const { amr, lifetime, step, sub } of cases) {
          const token = report.tokens[step]
          if (token === undefined) throw new Error(`no token was inspected for ${step}`)
          expect(token.exception, step).toBeUndefined()
          expect(okOf(report, step).IdentityId).toBe(sub)
          expect(token.claims, step).toMatchObject({ sub, aud: report.values.poolId, iss: ISSUER })
          expect(token.claims["amr"], step).toEqual(expect.arrayContaining(amr))
          expect(Number(token.claims["exp"]) - Number(token.claims["iat"]), step).toBe(lifetime)
          expect(token.header["alg"], step).toMatch(/^RS(256|512)$/)
          expect(token.kidInJwks, step).toBe(true)
          // Pure-Python RSASSA-PKCS1-v1_5, always; and the `cryptography` package when importable.
          expect(token.manualSignatureValid, step).toBe(true)
          expect(token.tamperedRejected, step).toBe(true)
          expect(token.cryptographySignatureValid, step).toBe(report.cryptographyAvailable ? true : null)
          if (report.pyjwtAvailable) {
            expect(token.pyjwt, step).toMatchObject({ claims: { sub, aud: report.values.poolId, iss: ISSUER } })
            if (report.cryptographyAvailable) expect(token.pyjwt, step).toMatchObject({ verified: true })
          } else {
            expect(token.pyjwt, step).toBeNull()
          }
        }
      }))

    it.effect("errors as botocore parses them: ClientError Error.Code, message, HTTP 400", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        expect(errorOf(report, "GetId.unauthenticatedRefused")).toEqual({
          code: "NotAuthorizedException",
          message: "Unauthenticated access is not supported for this identity pool.",
          status: 400
        })
        // boto3 checks only minimums; 61 reaches the server (a client with parameter_validation=False).
        expect(errorOf(report, "ListIdentityPools.maxResults61")).toEqual({
          code: "ValidationException",
          message:
            "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
          status: 400
        })
        expect(errorOf(report, "DescribeIdentityPool.unknownAccessKey")).toEqual({
          code: "UnrecognizedClientException",
          message: "The security token included in the request is invalid.",
          status: 400
        })
        expect(errorOf(report, "DescribeIdentityPool.wrongSecret")).toMatchObject({
          code: "InvalidSignatureException",
          message: expect.stringContaining("The request signature we calculated does not match the signature you provided."),
          status: 400
        })
        expect(errorOf(report, "DescribeIdentityPool.unsigned")).toMatchObject({ code: "MissingAuthenticationTokenException" })
      }))

    it.effect("deleting the pool deletes its identities", () =>
      Effect.gen(function*() {
        const { report } = yield* Boto3Flow
        expect(okOf(report, "DeleteIdentityPool")).toEqual({})
        expect(okOf(report, "DeleteIdentityPool.closed")).toEqual({})
        expect(errorOf(report, "DescribeIdentity.poolDeleted")).toMatchObject({ code: "ResourceNotFoundException", status: 400 })
      }))
  })
}
