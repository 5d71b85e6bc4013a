// Shape of every diagnostic (docs/architecture.md: code, severity, message, path, line, column, hint), positions,
// robustness on bad input, and the seed policy (the AWS managed EC2ImageBuilderExecutionPolicy).
/// <reference types="node" />
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/policy/index.js";
import { CHECKS, validatePolicy } from "../../src/validate/index.js";

const SEED = "/work/main/policies/EC2ImageBuilderExecutionPolicy.md";

/** The fenced JSON block of an AWS managed policy documentation page. */
function fencedJson(markdown: string): string {
  const match = /```(?:json)?\s*\n([\s\S]*?)\n\s*```/.exec(markdown);
  if (!match) throw new Error("no fenced JSON block");
  return match[1]!;
}

describe("diagnostics", () => {
  const text = [
    "{",
    '  "Version": "2012-10-17",',
    '  "Statement": [',
    "    {",
    '      "Effect": "allow",',
    '      "Action": "s3:GetObject",',
    '      "Resource": "arn:aws:s3:::bucket/*",',
    '      "Condition": { "StringEquals": { "aws:SourceIpp": "1.2.3.4" } }',
    "    }",
    "  ]",
    "}",
  ].join("\n");

  it("carry code, catalogue severity, message, JSON path, line, column and hint", () => {
    const effect = validatePolicy(text).find((d) => d.code === "INVALID_EFFECT");
    expect(effect).toEqual({
      code: "INVALID_EFFECT",
      severity: "ERROR",
      // The parser's wording: grammar errors read the same from parsePolicy and validatePolicy.
      message: '"Effect" must be exactly "Allow" or "Deny", not "allow"',
      path: "$.Statement[0].Effect",
      line: 5,
      column: 17,
      hint: 'Effect is case-sensitive: write "Allow"',
    });
  });

  it("point at the key for errors about a key, quoting odd keys in the path", () => {
    const key = validatePolicy(text).find((d) => d.code === "INVALID_GLOBAL_CONDITION_KEY");
    expect(key).toMatchObject({
      path: '$.Statement[0].Condition.StringEquals["aws:SourceIpp"]',
      line: 8,
      column: 40,
      hint: 'Did you mean "aws:SourceIp"?',
    });
  });

  it("are sorted by position", () => {
    const lines = validatePolicy(text).map((d) => d.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("have a path but no line or column when the policy is a value, not text", () => {
    const [diagnostic] = validatePolicy({
      Version: "2012-10-17",
      Statement: { Effect: "allow", Action: "*", Resource: "*" },
    });
    expect(diagnostic).toMatchObject({ code: "INVALID_EFFECT", path: "$.Statement.Effect" });
    expect(diagnostic).not.toHaveProperty("line");
    expect(diagnostic).not.toHaveProperty("column");
  });

  it("report a JSON syntax error at its line and column", () => {
    const [diagnostic, ...rest] = validatePolicy(
      '{\n  "Version": "2012-10-17",\n  "Statement": [}\n',
    );
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({
      code: "JSON_SYNTAX_ERROR",
      severity: "ERROR",
      path: "$",
      line: 3,
    });
    expect(diagnostic!.column).toBeGreaterThan(0);
  });

  it("use only codes of the catalogue", () => {
    const codes = validatePolicy(text).map((d) => d.code);
    for (const code of codes) expect(Object.keys(CHECKS)).toContain(code);
  });
});

describe("bad input never throws", () => {
  const circular: Record<string, unknown> = { Version: "2012-10-17" };
  circular.Statement = circular;
  const deep = "[".repeat(5000) + "]".repeat(5000);
  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a number", 42],
    ["an array", []],
    ["an empty string", ""],
    ["whitespace", "   \n"],
    ["a JSON string", '"policy"'],
    ["a circular object", circular],
    ["a function", () => 1],
    [
      "NaN inside",
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: NaN, Resource: "*" }] },
    ],
    ["5,000 nested arrays", deep],
    ["a statement that is a string", { Version: "2012-10-17", Statement: ["s3:*"] }],
    [
      "a condition that is a list",
      {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "*", Resource: "*", Condition: [1] }],
      },
    ],
    [
      "a principal that is a number",
      {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: 5, Action: "*", Resource: "*" }],
      },
    ],
  ])("%s gives ERROR diagnostics", (_, input) => {
    const diagnostics = validatePolicy(input, { policyType: "resource" });
    expect(diagnostics.some((d) => d.severity === "ERROR")).toBe(true);
  });
});

describe("a parsed Policy instead of a document", () => {
  it("gets one clear diagnostic, not a list of unknown elements", () => {
    const parsed = parsePolicy({
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Action: "*", Resource: "*" },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const diagnostics = validatePolicy(parsed.policy);
    expect(diagnostics.map((d) => d.code)).toEqual(["DATA_TYPE_MISMATCH"]);
    expect(diagnostics[0]!.message).toContain("not a parsed Policy");
  });
});

describe("legacy duplicate keys (docs/evaluation-rules.md §1.7)", () => {
  it("merge duplicated Action lists for the other checks, and flag the duplicate", () => {
    const codes = validatePolicy(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}',
    ).map((d) => d.code);
    expect(codes).toContain("DUPLICATE_ELEMENT");
    expect(codes).toContain("REDUNDANT_ACTION");
  });
});

describe("policy types (docs/evaluation-rules.md §1.6)", () => {
  const statement = {
    Effect: "Allow",
    Principal: { Service: "ec2.amazonaws.com" },
    Action: "sts:AssumeRole",
  };
  it("a role trust policy needs no Resource", () => {
    const codes = validatePolicy(
      { Version: "2012-10-17", Statement: [statement] },
      { policyType: "trust" },
    ).map((d) => d.code);
    expect(codes).toEqual([]);
  });
  it("the same statement as an identity policy lacks a Resource and may not name a Principal", () => {
    const codes = validatePolicy({ Version: "2012-10-17", Statement: [statement] }).map(
      (d) => d.code,
    );
    expect(codes).toEqual(expect.arrayContaining(["MISSING_RESOURCE", "UNSUPPORTED_PRINCIPAL"]));
  });
  it.each(["identity", "boundary", "session"] as const)(
    "%s policies reject Principal",
    (policyType) => {
      const codes = validatePolicy(
        { Version: "2012-10-17", Statement: [{ ...statement, Resource: "*" }] },
        { policyType },
      ).map((d) => d.code);
      expect(codes).toContain("UNSUPPORTED_PRINCIPAL");
    },
  );
  it("an identity policy's whitespace does not count towards its size quota", () => {
    const resources = Array.from({ length: 150 }, (_, i) => `arn:aws:s3:::example-bucket-${i}/*`);
    const policy = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: resources }],
    };
    const text = JSON.stringify(policy, null, 12);
    expect(text.length).toBeGreaterThan(6144);
    expect(validatePolicy(text).map((d) => d.code)).not.toContain(
      "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
    );
  });
});

describe("the seed policy", () => {
  it("EC2ImageBuilderExecutionPolicy has no errors", () => {
    const json = fencedJson(readFileSync(SEED, "utf8"));
    const errors = validatePolicy(json).filter((d) => d.severity === "ERROR");
    expect(errors).toEqual([]);
  });
});
