/**
 * One realistic call per operation: the caller's input, the JSON the wire must carry, a
 * response as the service sends it, and the value the caller must get back.
 */
import { Redacted } from "effect"
import type { Effect } from "effect"
import type { AwsCredentials, CognitoIdentityClient } from "../../src/index.js"
import { CognitoIdentity } from "../../src/index.js"
import type { AnyOperation } from "../../src/protocol/Operation.js"
import * as Ops from "../../src/operations/index.js"

import { IDENTITY, OTHER_IDENTITY, POOL, POOL_ARN } from "./fixtures.js"

export { IDENTITY, OTHER_IDENTITY, POOL, POOL_ARN } from "./fixtures.js"
export const FACEBOOK_TOKEN = "EAAGm0PX4ZCpsBAFAKEfacebookTOKEN"
export const OPENID_TOKEN = "eyJraWQiOiJ1cy1lYXN0LTEtNiIsInR5cCI6IkpXUyIsImFsZyI6IlJTNTEyIn0.eyJzdWIiOiJ4In0.c2ln"
export const SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
export const SESSION_TOKEN = "IQoJb3JpZ2luX2VjEFAKEsessionTOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQD"

export interface OperationCase {
  readonly operation: AnyOperation
  // Each case calls its own operation; the union of all their types is not needed here.
  readonly call: (input: never) => Effect.Effect<unknown, unknown, CognitoIdentityClient | AwsCredentials>
  readonly input: unknown
  readonly wire: unknown
  readonly response: unknown
  readonly output: unknown
}

const poolWire = {
  IdentityPoolId: POOL,
  IdentityPoolName: "MyPool",
  AllowUnauthenticatedIdentities: true,
  AllowClassicFlow: false,
  SupportedLoginProviders: { "graph.facebook.com": "7346241598935555" },
  DeveloperProviderName: "login.mycompany.myapp",
  OpenIdConnectProviderARNs: ["arn:aws:iam::123456789012:oidc-provider/example.com"],
  CognitoIdentityProviders: [{
    ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_abcDEF123",
    ClientId: "6ca1example2c3b",
    ServerSideTokenCheck: false
  }],
  SamlProviderARNs: [],
  IdentityPoolTags: { team: "identity" }
}

const { IdentityPoolId: _id, ...poolSettings } = poolWire

const rolesWire = {
  authenticated: "arn:aws:iam::123456789012:role/Cognito_Auth",
  unauthenticated: "arn:aws:iam::123456789012:role/Cognito_Unauth"
}

const roleMappingsWire = {
  "cognito-idp.us-east-1.amazonaws.com/us-east-1_abcDEF123:6ca1example2c3b": {
    Type: "Rules",
    AmbiguousRoleResolution: "AuthenticatedRole",
    RulesConfiguration: {
      Rules: [{
        Claim: "custom:team",
        MatchType: "Equals",
        Value: "admins",
        RoleARN: "arn:aws:iam::123456789012:role/Admins"
      }]
    }
  }
}

const created = 1764158400 // 2025-11-26T12:00:00Z
const modified = 1764162000.5

const c = (operation: AnyOperation, call: OperationCase["call"], rest: Omit<OperationCase, "operation" | "call">) => ({
  operation,
  call,
  ...rest
})

export const operationCases: ReadonlyArray<OperationCase> = [
  c(Ops.CreateIdentityPool, CognitoIdentity.createIdentityPool, {
    input: poolSettings,
    wire: poolSettings,
    response: { ...poolWire, SomeFutureMember: 1 },
    output: poolWire
  }),
  c(Ops.DeleteIdentities, CognitoIdentity.deleteIdentities, {
    input: { IdentityIdsToDelete: [IDENTITY, OTHER_IDENTITY] },
    wire: { IdentityIdsToDelete: [IDENTITY, OTHER_IDENTITY] },
    response: { UnprocessedIdentityIds: [{ IdentityId: OTHER_IDENTITY, ErrorCode: "InternalServerError" }] },
    output: { UnprocessedIdentityIds: [{ IdentityId: OTHER_IDENTITY, ErrorCode: "InternalServerError" }] }
  }),
  c(Ops.DeleteIdentityPool, CognitoIdentity.deleteIdentityPool, {
    input: { IdentityPoolId: POOL },
    wire: { IdentityPoolId: POOL },
    response: "",
    output: undefined
  }),
  c(Ops.DescribeIdentity, CognitoIdentity.describeIdentity, {
    input: { IdentityId: IDENTITY },
    wire: { IdentityId: IDENTITY },
    response: {
      IdentityId: IDENTITY,
      Logins: ["graph.facebook.com"],
      CreationDate: created,
      LastModifiedDate: modified
    },
    output: {
      IdentityId: IDENTITY,
      Logins: ["graph.facebook.com"],
      CreationDate: new Date(created * 1000),
      LastModifiedDate: new Date(modified * 1000)
    }
  }),
  c(Ops.DescribeIdentityPool, CognitoIdentity.describeIdentityPool, {
    input: { IdentityPoolId: POOL },
    wire: { IdentityPoolId: POOL },
    response: poolWire,
    output: poolWire
  }),
  c(Ops.GetCredentialsForIdentity, CognitoIdentity.getCredentialsForIdentity, {
    input: { IdentityId: IDENTITY, Logins: { "graph.facebook.com": Redacted.make(FACEBOOK_TOKEN) } },
    wire: { IdentityId: IDENTITY, Logins: { "graph.facebook.com": FACEBOOK_TOKEN } },
    response: {
      IdentityId: IDENTITY,
      Credentials: {
        AccessKeyId: "ASIAIOSFODNN7EXAMPLE",
        SecretKey: SECRET_KEY,
        SessionToken: SESSION_TOKEN,
        Expiration: created + 3600
      }
    },
    output: {
      IdentityId: IDENTITY,
      Credentials: {
        AccessKeyId: "ASIAIOSFODNN7EXAMPLE",
        SecretKey: Redacted.make(SECRET_KEY),
        SessionToken: Redacted.make(SESSION_TOKEN),
        Expiration: new Date((created + 3600) * 1000)
      }
    }
  }),
  c(Ops.GetId, CognitoIdentity.getId, {
    input: { AccountId: "123456789012", IdentityPoolId: POOL, Logins: { "graph.facebook.com": FACEBOOK_TOKEN } },
    wire: { AccountId: "123456789012", IdentityPoolId: POOL, Logins: { "graph.facebook.com": FACEBOOK_TOKEN } },
    response: { IdentityId: IDENTITY },
    output: { IdentityId: IDENTITY }
  }),
  c(Ops.GetIdentityPoolRoles, CognitoIdentity.getIdentityPoolRoles, {
    input: { IdentityPoolId: POOL },
    wire: { IdentityPoolId: POOL },
    response: { IdentityPoolId: POOL, Roles: rolesWire, RoleMappings: roleMappingsWire },
    output: { IdentityPoolId: POOL, Roles: rolesWire, RoleMappings: roleMappingsWire }
  }),
  c(Ops.GetOpenIdToken, CognitoIdentity.getOpenIdToken, {
    input: { IdentityId: IDENTITY, Logins: { "graph.facebook.com": FACEBOOK_TOKEN } },
    wire: { IdentityId: IDENTITY, Logins: { "graph.facebook.com": FACEBOOK_TOKEN } },
    response: { IdentityId: IDENTITY, Token: OPENID_TOKEN },
    output: { IdentityId: IDENTITY, Token: Redacted.make(OPENID_TOKEN) }
  }),
  c(Ops.GetOpenIdTokenForDeveloperIdentity, CognitoIdentity.getOpenIdTokenForDeveloperIdentity, {
    input: {
      IdentityPoolId: POOL,
      IdentityId: IDENTITY,
      Logins: { "login.mycompany.myapp": "user-42" },
      PrincipalTags: { team: "sub" },
      TokenDuration: 900
    },
    wire: {
      IdentityPoolId: POOL,
      IdentityId: IDENTITY,
      Logins: { "login.mycompany.myapp": "user-42" },
      PrincipalTags: { team: "sub" },
      TokenDuration: 900
    },
    response: { IdentityId: IDENTITY, Token: OPENID_TOKEN },
    output: { IdentityId: IDENTITY, Token: Redacted.make(OPENID_TOKEN) }
  }),
  c(Ops.GetPrincipalTagAttributeMap, CognitoIdentity.getPrincipalTagAttributeMap, {
    input: { IdentityPoolId: POOL, IdentityProviderName: "graph.facebook.com" },
    wire: { IdentityPoolId: POOL, IdentityProviderName: "graph.facebook.com" },
    response: {
      IdentityPoolId: POOL,
      IdentityProviderName: "graph.facebook.com",
      UseDefaults: false,
      PrincipalTags: { app: "aud", user: "sub" }
    },
    output: {
      IdentityPoolId: POOL,
      IdentityProviderName: "graph.facebook.com",
      UseDefaults: false,
      PrincipalTags: { app: "aud", user: "sub" }
    }
  }),
  c(Ops.ListIdentities, CognitoIdentity.listIdentities, {
    input: { IdentityPoolId: POOL, MaxResults: 60, NextToken: "page-2", HideDisabled: true },
    wire: { IdentityPoolId: POOL, MaxResults: 60, NextToken: "page-2", HideDisabled: true },
    response: {
      IdentityPoolId: POOL,
      Identities: [
        { IdentityId: IDENTITY, Logins: ["graph.facebook.com"], CreationDate: created, LastModifiedDate: modified },
        { IdentityId: OTHER_IDENTITY, CreationDate: created, LastModifiedDate: created }
      ],
      NextToken: "page-3"
    },
    output: {
      IdentityPoolId: POOL,
      Identities: [
        {
          IdentityId: IDENTITY,
          Logins: ["graph.facebook.com"],
          CreationDate: new Date(created * 1000),
          LastModifiedDate: new Date(modified * 1000)
        },
        { IdentityId: OTHER_IDENTITY, CreationDate: new Date(created * 1000), LastModifiedDate: new Date(created * 1000) }
      ],
      NextToken: "page-3"
    }
  }),
  c(Ops.ListIdentityPools, CognitoIdentity.listIdentityPools, {
    input: { MaxResults: 10 },
    wire: { MaxResults: 10 },
    response: { IdentityPools: [{ IdentityPoolId: POOL, IdentityPoolName: "MyPool" }] },
    output: { IdentityPools: [{ IdentityPoolId: POOL, IdentityPoolName: "MyPool" }] }
  }),
  c(Ops.ListTagsForResource, CognitoIdentity.listTagsForResource, {
    input: { ResourceArn: POOL_ARN },
    wire: { ResourceArn: POOL_ARN },
    response: { Tags: { team: "identity", env: "" } },
    output: { Tags: { team: "identity", env: "" } }
  }),
  c(Ops.LookupDeveloperIdentity, CognitoIdentity.lookupDeveloperIdentity, {
    input: { IdentityPoolId: POOL, IdentityId: IDENTITY, MaxResults: 2 },
    wire: { IdentityPoolId: POOL, IdentityId: IDENTITY, MaxResults: 2 },
    response: { IdentityId: IDENTITY, DeveloperUserIdentifierList: ["user-42", "user-43"], NextToken: "n2" },
    output: { IdentityId: IDENTITY, DeveloperUserIdentifierList: ["user-42", "user-43"], NextToken: "n2" }
  }),
  c(Ops.MergeDeveloperIdentities, CognitoIdentity.mergeDeveloperIdentities, {
    input: {
      SourceUserIdentifier: "user-43",
      DestinationUserIdentifier: "user-42",
      DeveloperProviderName: "login.mycompany.myapp",
      IdentityPoolId: POOL
    },
    wire: {
      SourceUserIdentifier: "user-43",
      DestinationUserIdentifier: "user-42",
      DeveloperProviderName: "login.mycompany.myapp",
      IdentityPoolId: POOL
    },
    response: { IdentityId: IDENTITY },
    output: { IdentityId: IDENTITY }
  }),
  c(Ops.SetIdentityPoolRoles, CognitoIdentity.setIdentityPoolRoles, {
    input: { IdentityPoolId: POOL, Roles: rolesWire, RoleMappings: roleMappingsWire },
    wire: { IdentityPoolId: POOL, Roles: rolesWire, RoleMappings: roleMappingsWire },
    response: "",
    output: undefined
  }),
  c(Ops.SetPrincipalTagAttributeMap, CognitoIdentity.setPrincipalTagAttributeMap, {
    input: { IdentityPoolId: POOL, IdentityProviderName: "graph.facebook.com", UseDefaults: true },
    wire: { IdentityPoolId: POOL, IdentityProviderName: "graph.facebook.com", UseDefaults: true },
    response: {
      IdentityPoolId: POOL,
      IdentityProviderName: "graph.facebook.com",
      UseDefaults: true,
      PrincipalTags: {}
    },
    output: {
      IdentityPoolId: POOL,
      IdentityProviderName: "graph.facebook.com",
      UseDefaults: true,
      PrincipalTags: {}
    }
  }),
  c(Ops.TagResource, CognitoIdentity.tagResource, {
    input: { ResourceArn: POOL_ARN, Tags: { env: "prod" } },
    wire: { ResourceArn: POOL_ARN, Tags: { env: "prod" } },
    response: {},
    output: {}
  }),
  c(Ops.UnlinkDeveloperIdentity, CognitoIdentity.unlinkDeveloperIdentity, {
    input: {
      IdentityId: IDENTITY,
      IdentityPoolId: POOL,
      DeveloperProviderName: "login.mycompany.myapp",
      DeveloperUserIdentifier: "user-42"
    },
    wire: {
      IdentityId: IDENTITY,
      IdentityPoolId: POOL,
      DeveloperProviderName: "login.mycompany.myapp",
      DeveloperUserIdentifier: "user-42"
    },
    response: "",
    output: undefined
  }),
  c(Ops.UnlinkIdentity, CognitoIdentity.unlinkIdentity, {
    input: {
      IdentityId: IDENTITY,
      Logins: { "graph.facebook.com": Redacted.make(FACEBOOK_TOKEN) },
      LoginsToRemove: ["graph.facebook.com"]
    },
    wire: {
      IdentityId: IDENTITY,
      Logins: { "graph.facebook.com": FACEBOOK_TOKEN },
      LoginsToRemove: ["graph.facebook.com"]
    },
    response: {},
    output: undefined
  }),
  c(Ops.UntagResource, CognitoIdentity.untagResource, {
    input: { ResourceArn: POOL_ARN, TagKeys: ["env"] },
    wire: { ResourceArn: POOL_ARN, TagKeys: ["env"] },
    response: {},
    output: {}
  }),
  c(Ops.UpdateIdentityPool, CognitoIdentity.updateIdentityPool, {
    input: poolWire,
    wire: poolWire,
    response: poolWire,
    output: poolWire
  })
]
