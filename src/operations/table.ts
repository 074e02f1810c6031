/** All 23 operations by AWS name: what the emulator routes `X-Amz-Target` through. */
import type { AnyOperation } from "../protocol/Operation.js"
import * as Operations from "./index.js"

export const operationTable: ReadonlyMap<string, AnyOperation> = new Map(
  [
    Operations.CreateIdentityPool,
    Operations.DeleteIdentities,
    Operations.DeleteIdentityPool,
    Operations.DescribeIdentity,
    Operations.DescribeIdentityPool,
    Operations.GetCredentialsForIdentity,
    Operations.GetId,
    Operations.GetIdentityPoolRoles,
    Operations.GetOpenIdToken,
    Operations.GetOpenIdTokenForDeveloperIdentity,
    Operations.GetPrincipalTagAttributeMap,
    Operations.ListIdentities,
    Operations.ListIdentityPools,
    Operations.ListTagsForResource,
    Operations.LookupDeveloperIdentity,
    Operations.MergeDeveloperIdentities,
    Operations.SetIdentityPoolRoles,
    Operations.SetPrincipalTagAttributeMap,
    Operations.TagResource,
    Operations.UnlinkDeveloperIdentity,
    Operations.UnlinkIdentity,
    Operations.UntagResource,
    Operations.UpdateIdentityPool
  ].map((operation): [string, AnyOperation] => [operation.name, operation])
)
