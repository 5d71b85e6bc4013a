// The matchers in vitest, as a user writes them: both outcomes of each, and the failure messages
// in the CLI's words (iamspec eval --explain, iamspec check).
import { EC2ImageBuilderExecutionPolicy } from "@iamspec/policies";
import type { Ec2Action } from "@iamspec/policies/services/ec2";
import { formatExplanation, evaluate } from "@iamspec/core";
import { describe, expect, it } from "vitest";
import "@iamspec/testing/vitest";

const v1 = { name: "v1", document: EC2ImageBuilderExecutionPolicy.versions["v1"]!.document };
const v2 = { name: "v2", document: EC2ImageBuilderExecutionPolicy.versions["v2"]!.document };
const AMI = "arn:aws:ec2:us-east-1::image/ami-0abc";
const bucket = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::example-bucket/*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
    },
  ],
} as const;
const deny = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: "s3:*", Resource: "*" },
    { Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" },
  ],
} as const;

describe("decision matchers", () => {
  it("toAllow, typed by the generated action union", () => {
    expect(EC2ImageBuilderExecutionPolicy.document).toAllow<Ec2Action>({
      action: "ec2:RunInstances",
      resource: AMI,
    });
    expect(deny).not.toAllow({ action: "s3:DeleteBucket" });
  });

  it("toDeny, toImplicitlyDeny, toExplicitlyDeny", () => {
    expect(deny).toExplicitlyDeny({ action: "s3:DeleteBucket" });
    expect(deny).toDeny({ action: "s3:DeleteBucket" });
    expect(deny).toImplicitlyDeny({ action: "ec2:RunInstances" });
    expect(deny).not.toExplicitlyDeny({ action: "ec2:RunInstances" });
    expect(deny).not.toDeny({ action: "s3:GetObject" });
  });

  it("takes a policy set", () => {
    const ec2Only = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }],
    } as const;
    expect({ identity: [deny] }).toAllow({ action: "s3:GetObject" });
    expect({ identity: [deny], scp: [ec2Only] }).toImplicitlyDeny({ action: "s3:GetObject" });
  });

  it("fails with the words of iamspec eval --explain", () => {
    const request = {
      action: "ec2:RunInstances",
      resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
    };
    const explanation = formatExplanation(
      evaluate({ ...request, policies: { identity: [v2] } }, { explain: true }),
    );
    expect(() => expect(v2).toAllow(request)).toThrow(explanation);
  });
});

describe("check matchers", () => {
  it("toGrantNoNewAccessOver", () => {
    expect(v1).toGrantNoNewAccessOver(v2);
    expect(v2).not.toGrantNoNewAccessOver(v1);
  });

  it("fails with the words of iamspec check no-new-access", () => {
    let message = "";
    try {
      expect(v2).toGrantNoNewAccessOver(v1);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("FAIL no-new-access v1 -> v2");
    expect(message).toContain("+ ec2:AttachImageWatermark");
    expect(message).toContain('when StringEquals aws:ResourceTag/CreatedBy "EC2 Image Builder"');
  });

  it("toNotGrant", () => {
    expect(v1).toNotGrant("ec2:AttachImageWatermark");
    expect(v2).not.toNotGrant(["ec2:Attach*"], [AMI]);
    expect(() => expect(v2).toNotGrant("ec2:Attach*")).toThrow("FAIL access-not-granted");
  });

  it("toHaveNoPublicAccess", () => {
    expect(bucket).toHaveNoPublicAccess("AWS::S3::Bucket");
    const open = { ...bucket, Statement: [{ ...bucket.Statement[0], Condition: undefined }] };
    const { Condition: _none, ...statement } = open.Statement[0]!;
    const publicBucket = { Version: "2012-10-17", Statement: [statement] };
    expect(publicBucket).not.toHaveNoPublicAccess("AWS::S3::Bucket");
    expect(() => expect(publicBucket).toHaveNoPublicAccess("AWS::S3::Bucket")).toThrow(
      "FAIL no-public-access",
    );
  });
});
