// Uncertain results in the CLI (issue 15 docs/evaluation-rules.md §2): eval's text says "uncertain" with the other decision,
// --expect and `iamspec test` fail an uncertain result unless --allow-uncertain, and the NDJSON
// output carries the fields. AWS-side rules are ordinary explicit denials with their note.
import { describe, expect, it } from "vitest";
import { iamspec } from "./run-cli.js";

const REQUEST = ["eval", "--request", "uncertain-request.json"];

describe("iamspec eval and uncertain results", () => {
  it("text output says uncertain, with the other decision and the reading's source", async () => {
    const run = await iamspec(REQUEST);
    expect(run.code).toBe(0);
    const [first] = run.stdout.split("\n");
    expect(first).toBe("ImplicitlyDenied uncertain: Allowed under the other reading");
    expect(run.stdout).toContain(
      'reading FOR_ANY_VALUE_IF_EXISTS_ABSENT at identity policy "policies.identity[0]" Statement[0] (TagsIfAny)',
    );
    expect(run.stdout).toContain(
      "[docs/uncertain-readings.md#foranyvalueifexists-on-a-missing-key",
    );
  });

  it("--explain adds the reading to the summary", async () => {
    const run = await iamspec([...REQUEST, "--explain"]);
    expect(run.stdout).toMatch(
      /\(uncertain: Allowed under the other reading of FOR_ANY_VALUE_IF_EXISTS_ABSENT; see docs\/uncertain-readings\.md#/,
    );
  });

  it("--format json carries uncertain, otherDecision and readings", async () => {
    const run = await iamspec([...REQUEST, "--format", "json"]);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      decision: "ImplicitlyDenied",
      uncertain: true,
      otherDecision: "Allowed",
      readings: [expect.objectContaining({ code: "FOR_ANY_VALUE_IF_EXISTS_ABSENT" })],
    });
  });

  it("--expect fails an uncertain result (exit 1) unless --allow-uncertain", async () => {
    const strict = await iamspec([...REQUEST, "--expect", "ImplicitlyDenied"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      "expected ImplicitlyDenied, got ImplicitlyDenied, but uncertain: Allowed under the other reading",
    );
    const allowed = await iamspec([
      ...REQUEST,
      "--expect",
      "ImplicitlyDenied",
      "--allow-uncertain",
    ]);
    expect(allowed.code).toBe(0);
    // A wrong expectation fails either way.
    const wrong = await iamspec([...REQUEST, "--expect", "Allowed", "--allow-uncertain"]);
    expect(wrong.code).toBe(1);
  });

  it("--allow-uncertain without --expect is a usage error", async () => {
    const run = await iamspec([...REQUEST, "--allow-uncertain"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--allow-uncertain applies to --expect");
  });

  it("a certain result prints no uncertainty", async () => {
    const run = await iamspec([
      "eval",
      "--policy",
      "EC2ImageBuilderExecutionPolicy",
      "--action",
      "ec2:RunInstances",
      "--resource",
      "arn:aws:ec2:us-east-1::image/ami-0abc",
      "--expect",
      "Allowed",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("uncertain");
  });
});

describe("iamspec eval --input (NDJSON) and uncertain results", () => {
  const doc = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "*",
        Condition: { "ForAnyValue:StringLikeIfExists": { "aws:TagKeys": "team-*" } },
      },
    ],
  };
  const line = (id: number, context?: object) =>
    JSON.stringify({
      id,
      principal: "arn:aws:iam::111122223333:user/alice",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::bucket/key",
      ...(context && { context }),
      policies: { identity: [doc] },
    });
  const input = `${line(1)}\n${line(2, { "aws:TagKeys": ["team-a"] })}\n`;

  it("each result line carries the fields, and --expect counts uncertain lines as mismatches", async () => {
    const run = await iamspec(["eval", "--input", "-", "--expect", "Denied"], { input });
    const [first, second] = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(first).toMatchObject({
      id: 1,
      decision: "ImplicitlyDenied",
      uncertain: true,
      otherDecision: "Allowed",
    });
    expect(first.readings[0].code).toBe("FOR_ANY_VALUE_IF_EXISTS_ABSENT");
    expect(second).toMatchObject({ id: 2, decision: "Allowed" });
    expect(second.uncertain).toBeUndefined();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("2 decisions were not Denied (or were uncertain)");
  });

  it("--allow-uncertain counts the uncertain line on its fail-safe decision", async () => {
    const run = await iamspec(["eval", "--input", "-", "--expect", "Denied", "--allow-uncertain"], {
      input,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("1 decisions were not Denied");
    const onlyFirst = await iamspec(
      ["eval", "--input", "-", "--expect", "Denied", "--allow-uncertain"],
      { input: `${line(1)}\n` },
    );
    expect(onlyFirst.code).toBe(0);
  });

  it("with worker threads too", async () => {
    const run = await iamspec(["eval", "--input", "-", "--jobs", "2", "--expect", "Denied"], {
      input,
    });
    const first = JSON.parse(run.stdout.split("\n")[0]!);
    expect(first.uncertain).toBe(true);
    expect(run.code).toBe(1);
  });
});

describe("iamspec test and uncertain results", () => {
  it("an uncertain case fails unless --allow-uncertain (exit 1, then 0)", async () => {
    const strict = await iamspec(["test", "tests-uncertain.json"]);
    expect(strict.code).toBe(1);
    const fail = strict.stdout.split("\n").find((l) => l.includes("FAIL"))!;
    expect(fail).toContain("deleting is denied");
    expect(fail).toContain(
      "expected Denied, got ExplicitlyDenied uncertain (Allowed under the other reading)",
    );
    const lenient = await iamspec(["test", "tests-uncertain.json", "--allow-uncertain"]);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain("PASS");
    expect(lenient.stdout).toContain("uncertain (Allowed under the other reading)");
  });

  it("JSON and JUnit reports say why", async () => {
    const json = JSON.parse(
      (await iamspec(["test", "tests-uncertain.json", "--format", "json"])).stdout,
    );
    expect(json.cases[0]).toMatchObject({
      outcome: "fail",
      uncertain: true,
      otherDecision: "Allowed",
      failure: expect.stringContaining("but uncertain: Allowed under the other reading"),
    });
    const junit = (await iamspec(["test", "tests-uncertain.json", "--format", "junit"])).stdout;
    expect(junit).toContain("but uncertain: Allowed under the other reading");
  });
});

describe("AWS-side rules in the CLI", () => {
  it("an administrator cannot delete a service-linked role: ExplicitlyDenied with the rule's note", async () => {
    const run = await iamspec([
      "eval",
      "--policy",
      "AdministratorAccess",
      "--principal",
      "arn:aws:iam::111122223333:role/Admin",
      "--action",
      "iam:DeleteRole",
      "--resource",
      "arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
      "--expect",
      "ExplicitlyDenied",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("SERVICE_LINKED_ROLE_PROTECTED: AWS refuses this request");
    expect(run.stdout).toContain("[AWS_SIDE_RULE]");
  });
});
