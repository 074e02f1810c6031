export * as CognitoIdentity from "./CognitoIdentity.js"
export * from "./errors/ClientErrors.js"
export * from "./errors/CommonErrors.js"
export * from "./errors/ModeledErrors.js"
export { AwsCredentials, type AwsCredentialIdentity, type AwsCredentialsService } from "./layers/AwsCredentials.js"
export {
  CognitoIdentityClient,
  type CognitoIdentityClientOptions,
  type CognitoIdentityClientService
} from "./layers/CognitoIdentityClient.js"
export { RetryPolicy, type RetryPolicyService, type StandardOptions } from "./layers/RetryPolicy.js"
export type { FailureClass } from "./protocol/classify.js"
export type { OperationError, OperationRequirements } from "./protocol/execute.js"
export type { Auth, Operation } from "./protocol/Operation.js"
