import { writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectOneLineError, iamspec } from "./run-cli.js";

const AMI = "arn:aws:ec2:us-east-1::image/ami-0abc";
const policy = ["--policy", "EC2ImageBuilderExecutionPolicy"];

describe("iamspec eval (one request from flags)", () => {
  it("allows RunInstances on an AMI and names the deciding statement", async () => {
    const run = await iamspec([
      "eval",
      ...policy,
      "--action",
      "ec2:RunInstances",
      "--resource",
      AMI,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe("Allowed");
    expect(run.stdout).toContain("RunInstancesPermissions");
    expect(run.stdout).toContain("EC2ImageBuilderExecutionPolicy");
  });

  it("prints the result object (docs/architecture.md §5.2) with --format json", async () => {
    const run = await iamspec([
      "eval",
      ...policy,
      "--action",
      "ec2:RunInstances",
      "--resource",
      AMI,
      "--format",
      "json",
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.decision).toBe("Allowed");
    expect(result.decidedBy).toEqual([
      expect.objectContaining({
        policyType: "identity",
        policyIndex: 0,
        statementIndex: 0,
        sid: "RunInstancesPermissions",
        effect: "Allow",
      }),
    ]);
  });

  it("explains the decision with --explain", async () => {
    const run = await iamspec([
      "eval",
      ...policy,
      "--action",
      "ec2:RunInstances",
      "--resource",
      AMI,
      "--explain",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("RunInstancesPermissions");
    expect(run.stdout).toMatch(/✓ Statement\[0\] RunInstancesPermissions/);
  });

  it("includes the explanation in JSON with --explain --format json", async () => {
    const run = await iamspec([
      "eval",
      ...policy,
      "--action",
      "ec2:RunInstances",
      "--resource",
      AMI,
      "--explain",
      "--format",
      "json",
    ]);
    const result = JSON.parse(run.stdout);
    expect(result.explain.summary).toEqual(expect.any(String));
    expect(result.explain.policies[0].policyType).toBe("identity");
  });

  // The instance resource needs the CreatedBy request tag (statement 1 of the policy).
  it("denies implicitly when a required request tag is missing, and says what is missing", async () => {
    const run = await iamspec([
      "eval",
      ...policy,
      "--action",
      "ec2:RunInstances",
      "--resource",
      "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
      "--explain",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe("ImplicitlyDenied");
    expect(run.stdout).toContain("aws:RequestTag/CreatedBy");
  });

  it("reads --context key=value", async () => {
    const run = await iamspec([
      "eval",
      ...policy,
      "--action",
      "ec2:RunInstances",
      "--resource",
      "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
      "--context",
      "aws:RequestTag/CreatedBy=EC2 Image Builder",
    ]);
    expect(run.stdout.split("\n")[0]).toBe("Allowed");
    expect(run.stdout).toContain("RunInstancesWithEC2ImageBuilderRequestTagsPermissions");
  });

  // EC2KMSGrantKeyPermissions: Bool kms:GrantIsForAWSResource true + StringLike kms:ViaService ec2.*.amazonaws.com.
  it("reads typed --context key:=<json> values", async () => {
    const args = [
      "eval",
      ...policy,
      "--action",
      "kms:CreateGrant",
      "--resource",
      "arn:aws:kms:us-east-1:111122223333:key/k",
      "--context",
      "kms:ViaService=ec2.us-east-1.amazonaws.com",
    ];
    const allowed = await iamspec([...args, "--context", "kms:GrantIsForAWSResource:=true"]);
    expect(allowed.stdout.split("\n")[0]).toBe("Allowed");
    const denied = await iamspec([...args, "--context", "kms:GrantIsForAWSResource:=false"]);
    expect(denied.stdout.split("\n")[0]).toBe("ImplicitlyDenied");
  });

  // ForAllValues:StringEquals kms:EncryptionContextKeys ["aws:ebs:id"]: a repeated key is a list.
  it("turns a repeated --context key into a list", async () => {
    const args = [
      "eval",
      ...policy,
      "--action",
      "kms:Decrypt",
      "--resource",
      "arn:aws:kms:us-east-1:111122223333:key/k",
      "--context",
      "kms:ViaService=ec2.us-east-1.amazonaws.com",
    ];
    const one = await iamspec([
      ...args,
      "--context",
      "kms:EncryptionContextKeys=aws:ebs:id",
      "--context",
      "kms:EncryptionContextKeys=aws:ebs:id",
    ]);
    expect(one.stdout.split("\n")[0]).toBe("Allowed");
    const two = await iamspec([
      ...args,
      "--context",
      "kms:EncryptionContextKeys=aws:ebs:id",
      "--context",
      "kms:EncryptionContextKeys=other",
    ]);
    expect(two.stdout.split("\n")[0]).toBe("ImplicitlyDenied");
  });

  it("rejects a typed context value that is not JSON", async () => {
    const run = await iamspec(["eval", ...policy, "--action", "a:b", "--context", "k:={oops"]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toContain("needs a JSON value");
  });

  it("applies a repeated --policy as several identity policies, and an explicit deny wins", async () => {
    const run = await iamspec([
      "eval",
      "--policy",
      "pass-role.json",
      "--policy",
      "EC2ImageBuilderExecutionPolicy",
      "--action",
      "iam:PassRole",
      "--resource",
      "arn:aws:iam::111122223333:role/AdminRole",
      "--context",
      "iam:PassedToService=ec2.amazonaws.com",
      "--format",
      "json",
    ]);
    const result = JSON.parse(run.stdout);
    expect(result.decision).toBe("ExplicitlyDenied");
    expect(result.decidedBy[0]).toMatchObject({
      policyIndex: 0,
      sid: "NoAdminRoles",
      effect: "Deny",
    });
  });

  it("bounds identity policies with --boundary", async () => {
    const run = await iamspec([
      "eval",
      ...policy,
      "--boundary",
      "pass-role.json",
      "--action",
      "ec2:RunInstances",
      "--resource",
      AMI,
      "--format",
      "json",
    ]);
    expect(JSON.parse(run.stdout).decision).toBe("ImplicitlyDenied");
  });

  describe("--expect", () => {
    it.each([
      ["Allowed", 0],
      ["Denied", 1],
      ["ImplicitlyDenied", 1],
    ])("--expect %s on an allowed request exits %i", async (expected, code) => {
      const run = await iamspec([
        "eval",
        ...policy,
        "--action",
        "ec2:RunInstances",
        "--resource",
        AMI,
        "--expect",
        expected,
      ]);
      expect(run.code).toBe(code);
      if (code === 1) expect(run.stderr).toContain(`expected ${expected}, got Allowed`);
    });

    it("accepts Denied for an implicit denial", async () => {
      const run = await iamspec([
        "eval",
        ...policy,
        "--action",
        "s3:DeleteBucket",
        "--expect",
        "Denied",
      ]);
      expect(run.code).toBe(0);
    });
  });

  describe("--request", () => {
    it("evaluates a request file whose policies name a file relative to it", async () => {
      const run = await iamspec(["eval", "--request", "request.json", "--format", "json"]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        id: "pass-role-to-ec2",
        decision: "Allowed",
        decidedBy: [{ sid: "PassToEc2" }],
      });
    });

    it("lets flags override the request's fields", async () => {
      const run = await iamspec([
        "eval",
        "--request",
        "request.json",
        "--context",
        "iam:PassedToService=lambda.amazonaws.com",
      ]);
      expect(run.stdout.split("\n")[0]).toBe("ImplicitlyDenied");
    });

    it("reports a wrongly typed field with file, line, column and JSON path (exit 2)", async () => {
      const run = await iamspec(["eval", "--request", "request-wrong-type.json"]);
      expect(run.code).toBe(2);
      expect(expectOneLineError(run)).toMatch(
        /request-wrong-type\.json:2:\d+: .*\(at \$\.action\)/,
      );
    });

    it("reports an unknown policy name at its JSON path", async () => {
      const run = await iamspec(["eval", "--request", "request-unknown-policy.json"]);
      expect(run.code).toBe(2);
      const line = expectOneLineError(run);
      expect(line).toMatch(/request-unknown-policy\.json:4:\d+: /);
      expect(line).toContain("did you mean EC2ImageBuilderExecutionPolicy");
      expect(line).toContain("$.policies.identity[0]");
    });

    it("reports truncated JSON with line and column", async () => {
      const dir = await mkdtemp(join(tmpdir(), "iamspec-"));
      await writeFile(join(dir, "r.json"), '{\n  "action": "s3:GetObject",\n  "policies": {');
      const run = await iamspec(["eval", "--request", join(dir, "r.json")]);
      expect(run.code).toBe(2);
      expect(expectOneLineError(run)).toMatch(/r\.json:3:\d+: invalid JSON/);
    });
  });

  it("needs --action", async () => {
    const run = await iamspec(["eval", ...policy]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toContain("--action");
  });

  it("needs a policy", async () => {
    const run = await iamspec(["eval", "--action", "s3:GetObject"]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toContain("policy");
  });
});
