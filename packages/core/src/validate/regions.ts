// AWS partitions and their regions, for INVALID_PARTITION, INVALID_ARN_REGION and INVALID_REGION.
// The IAM service reference data has no region list and writes every ARN format with `${Partition}`, so
// this table comes from the AWS SDK's endpoint partitions table (`partitions.js` of @aws-sdk/core 3.981.2,
// published 2026-11-24), the list the SDKs resolve endpoints with. Regions AWS opens later are reported as
// "unknown to the region list of <date>", not as invalid; refresh the table from a newer @aws-sdk/core.

/** When the table was taken, for messages such as "unknown to the region list of 2026-11-24". */
export const REGION_LIST_DATE = "2026-11-24";

interface PartitionInfo {
  /** Region names of the partition (global pseudo-regions such as `aws-global` left out). */
  regions: readonly string[];
  /** The shape of the partition's region names (the SDK's `regionRegex`). */
  shape: RegExp;
}

export const PARTITIONS: Readonly<Record<string, PartitionInfo>> = {
  aws: {
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
      "me-west-1",
      "mx-central-1",
      "sa-east-1",
      "sa-west-1",
      "us-east-1",
      "us-east-2",
      "us-west-1",
      "us-west-2",
    ],
    shape: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/,
  },
  "aws-cn": { regions: ["cn-north-1", "cn-northwest-1"], shape: /^cn-\w+-\d+$/ },
  "aws-us-gov": { regions: ["us-gov-east-1", "us-gov-west-1"], shape: /^us-gov-\w+-\d+$/ },
  "aws-iso": { regions: ["us-iso-east-1", "us-iso-west-1"], shape: /^us-iso-\w+-\d+$/ },
  "aws-iso-b": { regions: ["us-isob-east-1", "us-isob-west-1"], shape: /^us-isob-\w+-\d+$/ },
  "aws-iso-e": { regions: ["eu-isoe-west-1"], shape: /^eu-isoe-\w+-\d+$/ },
  "aws-iso-f": { regions: ["us-isof-east-1", "us-isof-south-1"], shape: /^us-isof-\w+-\d+$/ },
  "aws-eusc": { regions: ["eusc-de-east-1"], shape: /^eusc-(de)-\w+-\d+$/ },
};

export const PARTITION_NAMES: readonly string[] = Object.keys(PARTITIONS);

export function isPartition(name: string): boolean {
  return Object.hasOwn(PARTITIONS, name);
}

/**
 * What the table says about a region name:
 * - `known`: a region of `partition`;
 * - `unlisted`: shaped like a region of `partition` but not in the table (perhaps newer than it);
 * - `invalid`: not a region name of any partition.
 */
export type RegionLookup =
  | { kind: "known"; partition: string }
  | { kind: "unlisted"; partition: string }
  | { kind: "invalid" };

export function lookupRegion(region: string): RegionLookup {
  for (const [partition, info] of Object.entries(PARTITIONS))
    if (info.regions.includes(region)) return { kind: "known", partition };
  // The aws shape also matches us-gov-… and us-iso-…; the narrower partitions are tried first.
  const shaped = Object.entries(PARTITIONS)
    .filter(([, info]) => info.shape.test(region))
    .sort(([a], [b]) => (a === "aws" ? 1 : 0) - (b === "aws" ? 1 : 0));
  return shaped.length > 0 ? { kind: "unlisted", partition: shaped[0]![0] } : { kind: "invalid" };
}

/** A few region names of a partition, for hints. */
export function regionSample(partition: string): string {
  const regions = Object.hasOwn(PARTITIONS, partition) ? PARTITIONS[partition]!.regions : [];
  return regions.slice(0, 3).join(", ");
}
