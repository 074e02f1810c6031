/** The emulator's public surface: re-exports only. */
export {
  Emulator,
  type EmulatorOptions,
  type EmulatorService,
  EmulatorStartError,
  IamPolicyError,
  type SeedPoolsOptions,
  type ServedEmulator,
  type ServeOptions
} from "./Emulator.js"
export {
  type EmulatorLogin,
  EmulatorLogins,
  type OpenIdTokenOptions,
  type TokenTimes,
  type UserPoolLogin,
  type UserPoolTokenOptions
} from "./EmulatorLogins.js"
export {
  DEFAULT_MAX_BODY_BYTES,
  makeRequestHandler,
  type RequestHandler,
  type RequestHandlerOptions
} from "./handleRequest.js"
export { EmulatorServerError, type RunningServer, type ServerOptions, startServer } from "./server.js"
export type { Jwks } from "./Jwt.js"
export type { RoleQuery } from "./model/explainRole.js"
export type { RoleAnswer } from "./roleAnswer.js"
export type { CallContext, ModelSnapshot, ServiceFault, ServiceModel } from "./ServiceModel.js"
export { StateFileError, type StateFileStats } from "./stateFile.js"
export type { RolePolicies } from "./iam/authorize.js"
export type { PolicyInput } from "./iam/PolicyDocument.js"
export { type AccessKey, DEFAULT_ACCOUNT_ID, EXAMPLE_ACCESS_KEY } from "./wire/authenticate.js"
export type { FaultOptions } from "./wire/FaultInjector.js"
export { makeInProcessHttpClient } from "./wire/inProcessHttpClient.js"
export { DEFAULT_RATE_LIMITS, type RateLimitOptions, type RateLimitSetting } from "./wire/RateLimiter.js"
export type { EmulatorStats, OperationStats } from "./wire/StatsRecorder.js"
export type { DropConnection, WireReply, WireRequest, WireResponse } from "./wire/WireMessage.js"
export {
  type OpenIdTokenClaims,
  OpenIdTokenError,
  type OpenIdTokenExpectations,
  verifyOpenIdToken
} from "./verifyOpenIdToken.js"
