import { describe, expect, it } from "vitest";
import { iamspec, SEED_PAGE } from "./run-cli.js";

describe("iamspec policies", () => {
  it("finds bundled policies by name with their ARN and versions", async () => {
    const run = await iamspec(["policies", "--search", "imagebuilderexecution"]);
    expect(run.code).toBe(0);
    const row = run.stdout
      .split("\n")
      .find((l) => l.startsWith("EC2ImageBuilderExecutionPolicy "))!;
    expect(row).toContain("v1 v2*");
    expect(row).toContain("arn:aws:iam::aws:policy/EC2ImageBuilderExecutionPolicy");
  });

  it("writes the catalog as JSON", async () => {
    const run = await iamspec(["policies", "--format", "json"]);
    const catalog = JSON.parse(run.stdout);
    expect(catalog.length).toBeGreaterThan(1000);
    expect(catalog).toContainEqual(
      expect.objectContaining({
        name: "EC2ImageBuilderExecutionPolicy",
        defaultVersion: "v2",
        versions: ["v1", "v2"],
      }),
    );
  });
});

describe("policy arguments", () => {
  const request = [
    "--action",
    "ec2:RunInstances",
    "--resource",
    "arn:aws:ec2:us-east-1::image/ami-0abc",
    "--format",
    "json",
  ];
  const json =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]}';

  it.each([
    ["a bundled name", "EC2ImageBuilderExecutionPolicy"],
    ["a bundled name in another case", "ec2imagebuilderexecutionpolicy"],
    ["an ARN", "arn:aws:iam::aws:policy/EC2ImageBuilderExecutionPolicy"],
    ["Name@vN", "EC2ImageBuilderExecutionPolicy@v1"],
    ["an AWS documentation page", SEED_PAGE],
  ])("accepts %s", async (_, spec) => {
    const run = await iamspec(["eval", "--policy", spec, ...request]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).decision).toBe("Allowed");
  });

  it("accepts - for stdin", async () => {
    const run = await iamspec(["eval", "--policy", "-", ...request], { input: json });
    expect(JSON.parse(run.stdout).decision).toBe("Allowed");
  });

  it("names the bundled policy in the deciding statement", async () => {
    const run = await iamspec([
      "eval",
      "--policy",
      "EC2ImageBuilderExecutionPolicy@v1",
      ...request,
    ]);
    expect(JSON.parse(run.stdout).decidedBy[0].policyName).toBe(
      "EC2ImageBuilderExecutionPolicy@v1",
    );
  });

  it("suggests close names for an unknown one (exit 2)", async () => {
    const run = await iamspec(["eval", "--policy", "EC2ImageBuilder", ...request]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '"EC2ImageBuilder" is neither a file nor a bundled policy name or ARN; did you mean',
    );
  });

  it("reports a missing .json file as a file", async () => {
    const run = await iamspec(["eval", "--policy", "missing.json", ...request]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe("iamspec: missing.json: no such file");
  });

  it("refuses stdin twice", async () => {
    const run = await iamspec(["eval", "--policy", "-", "--boundary", "-", ...request], {
      input: json,
    });
    expect(run.code).toBe(2);
  });
});

describe("colour", () => {
  const args = [
    "eval",
    "--policy",
    "EC2ImageBuilderExecutionPolicy",
    "--action",
    "ec2:DescribeImages",
  ];

  it("is off when output is not a terminal", async () => {
    const run = await iamspec(args);
    expect(run.stdout).not.toContain("\u001B[");
  });

  it("can be forced with FORCE_COLOR, and NO_COLOR wins over it", async () => {
    expect((await iamspec(args, { env: { FORCE_COLOR: "1" } })).stdout).toContain("\u001B[");
    expect(
      (await iamspec(args, { env: { FORCE_COLOR: "1", NO_COLOR: "1" } })).stdout,
    ).not.toContain("\u001B[");
  });
});
