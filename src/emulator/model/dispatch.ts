/**
 * The 23 handlers by AWS operation name. The wire layer decodes each input with the operation's
 * own schema before calling the model; the guard re-checks the decoded value against the
 * schema's type side, so a handler's input type is a fact rather than a cast (a caller that
 * bypasses the wire layer with a malformed value gets an InvalidParameterException).
 */
import * as Schema from "effect/Schema"
import { CreateIdentityPoolInput } from "../../operations/CreateIdentityPool.js"
import { DeleteIdentitiesInput } from "../../operations/DeleteIdentities.js"
import { DeleteIdentityPoolInput } from "../../operations/DeleteIdentityPool.js"
import { DescribeIdentityInput } from "../../operations/DescribeIdentity.js"
import { DescribeIdentityPoolInput } from "../../operations/DescribeIdentityPool.js"
import { GetCredentialsForIdentityInput } from "../../operations/GetCredentialsForIdentity.js"
import { GetIdInput } from "../../operations/GetId.js"
import { GetIdentityPoolRolesInput } from "../../operations/GetIdentityPoolRoles.js"
import { GetOpenIdTokenInput } from "../../operations/GetOpenIdToken.js"
import { GetOpenIdTokenForDeveloperIdentityInput } from "../../operations/GetOpenIdTokenForDeveloperIdentity.js"
import { GetPrincipalTagAttributeMapInput } from "../../operations/GetPrincipalTagAttributeMap.js"
import { ListIdentitiesInput } from "../../operations/ListIdentities.js"
import { ListIdentityPoolsInput } from "../../operations/ListIdentityPools.js"
import { ListTagsForResourceInput } from "../../operations/ListTagsForResource.js"
import { LookupDeveloperIdentityInput } from "../../operations/LookupDeveloperIdentity.js"
import { MergeDeveloperIdentitiesInput } from "../../operations/MergeDeveloperIdentities.js"
import { SetIdentityPoolRolesInput } from "../../operations/SetIdentityPoolRoles.js"
import { SetPrincipalTagAttributeMapInput } from "../../operations/SetPrincipalTagAttributeMap.js"
import { TagResourceInput } from "../../operations/TagResource.js"
import { UnlinkDeveloperIdentityInput } from "../../operations/UnlinkDeveloperIdentity.js"
import { UnlinkIdentityInput } from "../../operations/UnlinkIdentity.js"
import { UntagResourceInput } from "../../operations/UntagResource.js"
import { UpdateIdentityPoolInput } from "../../operations/UpdateIdentityPool.js"
import type { CallContext } from "../ServiceModel.js"
import { getCredentialsForIdentity } from "./credentials.js"
import { lookupDeveloperIdentity, mergeDeveloperIdentities, unlinkDeveloperIdentity } from "./developer.js"
import type { Result } from "./faults.js"
import { fail, invalidParameter } from "./faults.js"
import { deleteIdentities, describeIdentity, getId, listIdentities } from "./identities.js"
import {
  createIdentityPool,
  deleteIdentityPool,
  describeIdentityPool,
  listIdentityPools,
  updateIdentityPool
} from "./pools.js"
import { getPrincipalTagAttributeMap, setPrincipalTagAttributeMap } from "./principalTags.js"
import { getIdentityPoolRoles, setIdentityPoolRoles } from "./roles.js"
import type { ModelState } from "./State.js"
import { listTagsForResource, tagResource, untagResource } from "./tags.js"
import { getOpenIdToken, getOpenIdTokenForDeveloperIdentity } from "./tokens.js"
import { unlinkIdentity } from "./unlink.js"

export type Handler = (state: ModelState, input: unknown, context: CallContext) => Result<unknown>

const handler = <A, I>(
  name: string,
  schema: Schema.Schema<A, I, never>,
  run: (state: ModelState, input: A, context: CallContext) => Result<unknown>
): readonly [string, Handler] => {
  const is = Schema.is(schema)
  return [
    name,
    (state, input, context) =>
      is(input) ? run(state, input, context) : fail(invalidParameter(`The input is not a decoded ${name} input.`))
  ]
}

export const handlers: ReadonlyMap<string, Handler> = new Map([
  handler("CreateIdentityPool", CreateIdentityPoolInput, createIdentityPool),
  handler("DeleteIdentities", DeleteIdentitiesInput, deleteIdentities),
  handler("DeleteIdentityPool", DeleteIdentityPoolInput, deleteIdentityPool),
  handler("DescribeIdentity", DescribeIdentityInput, describeIdentity),
  handler("DescribeIdentityPool", DescribeIdentityPoolInput, describeIdentityPool),
  handler("GetCredentialsForIdentity", GetCredentialsForIdentityInput, getCredentialsForIdentity),
  handler("GetId", GetIdInput, getId),
  handler("GetIdentityPoolRoles", GetIdentityPoolRolesInput, getIdentityPoolRoles),
  handler("GetOpenIdToken", GetOpenIdTokenInput, getOpenIdToken),
  handler("GetOpenIdTokenForDeveloperIdentity", GetOpenIdTokenForDeveloperIdentityInput, getOpenIdTokenForDeveloperIdentity),
  handler("GetPrincipalTagAttributeMap", GetPrincipalTagAttributeMapInput, getPrincipalTagAttributeMap),
  handler("ListIdentities", ListIdentitiesInput, listIdentities),
  handler("ListIdentityPools", ListIdentityPoolsInput, listIdentityPools),
  handler("ListTagsForResource", ListTagsForResourceInput, listTagsForResource),
  handler("LookupDeveloperIdentity", LookupDeveloperIdentityInput, lookupDeveloperIdentity),
  handler("MergeDeveloperIdentities", MergeDeveloperIdentitiesInput, mergeDeveloperIdentities),
  handler("SetIdentityPoolRoles", SetIdentityPoolRolesInput, setIdentityPoolRoles),
  handler("SetPrincipalTagAttributeMap", SetPrincipalTagAttributeMapInput, setPrincipalTagAttributeMap),
  handler("TagResource", TagResourceInput, tagResource),
  handler("UnlinkDeveloperIdentity", UnlinkDeveloperIdentityInput, unlinkDeveloperIdentity),
  handler("UnlinkIdentity", UnlinkIdentityInput, unlinkIdentity),
  handler("UntagResource", UntagResourceInput, untagResource),
  handler("UpdateIdentityPool", UpdateIdentityPoolInput, updateIdentityPool)
])

/** Unknown names: the wire layer normally routes first (semantics.md §2 [CORAL], empty message). */
export const dispatch = (state: ModelState, operation: string, input: unknown, context: CallContext): Result<unknown> => {
  const run = handlers.get(operation)
  return run === undefined
    ? fail({ code: "UnknownOperationException", message: "" })
    : run(state, input, context)
}
