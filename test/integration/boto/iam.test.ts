/**
 * The opt-in IAM mode through boto3 (`iam_flow.py`): a guest's temporary credentials are
 * allowed what their role's policy allows (wildcards included), implicitly denied the rest,
 * explicitly denied what a Deny names even where an Allow matches too, and the account's
 * long-term keys are unaffected; botocore parses AWS's AccessDeniedException (HTTP 400).
 */
import { fileURLToPath } from "node:url"
import { layer } from "@effect/vitest"
import { Context, Effect, Layer } from "effect"
import { describe, expect } from "vitest"
import { Emulator } from "../../../src/emulator/index.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../../src/index.js"
import { UndiciHttpClient } from "../../../src/node/index.js"
import { hasBoto3, requirePeer, skipMessage } from "../../support/peers.js"
import { ACCESS_KEY_ID, describeRun, peerEnvironment, runPeer, SECRET_ACCESS_KEY } from "./support.js"

const SCRIPT = fileURLToPath(new URL("./iam_flow.py", import.meta.url))
const ACCOUNT = "123456789012"
const UNAUTH_ROLE = `arn:aws:iam::${ACCOUNT}:role/Cognito_Unauth`
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Cognito_Unauth/CognitoIdentityCredentials`
const poolArn = (poolId: string) => `arn:aws:cognito-identity:us-east-1:${ACCOUNT}:identitypool/${poolId}`

type Step =
  | { readonly ok: unknown }
  | { readonly error: { readonly code: string; readonly message: string; readonly status: number } }
  | { readonly exception: string }

class IamFlow extends Context.Tag("test/IamFlow")<IamFlow, {
  readonly steps: Readonly<Record<string, Step>>
  readonly mine: string
  readonly theirs: string
}>() {}

const flowLayer = Layer.scoped(
  IamFlow,
  Effect.gen(function*() {
    const { emulator, url } = yield* Effect.orDie(Emulator.serve({ port: 0, enforceIam: true }))
    const admin = Layer.mergeAll(
      CognitoIdentityClient.layer({ region: "us-east-1", endpoint: url }).pipe(Layer.provide(UndiciHttpClient.layer)),
      AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }),
      RetryPolicy.layerNone
    )
    const pools = yield* Effect.forEach(["mine", "theirs"], (name) =>
      Effect.gen(function*() {
        const pool = yield* CognitoIdentity.createIdentityPool({ IdentityPoolName: name, AllowUnauthenticatedIdentities: true })
        yield* CognitoIdentity.setIdentityPoolRoles({ IdentityPoolId: pool.IdentityPoolId, Roles: { unauthenticated: UNAUTH_ROLE } })
        return pool.IdentityPoolId
      })).pipe(Effect.provide(admin), Effect.orDie)
    const [mine = "", theirs = ""] = pools
    yield* Effect.orDie(emulator.setRolePolicies({
      [UNAUTH_ROLE]: {
        Version: "2012-10-17",
        Statement: [
          // Read its own pool: DescribeIdentityPool ("Describe" + 8 characters + "Pool"), the Get*
          // and List* actions, on this pool's ARN only.
          { Effect: "Allow", Action: ["cognito-identity:Describe????????Pool", "cognito-identity:Get*", "cognito-identity:List*"], Resource: poolArn(mine) },
          // An allow and a deny both match deletes: the deny wins.
          { Effect: "Allow", Action: "cognito-identity:Delete*", Resource: "*" },
          { Effect: "Deny", Action: "cognito-identity:Delete*", Resource: "arn:aws:cognito-identity:*:*:identitypool/*" }
        ]
      }
    }))
    const { env } = yield* peerEnvironment
    const result = yield* runPeer("python3", [SCRIPT, url, mine, theirs], env, 60_000)
    if (result.exitCode !== 0) return yield* Effect.dieMessage(`the boto3 IAM flow did not complete: ${describeRun(result)}`)
    const report = yield* Effect.try(() => JSON.parse(result.stdout) as { steps: Record<string, Step> }).pipe(
      Effect.orDieWith(() => new Error(`the boto3 IAM flow printed no JSON report: ${describeRun(result)}`))
    )
    return { steps: report.steps, mine, theirs }
  })
)

const outcome = (steps: Readonly<Record<string, Step>>, name: string): Step => {
  const step = steps[name]
  if (step === undefined) throw new Error(`step ${name} never ran`)
  return step
}

requirePeer(hasBoto3(), "python3 with boto3")

if (!hasBoto3()) {
  describe.skip(`boto3 against the emulator's IAM mode: ${skipMessage("python3 with boto3", "pip install boto3")}`, () => {})
} else {
  layer(flowLayer, { excludeTestServices: true, timeout: 90_000 })("boto3 against the emulator's IAM mode", (it) => {
    it.effect("the guest got temporary credentials without signing anything", () =>
      Effect.gen(function*() {
        const { steps } = yield* IamFlow
        expect(outcome(steps, "GetId")).toHaveProperty("ok")
        expect(outcome(steps, "GetCredentialsForIdentity")).toHaveProperty("ok.Credentials.SessionToken")
      }))

    it.effect("allow: the guest reads its own pool (wildcards in the actions)", () =>
      Effect.gen(function*() {
        const { mine, steps } = yield* IamFlow
        expect(outcome(steps, "guest DescribeIdentityPool mine")).toMatchObject({ ok: { IdentityPoolId: mine, IdentityPoolName: "mine" } })
        expect(outcome(steps, "guest GetIdentityPoolRoles mine")).toMatchObject({ ok: { Roles: { unauthenticated: UNAUTH_ROLE } } })
        expect(outcome(steps, "guest ListIdentities mine")).toHaveProperty("ok.Identities")
      }))

    it.effect("implicit deny: another pool, ListIdentityPools and SetIdentityPoolRoles, in AWS's words", () =>
      Effect.gen(function*() {
        const { mine, steps, theirs } = yield* IamFlow
        expect(outcome(steps, "guest DescribeIdentityPool theirs")).toEqual({
          error: {
            code: "AccessDeniedException",
            status: 400,
            message: `User: ${SESSION} is not authorized to perform: cognito-identity:DescribeIdentityPool on resource: ${
              poolArn(theirs)
            } because no identity-based policy allows the cognito-identity:DescribeIdentityPool action`
          }
        })
        expect(outcome(steps, "guest ListIdentityPools")).toEqual({
          error: {
            code: "AccessDeniedException",
            status: 400,
            message: `User: ${SESSION} is not authorized to perform: cognito-identity:ListIdentityPools because no identity-based policy allows the cognito-identity:ListIdentityPools action`
          }
        })
        expect(outcome(steps, "guest SetIdentityPoolRoles mine")).toMatchObject({
          error: { code: "AccessDeniedException", status: 400, message: expect.stringContaining(`cognito-identity:SetIdentityPoolRoles on resource: ${poolArn(mine)}`) }
        })
      }))

    it.effect("explicit deny wins over a matching allow", () =>
      Effect.gen(function*() {
        const { mine, steps } = yield* IamFlow
        expect(outcome(steps, "guest DeleteIdentityPool mine")).toEqual({
          error: {
            code: "AccessDeniedException",
            status: 400,
            message: `User: ${SESSION} is not authorized to perform: cognito-identity:DeleteIdentityPool on resource: ${
              poolArn(mine)
            } with an explicit deny in an identity-based policy`
          }
        })
      }))

    it.effect("the account's long-term keys are unaffected", () =>
      Effect.gen(function*() {
        const { mine, steps } = yield* IamFlow
        expect(outcome(steps, "admin DeleteIdentityPool theirs")).toEqual({ ok: {} })
        expect(outcome(steps, "admin ListIdentityPools")).toMatchObject({ ok: { IdentityPools: [{ IdentityPoolId: mine }] } })
      }))
  })
}
