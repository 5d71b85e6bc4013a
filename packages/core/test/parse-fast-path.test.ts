// parsePolicy reads error-free documents on a fast path (JSON.parse and one walk of the value, the
// text followed for positions) and sends everything else to the full, position-keeping parser. The
// two must give the same result, byte for byte, for every input: these tests hold them together on the
// whole managed-policy corpus, on generated policies written out in many ways, and on the inputs
// where JSON.parse and the text disagree (duplicate keys, escapes, reordered keys).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePolicy, type ParseOptions, type PolicyType } from "../src/index.js";
import { parseJson } from "../src/json/parse.js";
import { isJsonValueError, jsonNodeFromValue } from "../src/json/from-value.js";
import { TextCursor } from "../src/json/text-cursor.js";
import { parsePolicyNode } from "../src/policy/parse-policy.js";
import { readValidPolicy } from "../src/policy/read-valid-policy.js";
import { POLICY_TYPES as ALL_POLICY_TYPES } from "../src/policy-refs/policy-set-shape.js";
import { FUZZ, duplicatedElementTextArb, mixedPolicyArb, policyArb } from "./fuzz/arbitraries.js";
import { loadManagedPolicies } from "./fuzz/corpus.js";

const POLICY_TYPES: (PolicyType | undefined)[] = [undefined, ...ALL_POLICY_TYPES];

/** What the full parser says: the reference the fast path must reproduce. */
function fullParse(input: unknown, options: ParseOptions): string {
  if (typeof input === "string") {
    const parsed = parseJson(input);
    if (!parsed.ok) return "syntax error";
    return JSON.stringify(parsePolicyNode(parsed.root, options));
  }
  try {
    return JSON.stringify(parsePolicyNode(jsonNodeFromValue(input), options));
  } catch (error) {
    if (isJsonValueError(error)) return "not JSON";
    throw error;
  }
}

function expectSameAsFullParser(input: unknown, options: ParseOptions = {}): void {
  const reference = fullParse(input, options);
  if (reference === "syntax error" || reference === "not JSON") {
    const parsed = parsePolicy(input, options);
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics[0]!.code).toBe(
      reference === "syntax error" ? "JSON_SYNTAX_ERROR" : "DATA_TYPE_MISMATCH",
    );
    return;
  }
  expect(JSON.stringify(parsePolicy(input, options))).toBe(reference);
}

/** Whether the fast path (not the fallback) read the text. */
function fastPathReads(text: string, options: ParseOptions = {}): boolean {
  return readValidPolicy(JSON.parse(text), new TextCursor(text), options) !== undefined;
}

const POLICY = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "One", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "*" },
    {
      Effect: "Deny",
      NotAction: "iam:*",
      NotResource: ["arn:aws:iam::*:role/${aws:username}"],
      Condition: {
        StringEquals: { "aws:RequestTag/team": ["a", "b"] },
        NumericLessThan: { "s3:max-keys": 10 },
        Bool: { "aws:SecureTransport": false },
      },
    },
  ],
};

describe("the fast path gives what the full parser gives", () => {
  it("for every managed policy, as indented text, compact text and an object", () => {
    const corpus = loadManagedPolicies();
    expect(corpus.length).toBeGreaterThan(1000);
    let fast = 0;
    for (const { text, document } of corpus) {
      for (const input of [text, JSON.stringify(document), document]) {
        expectSameAsFullParser(input, { policyType: "identity" });
      }
      if (fastPathReads(text, { policyType: "identity" })) fast++;
    }
    // Every managed policy is valid, so none should need the slow path.
    expect(fast).toBe(corpus.length);
  });

  it("for generated policies of every type, written with any whitespace", () => {
    const whitespace = fc.constantFrom("", " ", "\n", "\r\n", "\t", "\n    ");
    fc.assert(
      fc.property(
        fc.oneof(mixedPolicyArb(), mixedPolicyArb({ principals: true }), policyArb()),
        fc.constantFrom(...POLICY_TYPES),
        fc.constantFrom(0, 1, 2, 4, "\t"),
        whitespace,
        (policy, policyType, indent, around) => {
          const options = policyType === undefined ? {} : { policyType };
          expectSameAsFullParser(policy, options);
          const text = around + JSON.stringify(policy, null, indent) + around;
          expectSameAsFullParser(text, options);
        },
      ),
      { ...FUZZ, numRuns: 400 },
    );
  });

  it("keeps line and column of every element", () => {
    const text = JSON.stringify(POLICY, null, 2);
    expect(fastPathReads(text)).toBe(true);
    const parsed = parsePolicy(text);
    if (!parsed.ok) throw new Error("expected a policy");
    const [first, second] = parsed.policy.statements;
    expect(first!.loc).toEqual({ path: "$.Statement[0]", line: 4, column: 5 });
    expect(first!.action!.locs[1]).toEqual({
      path: "$.Statement[0].Action[1]",
      line: 9,
      column: 9,
    });
    const maxKeys = second!.conditions[1]!;
    expect(maxKeys.values[0]).toEqual({
      text: "10",
      jsonType: "number",
      loc: {
        path: '$.Statement[1].Condition.NumericLessThan["s3:max-keys"]',
        line: 27,
        column: 26,
      },
    });
    expectSameAsFullParser(text);
  });
});

describe("where JSON.parse and the text disagree, the full parser decides", () => {
  const cases: [string, string][] = [
    [
      "a duplicate element of the policy",
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"},"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}',
    ],
    [
      "a duplicate element of a statement with the same value",
      '{"Statement":{"Effect":"Allow","Action":"*","Action":"*","Resource":"*"}}',
    ],
    [
      "a duplicate condition key",
      '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true","aws:SecureTransport":"false"}}}}',
    ],
    [
      "a duplicate key whose value has no strings",
      '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericEquals":{"k":1,"k":2}}}}',
    ],
    [
      "a duplicate element whose kept value is a list (the text holds a string first)",
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Action":["s3:GetObject"],"Resource":"*"}]}',
    ],
    [
      "a duplicate Effect, Deny then Allow",
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    ],
    [
      "a duplicate whose kept value is as long as the dropped one and the key after it together",
      '{"Statement":{"Sid":"ab","Sid":"abcdefgh","Effect":"Allow","Action":"*","Resource":"*"}}',
    ],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      expect(fastPathReads(text)).toBe(false);
      const parsed = parsePolicy(text);
      expect(parsed.ok).toBe(false);
      expect(parsed.diagnostics.map((d) => d.code)).toContain("DUPLICATE_ELEMENT");
      expectSameAsFullParser(text);
    });
  }

  it("never reads past a duplicate key, whatever its value and wherever it is written", () => {
    fc.assert(
      fc.property(duplicatedElementTextArb(), (text) => {
        expect(fastPathReads(text)).toBe(false);
        expectSameAsFullParser(text);
      }),
      { ...FUZZ, numRuns: 300 },
    );
  });

  it("a condition key that JavaScript lists first (an array index) keeps its text order", () => {
    const text =
      '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"b":"x","1":"y"}}}}';
    expect(fastPathReads(text)).toBe(false);
    expectSameAsFullParser(text);
    const parsed = parsePolicy(text);
    if (!parsed.ok) throw new Error("expected a policy");
    expect(parsed.policy.statements[0]!.conditions.map((c) => c.key)).toEqual(["b", "1"]);
  });

  it("escaped strings, numbers as written and a byte-order mark", () => {
    for (const text of [
      '{"Statement":{"Effect":"Allow","Action":"ec2:\\u0052unInstances","Resource":"a\\"b\\\\"}}',
      '{"Statement":{"Sid":"\\\\","Effect":"Allow","Action":["\\\\\\"", "x"],"Resource":"*"}}',
      '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericEquals":{"k":[1.50,1e3,-0,2E+1]}}}}',
      '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"k":[true,false]}}}}',
      '\uFEFF{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}',
      '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"__proto__":"x"}}}}',
      '{"Statement":[{"Effect":"Allow","Principal":{"AWS":["111122223333"],"Service":"s3.amazonaws.com"},"Action":"*","Resource":"*"}]}',
      '{"Statement":{"Effect":"Allow","Principal":[],"Action":"*","Resource":"*"}}',
    ]) {
      expectSameAsFullParser(text, { policyType: "resource" });
      expectSameAsFullParser(text);
    }
    const parsed = parsePolicy(
      '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericEquals":{"k":[1.50,1e3]}}}}',
    );
    if (!parsed.ok) throw new Error("expected a policy");
    expect(parsed.policy.statements[0]!.conditions[0]!.values.map((v) => v.text)).toEqual([
      "1.50",
      "1e3",
    ]);
  });

  it("values JSON has no form for, and objects that are not plain", () => {
    const statement = { Effect: "Allow", Action: "*", Resource: "*" };
    for (const input of [
      { Statement: { ...statement, Sid: undefined } },
      { Statement: [statement, undefined] },
      { Statement: { ...statement, Condition: { NumericEquals: { k: Number.NaN } } } },
      { Statement: { ...statement, Condition: new Map() } },
      { Statement: Object.assign(Object.create({ inherited: true }) as object, statement) },
      [statement],
    ]) {
      expectSameAsFullParser(input);
    }
  });
});
