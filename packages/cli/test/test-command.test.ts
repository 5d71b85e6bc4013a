import { describe, expect, it } from "vitest";
import { expectOneLineError, iamspec } from "./run-cli.js";

describe("iamspec test", () => {
  it("passes a YAML file whose cases inherit the top-level policies (exit 0)", async () => {
    const run = await iamspec(["test", "tests-pass.yaml"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("PASS");
    expect(run.stdout).not.toContain("FAIL");
    expect(run.stdout).toContain("4 passed (4 cases)");
  });

  it("shows a failing case with the expected and actual decision and its line (exit 1)", async () => {
    const run = await iamspec(["test", "tests-fail.json"]);
    expect(run.code).toBe(1);
    const fail = run.stdout.split("\n").find((l) => l.includes("FAIL"))!;
    expect(fail).toContain("passing a role to Lambda is allowed");
    expect(fail).toContain("expected Allowed, got ImplicitlyDenied");
    expect(fail).toContain("tests-fail.json:10");
    expect(run.stdout).toContain("1 passed, 1 failed (2 cases)");
  });

  it("writes JSON results with --format json", async () => {
    const run = await iamspec(["test", "tests-fail.json", "--format", "json"]);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ passed: 1, failed: 1, errors: 0 });
    expect(result.cases[1]).toMatchObject({
      outcome: "fail",
      expected: "Allowed",
      decision: "ImplicitlyDenied",
      line: 10,
    });
  });

  it("writes JUnit XML with --format junit", async () => {
    const run = await iamspec(["test", "tests-fail.json", "tests-pass.yaml", "--format", "junit"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(run.stdout).toContain('<testsuites name="iamspec" tests="6" failures="1" errors="0"');
    expect(run.stdout).toContain(
      '<failure message="expected Allowed, got ImplicitlyDenied" type="DecisionMismatch">',
    );
    expect(run.stdout.match(/<testsuite /g)).toHaveLength(2);
  });

  it("rejects an invalid expected decision with its place (exit 2)", async () => {
    const run = await iamspec(["test", "tests-bad-expected.json"]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toMatch(
      /tests-bad-expected\.json:5:\d+: "expected" must be one of .*\(got "Allow"\) \(at \$\[0\]\.expected\)/,
    );
  });

  it("reads a test file from stdin", async () => {
    const input = JSON.stringify([
      {
        action: "ec2:DescribeImages",
        policies: { identity: ["EC2ImageBuilderExecutionPolicy"] },
        expected: "Allowed",
      },
    ]);
    const run = await iamspec(["test", "-"], { input });
    expect(run.code).toBe(0);
  });

  it("rejects a file that is neither a list of cases nor { policies, cases }", async () => {
    const run = await iamspec(["test", "-"], { input: '{"tests": []}' });
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toContain("a test file is an array of cases");
  });

  it("rejects invalid YAML with line and column", async () => {
    const run = await iamspec(["test", "-"], { input: "cases:\n  - action: [unclosed\n" });
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toMatch(/<stdin>:\d+:\d+: invalid YAML/);
  });

  it("exits 2 when a case cannot be evaluated", async () => {
    const input = JSON.stringify([
      {
        action: 5,
        policies: { identity: ["EC2ImageBuilderExecutionPolicy"] },
        expected: "Allowed",
      },
    ]);
    const run = await iamspec(["test", "-"], { input });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("ERROR");
    expect(run.stdout).toContain("$[0].action");
  });
});
