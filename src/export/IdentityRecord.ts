/** One exported identity: where it lives, who it is, what it is linked to. */
export interface IdentityRecord {
  readonly IdentityPoolId: string
  readonly IdentityId: string
  /** Provider names linked to the identity (never tokens or user ids). */
  readonly Logins: ReadonlyArray<string>
  readonly CreationDate: Date | undefined
  readonly LastModifiedDate: Date | undefined
  /** Known only when the export hid disabled identities (then always false). */
  readonly Disabled: boolean | undefined
  /** Present when the export was asked to look developer user identifiers up. */
  readonly DeveloperUserIdentifiers: ReadonlyArray<string> | undefined
}
