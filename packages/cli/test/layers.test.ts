import { describe, expect, it } from "vitest";
import { iamspec } from "./run-cli.js";

const decision = async (args: string[]) => {
  const run = await iamspec([...args, "--format", "json"]);
  return JSON.parse(run.stdout) as {
    decision: string;
    decidedBy: { policyType: string; sid?: string }[];
  };
};

// docs/evaluation-rules.md §7: SCPs bound what identity policies grant; a resource policy can grant alone in
// the same account, and cross-account access needs both sides.
describe("iamspec eval with policy layers", () => {
  it("an SCP that does not allow the action denies it implicitly", async () => {
    const result = await decision([
      "eval",
      "--policy",
      "EC2ImageBuilderExecutionPolicy",
      "--scp",
      "scp-ec2-only.json",
      "--action",
      "iam:PassRole",
      "--resource",
      "arn:aws:iam::111122223333:role/R",
      "--context",
      "iam:PassedToService=ec2.amazonaws.com",
      "--principal",
      "arn:aws:iam::111122223333:role/Builder",
    ]);
    expect(result.decision).toBe("ImplicitlyDenied");
  });

  it("an SCP that allows the action lets the identity policy decide", async () => {
    const result = await decision([
      "eval",
      "--policy",
      "EC2ImageBuilderExecutionPolicy",
      "--scp",
      "scp-ec2-only.json",
      "--action",
      "ec2:RunInstances",
      "--resource",
      "arn:aws:ec2:us-east-1::image/ami-1",
      "--principal",
      "arn:aws:iam::111122223333:role/Builder",
    ]);
    expect(result.decision).toBe("Allowed");
  });

  it("a cross-account principal needs the resource policy and its own identity policy", async () => {
    const identity =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    const base = [
      "eval",
      "--resource-policy",
      "bucket-policy.json",
      "--action",
      "s3:GetObject",
      "--resource",
      "arn:aws:s3:::shared-bucket/report.csv",
      "--context",
      "aws:ResourceAccount=111122223333",
      "--principal",
      "arn:aws:iam::444455556666:role/Partner",
    ];
    const both = await iamspec([...base, "--policy", "-", "--format", "json"], { input: identity });
    expect(JSON.parse(both.stdout).decision).toBe("Allowed");
    const resourceOnly = await decision([...base]);
    expect(resourceOnly.decision).toBe("ImplicitlyDenied");
  });
});
