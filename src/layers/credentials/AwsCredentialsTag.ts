/**
 * The `AwsCredentials` tag without its constructors, for the executor. `AwsCredentials` (the
 * class, with `static`, `fromEnv`, `fromCognitoIdentityPool`, ...) imports the identity-pool
 * flow, which imports the operations, which import the executor: if the executor imported the
 * class, the modules would form a cycle. Both tags share one key, so they reach one service.
 */
import * as Context from "effect/Context"
import type { AwsCredentials } from "../AwsCredentials.js"
import type { AwsCredentialsService } from "./AwsCredentialIdentity.js"

export const AWS_CREDENTIALS_KEY = "effect-cognito-identity/AwsCredentials"

export const AwsCredentialsTag = Context.GenericTag<AwsCredentials, AwsCredentialsService>(AWS_CREDENTIALS_KEY)
