// `iamspec can` over the core account fixtures (AWS managed policies from the bundled ones), and
// `can --all`: the access matrix, whose shards concatenate to the unsharded output and whose bytes
// do not depend on --jobs.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectOneLineError, iamspec, REPO_ROOT } from "./run-cli.js";

const F = join(REPO_ROOT, "packages/core/test/account/fixtures");
const cliPage = join(F, "account-cli.json");
const rawPages = ["--account", join(F, "raw-page-1.json"), "--account", join(F, "raw-page-2.json")];
const A = "111122223333";
const alice = `arn:aws:iam::${A}:user/alice`;

interface Row {
  principal: string;
  action: string;
  accessLevel: string;
  decision: string;
  uncertain?: true;
}
const rows = (stdout: string): Row[] =>
  stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);

/** An account of 90 users over the fixture's groups and policies, with mixed inline policies. */
async function largerAccount(): Promise<string> {
  const data = JSON.parse(await readFile(cliPage, "utf8")) as { UserDetailList: unknown[] };
  const inline = [
    { Effect: "Allow", Action: ["sqs:Send*", "sns:Publish"], Resource: "*" },
    {
      Effect: "Allow",
      NotAction: ["iam:*"],
      Resource: "*",
      Condition: { Bool: { "aws:SecureTransport": "true" } },
    },
    { Effect: "Deny", Action: "ec2:Terminate*", Resource: "*" },
    { Effect: "Allow", Action: "dynamodb:Get*", Resource: `arn:aws:dynamodb:*:${A}:table/t*` },
  ];
  for (let i = 0; i < 90; i++)
    data.UserDetailList.push({
      UserName: `u${i}`,
      Arn: `arn:aws:iam::${A}:user/u${String(i).padStart(2, "0")}`,
      GroupList: i % 3 === 0 ? ["devs"] : [],
      UserPolicyList: [
        {
          PolicyName: "p",
          PolicyDocument: {
            Version: "2012-10-17",
            Statement: [inline[i % 4], inline[(i * 7) % 4]],
          },
        },
      ],
    });
  const dir = await mkdtemp(join(tmpdir(), "iamspec-can-"));
  const file = join(dir, "account.json");
  await writeFile(file, JSON.stringify(data));
  return file;
}

describe("iamspec can --principal", () => {
  it("lists the role's actions by service and access level (its ReadOnlyAccess is the bundled one)", async () => {
    const run = await iamspec([
      "can",
      "--account",
      cliPage,
      "--principal",
      `arn:aws:iam::${A}:role/auditor`,
      "--service",
      "sqs",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^role arn:aws:iam::${A}:role/auditor may perform \\d+ of \\d+ actions on \\* \\(IAM service data of \\d{4}-\\d{2}-\\d{2}\\)\n\nsqs \\(Amazon SQS\\): \\d+ of \\d+\n  Read: GetQueueAttributes, GetQueueUrl, `,
      ),
    );
    expect(run.stdout).not.toContain("Write:");
  });

  it("asks only the actions a resource is of: the object, then the role with its trust policy", async () => {
    const object = await iamspec([
      "can",
      "--account",
      cliPage,
      "--principal",
      alice,
      "--resource",
      "arn:aws:s3:::data/report.csv",
      "--format",
      "json",
    ]);
    expect(object.code).toBe(0);
    const result = JSON.parse(object.stdout) as {
      asked: number;
      services: { service: string; accessLevels: { actions: { action: string }[] }[] }[];
    };
    expect(result.asked).toBeGreaterThan(10);
    expect(
      result.services.flatMap((s) => s.accessLevels.flatMap((l) => l.actions.map((a) => a.action))),
    ).toEqual(["s3:GetObject"]);
    const role = await iamspec([
      "can",
      ...rawPages,
      "--principal",
      alice,
      "--resource",
      `arn:aws:iam::${A}:role/deployer`,
      "--access-level",
      "write",
      "--format",
      "ndjson",
    ]);
    expect(rows(role.stdout).map((r) => r.action)).toContain("sts:AssumeRole");
  });

  it("--format ndjson gives the principal's lines of the matrix", async () => {
    const single = await iamspec([
      "can",
      "--account",
      cliPage,
      "--principal",
      alice,
      "--format",
      "ndjson",
    ]);
    const all = await iamspec(["can", "--account", cliPage, "--all"]);
    expect(single.code).toBe(0);
    const mine = all.stdout
      .split("\n")
      .filter((l) => l.includes(`"principal":"${alice}"`))
      .join("\n");
    expect(single.stdout).toBe(`${mine}\n`);
    expect(rows(single.stdout).every((r) => r.decision === "Allowed")).toBe(true);
  });

  it("errors are one line, exit 2", async () => {
    const cases: [string[], string][] = [
      [[], "give --principal ARN, or --all for the whole account's access matrix"],
      [["--principal", alice, "--all"], "give --principal or --all, not both"],
      [["--principal", alice, "--shard", "1/2"], "--shard applies to --all (the access matrix)"],
      [["--all", "--shard", "3/2"], 'a shard is i/n with 1 <= i <= n, e.g. 3/8 (got "3/2")'],
      [["--all", "--format", "json"], "--all streams NDJSON: --format ndjson (its default)"],
      [["--all", "--jobs", "0"], '--jobs must be auto or a whole number from 1 to 64 (got "0")'],
      [
        ["--principal", `arn:aws:iam::${A}:role/alice`],
        `arn:aws:iam::${A}:role/alice is not a user or role of the account; did you mean ${alice}?`,
      ],
      [["--principal", alice, "--service", "s4"], 'unknown service prefix "s4"'],
      [["--all", "--service", "s4"], 'unknown service prefix "s4"'],
      [
        ["--all", "--jobs", "2", "--access-level", "list", "--service", "s4"],
        'unknown service prefix "s4"',
      ],
      [
        ["--principal", alice, "--access-level", "writes"],
        '--access-level must be one of List, Read, Write, Permissions-management, Tagging (got "writes")',
      ],
    ];
    for (const [args, message] of cases) {
      const run = await iamspec(["can", "--account", cliPage, ...args]);
      expect(run.code, args.join(" ")).toBe(2);
      expect(expectOneLineError(run)).toContain(message);
    }
    // Worker threads read the inputs again: not from stdin.
    const page = await readFile(cliPage, "utf8");
    const stdin = await iamspec(["can", "--account", "-", "--all", "--jobs", "2"], { input: page });
    expect(stdin.code).toBe(2);
    expect(expectOneLineError(stdin)).toContain("give them as files, not stdin (-)");
    const auto = await iamspec(["can", "--account", "-", "--all", "--jobs", "auto"], {
      input: page,
    });
    expect(auto.code).toBe(0);
  });
});

describe("iamspec can --all", () => {
  it("streams one line per (principal, action) allowed or uncertain, by principal ARN", async () => {
    const run = await iamspec(["can", ...rawPages, "--all", "--service", "s3", "--service", "sts"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const lines = rows(run.stdout);
    const principals = [...new Set(lines.map((r) => r.principal))];
    expect(principals).toEqual([...principals].sort());
    // Her s3 grants are on data/*, not on *.
    expect(lines.filter((r) => r.principal === alice).map((r) => r.action)).toEqual([
      "sts:GetCallerIdentity",
    ]);
    expect(lines.filter((r) => r.principal.endsWith("role/auditor")).length).toBeGreaterThan(20);
  });

  it("takes the account's SCP and RCP levels and resource policies, in worker threads too", async () => {
    const org = join(F, "org");
    const args = [
      "can",
      "--account",
      join(org, "account.json"),
      "--organization",
      join(org, "organization.json"),
      "--resource-policy",
      `arn:aws:s3:::data=${join(org, "bucket-data.json")}`,
      "--all",
      "--resource",
      "arn:aws:s3:::data/public/report.csv",
    ];
    const [one, two] = await Promise.all([
      iamspec([...args, "--jobs", "1"]),
      iamspec([...args, "--jobs", "2"]),
    ]);
    expect(one.stderr).toBe("");
    expect(two.stdout).toBe(one.stdout);
    const lines = rows(one.stdout);
    // carol reads the object through the bucket policy alone; the root user too (no policy needed).
    expect(
      lines.filter((r) => r.action === "s3:GetObject").map((r) => r.principal.split(":")[5]),
    ).toContain("user/carol");
    expect(lines.some((r) => r.principal === `arn:aws:iam::${A}:root`)).toBe(true);
  });

  it("shards concatenate to the unsharded output, and --jobs changes no byte", async () => {
    const file = await largerAccount();
    const args = ["can", "--account", file, "--all", "--service", "sqs", "--service", "ec2"];
    const whole = await iamspec([...args, "--service", "sts"], { timeoutMs: 60_000 });
    expect(whole.code).toBe(0);
    expect(rows(whole.stdout).length).toBeGreaterThan(1000);
    args.push("--service", "sts");
    for (const jobs of ["1", "2", "auto"]) {
      const run = await iamspec([...args, "--jobs", jobs], { timeoutMs: 60_000 });
      expect(run.code).toBe(0);
      expect(run.stdout, `--jobs ${jobs}`).toBe(whole.stdout);
    }
    for (const n of [2, 3, 7]) {
      const shards = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          iamspec([...args, "--shard", `${i + 1}/${n}`, "--jobs", String(1 + (i % 2))], {
            timeoutMs: 60_000,
          }),
        ),
      );
      expect(shards.every((s) => s.code === 0)).toBe(true);
      expect(shards.map((s) => s.stdout).join(""), `${n} shards`).toBe(whole.stdout);
    }
  }, 120_000);
});
