// `iamspec check`: exit 0 for PASS, 1 for FAIL, 2 for usage; text, json and sarif.
import { describe, expect, it } from "vitest";
import { iamspec } from "./run-cli.js";

const V1 = "EC2ImageBuilderExecutionPolicy@v1";
const V2 = "EC2ImageBuilderExecutionPolicy@v2";

describe("iamspec check no-new-access", () => {
  it("fails v1 -> v2, naming ec2:AttachImageWatermark and its condition", async () => {
    const run = await iamspec(["check", "no-new-access", V1, V2]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("FAIL no-new-access");
    expect(run.stdout).toContain("+ ec2:AttachImageWatermark");
    expect(run.stdout).toContain('when StringEquals aws:ResourceTag/CreatedBy "EC2 Image Builder"');
    expect(run.stdout).toContain("granted by AttachImageWatermarkPermissions");
  });

  it("passes v2 -> v1", async () => {
    const run = await iamspec(["check", "no-new-access", V2, V1]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PASS no-new-access/);
  });

  it("reports a Deny the new version drops, in JSON", async () => {
    const run = await iamspec([
      "check",
      "no-new-access",
      "checks/old.json",
      "checks/new.json",
      "--format",
      "json",
    ]);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.result).toBe("FAIL");
    expect(json.newAccess[0]).toMatchObject({
      actions: ["s3:GetObject"],
      reason: "OLD_DENY_DROPPED",
      oldStatements: [{ statementIndex: 1 }],
    });
    const back = await iamspec(["check", "no-new-access", "checks/new.json", "checks/old.json"]);
    expect(back.code).toBe(0);
  });

  it("writes SARIF", async () => {
    const run = await iamspec(["check", "no-new-access", V1, V2, "--format", "sarif"]);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout);
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: "NO_NEW_ACCESS", level: "error" });
    expect(sarif.runs[0].results[0].message.text).toContain("ec2:AttachImageWatermark");
  });

  it("takes a policy on stdin", async () => {
    const run = await iamspec(["check", "no-new-access", "checks/new.json", "-"], {
      input: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
      }),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("s3:PutObject");
  });
});

describe("iamspec check access-not-granted", () => {
  it("fails when a listed action may be allowed on a listed resource", async () => {
    const run = await iamspec([
      "check",
      "access-not-granted",
      V2,
      "--action",
      "ec2:Attach*",
      "--resource",
      "arn:aws:ec2:us-east-1::image/ami-1",
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("! ec2:AttachImageWatermark");
  });
  it("passes when it is not", async () => {
    const run = await iamspec([
      "check",
      "access-not-granted",
      V1,
      "--action",
      "ec2:AttachImageWatermark",
    ]);
    expect(run.code).toBe(0);
    const none = await iamspec(["check", "access-not-granted", V2, "--action", "sqs:*"]);
    expect(none.code).toBe(0);
  });
  it("needs --action", async () => {
    const run = await iamspec(["check", "access-not-granted", V2]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("needs at least one --action");
  });
});

describe("iamspec check no-public-access", () => {
  it("fails on Principal * with a condition that does not restrict", async () => {
    const run = await iamspec([
      "check",
      "no-public-access",
      "checks/public-bucket.json",
      "--resource-type",
      "AWS::S3::Bucket",
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("not counted: Bool aws:SecureTransport");
  });
  it("passes with aws:PrincipalOrgID and names it with its source", async () => {
    const run = await iamspec([
      "check",
      "no-public-access",
      "checks/org-bucket.json",
      "--resource-type",
      "AWS::S3::Bucket",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('StringEquals aws:PrincipalOrgID "o-a1b2c3d4e5" in Org');
    expect(run.stdout).toContain("access-analyzer-reference-filter-keys");
  });
  it("reads a trust policy without Resource", async () => {
    const run = await iamspec([
      "check",
      "no-public-access",
      "checks/trust-public.json",
      "--resource-type",
      "AWS::IAM::AssumeRolePolicyDocument",
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("to AWS:*");
  });
  it("rejects an unknown resource type and a missing one", async () => {
    expect((await iamspec(["check", "no-public-access", "checks/org-bucket.json"])).code).toBe(2);
    const run = await iamspec([
      "check",
      "no-public-access",
      "checks/org-bucket.json",
      "--resource-type",
      "AWS::Nope",
    ]);
    expect(run.code).toBe(2);
  });
});

describe("iamspec check --policy-type", () => {
  it("parses both policies as trust policies (no Resource element)", async () => {
    const args = ["check", "no-new-access", "checks/trust-public.json", "checks/trust-public.json"];
    const identity = await iamspec(args);
    expect(identity.code).toBe(2);
    expect(identity.stderr).toContain("MISSING_RESOURCE");
    const run = await iamspec([...args, "--policy-type", "trust"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PASS no-new-access/);
  });
});

describe("iamspec check usage", () => {
  it("rejects an unknown check and a wrong number of policies", async () => {
    expect((await iamspec(["check", "no-such-check", V1])).code).toBe(2);
    expect((await iamspec(["check", "no-new-access", V1])).code).toBe(2);
  });
});
