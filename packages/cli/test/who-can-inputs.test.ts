// `iamspec who-can` / `who-can-assume` with the optional inputs of account mode (--scp, --rcp,
// --organization, --resource-policy) over core's hand-built account (fixtures/org), the AWS
// managed policies from the bundled corpus. Run from that directory, as a user runs it next to
// their files.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectOneLineError, iamspec, REPO_ROOT } from "./run-cli.js";

const ORG = join(REPO_ROOT, "packages/core/test/account/fixtures/org");
const A = "111122223333";
const run = (args: string[], input?: string) =>
  iamspec(args, { cwd: ORG, ...(input !== undefined && { input }) });
const account = ["--account", "account.json"];
const inputs = [
  ...account,
  "--organization",
  "organization.json",
  "--resource-policy",
  "arn:aws:s3:::data=bucket-data.json",
];

interface Line {
  principal: string;
  kind: string;
  decision: string;
  uncertain?: boolean;
  decidedBy: { policyName?: string; sid?: string }[];
  external?: { form: string; conditions: unknown[] };
}
const ndjson = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Line);
const short = (arn: string) => arn.replace(`arn:aws:iam::${A}:`, "");

describe("iamspec who-can with SCPs, RCPs and resource policies", () => {
  it("--organization levels and a bucket policy: grants, denies, the root user, another account", async () => {
    const result = await run([
      "who-can",
      ...inputs,
      "--action",
      "s3:GetObject",
      "--resource",
      "arn:aws:s3:::data/public/report.csv",
      "--denied",
      "--format",
      "ndjson",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = ndjson(result.stdout);
    const decided = Object.fromEntries(lines.map((l) => [short(l.principal), l.decision]));
    expect(decided).toMatchObject({
      root: "Allowed",
      "user/alice": "Allowed",
      "user/bob": "Allowed",
      "user/carol": "Allowed",
      "user/dave": "ExplicitlyDenied",
      "role/ci": "Allowed",
    });
    const carol = lines.find((l) => l.principal.endsWith("user/carol"))!;
    expect(carol.decidedBy).toMatchObject([{ policyName: "bucket-data.json", sid: "CarolReads" }]);
    const partner = lines.find((l) => l.principal === "arn:aws:iam::444455556666:root")!;
    expect(partner).toMatchObject({ kind: "external", uncertain: true });
  });

  it("--scp gives one level: an SCP Deny binds everyone but the service-linked role", async () => {
    const result = await run([
      "who-can",
      ...account,
      "--scp",
      "full-aws-access.json",
      "--scp",
      "scp-protect-network.json",
      "--action",
      "ec2:DeleteNetworkInterface",
      "--denied",
      "--format",
      "ndjson",
    ]);
    expect(result.code).toBe(0);
    const lines = ndjson(result.stdout);
    expect(lines[0]!.principal).toMatch(/AWSServiceRoleForElasticLoadBalancing$/);
    expect(lines[0]!.decision).toBe("Allowed");
    for (const l of lines.slice(1)) {
      expect(l.decision, l.principal).toBe("ExplicitlyDenied");
      expect(l.decidedBy).toMatchObject([{ policyName: "scp-protect-network.json" }]);
    }
  });

  it("--rcp binds the account's resources, whoever calls; --context settles its condition", async () => {
    const base = [
      "who-can",
      ...account,
      "--rcp",
      "rcp-full-aws-access.json",
      "--rcp",
      "rcp-data-perimeter.json",
      "--action",
      "s3:GetObject",
      "--resource",
      "arn:aws:s3:::data/x",
      "--context",
      "aws:PrincipalOrgID=o-a1b2c3d4e5",
      "--format",
      "ndjson",
    ];
    const secure = ndjson((await run([...base, "--context", "aws:SecureTransport=true"])).stdout);
    expect(secure.map((l) => short(l.principal))).toContain("root");
    const plain = await run([...base, "--context", "aws:SecureTransport=false"]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe("");
  });
});

describe("iamspec who-can-assume: principals outside the account", () => {
  it("another account named with an external id: uncertain, the condition and the unknown side shown", async () => {
    const result = await run(["who-can-assume", ...account, `arn:aws:iam::${A}:role/deployer`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "1 of 11 principals allowed, 1 more under an uncertain reading",
    );
    expect(result.stdout).toContain(
      `  ImplicitlyDenied (uncertain: Allowed under the other reading)  external arn:aws:iam::444455556666:root  by role/deployer/trust[Partner]  when StringEquals sts:ExternalId "partner-123"  not in the input: account 444455556666's own policies`,
    );
  });

  it("a service is allowed outright; the root user cannot assume a role", async () => {
    const lambda = await run([
      "who-can-assume",
      ...account,
      `arn:aws:iam::${A}:role/service/lambda-exec`,
      "--format",
      "json",
    ]);
    const result = JSON.parse(lambda.stdout) as { principals: Line[] };
    expect(result.principals).toMatchObject([
      { principal: "lambda.amazonaws.com", kind: "service", decision: "Allowed" },
    ]);
    const denied = await run([
      "who-can-assume",
      ...account,
      `arn:aws:iam::${A}:role/deployer`,
      "--denied",
      "--format",
      "ndjson",
    ]);
    const root = ndjson(denied.stdout).find((l) => l.kind === "root")!;
    expect(root.decision).toBe("ExplicitlyDenied");
  });
});

describe("bad inputs: one line, exit 2, with the file, line, column and JSON path", () => {
  const write = async (name: string, text: string) => {
    const dir = await mkdtemp(join(tmpdir(), "iamspec-inputs-"));
    const file = join(dir, name);
    await writeFile(file, text);
    return file;
  };
  const badEffect =
    '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Maybe", "Action": "*", "Resource": "*" }]\n}\n';
  const fails = async (args: string[]) => {
    const result = await run(["who-can", ...account, "--action", "s3:GetObject", ...args]);
    expect(result.code).toBe(2);
    return expectOneLineError(result);
  };

  it("a bad --scp, --rcp or --resource-policy file", async () => {
    const bad = await write("bad.json", badEffect);
    for (const flag of ["--scp", "--rcp"])
      expect(await fails([flag, bad])).toBe(
        `iamspec: ${bad}:3:29: "Effect" must be exactly "Allow" or "Deny", not "Maybe" [INVALID_EFFECT] (at $.Statement[0].Effect)`,
      );
    expect(await fails(["--resource-policy", `arn:aws:s3:::data=${bad}`])).toContain(
      `${bad}:3:29:`,
    );
    // An SCP may not name principals; a resource policy must.
    expect(await fails(["--scp", "bucket-data.json"])).toMatch(
      /^iamspec: bucket-data\.json:\d+:\d+: .*Principal.*\(at \$\.Statement\[0\]\.Principal\)$/,
    );
  });

  it("a bad --organization file: an inline policy, an unknown key, a missing file, a bad id", async () => {
    const inline = await write(
      "org.json",
      '{\n  "scp": [\n    [{ "Version": "2012-10-17", "Statement": [{ "Effect": "Maybe", "Action": "*", "Resource": "*" }] }]\n  ]\n}\n',
    );
    expect(await fails(["--organization", inline])).toMatch(
      new RegExp(
        `^iamspec: ${inline}:3:\\d+: .*"Maybe".*\\(at \\$\\.scp\\[0\\]\\[0\\]\\.Statement\\[0\\]\\.Effect\\)$`,
      ),
    );
    const key = await write("org.json", '{ "scps": [] }');
    expect(await fails(["--organization", key])).toBe(
      `iamspec: ${key}:1:11: unknown key "scps" (expected scp, rcp, managementAccountId, organizationId) (at $.scps)`,
    );
    const missing = await write("org.json", '{ "scp": [["nope.json"]] }');
    expect(await fails(["--organization", missing])).toMatch(
      /nope\.json: no such file \(at \$\.scp\[0\]\[0\]\)$/,
    );
    const id = await write("org.json", '{ "managementAccountId": "1234" }');
    expect(await fails(["--organization", id])).toBe(
      `iamspec: ${id}:1:26: managementAccountId must be a 12-digit account id (at $.managementAccountId)`,
    );
  });

  it("--resource-policy without ARN=, for a role of the account; --scp with --organization's scp", async () => {
    const usage = await run([
      "who-can",
      ...account,
      "--action",
      "s3:GetObject",
      "--resource-policy",
      "bucket-data.json",
    ]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--resource-policy takes ARN=POLICY");
    expect(
      await fails(["--resource-policy", `arn:aws:iam::${A}:role/deployer=bucket-data.json`]),
    ).toBe(
      `iamspec: --resource-policy arn:aws:iam::${A}:role/deployer is a role of the account: its resource policy is its trust policy, read from the pages`,
    );
    const both = await run([
      "who-can",
      ...inputs,
      "--scp",
      "full-aws-access.json",
      "--action",
      "s3:GetObject",
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("not both");
  });
});
