// The whole output of each command, pinned: a change of layout, wording or exit code shows up as a
// snapshot diff to review (`vitest -u` accepts it), not as a `toContain` fragment that still passes.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { iamspec, REPO_ROOT } from "./run-cli.js";

const AMI = "arn:aws:ec2:us-east-1::image/ami-0abc";
const INSTANCE = "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc";
const SEED = ["--policy", "EC2ImageBuilderExecutionPolicy"];
/** Account mode runs next to its files: core's hand-built account and its optional inputs. */
const ACCOUNT_DIR = join(REPO_ROOT, "packages/core/test/account/fixtures/org");
const ACCOUNT = ["--account", "account.json"];
/** The hand-built account of core's tests, from the fixtures directory the other cases run in. */
const CORE_ACCOUNT = ["--account", "../../../core/test/account/fixtures/account-cli.json"];
const ACCOUNT_ID = "111122223333";

const cases: Record<string, readonly string[]> = {
  "eval-allowed": ["eval", ...SEED, "--action", "ec2:RunInstances", "--resource", AMI],
  "eval-explain-allowed": [
    "eval",
    ...SEED,
    "--action",
    "ec2:RunInstances",
    "--resource",
    AMI,
    "--explain",
  ],
  "eval-explain-denied": [
    "eval",
    ...SEED,
    "--action",
    "ec2:RunInstances",
    "--resource",
    INSTANCE,
    "--context",
    "aws:RequestTag/CreatedBy=someone",
    "--explain",
  ],
  "eval-json": [
    "eval",
    ...SEED,
    "--action",
    "ec2:RunInstances",
    "--resource",
    AMI,
    "--format",
    "json",
  ],
  "eval-expect-mismatch": ["eval", ...SEED, "--action", "s3:GetObject", "--expect", "Allowed"],
  "eval-unknown-policy": [
    "eval",
    "--policy",
    "EC2ImageBuilderExecutionPolicyy",
    "--action",
    "ec2:RunInstances",
  ],
  "test-pass": ["test", "tests-pass.yaml"],
  "test-fail": ["test", "tests-fail.json"],
  "validate-findings": ["validate", "lint-findings.json"],
  "list-seed": ["list", "EC2ImageBuilderExecutionPolicy"],
  "diff-seed": ["diff", "EC2ImageBuilderExecutionPolicy@v1", "EC2ImageBuilderExecutionPolicy@v2"],
  "check-no-new-access-fail": [
    "check",
    "no-new-access",
    "EC2ImageBuilderExecutionPolicy@v1",
    "EC2ImageBuilderExecutionPolicy@v2",
  ],
  "check-no-new-access-pass": [
    "check",
    "no-new-access",
    "EC2ImageBuilderExecutionPolicy@v2",
    "EC2ImageBuilderExecutionPolicy@v1",
  ],
  "policies-search": ["policies", "--search", "ImageBuilder"],
  "can-text": [
    "can",
    ...CORE_ACCOUNT,
    "--principal",
    `arn:aws:iam::${ACCOUNT_ID}:role/deployer`,
    "--access-level",
    "write",
  ],
  "can-json-resource": [
    "can",
    ...CORE_ACCOUNT,
    "--principal",
    `arn:aws:iam::${ACCOUNT_ID}:user/alice`,
    "--resource",
    `arn:aws:iam::${ACCOUNT_ID}:role/deployer`,
    "--format",
    "json",
  ],
  "can-all-ndjson": ["can", ...CORE_ACCOUNT, "--all", "--service", "sts", "--shard", "2/2"],
  "can-unknown-principal": [
    "can",
    ...CORE_ACCOUNT,
    "--principal",
    `arn:aws:iam::${ACCOUNT_ID}:role/alice`,
  ],
  help: ["--help"],
  "eval-help": ["eval", "--help"],
  "can-help": ["can", "--help"],
};

/** Cases run in ACCOUNT_DIR. */
const accountCases: Record<string, readonly string[]> = {
  "can-inputs": [
    "can",
    ...ACCOUNT,
    "--organization",
    "organization.json",
    "--resource-policy",
    "arn:aws:s3:::data=bucket-data.json",
    "--principal",
    "arn:aws:iam::111122223333:user/carol",
    "--resource",
    "arn:aws:s3:::data/public/report.csv",
  ],
  "who-can-inputs": [
    "who-can",
    ...ACCOUNT,
    "--organization",
    "organization.json",
    "--resource-policy",
    "arn:aws:s3:::data=bucket-data.json",
    "--action",
    "s3:GetObject",
    "--resource",
    "arn:aws:s3:::data/public/report.csv",
  ],
  "who-can-scp-denied": [
    "who-can",
    ...ACCOUNT,
    "--scp",
    "full-aws-access.json",
    "--scp",
    "scp-protect-network.json",
    "--action",
    "ec2:DeleteNetworkInterface",
    "--denied",
  ],
  "who-can-assume-external": [
    "who-can-assume",
    ...ACCOUNT,
    "--organization",
    "organization.json",
    "arn:aws:iam::111122223333:role/ci",
  ],
  "who-can-bad-scp": [
    "who-can",
    ...ACCOUNT,
    "--scp",
    "../../../../../cli/test/fixtures/bad-effect.json",
    "--action",
    "s3:GetObject",
  ],
  "who-can-help": ["who-can", "--help"],
};

describe("command output, pinned", () => {
  const all = [
    ...Object.entries(cases).map(([name, args]) => ({ name, args, cwd: undefined })),
    ...Object.entries(accountCases).map(([name, args]) => ({ name, args, cwd: ACCOUNT_DIR })),
  ];
  for (const { name, args, cwd } of all) {
    it(`iamspec ${args.join(" ")}`, async () => {
      const run = await iamspec(args, cwd !== undefined ? { cwd } : {});
      const text = `$ iamspec ${args.join(" ")}\nexit ${run.code}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`;
      await expect(text).toMatchFileSnapshot(`__snapshots__/output/${name}.txt`);
    });
  }
});
