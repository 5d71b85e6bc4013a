// `iamspec who-can` and `who-can-assume` over the core account fixtures, with the bundled AWS
// managed policies (ReadOnlyAccess) standing in for the loader.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { iamspec, REPO_ROOT } from "./run-cli.js";

const F = join(REPO_ROOT, "packages/core/test/account/fixtures");
const cliPage = join(F, "account-cli.json");
const rawPages = ["--account", join(F, "raw-page-1.json"), "--account", join(F, "raw-page-2.json")];
const A = "111122223333";

const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { principal: string; decision: string; reason?: string });

describe("iamspec who-can", () => {
  it("lists the allowed principals (the role's ReadOnlyAccess from the bundled policies)", async () => {
    const run = await iamspec([
      "who-can",
      "--account",
      cliPage,
      "--action",
      "s3:GetObject",
      "--resource",
      "arn:aws:s3:::data/report.csv",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "s3:GetObject on arn:aws:s3:::data/report.csv: 3 of 7 principals allowed",
        `  Allowed  role arn:aws:iam::${A}:role/auditor  by ReadOnlyAccess[ReadOnlyActionsGroup2]`,
        `  Allowed  root arn:aws:iam::${A}:root  the root user needs no identity policy`,
        `  Allowed  user arn:aws:iam::${A}:user/alice  by group/devs/DataRead[#0]`,
        "",
      ].join("\n"),
    );
  });

  it("gives the same answers from raw-API pages, and the denied ones with --denied (ndjson)", async () => {
    const args = [
      "--action",
      "s3:GetObject",
      "--resource",
      "arn:aws:s3:::data/secret/k",
      "--denied",
      "--format",
      "ndjson",
    ];
    const [cli, raw] = await Promise.all([
      iamspec(["who-can", "--account", cliPage, ...args]),
      iamspec(["who-can", ...rawPages, ...args]),
    ]);
    expect(raw.code).toBe(0);
    expect(raw.stdout).toBe(cli.stdout);
    const result = lines(raw.stdout);
    expect(result.map((r) => [r.principal.split(":")[5], r.decision])).toEqual([
      ["role/auditor", "Allowed"],
      ["root", "Allowed"],
      ["role/deployer", "ImplicitlyDenied"],
      ["role/service/worker", "ImplicitlyDenied"],
      ["user/alice", "ExplicitlyDenied"],
      ["user/bob", "ImplicitlyDenied"],
      ["user/ops/carol", "ImplicitlyDenied"],
    ]);
    expect(result.find((r) => r.principal.endsWith("user/bob"))?.reason).toMatch(/boundary/);
  });

  it("takes --context (json format)", async () => {
    const run = await iamspec([
      "who-can",
      "--account",
      cliPage,
      "--action",
      "ec2:RunInstances",
      "--context",
      "aws:RequestedRegion=eu-west-1",
      "--format",
      "json",
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      evaluated: number;
      principals: { principal: string }[];
    };
    expect(result.evaluated).toBe(7);
    expect(result.principals.map((p) => p.principal)).toEqual([
      `arn:aws:iam::${A}:root`,
      `arn:aws:iam::${A}:user/alice`,
      `arn:aws:iam::${A}:user/bob`,
    ]);
  });

  it("reads a page from stdin, and --explain explains each decision, the denied ones too", async () => {
    const run = await iamspec(
      ["who-can", "--account", "-", "--action", "cloudformation:CreateStack", "--explain"],
      { input: await readFile(cliPage, "utf8") },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("2 of 7 principals allowed");
    expect(run.stdout).toContain(
      `  Allowed  role arn:aws:iam::${A}:role/deployer  by role/deployer/Deploy[#0]\n      Allowed`,
    );
    expect(run.stdout).toContain('Allowed by identity policy "role/deployer/Deploy" Statement[0]');
    expect(run.stdout).toContain(
      `  ImplicitlyDenied  user arn:aws:iam::${A}:user/bob  Implicitly denied: no identity policy statement allows cloudformation:CreateStack on *`,
    );
  });

  it("errors are one line, exit 2, with the file, line, column and JSON path", async () => {
    const missing = await iamspec([
      "who-can",
      "--account",
      join(F, "raw-page-1.json"),
      "--action",
      "s3:GetObject",
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(
      /raw-page-1\.json:\d+:\d+: group devs \(of user alice\) has the customer managed policy arn:aws:iam::111122223333:policy\/OnlyEc2 attached, but no page has it in Policies .*\(at \$\.GroupDetailList\[0\]\.AttachedManagedPolicies\[0\]\.PolicyArn\)/,
    );

    const dir = await mkdtemp(join(tmpdir(), "iamspec-account-"));
    const data = JSON.parse(await readFile(cliPage, "utf8")) as {
      RoleDetailList: { AttachedManagedPolicies: unknown[] }[];
    };
    data.RoleDetailList[0]!.AttachedManagedPolicies.push({
      PolicyName: "NoSuchPolicy",
      PolicyArn: "arn:aws:iam::aws:policy/NoSuchPolicy",
    });
    const file = join(dir, "account.json");
    await writeFile(file, JSON.stringify(data, null, 2));
    const unknown = await iamspec(["who-can", "--account", file, "--action", "s3:GetObject"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /role deployer has the AWS managed policy arn:aws:iam::aws:policy\/NoSuchPolicy attached, but no page has it in Policies and it is not among the known AWS managed policies \(bundled corpus of \d{4}-\d{2}-\d{2}\)/,
    );

    const noAction = await iamspec(["who-can", "--account", cliPage]);
    expect(noAction.code).toBe(2);
    expect(noAction.stderr).toContain("give --action");
  });
});

describe("iamspec who-can-assume", () => {
  it("names who may assume a role: trust naming a user, trust naming the account", async () => {
    const deployer = await iamspec([
      "who-can-assume",
      ...rawPages,
      `arn:aws:iam::${A}:role/deployer`,
    ]);
    expect(deployer.code).toBe(0);
    expect(deployer.stdout).toContain("1 of 7 principals allowed");
    expect(deployer.stdout).toContain(
      `user arn:aws:iam::${A}:user/alice  by role/deployer/trust[#0]`,
    );
    const auditor = await iamspec([
      "who-can-assume",
      "--account",
      cliPage,
      `arn:aws:iam::${A}:role/auditor`,
      "--format",
      "ndjson",
    ]);
    expect(lines(auditor.stdout).map((r) => r.principal)).toEqual([
      `arn:aws:iam::${A}:user/ops/carol`,
    ]);
  });

  it("an unknown role is an error with a suggestion", async () => {
    const run = await iamspec([
      "who-can-assume",
      "--account",
      cliPage,
      `arn:aws:iam::${A}:role/worker`,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`did you mean arn:aws:iam::${A}:role/service/worker?`);
  });
});
