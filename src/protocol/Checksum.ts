/**
 * The hash the SigV4 signer asks for, declared here rather than imported from @smithy/types so
 * that no @smithy type reaches the published declarations (users would otherwise need that
 * package to type-check). Structurally the same as @smithy/types' `Checksum` and
 * `ChecksumConstructor`, so classes implementing it are accepted by @smithy/signature-v4.
 */
export type SourceData = string | ArrayBuffer | ArrayBufferView

export interface Checksum {
  digest(): Promise<Uint8Array>
  reset(): void
  update(chunk: Uint8Array): void
}

export interface ChecksumConstructor {
  new(secret?: SourceData): Checksum
}
