/**
 * The opt-in IAM mode through the client: credentials a guest obtains from
 * GetCredentialsForIdentity can do what their role's policies allow and nothing else, with
 * AWS's AccessDeniedException; the account's long-term keys stay all-powerful; the default
 * (no enforceIam) lets those credentials do anything, as moto and LocalStack do.
 */
import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import type { RolePolicies } from "../../../src/emulator/index.js"
import { Emulator, makeInProcessHttpClient } from "../../../src/emulator/index.js"
import type { EmulatorOptions } from "../../../src/emulator/index.js"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient, RetryPolicy } from "../../../src/index.js"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../../emulator/wire/support.js"

const ACCOUNT = "123456789012"
const UNAUTH_ROLE = `arn:aws:iam::${ACCOUNT}:role/Cognito_Unauth`
const AUTH_ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/Cognito_Auth`
const NO_POLICY_ROLE = `arn:aws:iam::${ACCOUNT}:role/Cognito_Nothing`
const poolArn = (poolId: string) => `arn:aws:cognito-identity:us-east-1:${ACCOUNT}:identitypool/${poolId}`
const unauthSession = `arn:aws:sts::${ACCOUNT}:assumed-role/Cognito_Unauth/CognitoIdentityCredentials`

const client = CognitoIdentityClient.layer({ region: "us-east-1" })
const admin = AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY })

/** An emulator with two guest pools; `guest(pool)` signs as a guest of that pool. */
const world = (options: EmulatorOptions, roleOf: (poolIndex: number) => string = () => UNAUTH_ROLE) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator.make(options)
    const http = Layer.succeed(HttpClient.HttpClient, makeInProcessHttpClient(emulator.handler))
    const base = Layer.mergeAll(client.pipe(Layer.provide(http)), RetryPolicy.layerNone)
    const asAdmin = Layer.merge(base, admin)
    const pools: Array<string> = []
    for (const [index, name] of ["mine", "theirs"].entries()) {
      const pool = yield* CognitoIdentity.createIdentityPool({ IdentityPoolName: name, AllowUnauthenticatedIdentities: true }).pipe(
        Effect.provide(asAdmin)
      )
      yield* CognitoIdentity.setIdentityPoolRoles({
        IdentityPoolId: pool.IdentityPoolId,
        Roles: { unauthenticated: roleOf(index), authenticated: AUTH_ROLE }
      }).pipe(Effect.provide(asAdmin))
      pools.push(pool.IdentityPoolId)
    }
    const guest = (poolId: string) =>
      Effect.gen(function*() {
        const { IdentityId = "" } = yield* CognitoIdentity.getId({ IdentityPoolId: poolId }).pipe(Effect.provide(base))
        const { Credentials } = yield* CognitoIdentity.getCredentialsForIdentity({ IdentityId }).pipe(Effect.provide(base))
        return Layer.merge(
          base,
          AwsCredentials.static({
            accessKeyId: Credentials?.AccessKeyId ?? "",
            secretAccessKey: Redacted.value(Credentials?.SecretKey ?? Redacted.make("")),
            sessionToken: Redacted.value(Credentials?.SessionToken ?? Redacted.make(""))
          })
        )
      })
    const [mine = "", theirs = ""] = pools
    return { emulator, asAdmin, guest, mine, theirs }
  })

const denied = <A, E extends { readonly _tag: string; readonly message: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.flip(effect), (error) => ({ tag: error._tag, message: error.message, status: "status" in error ? error.status : undefined }))

/** The unauthenticated role may read its own pool, and nothing else. */
const readOwnPool = (poolId: string): RolePolicies => ({
  [UNAUTH_ROLE]: {
    Version: "2012-10-17",
    Statement: [{
      Effect: "Allow",
      Action: ["cognito-identity:Describe*", "cognito-identity:Get*", "cognito-identity:ListIdentities"],
      Resource: poolArn(poolId)
    }]
  }
})

describe("IAM for the credentials the emulator issues", () => {
  it.scoped("default (enforceIam off): a guest's credentials can do anything the account can", () =>
    Effect.gen(function*() {
      const { guest, mine } = yield* world({})
      const asGuest = yield* guest(mine)
      yield* CognitoIdentity.setIdentityPoolRoles({ IdentityPoolId: mine, Roles: { unauthenticated: `arn:aws:iam::${ACCOUNT}:role/Admin` } })
        .pipe(Effect.provide(asGuest))
      yield* CognitoIdentity.deleteIdentityPool({ IdentityPoolId: mine }).pipe(Effect.provide(asGuest))
    }))

  it.scoped("allow: an unauthenticated role that may only read its own pool reads it", () =>
    Effect.gen(function*() {
      const { emulator, guest, mine } = yield* world({ enforceIam: true })
      yield* emulator.setRolePolicies(readOwnPool(mine))
      const asGuest = yield* guest(mine)
      const pool = yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: mine }).pipe(Effect.provide(asGuest))
      expect(pool.IdentityPoolName).toBe("mine")
      const roles = yield* CognitoIdentity.getIdentityPoolRoles({ IdentityPoolId: mine }).pipe(Effect.provide(asGuest))
      expect(roles.Roles?.["unauthenticated"]).toBe(UNAUTH_ROLE)
      const identities = yield* CognitoIdentity.listIdentities({ IdentityPoolId: mine, MaxResults: 60 }).pipe(Effect.provide(asGuest))
      expect(identities.Identities).toHaveLength(1)
    }))

  it.scoped("implicit deny: another pool, a write, a delete, and an action without a resource, in AWS's words", () =>
    Effect.gen(function*() {
      const { emulator, guest, mine, theirs } = yield* world({ enforceIam: true })
      yield* emulator.setRolePolicies(readOwnPool(mine))
      const asGuest = yield* guest(mine)
      expect(yield* denied(CognitoIdentity.describeIdentityPool({ IdentityPoolId: theirs }).pipe(Effect.provide(asGuest)))).toEqual({
        tag: "AccessDeniedException",
        status: 400,
        message: `User: ${unauthSession} is not authorized to perform: cognito-identity:DescribeIdentityPool on resource: ${
          poolArn(theirs)
        } because no identity-based policy allows the cognito-identity:DescribeIdentityPool action`
      })
      const escalation = yield* denied(
        CognitoIdentity.setIdentityPoolRoles({ IdentityPoolId: mine, Roles: { unauthenticated: `arn:aws:iam::${ACCOUNT}:role/Admin` } })
          .pipe(Effect.provide(asGuest))
      )
      expect(escalation.tag).toBe("AccessDeniedException")
      expect(escalation.message).toContain("cognito-identity:SetIdentityPoolRoles on resource")
      expect((yield* denied(CognitoIdentity.deleteIdentityPool({ IdentityPoolId: mine }).pipe(Effect.provide(asGuest)))).tag)
        .toBe("AccessDeniedException")
      // ListIdentityPools names no pool: it is requested on "*", which the policy does not grant.
      expect(yield* denied(CognitoIdentity.listIdentityPools({ MaxResults: 10 }).pipe(Effect.provide(asGuest)))).toEqual({
        tag: "AccessDeniedException",
        status: 400,
        message:
          `User: ${unauthSession} is not authorized to perform: cognito-identity:ListIdentityPools because no identity-based policy allows the cognito-identity:ListIdentityPools action`
      })
      // Nothing was changed by the refused calls.
      const roles = yield* CognitoIdentity.getIdentityPoolRoles({ IdentityPoolId: mine }).pipe(Effect.provide(asGuest))
      expect(roles.Roles?.["unauthenticated"]).toBe(UNAUTH_ROLE)
    }))

  it.scoped("no policy for the role: everything is denied", () =>
    Effect.gen(function*() {
      const { emulator, guest, mine } = yield* world({ enforceIam: true }, () => NO_POLICY_ROLE)
      yield* emulator.setRolePolicies(readOwnPool(mine))
      const asGuest = yield* guest(mine)
      const error = yield* denied(CognitoIdentity.describeIdentityPool({ IdentityPoolId: mine }).pipe(Effect.provide(asGuest)))
      expect(error.message).toBe(
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/Cognito_Nothing/CognitoIdentityCredentials is not authorized to perform: ` +
          `cognito-identity:DescribeIdentityPool on resource: ${poolArn(mine)} because no identity-based policy allows the ` +
          "cognito-identity:DescribeIdentityPool action"
      )
    }))

  it.scoped("explicit deny wins over an allow, with AWS's wording", () =>
    Effect.gen(function*() {
      const { emulator, guest, mine } = yield* world({ enforceIam: true })
      yield* emulator.setRolePolicies({
        [UNAUTH_ROLE]: [
          { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "cognito-identity:*", Resource: "*" } },
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "NoDeletes", Effect: "Deny", Action: "cognito-identity:Delete*", Resource: "arn:aws:cognito-identity:*:*:identitypool/*" }]
          })
        ]
      })
      const asGuest = yield* guest(mine)
      yield* CognitoIdentity.updateIdentityPool({ IdentityPoolId: mine, IdentityPoolName: "renamed", AllowUnauthenticatedIdentities: true })
        .pipe(Effect.provide(asGuest))
      expect(yield* denied(CognitoIdentity.deleteIdentityPool({ IdentityPoolId: mine }).pipe(Effect.provide(asGuest)))).toEqual({
        tag: "AccessDeniedException",
        status: 400,
        message: `User: ${unauthSession} is not authorized to perform: cognito-identity:DeleteIdentityPool on resource: ${
          poolArn(mine)
        } with an explicit deny in an identity-based policy`
      })
      const pools = yield* CognitoIdentity.listIdentityPools({ MaxResults: 10 }).pipe(Effect.provide(asGuest))
      expect(pools.IdentityPools?.map((pool) => pool.IdentityPoolName)).toContain("renamed")
    }))

  it.scoped("wildcards: * and ? in actions (any case) and resources; NotAction and NotResource", () =>
    Effect.gen(function*() {
      const { emulator, guest, mine, theirs } = yield* world({ enforceIam: true })
      yield* emulator.setRolePolicies({
        [UNAUTH_ROLE]: {
          Statement: [
            // "Describe" + 8 characters + "Pool": DescribeIdentityPool, not DescribeIdentity.
            { Effect: "Allow", Action: "COGNITO-IDENTITY:describe????????pool", Resource: "arn:aws:cognito-identity:us-east-1:*:identitypool/us-east-1:*" },
            { Effect: "Allow", NotAction: ["cognito-identity:Delete*", "cognito-identity:Set*", "cognito-identity:Describe*"], NotResource: poolArn(theirs) }
          ]
        }
      })
      const asGuest = yield* guest(mine)
      yield* CognitoIdentity.describeIdentityPool({ IdentityPoolId: theirs }).pipe(Effect.provide(asGuest))
      yield* CognitoIdentity.getIdentityPoolRoles({ IdentityPoolId: mine }).pipe(Effect.provide(asGuest))
      expect((yield* denied(CognitoIdentity.getIdentityPoolRoles({ IdentityPoolId: theirs }).pipe(Effect.provide(asGuest)))).tag)
        .toBe("AccessDeniedException")
      expect((yield* denied(CognitoIdentity.deleteIdentityPool({ IdentityPoolId: mine }).pipe(Effect.provide(asGuest)))).tag)
        .toBe("AccessDeniedException")
      // DescribeIdentity names no pool ("*"), and "*" is not a pool ARN: not allowed by either statement.
      expect((yield* denied(CognitoIdentity.describeIdentity({ IdentityId: "us-east-1:00000000-0000-4000-8000-000000000000" }).pipe(Effect.provide(asGuest)))).tag)
        .toBe("AccessDeniedException")
    }))

  it.scoped("long-term account keys stay all-powerful, and the public operations need no permission", () =>
    Effect.gen(function*() {
      const { asAdmin, emulator, guest, mine, theirs } = yield* world({ enforceIam: true })
      yield* emulator.setRolePolicies({})
      const asGuest = yield* guest(mine)
      // Public operations are sent unsigned and never checked, whatever the role may do.
      const { IdentityId = "" } = yield* CognitoIdentity.getId({ IdentityPoolId: mine }).pipe(Effect.provide(asGuest))
      yield* CognitoIdentity.getOpenIdToken({ IdentityId }).pipe(Effect.provide(asGuest))
      yield* CognitoIdentity.setIdentityPoolRoles({ IdentityPoolId: theirs, Roles: { unauthenticated: UNAUTH_ROLE } }).pipe(Effect.provide(asAdmin))
      yield* CognitoIdentity.deleteIdentityPool({ IdentityPoolId: theirs }).pipe(Effect.provide(asAdmin))
      yield* CognitoIdentity.listIdentityPools({ MaxResults: 10 }).pipe(Effect.provide(asAdmin))
    }))

  it.scoped("a policy the emulator cannot evaluate is refused, naming the role and the problem", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Emulator.make({
        enforceIam: true,
        rolePolicies: {
          [UNAUTH_ROLE]: {
            Statement: [{ Effect: "Allow", Action: "cognito-identity:*", Resource: "*", Condition: { StringEquals: { "aws:username": "x" } } }]
          }
        }
      }))
      expect(error._tag).toBe("EmulatorStartError")
      expect(error.message).toBe(
        `rolePolicies: the policy of role ${UNAUTH_ROLE} is invalid: Statement[0]: Condition is not supported by the emulator ` +
          "(it evaluates Effect, Action, NotAction, Resource and NotResource)"
      )
      const { emulator } = yield* world({ enforceIam: true })
      const cases: ReadonlyArray<readonly [unknown, string]> = [
        ["{not json", "not valid JSON"],
        [{ Statement: [] }, "a policy document needs at least one Statement"],
        [{ Statement: { Effect: "Maybe", Action: "x", Resource: "*" } }, `Statement: Effect must be "Allow" or "Deny"`],
        [{ Statement: { Effect: "Allow", Action: "x", NotAction: "y", Resource: "*" } }, "Statement must have exactly one of Action and NotAction"],
        [{ Statement: { Effect: "Allow", Action: [], Resource: "*" } }, "Statement: Action must be a string or a non-empty list of strings"],
        [{ Version: "2020-01-01", Statement: { Effect: "Allow", Action: "x", Resource: "*" } }, `Version must be "2012-10-17" or "2008-10-17"`]
      ]
      for (const [policy, problem] of cases) {
        const refused = yield* Effect.flip(emulator.setRolePolicies({ [AUTH_ROLE]: policy as RolePolicies[string] }))
        expect(refused.message.startsWith(`the policy of role ${AUTH_ROLE} is invalid: ${problem}`), refused.message).toBe(true)
      }
    }))
})
