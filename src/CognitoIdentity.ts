/**
 * Every operation of the Cognito Identity API (2014-06-30), as a function from its input to an
 * `Effect`, and the paginated ones also as Streams. Members keep the AWS names
 * (`IdentityPoolId`, `Logins`, `MaxResults`). Each function is its descriptor bound to the
 * executor (`operationFunction`); its type, requirements included, comes from the descriptor.
 * One line each, so that a bundle keeps only the operations a program calls.
 */
import * as Operations from "./operations/index.js"
import type { OperationFunction } from "./operationFunction.js"
import { operationFunction, signedOperationFunction } from "./operationFunction.js"
import { itemsOf, pagesOf } from "./operationStreams.js"

/** Creates a new identity pool. The identity pool is a store of user identity information that is specific to your Amazon Web Services account. */
export const createIdentityPool: OperationFunction<typeof Operations.CreateIdentityPool> = /*#__PURE__*/ signedOperationFunction(Operations.CreateIdentityPool)

/** Deletes identities from an identity pool. You can specify a list of 1-60 identities that you want to delete. */
export const deleteIdentities: OperationFunction<typeof Operations.DeleteIdentities> = /*#__PURE__*/ signedOperationFunction(Operations.DeleteIdentities)

/** Deletes an identity pool. Once a pool is deleted, users will not be able to authenticate with the pool. */
export const deleteIdentityPool: OperationFunction<typeof Operations.DeleteIdentityPool> = /*#__PURE__*/ signedOperationFunction(Operations.DeleteIdentityPool)

/** Returns metadata related to the given identity, including when the identity was created and any associated linked logins. You must use Amazon Web Services developer credentials to call this operation. */
export const describeIdentity: OperationFunction<typeof Operations.DescribeIdentity> = /*#__PURE__*/ signedOperationFunction(Operations.DescribeIdentity)

/** Gets details about a particular identity pool, including the pool name, ID description, creation date, and current number of users. You must use Amazon Web Services developer credentials to call this operation. */
export const describeIdentityPool: OperationFunction<typeof Operations.DescribeIdentityPool> = /*#__PURE__*/ signedOperationFunction(Operations.DescribeIdentityPool)

/** Returns credentials for the provided identity ID. Any provided logins will be validated against supported login providers. */
export const getCredentialsForIdentity: OperationFunction<typeof Operations.GetCredentialsForIdentity> = /*#__PURE__*/ operationFunction(Operations.GetCredentialsForIdentity)

/** Generates (or retrieves) IdentityID. Supplying multiple logins will create an implicit linked account. */
export const getId: OperationFunction<typeof Operations.GetId> = /*#__PURE__*/ operationFunction(Operations.GetId)

/** Gets the roles for an identity pool. You must use Amazon Web Services developer credentials to call this operation. */
export const getIdentityPoolRoles: OperationFunction<typeof Operations.GetIdentityPoolRoles> = /*#__PURE__*/ signedOperationFunction(Operations.GetIdentityPoolRoles)

/** Gets an OpenID token, using a known Cognito ID. This known Cognito ID is returned by GetId . */
export const getOpenIdToken: OperationFunction<typeof Operations.GetOpenIdToken> = /*#__PURE__*/ operationFunction(Operations.GetOpenIdToken)

/** Registers (or retrieves) a Cognito IdentityId and an OpenID Connect token for a user authenticated by your backend authentication process. Supplying multiple logins will create an implicit linked account. */
export const getOpenIdTokenForDeveloperIdentity: OperationFunction<typeof Operations.GetOpenIdTokenForDeveloperIdentity> = /*#__PURE__*/ signedOperationFunction(Operations.GetOpenIdTokenForDeveloperIdentity)

/** Use GetPrincipalTagAttributeMap to list all mappings between PrincipalTags and user attributes. */
export const getPrincipalTagAttributeMap: OperationFunction<typeof Operations.GetPrincipalTagAttributeMap> = /*#__PURE__*/ signedOperationFunction(Operations.GetPrincipalTagAttributeMap)

/** Lists the identities in an identity pool. You must use Amazon Web Services developer credentials to call this operation. */
export const listIdentities: OperationFunction<typeof Operations.ListIdentities> = /*#__PURE__*/ signedOperationFunction(Operations.ListIdentities)

/** Lists all of the Cognito identity pools registered for your account. You must use Amazon Web Services developer credentials to call this operation. */
export const listIdentityPools: OperationFunction<typeof Operations.ListIdentityPools> = /*#__PURE__*/ signedOperationFunction(Operations.ListIdentityPools)

/** Lists the tags that are assigned to an Amazon Cognito identity pool. A tag is a label that you can apply to identity pools to categorize and manage them in different ways, such as by purpose, owner, environment, or other criteria. */
export const listTagsForResource: OperationFunction<typeof Operations.ListTagsForResource> = /*#__PURE__*/ signedOperationFunction(Operations.ListTagsForResource)

/** Retrieves the IdentityID associated with a DeveloperUserIdentifier or the list of DeveloperUserIdentifier values associated with an IdentityId for an existing identity. Either IdentityID or DeveloperUserIdentifier must not be null. */
export const lookupDeveloperIdentity: OperationFunction<typeof Operations.LookupDeveloperIdentity> = /*#__PURE__*/ signedOperationFunction(Operations.LookupDeveloperIdentity)

/** Merges two users having different IdentityId s, existing in the same identity pool, and identified by the same developer provider. You can use this action to request that discrete users be merged and identified as a single user in the Cognito environment. */
export const mergeDeveloperIdentities: OperationFunction<typeof Operations.MergeDeveloperIdentities> = /*#__PURE__*/ signedOperationFunction(Operations.MergeDeveloperIdentities)

/** Sets the roles for an identity pool. These roles are used when making calls to GetCredentialsForIdentity action. */
export const setIdentityPoolRoles: OperationFunction<typeof Operations.SetIdentityPoolRoles> = /*#__PURE__*/ signedOperationFunction(Operations.SetIdentityPoolRoles)

/** You can use this operation to use default (username and clientID) attribute or custom attribute mappings. */
export const setPrincipalTagAttributeMap: OperationFunction<typeof Operations.SetPrincipalTagAttributeMap> = /*#__PURE__*/ signedOperationFunction(Operations.SetPrincipalTagAttributeMap)

/** Assigns a set of tags to the specified Amazon Cognito identity pool. A tag is a label that you can use to categorize and manage identity pools in different ways, such as by purpose, owner, environment, or other criteria. */
export const tagResource: OperationFunction<typeof Operations.TagResource> = /*#__PURE__*/ signedOperationFunction(Operations.TagResource)

/** Unlinks a DeveloperUserIdentifier from an existing identity. Unlinked developer users will be considered new identities next time they are seen. */
export const unlinkDeveloperIdentity: OperationFunction<typeof Operations.UnlinkDeveloperIdentity> = /*#__PURE__*/ signedOperationFunction(Operations.UnlinkDeveloperIdentity)

/** Unlinks a federated identity from an existing account. Unlinked logins will be considered new identities next time they are seen. */
export const unlinkIdentity: OperationFunction<typeof Operations.UnlinkIdentity> = /*#__PURE__*/ operationFunction(Operations.UnlinkIdentity)

/** Removes the specified tags from the specified Amazon Cognito identity pool. You can use this action up to 5 times per second, per account */
export const untagResource: OperationFunction<typeof Operations.UntagResource> = /*#__PURE__*/ signedOperationFunction(Operations.UntagResource)

/** Updates the configuration of an identity pool. If you don't provide a value for a parameter, Amazon Cognito sets it to its default value. */
export const updateIdentityPool: OperationFunction<typeof Operations.UpdateIdentityPool> = /*#__PURE__*/ signedOperationFunction(Operations.UpdateIdentityPool)

/** Every page of a pool's identities, following `NextToken`. */
export const listIdentitiesPages = /*#__PURE__*/ pagesOf(Operations.ListIdentities, listIdentities)

/** Every identity of a pool, page after page, each exactly once. */
export const listIdentitiesStream = /*#__PURE__*/ itemsOf(Operations.ListIdentities, listIdentitiesPages)

/** Every page of the account's identity pools in this region. */
export const listIdentityPoolsPages = /*#__PURE__*/ pagesOf(Operations.ListIdentityPools, listIdentityPools)

/** Every identity pool of the account in this region. */
export const listIdentityPoolsStream = /*#__PURE__*/ itemsOf(Operations.ListIdentityPools, listIdentityPoolsPages)

/** Every page of a lookup, following `NextToken`. */
export const lookupDeveloperIdentityPages = /*#__PURE__*/ pagesOf(Operations.LookupDeveloperIdentity, lookupDeveloperIdentity)

/** Every developer user identifier of an identity (or the one matching a user identifier). */
export const lookupDeveloperIdentityStream = /*#__PURE__*/ itemsOf(Operations.LookupDeveloperIdentity, lookupDeveloperIdentityPages)
