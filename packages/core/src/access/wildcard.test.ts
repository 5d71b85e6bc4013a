import { describe, expect, it } from "vitest";
import { wildcardMatch } from "./wildcard.js";

// docs/evaluation-rules.md §2: `*` any run (including empty), `?` exactly one character, anchored,
// case-insensitive.
describe("wildcardMatch", () => {
  it.each([
    ["ec2:*", "ec2:RunInstances", true],
    ["ec2:Describe*", "ec2:DescribeImages", true],
    ["ec2:Describe*", "ec2:Describe", true],
    ["ec2:Describe*", "ec2:RunInstances", false],
    ["iam:*AccessKey*", "iam:CreateAccessKey", true],
    ["iam:*AccessKey*", "iam:ListAccessKeys", true],
    ["s?:GetObject", "s3:GetObject", true],
    ["s?:GetObject", "ss3:GetObject", false],
    ["EC2:RUNINSTANCES", "ec2:RunInstances", true],
    ["ec2:RunInstances", "ec2:RunInstancesX", false],
    ["*", "", true],
    ["a*b*c", "aXbYc", true],
    ["a*b*c", "aXbY", false],
  ])("%s vs %s -> %s", (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });

  it("stays fast on patterns that make backtracking matchers explode", () => {
    const pattern = `${"*a".repeat(30)}b`;
    const text = "a".repeat(5000);
    expect(wildcardMatch(pattern, text)).toBe(false);
  });
});
