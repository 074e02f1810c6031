export * as CognitoIdentity from "./CognitoIdentity.js"
export * as CognitoIdentityMetrics from "./metrics/CognitoIdentityMetrics.js"
export * from "./errors/ClientErrors.js"
export * from "./errors/PaginationError.js"
export * from "./errors/CommonErrors.js"
export * from "./errors/ModeledErrors.js"
export { hintOf } from "./errors/hints.js"
export {
  AwsCredentials,
  type AwsCredentialIdentity,
  type AwsCredentialsService,
  type CredentialsChainLink,
  type CredentialsChainRequirements,
  type FromProviderOptions
} from "./layers/AwsCredentials.js"
export type { RefreshOptions } from "./layers/credentials/cachedCredentials.js"
export {
  CognitoIdentityCredentials,
  type CognitoIdentityCredentialsService
} from "./layers/credentials/CognitoIdentityCredentials.js"
export type { CredentialsSource } from "./layers/credentials/CredentialsSource.js"
export { IdentityIdStore, type KeyValueStorage } from "./layers/credentials/IdentityIdStore.js"
export type {
  CognitoIdentityPoolOptions,
  DeveloperIdentity,
  Logins
} from "./layers/credentials/makeCognitoIdentityPoolCredentials.js"
export type { CredentialProvider, ProviderCredentials } from "./layers/credentials/providerSource.js"
export { FallbackRegion } from "./layers/FallbackRegion.js"
export {
  type DisposableSdkCredentialProvider,
  SdkCredentialProvider,
  type SdkCredentials
} from "./layers/SdkCredentialProvider.js"
export {
  CognitoIdentityClient,
  type CognitoIdentityClientOptions,
  type CognitoIdentityClientService
} from "./layers/CognitoIdentityClient.js"
export {
  type AdaptiveOptions,
  type AdaptiveRetryPolicy,
  type RetryBudgetOptions,
  RetryPolicy,
  type RetryPolicyService,
  type ScheduleOptions,
  type StandardOptions,
  type StandardRetryPolicy
} from "./layers/RetryPolicy.js"
export type { FailureClass } from "./protocol/classify.js"
export type { OperationFunction, OperationRequirements } from "./operationFunction.js"
export type { PageArguments, PageInput } from "./operationStreams.js"
export type { Auth, InputOf, Operation, OperationError, OutputOf, Pagination } from "./protocol/Operation.js"
export type { PageOptions } from "./protocol/paginate.js"
export type { SigV4Hash } from "./protocol/sigv4.js"
export { CognitoIdentityTransport, type Transport, type TransportFailure, type TransportRequest, type TransportResponse } from "./protocol/transport.js"
export type { ExportCursor } from "./export/ExportCursor.js"
export {
  type ExportError,
  exportIdentities,
  exportIdentityPages,
  type ExportOptions,
  type ExportPage
} from "./export/exportIdentities.js"
export { type ExportFormat, formatRecords } from "./export/formatRecord.js"
export type { IdentityRecord } from "./export/IdentityRecord.js"
export { diffPool, type PoolConfiguration, type PoolField, type PoolFieldChange } from "./pools/poolDiff.js"
export { PoolUpdateError } from "./pools/PoolUpdateError.js"
export {
  type PoolChange,
  type PoolPatch,
  safeUpdateIdentityPool,
  type SafeUpdateError,
  type SafeUpdateOptions,
  type SafeUpdateResult
} from "./pools/safeUpdateIdentityPool.js"
export {
  DELETE_BATCH_SIZE,
  type DeletedBatch,
  deleteIdentityBatches,
  type DeleteOptions,
  type DeleteTarget,
  type NotDeleted
} from "./purge/deleteIdentityBatches.js"
export type { PurgeSelection } from "./purge/PurgeSelection.js"
export { selectIdentities, type SelectOptions } from "./purge/selectIdentities.js"
// Every operation's input, output and error types (GetIdInput, GetIdOutput, GetIdError, ...).
export type * from "./operations/index.js"
export type { CognitoIdentityProvider, IdentityPool, IdentityPoolShortDescription } from "./schemas/IdentityPool.js"
export type { IdentityDescription } from "./schemas/IdentityDescription.js"
export type { Credentials } from "./schemas/Credentials.js"
export type { MappingRule, RoleMapping, RulesConfigurationType } from "./schemas/RoleMapping.js"
