/**
 * The AWS partition table and the `aws.partition` function used by the endpoint rule set.
 *
 * Source of every value below: botocore 1.43.11 `botocore/data/partitions.json` (format version
 * "1.1"), the release whose `cognito-identity` model files are vendored in test/fixtures: the
 * regexes, the DNS suffixes, the iso partitions' dual-stack suffixes, the feature flags,
 * `implicitGlobalRegion`, and of the explicit region lists the names no regex matches (the
 * other listed names are found by their partition's regex; the tests hold the whole lists).
 *
 * The regexes are written exactly as in partitions.json. They are JavaScript regexes without the
 * `u` flag, as the AWS SDK for JavaScript compiles them; `\w` is therefore ASCII-only here, whereas
 * botocore's Python `re` would also accept non-ASCII word characters and a trailing "\n" before `$`.
 * Neither difference can change a real region's partition.
 */

export interface Partition {
  /** The partition id; the rule set reads it as `PartitionResult#name`. */
  readonly name: string
  readonly dnsSuffix: string
  readonly dualStackDnsSuffix: string
  readonly supportsFIPS: boolean
  readonly supportsDualStack: boolean
  readonly implicitGlobalRegion: string
  readonly regionRegex: RegExp
  /**
   * The regions partitions.json lists by name that no regex matches: the `*-global`
   * pseudo-regions (e.g. `aws-cn-global`), which would otherwise fall back to `aws`. Every other
   * region it lists matches its own partition's regex and no other's, so the regex finds it;
   * test/protocol/resolveEndpoint.test.ts holds the whole lists and checks each region of them.
   */
  readonly regionsOutsideRegex: ReadonlyArray<string>
}

// botocore 1.43.11 partitions.json, partition "aws".
const aws: Partition = {
  name: "aws",
  dnsSuffix: "amazonaws.com",
  dualStackDnsSuffix: "api.aws",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "us-east-1",
  regionRegex: /^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$/,
  regionsOutsideRegex: ["aws-global"]
}

// botocore 1.43.11 partitions.json, partition "aws-cn".
const awsCn: Partition = {
  name: "aws-cn",
  dnsSuffix: "amazonaws.com.cn",
  dualStackDnsSuffix: "api.amazonwebservices.com.cn",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "cn-northwest-1",
  regionRegex: /^cn\-\w+\-\d+$/,
  regionsOutsideRegex: ["aws-cn-global"]
}

// botocore 1.43.11 partitions.json, partition "aws-eusc".
const awsEusc: Partition = {
  name: "aws-eusc",
  dnsSuffix: "amazonaws.eu",
  dualStackDnsSuffix: "api.amazonwebservices.eu",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "eusc-de-east-1",
  regionRegex: /^eusc\-(de)\-\w+\-\d+$/,
  regionsOutsideRegex: []
}

// botocore 1.43.11 partitions.json, partition "aws-iso".
const awsIso: Partition = {
  name: "aws-iso",
  dnsSuffix: "c2s.ic.gov",
  dualStackDnsSuffix: "api.aws.ic.gov",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "us-iso-east-1",
  regionRegex: /^us\-iso\-\w+\-\d+$/,
  regionsOutsideRegex: ["aws-iso-global"]
}

// botocore 1.43.11 partitions.json, partition "aws-iso-b".
const awsIsoB: Partition = {
  name: "aws-iso-b",
  dnsSuffix: "sc2s.sgov.gov",
  dualStackDnsSuffix: "api.aws.scloud",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "us-isob-east-1",
  regionRegex: /^us\-isob\-\w+\-\d+$/,
  regionsOutsideRegex: ["aws-iso-b-global"]
}

// botocore 1.43.11 partitions.json, partition "aws-iso-e".
const awsIsoE: Partition = {
  name: "aws-iso-e",
  dnsSuffix: "cloud.adc-e.uk",
  dualStackDnsSuffix: "api.cloud-aws.adc-e.uk",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "eu-isoe-west-1",
  regionRegex: /^eu\-isoe\-\w+\-\d+$/,
  regionsOutsideRegex: ["aws-iso-e-global"]
}

// botocore 1.43.11 partitions.json, partition "aws-iso-f".
const awsIsoF: Partition = {
  name: "aws-iso-f",
  dnsSuffix: "csp.hci.ic.gov",
  dualStackDnsSuffix: "api.aws.hci.ic.gov",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "us-isof-south-1",
  regionRegex: /^us\-isof\-\w+\-\d+$/,
  regionsOutsideRegex: ["aws-iso-f-global"]
}

// botocore 1.43.11 partitions.json, partition "aws-us-gov".
const awsUsGov: Partition = {
  name: "aws-us-gov",
  dnsSuffix: "amazonaws.com",
  dualStackDnsSuffix: "api.aws",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "us-gov-west-1",
  regionRegex: /^us\-gov\-\w+\-\d+$/,
  regionsOutsideRegex: ["aws-us-gov-global"]
}

/**
 * All partitions, in partitions.json order. `aws` must stay first: the rules' `aws.partition`
 * returns the first partition for a region that nothing matches.
 */
export const partitions: ReadonlyArray<Partition> = [
  aws,
  awsCn,
  awsEusc,
  awsIso,
  awsIsoB,
  awsIsoE,
  awsIsoF,
  awsUsGov
]

const byExplicitRegion: ReadonlyMap<string, Partition> = new Map(
  partitions.flatMap((partition) => partition.regionsOutsideRegex.map((region) => [region, partition] as const))
)

/**
 * The rules' `aws.partition(region)`. Follows the Smithy rules-engine order: a region listed by
 * name wins over any regex, then the first partition whose regex matches, then `aws` (so an
 * unknown region such as `xx-fake-1` still resolves, to amazonaws.com). botocore instead tries
 * "listed or regex" partition by partition; the two orders agree because no listed region of one
 * partition matches another partition's regex (the test suite checks that).
 */
export const partitionOf = (region: string): Partition =>
  byExplicitRegion.get(region) ??
    partitions.find((partition) => partition.regionRegex.test(region)) ??
    aws
