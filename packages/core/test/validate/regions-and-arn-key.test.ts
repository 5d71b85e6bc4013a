// The region list per partition (regions.ts, from the AWS SDK partitions table) behind INVALID_REGION and
// INVALID_ARN_REGION, and the split of aws:ARN into UNSUPPORTED_/DEPRECATED_GLOBAL_CONDITION_KEY
// (legacy-arn-key.ts; docs/evaluation-rules.md §5.3: a missing key makes positive operators false and negated,
// IfExists and ForAllValues forms true).
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../src/validate/index.js";
import { lookupRegion, PARTITIONS, REGION_LIST_DATE } from "../../src/validate/regions.js";

describe("the region list", () => {
  it.each(Object.entries(PARTITIONS))("%s: every region has the partition's shape", (_, info) => {
    expect(info.regions.length).toBeGreaterThan(0);
    for (const region of info.regions) expect(region).toMatch(info.shape);
  });

  it.each([
    ["us-east-1", { kind: "known", partition: "aws" }],
    ["cn-northwest-1", { kind: "known", partition: "aws-cn" }],
    ["us-gov-west-1", { kind: "known", partition: "aws-us-gov" }],
    ["us-isob-east-1", { kind: "known", partition: "aws-iso-b" }],
    ["eusc-de-east-1", { kind: "known", partition: "aws-eusc" }],
    ["eu-west-9", { kind: "unlisted", partition: "aws" }],
    ["us-gov-north-1", { kind: "unlisted", partition: "aws-us-gov" }],
    ["us-east", { kind: "invalid" }],
    ["US-EAST-1", { kind: "invalid" }],
    ["mars-central-1", { kind: "invalid" }],
  ])("%s is %o", (region, expected) => {
    expect(lookupRegion(region)).toEqual(expected);
  });

  it("reports an unlisted region as unknown to the list of its date, not as invalid", () => {
    const text = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Deny",
          Action: "*",
          Resource: "*",
          Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "eu-west-9"] } },
        },
      ],
    });
    const found = validatePolicy(text).filter((d) => d.code === "INVALID_REGION");
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe(
      '$.Statement[0].Condition.StringNotEquals["aws:RequestedRegion"][1]',
    );
    expect(found[0]!.message).toBe(
      `"eu-west-9" is unknown to the region list of ${REGION_LIST_DATE}.`,
    );
  });

  it("checks an ARN's region against the ARN's partition", () => {
    const codes = (resource: string) =>
      validatePolicy({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: resource }],
      })
        .filter((d) => d.code === "INVALID_ARN_REGION")
        .map((d) => d.message);
    expect(codes("arn:aws-us-gov:sqs:us-gov-west-1:111122223333:q")).toEqual([]);
    expect(codes("arn:aws-us-gov:sqs:us-west-1:111122223333:q")).toEqual([
      '"us-west-1" is a region of the aws partition, not of aws-us-gov.',
    ]);
    expect(codes("arn:aws:sqs:*:111122223333:q")).toEqual([]);
  });
});

describe("aws:ARN: ERROR where its absence widens access, WARNING where it only narrows it", () => {
  const codes = (effect: string, operator: string, value: string | string[]) =>
    validatePolicy({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: effect,
          Action: "s3:GetObject",
          Resource: "*",
          Condition: { [operator]: { "aws:ARN": value } },
        },
      ],
    })
      .map((d) => d.code)
      .filter((c) => c.endsWith("GLOBAL_CONDITION_KEY"));
  const ARN = "arn:aws:iam::111122223333:role/app";

  it.each([
    // Allow: a condition that is false without the key only withholds the grant.
    ["Allow", "ArnEquals", ARN, "DEPRECATED_GLOBAL_CONDITION_KEY"],
    ["Allow", "ForAnyValue:StringLike", ARN, "DEPRECATED_GLOBAL_CONDITION_KEY"],
    ["Allow", "Null", "false", "DEPRECATED_GLOBAL_CONDITION_KEY"],
    // Allow: a condition that is true without the key grants to every caller.
    ["Allow", "ArnNotEquals", ARN, "UNSUPPORTED_GLOBAL_CONDITION_KEY"],
    ["Allow", "ArnEqualsIfExists", ARN, "UNSUPPORTED_GLOBAL_CONDITION_KEY"],
    ["Allow", "ForAllValues:StringEquals", ARN, "UNSUPPORTED_GLOBAL_CONDITION_KEY"],
    ["Allow", "Null", "true", "UNSUPPORTED_GLOBAL_CONDITION_KEY"],
    // Deny: a condition that is false without the key never denies.
    ["Deny", "ArnEquals", ARN, "UNSUPPORTED_GLOBAL_CONDITION_KEY"],
    ["Deny", "StringLike", ARN, "UNSUPPORTED_GLOBAL_CONDITION_KEY"],
    // Deny: a condition that is true without the key denies everyone — restrictive, not permissive.
    ["Deny", "ArnNotEquals", ARN, "DEPRECATED_GLOBAL_CONDITION_KEY"],
    ["Deny", "StringNotLikeIfExists", ARN, "DEPRECATED_GLOBAL_CONDITION_KEY"],
  ])("%s with %s → %s", (effect, operator, value, code) => {
    expect(codes(effect, operator, value)).toEqual([code]);
  });

  it("is case-insensitive in the key name and leaves aws:PrincipalArn alone", () => {
    expect(codes("Allow", "ArnNotEquals", ARN)).toEqual(["UNSUPPORTED_GLOBAL_CONDITION_KEY"]);
    const lower = validatePolicy({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "*",
          Condition: { ArnEquals: { "aws:arn": ARN, "aws:PrincipalArn": ARN } },
        },
      ],
    }).map((d) => d.code);
    expect(lower.filter((c) => c.endsWith("GLOBAL_CONDITION_KEY"))).toEqual([
      "DEPRECATED_GLOBAL_CONDITION_KEY",
    ]);
  });
});
