/**
 * The facts that name this service on the wire, written once: the client's executor, its
 * signer and the emulator all read them from here (AWS API reference, Amazon Cognito
 * Federated Identities; botocore `cognito-identity/2014-06-30/service-2.json`, `metadata`).
 */

/** `metadata.apiVersion`. */
export const API_VERSION = "2014-06-30"

/** `metadata.targetPrefix`, followed by the operation name in `X-Amz-Target`. */
export const TARGET_PREFIX = "AWSCognitoIdentityService."

/** `metadata.signingName`: the service in the SigV4 credential scope. */
export const SIGNING_NAME = "cognito-identity"

/** awsJson1.1 (`metadata.protocol` "json", `jsonVersion` "1.1"): requests and responses. */
export const CONTENT_TYPE = "application/x-amz-json-1.1"

/**
 * The most items one list or lookup call returns (the model's `QueryLimit` maximum; Amazon
 * Cognito quotas, "Results from a single list or lookup call: 60"): the page size the
 * streams ask for when the caller does not say.
 */
export const MAX_RESULTS = 60
