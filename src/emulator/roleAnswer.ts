/**
 * What `Emulator.roleFor` answers: the role a pool gives a set of logins, or why it gives none,
 * in the words of the error GetCredentialsForIdentity would answer.
 */
import * as Either from "effect/Either"
import type { ResolvedRole } from "./model/explainRole.js"
import type { ServiceFault } from "./ServiceModel.js"

export type RoleAnswer =
  | { readonly _tag: "Role"; readonly roleArn: string; readonly authenticated: boolean }
  | {
    readonly _tag: "NoRole"
    /** The error GetCredentialsForIdentity would answer (`InvalidIdentityPoolConfigurationException`, ...). */
    readonly code: string
    /** Why: its message. */
    readonly reason: string
  }

/** `undefined`: an emulator running a model of the caller's own, which cannot say. */
export const roleAnswer = (resolved: Either.Either<ResolvedRole, ServiceFault> | undefined): RoleAnswer => {
  if (resolved === undefined) {
    return { _tag: "NoRole", code: "Unsupported", reason: "this emulator runs a model given in its options, which does not resolve roles" }
  }
  return Either.match(resolved, {
    onLeft: (fault) => ({ _tag: "NoRole", code: fault.code, reason: fault.message }),
    onRight: (role) => ({ _tag: "Role", roleArn: role.roleArn, authenticated: role.authenticated })
  })
}
