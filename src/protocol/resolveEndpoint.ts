/**
 * Endpoint resolution for Cognito Identity: a hand-written transcription of the published rule
 * set (botocore's `endpoint-rule-set-1.json`, vendored in test/fixtures), kept branch for branch in the
 * rule set's order so that it can be read side by side with the JSON. It runs on every call,
 * hence no generic rules engine here; the tests compare it with one.
 *
 * The rule set does not call `isValidHostLabel`, so the region is deliberately not validated:
 * any string is placed into the hostname as given, exactly as botocore and the AWS SDKs would do
 * with these rules. Rejecting malformed regions is the client configuration's job, not this one.
 */
import * as Either from "effect/Either"
import { type Partition, partitionOf } from "./partitions.js"

export interface EndpointParams {
  readonly region?: string | undefined
  readonly useFipsEndpoint?: boolean | undefined
  readonly useDualstackEndpoint?: boolean | undefined
  readonly endpoint?: string | undefined
}

// The rule set's error messages, verbatim: callers may match on them.
const fipsWithCustomEndpoint = "Invalid Configuration: FIPS and custom endpoint are not supported"
const dualStackWithCustomEndpoint = "Invalid Configuration: Dualstack and custom endpoint are not supported"
const fipsAndDualStackUnsupported = "FIPS and DualStack are enabled, but this partition does not support one or both"
const fipsUnsupported = "FIPS is enabled but this partition does not support FIPS"
const dualStackUnsupported = "DualStack is enabled but this partition does not support DualStack"
const missingRegion = "Invalid Configuration: Missing Region"

// The rule set pins FIPS + dual-stack in these four regions to the amazonaws.com FIPS hostnames
// (which already serve IPv6) instead of the partition's dual-stack suffix.
const fipsDualStackOnAmazonaws: ReadonlySet<string> = new Set(["us-east-1", "us-east-2", "us-west-1", "us-west-2"])

/**
 * Builds a resolver over a given `aws.partition` implementation. Production code uses
 * {@link resolveEndpoint}; the seam exists so that tests can reach the "partition does not
 * support ..." branches, which no partition in the current table triggers.
 */
export const makeResolveEndpoint =
  (partition: (region: string) => Partition) => (params: EndpointParams): Either.Either<string, string> => {
    // Both flags are required parameters defaulting to false, so "unset" behaves as false.
    const useFips = params.useFipsEndpoint === true
    const useDualStack = params.useDualstackEndpoint === true

    // A custom endpoint is checked before the region, so it works with no region at all.
    if (params.endpoint !== undefined) {
      if (useFips) return Either.left(fipsWithCustomEndpoint)
      if (useDualStack) return Either.left(dualStackWithCustomEndpoint)
      return Either.right(params.endpoint)
    }

    const region = params.region
    if (region === undefined) return Either.left(missingRegion)

    // `aws.partition` never fails (unknown regions fall back to `aws`), so the rule set's
    // assignment condition always holds and there is no branch for it here.
    const result = partition(region)

    if (useFips && useDualStack) {
      if (!(result.supportsFIPS && result.supportsDualStack)) return Either.left(fipsAndDualStackUnsupported)
      // Matched on the region string alone, not on the partition: same as the rule set.
      if (fipsDualStackOnAmazonaws.has(region)) return Either.right(`https://cognito-identity-fips.${region}.amazonaws.com`)
      return Either.right(`https://cognito-identity-fips.${region}.${result.dualStackDnsSuffix}`)
    }

    if (useFips) {
      if (!result.supportsFIPS) return Either.left(fipsUnsupported)
      return Either.right(`https://cognito-identity-fips.${region}.${result.dnsSuffix}`)
    }

    if (useDualStack) {
      if (!result.supportsDualStack) return Either.left(dualStackUnsupported)
      // In the commercial partition the regular hostname is already dual-stack.
      if (result.name === "aws") return Either.right(`https://cognito-identity.${region}.amazonaws.com`)
      return Either.right(`https://cognito-identity.${region}.${result.dualStackDnsSuffix}`)
    }

    return Either.right(`https://cognito-identity.${region}.${result.dnsSuffix}`)
  }

/**
 * Resolves the endpoint URL for the given parameters: Right is the URL exactly as the rule set
 * builds it (a custom endpoint is returned verbatim), Left is the rule set's error message.
 */
export const resolveEndpoint: (params: EndpointParams) => Either.Either<string, string> = makeResolveEndpoint(
  partitionOf
)
