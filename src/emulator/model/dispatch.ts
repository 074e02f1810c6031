/**
 * The 23 handlers by AWS operation name. The record's type asks for exactly one handler per
 * operation of the list (`operations/index.ts`), each typed with its operation's decoded
 * input. The wire layer decodes each input with the operation's own schema before calling the
 * model; the guard re-checks the decoded value against the schema's type side, so a
 * handler's input type is a fact rather than a cast (a caller that bypasses the wire layer
 * with a malformed value gets an InvalidParameterException).
 */
import * as Schema from "effect/Schema"
import type { OperationName, OperationsByName } from "../../operations/table.js"
import { operationTable } from "../../operations/table.js"
import type { InputOf } from "../../protocol/Operation.js"
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

type Handlers = {
  readonly [N in OperationName]: (state: ModelState, input: InputOf<OperationsByName[N]>, context: CallContext) => Result<unknown>
}

const implementations: Handlers = {
  CreateIdentityPool: createIdentityPool,
  DeleteIdentities: deleteIdentities,
  DeleteIdentityPool: deleteIdentityPool,
  DescribeIdentity: describeIdentity,
  DescribeIdentityPool: describeIdentityPool,
  GetCredentialsForIdentity: getCredentialsForIdentity,
  GetId: getId,
  GetIdentityPoolRoles: getIdentityPoolRoles,
  GetOpenIdToken: getOpenIdToken,
  GetOpenIdTokenForDeveloperIdentity: getOpenIdTokenForDeveloperIdentity,
  GetPrincipalTagAttributeMap: getPrincipalTagAttributeMap,
  ListIdentities: listIdentities,
  ListIdentityPools: listIdentityPools,
  ListTagsForResource: listTagsForResource,
  LookupDeveloperIdentity: lookupDeveloperIdentity,
  MergeDeveloperIdentities: mergeDeveloperIdentities,
  SetIdentityPoolRoles: setIdentityPoolRoles,
  SetPrincipalTagAttributeMap: setPrincipalTagAttributeMap,
  TagResource: tagResource,
  UnlinkDeveloperIdentity: unlinkDeveloperIdentity,
  UnlinkIdentity: unlinkIdentity,
  UntagResource: untagResource,
  UpdateIdentityPool: updateIdentityPool
}

const isOperationName = (name: string): name is OperationName => Object.hasOwn(implementations, name)

export const handlers: ReadonlyMap<string, Handler> = new Map(
  [...operationTable].flatMap(([name, operation]): Array<[string, Handler]> => {
    if (!isOperationName(name)) return []
    const is = Schema.is(operation.input)
    // `is` checked the value against this operation's input schema, the type the handler takes.
    const run = implementations[name] as Handler
    return [[
      name,
      (state, input, context) =>
        is(input) ? run(state, input, context) : fail(invalidParameter(`The input is not a decoded ${name} input.`))
    ]]
  })
)

/** Unknown names: the wire layer normally routes first (docs/service-behaviour.md §2 [CORAL], empty message). */
export const dispatch = (state: ModelState, operation: string, input: unknown, context: CallContext): Result<unknown> => {
  const run = handlers.get(operation)
  return run === undefined
    ? fail({ code: "UnknownOperationException", message: "" })
    : run(state, input, context)
}
