// One grammar (issue #16): validatePolicy takes its grammar errors from the parser, so a code reads the
// same whichever entry point reports it, and both accept and reject the same operators.
import { describe, expect, it } from "vitest";
import { parsePolicy, validatePolicy } from "../../src/index.js";
import type { PolicyType } from "../../src/types.js";

const statement = (extra: Record<string, unknown>) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", ...extra }],
  });

/** Broken documents covering every grammar code the parser has (as text, so positions count too). */
const BROKEN: [string, string, PolicyType?][] = [
  ["not JSON", '{"Version": "2012-10-17",'],
  ["an array", "[]"],
  ["no Statement", '{"Version": "2012-10-17"}'],
  ["empty Statement", '{"Version": "2012-10-17", "Statement": []}'],
  [
    "bad Version",
    '{"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}',
  ],
  [
    "Version a number",
    '{"Version": 1, "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}',
  ],
  ["unknown element", '{"Version": "2012-10-17", "Statment": []}'],
  ["statement a string", '{"Version": "2012-10-17", "Statement": ["s3:*"]}'],
  [
    "duplicate Effect",
    '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}}',
  ],
  ["no Effect", '{"Version": "2012-10-17", "Statement": {"Action": "*", "Resource": "*"}}'],
  ["effect lower case", statement({ Effect: "allow" })],
  ["Effect a number", statement({ Effect: 1 })],
  ["no Action", '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Resource": "*"}}'],
  ["no Resource", '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*"}}'],
  ["Action and NotAction", statement({ NotAction: "s3:PutObject" })],
  ["Action a number", statement({ Action: 5 })],
  ["Action list with a number", statement({ Action: ["s3:GetObject", 5] })],
  ["Sid a number", statement({ Sid: 5 })],
  ["Principal in identity policy", statement({ Principal: "*" })],
  ["Principal in an SCP", statement({ Principal: "*" }), "scp"],
  ["no Principal in a resource policy", statement({}), "resource"],
  ["no Principal in an RCP", statement({}), "rcp"],
  ["no Principal in a trust policy", statement({}), "trust"],
  ["Principal a string", statement({ Principal: "arn:aws:iam::111122223333:root" }), "resource"],
  ["Principal an array", statement({ Principal: ["*"] }), "resource"],
  ["Principal type unknown", statement({ Principal: { Aws: "*" } }), "resource"],
  ["Principal value a number", statement({ Principal: { AWS: [5] } }), "resource"],
  [
    "partial wildcard Principal",
    statement({ Principal: { AWS: "arn:aws:iam::*:root" } }),
    "resource",
  ],
  ["Condition a list", statement({ Condition: [1] })],
  ["unknown operator", statement({ Condition: { StringEqual: { "aws:username": "a" } } })],
  [
    "double qualifier",
    statement({ Condition: { "ForAllValues:ForAnyValue:StringEquals": { "aws:TagKeys": "a" } } }),
  ],
  ["Null with IfExists", statement({ Condition: { NullIfExists: { "aws:username": "true" } } })],
  ["operator block a string", statement({ Condition: { StringEquals: "a" } })],
  ["value an object", statement({ Condition: { StringEquals: { "aws:username": { a: 1 } } } })],
  [
    "keys differing in case",
    '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:username":"a","AWS:UserName":"b"}}}}',
  ],
  ["unclosed variable", statement({ Resource: "arn:aws:s3:::b/${aws:username" })],
  ["empty variable", statement({ Condition: { StringEquals: { "aws:username": "${}" } } })],
  ["space in variable", statement({ Resource: "arn:aws:s3:::b/${aws:user name}" })],
  ["unquoted default", statement({ Resource: "arn:aws:s3:::b/${aws:username, x}" })],
];

describe("grammar errors read the same from parsePolicy and validatePolicy", () => {
  it.each(BROKEN)("%s", (_, text, policyType = "identity") => {
    const parsed = parsePolicy(text, { policyType }).diagnostics;
    const validated = validatePolicy(text, { policyType });
    expect(parsed.length).toBeGreaterThan(0);
    for (const d of parsed) {
      const same = validated.filter((v) => v.code === d.code && v.path === d.path);
      // Exactly once, with the parser's message, severity and position.
      expect(same, `${d.code} at ${d.path}`).toHaveLength(1);
      expect(same[0]).toMatchObject({
        message: d.message,
        severity: d.severity,
        line: d.line,
        column: d.column,
      });
    }
  });
});

describe("ForAllValues:ForAnyValue:X", () => {
  const text = statement({
    Condition: { "ForAllValues:ForAnyValue:StringEquals": { "aws:TagKeys": "a" } },
  });
  it("is rejected by both entry points with one diagnostic", () => {
    expect(parsePolicy(text).diagnostics.map((d) => d.code)).toEqual([
      "INVALID_CONDITION_OPERATOR",
    ]);
    expect(
      validatePolicy(text)
        .filter((d) => d.severity === "ERROR")
        .map((d) => d.code),
    ).toEqual(["INVALID_CONDITION_OPERATOR"]);
  });
});

describe("a value JSON cannot hold", () => {
  const value = {
    Version: "2012-10-17",
    Statement: { Effect: "Allow", Action: NaN, Resource: "*" },
  };
  it("is DATA_TYPE_MISMATCH at its path from both entry points, worded alike", () => {
    const [parsed] = parsePolicy(value).diagnostics;
    const validated = validatePolicy(value);
    expect(parsed).toMatchObject({ code: "DATA_TYPE_MISMATCH", path: "$.Statement.Action" });
    expect(validated).toHaveLength(1);
    expect(validated[0]).toMatchObject({
      code: parsed!.code,
      path: parsed!.path,
      message: parsed!.message,
    });
  });
});

describe("a resource policy statement without Resource", () => {
  it("is a lint of the validator, worded as the parser words MISSING_RESOURCE", () => {
    const text = statement({ Resource: undefined, Principal: "*" });
    const [missing] = validatePolicy(text, { policyType: "resource" }).filter(
      (d) => d.code === "MISSING_RESOURCE",
    );
    const [parsed] = parsePolicy(text, { policyType: "identity" }).diagnostics.filter(
      (d) => d.code === "MISSING_RESOURCE",
    );
    expect(missing?.message).toBe(parsed?.message);
  });
});

describe("MISSING_PRINCIPAL in an RCP", () => {
  it('says "An RCP statement"', () => {
    const text = JSON.stringify({
      Version: "2012-10-17",
      Statement: { Effect: "Deny", Action: "s3:*", Resource: "*" },
    });
    const missing = validatePolicy(text, { policyType: "rcp" }).find(
      (d) => d.code === "MISSING_PRINCIPAL",
    );
    expect(missing?.message).toBe('An RCP statement needs a "Principal"');
  });
});

describe("an unknown operator's hint", () => {
  it.each([
    ["stringEquals", 'Operator names are case-sensitive: did you mean "StringEquals"?'],
    ["ForAnyValue:StringEqual", 'Did you mean "ForAnyValue:StringEquals"?'],
  ])("%s: %s, from both entry points", (operator, hint) => {
    const text = statement({ Condition: { [operator]: { "aws:username": "a" } } });
    expect(parsePolicy(text).diagnostics[0]?.hint).toBe(hint);
    expect(validatePolicy(text).find((d) => d.code === "INVALID_CONDITION_OPERATOR")?.hint).toBe(
      hint,
    );
  });
});

describe("an unknown element's hint", () => {
  it("suggests the nearest element from both entry points", () => {
    const text = '{"Version": "2012-10-17", "Statment": []}';
    const hint = 'Did you mean "Statement"?';
    expect(
      parsePolicy(text).diagnostics.find((d) => d.code === "INVALID_POLICY_ELEMENT")?.hint,
    ).toBe(hint);
    expect(validatePolicy(text).find((d) => d.code === "INVALID_POLICY_ELEMENT")?.hint).toBe(hint);
  });
});
