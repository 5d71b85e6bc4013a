// parsePolicy: the grammar of docs/evaluation-rules.md §1, every error with code, path, line and column.
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../src/policy/index.js";

function statement(extra: Record<string, unknown>) {
  return JSON.stringify(
    {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", ...extra }],
    },
    null,
    2,
  );
}

function errors(input: unknown, policyType?: Parameters<typeof parsePolicy>[1]) {
  const result = parsePolicy(input, policyType);
  expect(result.ok).toBe(false);
  return result.diagnostics.map((d) => ({ code: d.code, path: d.path, severity: d.severity }));
}

describe("parsePolicy", () => {
  it("normalises scalars to lists and keeps positions (docs/evaluation-rules.md §1.1)", () => {
    const result = parsePolicy(
      '{\n  "Version": "2012-10-17",\n  "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/*"]}\n}',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const s = result.policy.statements[0]!;
    expect(s.action?.patterns).toEqual(["s3:GetObject"]);
    expect(s.resource?.patterns).toEqual(["arn:aws:s3:::b/*"]);
    expect(s.loc).toEqual({ path: "$.Statement", line: 3, column: 16 });
    expect(s.resource?.locs[0]).toEqual({ path: "$.Statement.Resource[0]", line: 3, column: 75 });
    expect(result.policy.version).toBe("2012-10-17");
    expect(result.policy.versionGiven).toBe(true);
  });

  it("defaults Version to 2008-10-17 when absent (docs/evaluation-rules.md §1.2)", () => {
    const result = parsePolicy({ Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] });
    expect(result.ok && result.policy.version).toBe("2008-10-17");
    expect(result.ok && result.policy.versionGiven).toBe(false);
  });

  it("turns JSON numbers and booleans in conditions into their text, remembering the type (docs/evaluation-rules.md §1.1, §5.5)", () => {
    const result = parsePolicy(
      statement({
        Condition: {
          Bool: { "aws:SecureTransport": true },
          NumericLessThan: { "s3:max-keys": [10, "20"] },
        },
      }),
    );
    if (!result.ok) throw new Error("parse failed");
    const [bool, numeric] = result.policy.statements[0]!.conditions;
    expect(bool).toMatchObject({
      operator: "Bool",
      baseOperator: "Bool",
      ifExists: false,
      key: "aws:SecureTransport",
    });
    expect(bool!.values.map((v) => [v.text, v.jsonType])).toEqual([["true", "boolean"]]);
    expect(numeric!.values.map((v) => [v.text, v.jsonType])).toEqual([
      ["10", "number"],
      ["20", "string"],
    ]);
  });

  it("splits operators into qualifier, base and IfExists (docs/evaluation-rules.md §5.7)", () => {
    const result = parsePolicy(
      statement({ Condition: { "ForAllValues:StringLikeIfExists": { "aws:TagKeys": ["a*"] } } }),
    );
    if (!result.ok) throw new Error("parse failed");
    expect(result.policy.statements[0]!.conditions[0]).toMatchObject({
      qualifier: "ForAllValues",
      baseOperator: "StringLike",
      ifExists: true,
    });
  });

  it("reports JSON syntax errors with line and column", () => {
    const result = parsePolicy('{\n  "Version": "2012-10-17",\n  "Statement": [\n}');
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({
      code: "JSON_SYNTAX_ERROR",
      severity: "ERROR",
      path: "$",
      line: 4,
      column: 1,
    });
  });

  it.each([
    [
      "duplicate Effect (docs/evaluation-rules.md §1.7)",
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}]}',
      "DUPLICATE_ELEMENT",
      "$.Statement[0].Effect",
    ],
    [
      "duplicate Statement (docs/evaluation-rules.md §1.1)",
      '{"Version":"2012-10-17","Statement":[],"Statement":[]}',
      "DUPLICATE_ELEMENT",
      "$.Statement",
    ],
    [
      "lower-case effect (docs/evaluation-rules.md §1.5)",
      statement({ Effect: "allow" }),
      "INVALID_EFFECT",
      "$.Statement[0].Effect",
    ],
    [
      "missing Effect",
      '{"Statement":{"Action":"*","Resource":"*"}}',
      "MISSING_EFFECT",
      "$.Statement",
    ],
    [
      "Action and NotAction (docs/evaluation-rules.md §1.6)",
      statement({ NotAction: "s3:*" }),
      "UNSUPPORTED_ELEMENT_COMBINATION",
      "$.Statement[0].NotAction",
    ],
    [
      "Resource and NotResource (docs/evaluation-rules.md §1.6)",
      statement({ NotResource: "*" }),
      "UNSUPPORTED_ELEMENT_COMBINATION",
      "$.Statement[0].NotResource",
    ],
    [
      "Principal and NotPrincipal (docs/evaluation-rules.md §1.6)",
      statement({ Principal: "*", NotPrincipal: "*" }),
      "UNSUPPORTED_ELEMENT_COMBINATION",
      "$.Statement[0].NotPrincipal",
    ],
    [
      "no Action",
      '{"Statement":{"Effect":"Allow","Resource":"*"}}',
      "MISSING_ACTION",
      "$.Statement",
    ],
    [
      "no Resource",
      '{"Statement":{"Effect":"Allow","Action":"*"}}',
      "MISSING_RESOURCE",
      "$.Statement",
    ],
    [
      "bad Version (docs/evaluation-rules.md §1.2)",
      '{"Version":"2012-10-18","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}',
      "INVALID_VERSION",
      "$.Version",
    ],
    [
      "numeric Version",
      '{"Version":2012,"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}',
      "DATA_TYPE_MISMATCH",
      "$.Version",
    ],
    ["no Statement", '{"Version":"2012-10-17"}', "MISSING_STATEMENT", "$"],
    [
      "empty Statement",
      '{"Version":"2012-10-17","Statement":[]}',
      "MISSING_STATEMENT",
      "$.Statement",
    ],
    [
      "unknown element",
      statement({ Actions: "x" }),
      "INVALID_POLICY_ELEMENT",
      "$.Statement[0].Actions",
    ],
    [
      "number in Action",
      statement({ Action: ["s3:GetObject", 3] }),
      "DATA_TYPE_MISMATCH",
      "$.Statement[0].Action[1]",
    ],
    [
      "unknown operator (docs/evaluation-rules.md §5.2)",
      statement({ Condition: { StringEqualz: { "aws:x": "y" } } }),
      "INVALID_CONDITION_OPERATOR",
      "$.Statement[0].Condition.StringEqualz",
    ],
    [
      "operator in the wrong case (docs/evaluation-rules.md §5.2)",
      statement({ Condition: { stringequals: { "aws:x": "y" } } }),
      "INVALID_CONDITION_OPERATOR",
      "$.Statement[0].Condition.stringequals",
    ],
    [
      "NullIfExists (docs/evaluation-rules.md §5.4)",
      statement({ Condition: { NullIfExists: { "aws:x": "true" } } }),
      "NULL_WITH_IF_EXISTS",
      "$.Statement[0].Condition.NullIfExists",
    ],
    [
      "keys differing by case (docs/evaluation-rules.md §1.7)",
      statement({ Condition: { StringEquals: { "aws:X": "a", "AWS:x": "b" } } }),
      "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
      '$.Statement[0].Condition.StringEquals["AWS:x"]',
    ],
    [
      "object condition value",
      statement({ Condition: { StringEquals: { "aws:x": { a: 1 } } } }),
      "DATA_TYPE_MISMATCH",
      '$.Statement[0].Condition.StringEquals["aws:x"]',
    ],
    [
      "null condition value",
      statement({ Condition: { StringEquals: { "aws:x": [null] } } }),
      "DATA_TYPE_MISMATCH",
      '$.Statement[0].Condition.StringEquals["aws:x"][0]',
    ],
    [
      "bare ARN principal (docs/evaluation-rules.md §4.1)",
      statement({ Principal: "arn:aws:iam::111122223333:root" }),
      "INVALID_PRINCIPAL_FORMAT",
      "$.Statement[0].Principal",
    ],
    [
      "unknown principal key",
      statement({ Principal: { Aws: "*" } }),
      "INVALID_PRINCIPAL_KEY",
      "$.Statement[0].Principal.Aws",
    ],
    [
      "partial principal wildcard (docs/evaluation-rules.md §4.1)",
      statement({ Principal: { AWS: "arn:aws:iam::111122223333:user/*" } }),
      "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
      "$.Statement[0].Principal.AWS",
    ],
    [
      "unclosed variable (docs/evaluation-rules.md §6)",
      statement({ Resource: "arn:aws:s3:::b/${aws:username" }),
      "MISSING_BRACE_IN_VARIABLE",
      "$.Statement[0].Resource",
    ],
    [
      "empty variable (docs/evaluation-rules.md §6)",
      statement({ Condition: { StringEquals: { "aws:x": "${}" } } }),
      "EMPTY_VARIABLE",
      '$.Statement[0].Condition.StringEquals["aws:x"]',
    ],
    [
      "unquoted default (docs/evaluation-rules.md §6)",
      statement({ Resource: "arn:aws:s3:::b/${aws:username, x}" }),
      "MISSING_QUOTE_IN_VARIABLE",
      "$.Statement[0].Resource",
    ],
    ["policy as an array", "[]", "DATA_TYPE_MISMATCH", "$"],
  ])("rejects %s", (_name, input, code, path) => {
    expect(errors(input)).toContainEqual({ code, path, severity: "ERROR" });
  });

  it("gives line and column for every diagnostic of a text policy", () => {
    const result = parsePolicy(
      '{\n "Statement": [{\n   "Effect": "allow",\n   "Action": "*", "Resource": "*"}]}',
    );
    expect(result.diagnostics[0]).toMatchObject({
      code: "INVALID_EFFECT",
      line: 3,
      column: 14,
      hint: 'Effect is case-sensitive: write "Allow"',
    });
  });

  it("treats variables as text in 2008-10-17 policies, so their syntax is not checked (docs/evaluation-rules.md §1.2)", () => {
    expect(
      parsePolicy({ Statement: { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::${x" } }).ok,
    ).toBe(true);
  });

  it("accepts an empty Principal list, which matches nobody (docs/evaluation-rules.md §1.8)", () => {
    const result = parsePolicy(statement({ Principal: [] }));
    expect(result.ok && result.policy.statements[0]!.principal).toMatchObject({
      wildcard: false,
      entries: [],
    });
  });

  it("rejects a Principal in an identity policy and requires one in a resource policy (docs/evaluation-rules.md §1.6)", () => {
    expect(errors(statement({ Principal: "*" }), { policyType: "identity" })).toContainEqual({
      code: "UNSUPPORTED_PRINCIPAL",
      path: "$.Statement[0].Principal",
      severity: "ERROR",
    });
    expect(errors(statement({ Principal: "*" }), { policyType: "scp" })[0]!.code).toBe(
      "SCP_SYNTAX_ERROR_PRINCIPAL",
    );
    expect(errors(statement({}), { policyType: "resource" })[0]!.code).toBe("MISSING_PRINCIPAL");
  });

  it("lets trust policies omit Resource (docs/evaluation-rules.md §1.6)", () => {
    const trust = {
      Version: "2012-10-17",
      Statement: {
        Effect: "Allow",
        Principal: { Service: "ec2.amazonaws.com" },
        Action: "sts:AssumeRole",
      },
    };
    expect(parsePolicy(trust, { policyType: "trust" }).ok).toBe(true);
    expect(parsePolicy(trust).ok).toBe(false);
  });

  it("reports values JSON cannot hold in object input with their path", () => {
    expect(errors({ Statement: { Effect: "Allow", Action: undefined, Resource: "*" } })[0]).toEqual(
      {
        code: "DATA_TYPE_MISMATCH",
        path: "$.Statement.Action",
        severity: "ERROR",
      },
    );
  });

  it("is not fooled by __proto__ keys", () => {
    const result = parsePolicy(
      '{"__proto__": {"x": 1}, "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}',
    );
    expect(result.diagnostics.map((d) => d.code)).toEqual(["INVALID_POLICY_ELEMENT"]);
  });
});
