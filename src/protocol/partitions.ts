/**
 * The AWS partition table and the `aws.partition` function used by the endpoint rule set.
 *
 * Source of every value below: botocore 1.43.11 `botocore/data/partitions.json` (format version
 * "1.1"), the release whose `cognito-identity` model files are vendored in test/fixtures: the
 * regexes, the DNS suffixes, the iso partitions' dual-stack suffixes, the feature flags, the
 * explicit region lists and `implicitGlobalRegion`.
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
   * Regions listed by name. Needed because the `*-global` pseudo-regions (e.g. `aws-cn-global`)
   * match no regex and would otherwise fall back to `aws`.
   */
  readonly regions: ReadonlyArray<string>
}

// botocore 1.43.11 partitions.json, partition "aws"; regex and suffixes also in model.md §7.
const aws: Partition = {
  name: "aws",
  dnsSuffix: "amazonaws.com",
  dualStackDnsSuffix: "api.aws",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "us-east-1",
  regionRegex: /^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$/,
  regions: [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "aws-global",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2"
  ]
}

// botocore 1.43.11 partitions.json, partition "aws-cn"; regex and suffixes also in model.md §7.
const awsCn: Partition = {
  name: "aws-cn",
  dnsSuffix: "amazonaws.com.cn",
  dualStackDnsSuffix: "api.amazonwebservices.com.cn",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "cn-northwest-1",
  regionRegex: /^cn\-\w+\-\d+$/,
  regions: ["aws-cn-global", "cn-north-1", "cn-northwest-1"]
}

// botocore 1.43.11 partitions.json, partition "aws-eusc"; suffixes also in model.md §7.
const awsEusc: Partition = {
  name: "aws-eusc",
  dnsSuffix: "amazonaws.eu",
  dualStackDnsSuffix: "api.amazonwebservices.eu",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "eusc-de-east-1",
  regionRegex: /^eusc\-(de)\-\w+\-\d+$/,
  regions: ["eusc-de-east-1"]
}

// botocore 1.43.11 partitions.json, partition "aws-iso"; dnsSuffix also in model.md §7.
const awsIso: Partition = {
  name: "aws-iso",
  dnsSuffix: "c2s.ic.gov",
  dualStackDnsSuffix: "api.aws.ic.gov",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "us-iso-east-1",
  regionRegex: /^us\-iso\-\w+\-\d+$/,
  regions: ["aws-iso-global", "us-iso-east-1", "us-iso-west-1"]
}

// botocore 1.43.11 partitions.json, partition "aws-iso-b"; dnsSuffix also in model.md §7.
const awsIsoB: Partition = {
  name: "aws-iso-b",
  dnsSuffix: "sc2s.sgov.gov",
  dualStackDnsSuffix: "api.aws.scloud",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "us-isob-east-1",
  regionRegex: /^us\-isob\-\w+\-\d+$/,
  regions: ["aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"]
}

// botocore 1.43.11 partitions.json, partition "aws-iso-e"; dnsSuffix also in model.md §7.
const awsIsoE: Partition = {
  name: "aws-iso-e",
  dnsSuffix: "cloud.adc-e.uk",
  dualStackDnsSuffix: "api.cloud-aws.adc-e.uk",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "eu-isoe-west-1",
  regionRegex: /^eu\-isoe\-\w+\-\d+$/,
  regions: ["aws-iso-e-global", "eu-isoe-west-1"]
}

// botocore 1.43.11 partitions.json, partition "aws-iso-f"; dnsSuffix also in model.md §7.
const awsIsoF: Partition = {
  name: "aws-iso-f",
  dnsSuffix: "csp.hci.ic.gov",
  dualStackDnsSuffix: "api.aws.hci.ic.gov",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "us-isof-south-1",
  regionRegex: /^us\-isof\-\w+\-\d+$/,
  regions: ["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"]
}

// botocore 1.43.11 partitions.json, partition "aws-us-gov"; suffixes also in model.md §7.
const awsUsGov: Partition = {
  name: "aws-us-gov",
  dnsSuffix: "amazonaws.com",
  dualStackDnsSuffix: "api.aws",
  supportsFIPS: true,
  supportsDualStack: true,
  implicitGlobalRegion: "us-gov-west-1",
  regionRegex: /^us\-gov\-\w+\-\d+$/,
  regions: ["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"]
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
  partitions.flatMap((partition) => partition.regions.map((region) => [region, partition] as const))
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
