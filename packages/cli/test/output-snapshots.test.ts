// The whole output of each command, pinned: a change of layout, wording or exit code shows up as a
// snapshot diff to review (`vitest -u` accepts it), not as a `toContain` fragment that still passes.
import { describe, expect, it } from "vitest";
import { iamspec } from "./run-cli.js";

const AMI = "arn:aws:ec2:us-east-1::image/ami-0abc";
const INSTANCE = "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc";
const SEED = ["--policy", "EC2ImageBuilderExecutionPolicy"];
/** The core account fixture, relative to the fixtures directory the commands run in. */
const ACCOUNT = ["--account", "../../../core/test/account/fixtures/account-cli.json"];
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
    ...ACCOUNT,
    "--principal",
    `arn:aws:iam::${ACCOUNT_ID}:role/deployer`,
    "--access-level",
    "write",
  ],
  "can-json-resource": [
    "can",
    ...ACCOUNT,
    "--principal",
    `arn:aws:iam::${ACCOUNT_ID}:user/alice`,
    "--resource",
    `arn:aws:iam::${ACCOUNT_ID}:role/deployer`,
    "--format",
    "json",
  ],
  "can-all-ndjson": ["can", ...ACCOUNT, "--all", "--service", "sts", "--shard", "2/2"],
  "can-unknown-principal": [
    "can",
    ...ACCOUNT,
    "--principal",
    `arn:aws:iam::${ACCOUNT_ID}:role/alice`,
  ],
  help: ["--help"],
  "eval-help": ["eval", "--help"],
  "can-help": ["can", "--help"],
};

describe("command output, pinned", () => {
  for (const [name, args] of Object.entries(cases)) {
    it(`iamspec ${args.join(" ")}`, async () => {
      const run = await iamspec(args);
      const text = `$ iamspec ${args.join(" ")}\nexit ${run.code}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`;
      await expect(text).toMatchFileSnapshot(`__snapshots__/output/${name}.txt`);
    });
  }
});
