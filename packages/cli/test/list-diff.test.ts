import { describe, expect, it } from "vitest";
import { iamspec, SEED_PAGE } from "./run-cli.js";

describe("iamspec list", () => {
  it("shows each action with its resources and conditions", async () => {
    const run = await iamspec(["list", "EC2ImageBuilderExecutionPolicy"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ACTION\s+ACCESS\s+EFFECT\s+RESOURCE\s+CONDITION\s+STATEMENT/);
    const runInstances = run.stdout.split("\n").find((l) => l.startsWith("ec2:RunInstances "))!;
    expect(runInstances).toContain("arn:aws:ec2:*::image/*");
    expect(run.stdout).toContain(
      'StringEquals aws:RequestTag/CreatedBy ["EC2 Image Builder", "EC2 Fast Launch"]',
    );
  });

  it("writes JSON with --format json", async () => {
    const run = await iamspec(["list", "EC2ImageBuilderExecutionPolicy", "--format", "json"]);
    const access = JSON.parse(run.stdout);
    expect(access.policy).toBe("EC2ImageBuilderExecutionPolicy");
    const passRole = access.actions.find((a: { action: string }) => a.action === "iam:PassRole");
    expect(passRole).toMatchObject({
      effect: "Allow",
      scopes: [
        {
          sid: "IAMPassRolePermissions",
          resources: ["arn:aws:iam::*:role/*"],
          conditions: [{ operator: "StringEquals", key: "iam:PassedToService" }],
        },
      ],
    });
  });

  it("lists a documentation page and a file from stdin alike", async () => {
    const page = await iamspec(["list", SEED_PAGE, "--format", "json"]);
    const stdin = await iamspec(["list", "-", "--format", "json"], {
      input:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    });
    expect(JSON.parse(page.stdout).actions.length).toBeGreaterThan(50);
    expect(JSON.parse(stdin.stdout).actions.map((a: { action: string }) => a.action)).toEqual([
      "s3:GetObject",
    ]);
  });

  it("keeps patterns as written with --no-expand", async () => {
    const input =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}';
    const run = await iamspec(["list", "-", "--no-expand", "--format", "json"], { input });
    expect(JSON.parse(run.stdout).actions).toEqual([
      expect.objectContaining({ action: "ec2:Describe*", status: "unexpanded" }),
    ]);
  });
});

describe("iamspec diff", () => {
  const versions = [
    "diff",
    "EC2ImageBuilderExecutionPolicy@v1",
    "EC2ImageBuilderExecutionPolicy@v2",
  ];

  it("shows ec2:AttachImageWatermark added from v1 to v2", async () => {
    const run = await iamspec(versions);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "EC2ImageBuilderExecutionPolicy@v1 -> EC2ImageBuilderExecutionPolicy@v2",
    );
    expect(run.stdout).toMatch(/^\+ ec2:AttachImageWatermark \(new action\)/m);
    expect(run.stdout).not.toMatch(/^- /m);
  });

  it("writes JSON", async () => {
    const diff = JSON.parse((await iamspec([...versions, "--format", "json"])).stdout);
    expect(diff.removed).toEqual([]);
    expect(diff.added.map((c: { action: string }) => c.action)).toContain(
      "ec2:AttachImageWatermark",
    );
    expect(diff.changedActions).toContainEqual({
      action: "ec2:AttachImageWatermark",
      effect: "Allow",
      change: "added",
    });
  });

  it("writes a markdown table for a pull-request comment", async () => {
    const run = await iamspec([...versions, "--format", "markdown"]);
    expect(run.stdout).toContain(
      "### IAM access: `EC2ImageBuilderExecutionPolicy@v1` → `EC2ImageBuilderExecutionPolicy@v2`",
    );
    expect(run.stdout).toContain("| Action | Effect | Resource | Condition | Statement |");
    expect(run.stdout).toMatch(/\| `ec2:AttachImageWatermark` \(new action\) \| Allow \|/);
  });

  it("shows the reverse as removed", async () => {
    const run = await iamspec([
      "diff",
      "EC2ImageBuilderExecutionPolicy@v2",
      "EC2ImageBuilderExecutionPolicy@v1",
    ]);
    expect(run.stdout).toMatch(/^- ec2:AttachImageWatermark \(action gone\)/m);
  });

  it("finds no change between the docs page v1 and bundled v1", async () => {
    const run = await iamspec([
      "diff",
      SEED_PAGE,
      "EC2ImageBuilderExecutionPolicy@v1",
      "--exit-code",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("no change in access");
  });

  it("exits 1 on a difference with --exit-code", async () => {
    const run = await iamspec([...versions, "--exit-code"]);
    expect(run.code).toBe(1);
  });

  it("rejects an unknown version (exit 2)", async () => {
    const run = await iamspec([
      "diff",
      "EC2ImageBuilderExecutionPolicy@v9",
      "EC2ImageBuilderExecutionPolicy",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("has no version v9");
  });
});
