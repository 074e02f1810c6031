/**
 * The aws CLI (v1 or v2) — a client nobody on this project wrote — against the emulator server
 * over a real socket: `aws cognito-identity ... --endpoint-url <emulator> --output json`, with the
 * documentation key pair from the environment. The CLI takes ~0.5–1 s to start, so the suite
 * keeps to nine calls: a pool's lifecycle with an unsigned identity and its credentials, and one
 * error (exit code and the error code on stderr).
 */
import { layer } from "@effect/vitest"
import { Context, Effect, Layer } from "effect"
import { describe, expect } from "vitest"
import { Emulator } from "../../../src/emulator/index.js"
import { hasAwsCli, requirePeer, skipMessage } from "../../support/peers.js"
import type { PeerResult } from "./support.js"
import { describeRun, peerEnvironment, REGION, runPeer } from "./support.js"

const ROLE_AUTH = "arn:aws:iam::123456789012:role/Cognito_Auth"
const ROLE_UNAUTH = "arn:aws:iam::123456789012:role/Cognito_Unauth"
const ID = /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const MISSING_POOL = "us-east-1:00000000-0000-4000-8000-000000000000"

/** `aws cognito-identity <args>` against the emulator this suite started. */
class AwsCli extends Context.Tag("test/AwsCli")<AwsCli, (...args: ReadonlyArray<string>) => Effect.Effect<PeerResult>>() {}

const cliLayer = Layer.scoped(
  AwsCli,
  Effect.gen(function*() {
    const { url } = yield* Effect.orDie(Emulator.serve({ host: "127.0.0.1", port: 0 }))
    const { env } = yield* peerEnvironment
    return (...args: ReadonlyArray<string>) =>
      runPeer("aws", ["cognito-identity", ...args, "--endpoint-url", url, "--region", REGION, "--output", "json"], env, 30_000)
  })
)

// The CLI's output is JSON: its members are read as loosely as JSON is.
type Json = any

/** The parsed JSON of a successful call (exit 0); anything else fails with the whole run. */
const json = (result: PeerResult): Json => {
  if (result.exitCode !== 0) throw new Error(`expected success: ${describeRun(result)}`)
  try {
    return result.stdout.trim() === "" ? {} : JSON.parse(result.stdout)
  } catch {
    throw new Error(`expected JSON on stdout: ${describeRun(result)}`)
  }
}

/** v1 prints timestamps as received (epoch seconds), v2 as ISO 8601: both are accepted. */
const epochMillis = (value: unknown): number => (typeof value === "number" ? value * 1000 : Date.parse(String(value)))

requirePeer(hasAwsCli(), "the aws CLI")

if (!hasAwsCli()) {
  describe.skip(`aws CLI against the emulator server: ${skipMessage("the aws CLI", "pip install awscli (v1) or the AWS CLI v2 installer")}`, () => {})
} else {
  layer(cliLayer, { excludeTestServices: true, timeout: 60_000 })("aws CLI against the emulator server", (it) => {
    it.effect("create, describe, set roles, list pools, get-id and credentials unsigned, list identities, delete", () =>
      Effect.gen(function*() {
        const aws = yield* AwsCli
        const created = json(yield* aws(
          "create-identity-pool",
          "--identity-pool-name",
          "cli pool",
          "--allow-unauthenticated-identities",
          "--supported-login-providers",
          "graph.facebook.com=123456789012345",
          "--identity-pool-tags",
          "team=cli"
        ))
        const poolId: string = created["IdentityPoolId"]
        expect(poolId).toMatch(ID)
        expect(created).toEqual({
          IdentityPoolId: poolId,
          IdentityPoolName: "cli pool",
          AllowUnauthenticatedIdentities: true,
          SupportedLoginProviders: { "graph.facebook.com": "123456789012345" },
          IdentityPoolTags: { team: "cli" }
        })
        expect(json(yield* aws("describe-identity-pool", "--identity-pool-id", poolId))).toEqual(created)

        const setRoles = yield* aws(
          "set-identity-pool-roles",
          "--identity-pool-id",
          poolId,
          "--roles",
          `authenticated=${ROLE_AUTH},unauthenticated=${ROLE_UNAUTH}`
        )
        expect(json(setRoles)).toEqual({})

        // ListIdentityPools has a paginator: the CLI pages through on its own with --max-results 60.
        const pools = json(yield* aws("list-identity-pools", "--max-results", "60"))
        expect(pools["IdentityPools"]).toEqual([{ IdentityPoolId: poolId, IdentityPoolName: "cli pool" }])

        const { IdentityId: identityId } = json(yield* aws("get-id", "--identity-pool-id", poolId, "--no-sign-request"))
        expect(identityId).toMatch(ID)
        const credentials = json(yield* aws("get-credentials-for-identity", "--identity-id", identityId, "--no-sign-request"))
        expect(credentials["IdentityId"]).toBe(identityId)
        expect(credentials["Credentials"]).toMatchObject({
          AccessKeyId: expect.stringMatching(/^[A-Z0-9]{16,}$/),
          SecretKey: expect.stringMatching(/^\S{20,}$/),
          SessionToken: expect.stringMatching(/^\S+$/)
        })
        const expiresIn = epochMillis(credentials["Credentials"]["Expiration"]) - Date.now()
        expect(expiresIn).toBeGreaterThan(50 * 60_000)
        expect(expiresIn).toBeLessThanOrEqual(60 * 60_000)

        const identities = json(yield* aws("list-identities", "--identity-pool-id", poolId, "--max-results", "60"))
        expect(identities["IdentityPoolId"]).toBe(poolId)
        expect(identities["Identities"]).toHaveLength(1)
        expect(identities["Identities"][0]).toMatchObject({ IdentityId: identityId })
        expect(epochMillis(identities["Identities"][0]["CreationDate"])).toBeGreaterThan(Date.now() - 5 * 60_000)

        const deleted = yield* aws("delete-identity-pool", "--identity-pool-id", poolId)
        expect(deleted.exitCode, describeRun(deleted)).toBe(0)
        expect(deleted.stdout.trim()).toBe("")
      }), 60_000)

    it.effect("describe of an unknown pool: non-zero exit, ResourceNotFoundException and the message on stderr", () =>
      Effect.gen(function*() {
        const aws = yield* AwsCli
        const result = yield* aws("describe-identity-pool", "--identity-pool-id", MISSING_POOL)
        // v1 exits 255, v2 254 for a service error.
        expect(result.exitCode, describeRun(result)).not.toBe(0)
        expect(result.exitCode, describeRun(result)).not.toBeNull()
        expect(result.stdout.trim()).toBe("")
        expect(result.stderr).toContain("ResourceNotFoundException")
        expect(result.stderr).toContain("DescribeIdentityPool")
        expect(result.stderr).toContain(`IdentityPool '${MISSING_POOL}' not found.`)
      }))
  })
}
