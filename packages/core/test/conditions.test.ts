// Condition operators, table-driven per operator (docs/evaluation-rules.md §5). Each row: policy values, request
// context value (undefined = key absent), expected result of the condition as an Allow decision.
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/evaluation/index.js";
import type { ContextValue, JsonValue } from "../src/types.js";
import { allow, deny, policy } from "./helpers.js";

type Row = [
  policyValues: JsonValue,
  request: ContextValue | undefined,
  applies: boolean | "unknown",
];

const KEY = "test:Key";

/** Decision for an Allow statement with one condition; "unknown" rows must not allow. */
function allowDecision(
  operator: string,
  values: JsonValue,
  request: ContextValue | undefined,
  key = KEY,
) {
  const outcome = evaluate({
    action: "s3:GetObject",
    context: request === undefined ? {} : { [key]: request },
    policies: { identity: [policy(allow({ Condition: { [operator]: { [key]: values } } }))] },
  });
  if ("error" in outcome) throw new Error(outcome.error.message);
  return outcome;
}

/** Decision for Allow-all plus a Deny with the condition; "unknown" rows must deny (fail-safe). */
function denyDecision(operator: string, values: JsonValue, request: ContextValue | undefined) {
  const outcome = evaluate({
    action: "s3:GetObject",
    context: request === undefined ? {} : { [KEY]: request },
    policies: {
      identity: [policy(allow(), deny({ Condition: { [operator]: { [KEY]: values } } }))],
    },
  });
  if ("error" in outcome) throw new Error(outcome.error.message);
  return outcome;
}

function table(operator: string, rows: Row[]) {
  describe(operator, () => {
    it.each(rows)(`${operator} %j vs request %j -> %s`, (values, request, applies) => {
      const allowed = allowDecision(operator, values, request);
      const denied = denyDecision(operator, values, request);
      if (applies === "unknown") {
        // Cannot be evaluated: an Allow does not count, a Deny does (fail-safe), with a note.
        expect(allowed.decision).toBe("ImplicitlyDenied");
        expect(denied.decision).toBe("ExplicitlyDenied");
        expect(allowed.notes?.map((n) => n.code)).toContain("STATEMENT_NOT_EVALUABLE");
        expect(denied.notes?.map((n) => n.code)).toContain("STATEMENT_NOT_EVALUABLE");
      } else {
        expect(allowed.decision).toBe(applies ? "Allowed" : "ImplicitlyDenied");
        expect(denied.decision).toBe(applies ? "ExplicitlyDenied" : "Allowed");
      }
    });
  });
}

describe("string operators (docs/evaluation-rules.md §5.4 String)", () => {
  table("StringEquals", [
    ["a", "a", true],
    ["a", "A", false],
    [["a", "b"], "b", true],
    ["a*", "abc", false],
    ["a*", "a*", true],
    ["a", undefined, false],
    [[], "a", false],
    [10, "10", true],
    [true, "true", true],
    [true, true, true],
    ["10", 10, true],
  ]);
  table("StringNotEquals", [
    ["a", "b", true],
    ["a", "a", false],
    [["a", "b"], "c", true],
    [["a", "b"], "b", false], // NOR over several values (docs/evaluation-rules.md §5.1)
    ["a", undefined, true], // missing key: negated operators are true (docs/evaluation-rules.md §5.3)
    [[], "a", "unknown"], // negated operator with no values: undocumented (docs/evaluation-rules.md §5.9)
  ]);
  table("StringEqualsIgnoreCase", [
    ["Hello", "hELLO", true],
    ["Hello", "Hell", false],
    ["a", undefined, false],
  ]);
  table("StringNotEqualsIgnoreCase", [
    ["Hello", "hELLO", false],
    [["x", "y"], "Z", true],
    ["a", undefined, true],
  ]);
  table("StringLike", [
    ["ec2.*.amazonaws.com", "ec2.us-east-1.amazonaws.com", true],
    ["ec2.*.amazonaws.com", "ec2.amazonaws.com", false],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["*", "", true],
    ["a*", "A", false],
    ["abc", "abc", true],
    ["*x*", "line1\nx\nline3", true],
    ["a", undefined, false],
  ]);
  table("StringNotLike", [
    ["a*", "b", true],
    [["a*", "b*"], "bc", false],
    ["a*", undefined, true],
  ]);
});

describe("numeric operators (docs/evaluation-rules.md §5.4 Numeric)", () => {
  table("NumericEquals", [
    ["10", "10", true],
    [10, "10.0", true],
    ["2.0", 2, true],
    ["10", "11", false],
    ["12345678901234567890", "12345678901234567891", false],
    ["-0", "0", true],
    ["10", undefined, false],
    ["ten", "10", "unknown"],
    ["10", "1e1", "unknown"],
  ]);
  table("NumericNotEquals", [
    ["10", "11", true],
    [["10", "11"], "11", false],
    ["10", undefined, true],
  ]);
  table("NumericLessThan", [
    ["10", "9.999", true],
    ["10", "10", false],
    ["-1", "-2", true],
    ["10", "abc", "unknown"],
  ]);
  table("NumericLessThanEquals", [
    ["10", "10", true],
    ["10", "10.0001", false],
  ]);
  table("NumericGreaterThan", [
    ["10", "10.5", true],
    ["10", "10", false],
    [["100", "10"], "50", true],
  ]);
  table("NumericGreaterThanEquals", [
    ["10", "10", true],
    ["10", "9", false],
  ]);
});

describe("date operators (docs/evaluation-rules.md §5.4 Date)", () => {
  table("DateEquals", [
    ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", true],
    ["2026-01-01T00:00:00Z", "2026-01-01T01:00:00+01:00", true],
    ["2026-01-01", "2026-01-01T00:00:00Z", true],
    ["2026", "2026-01-01T00:00:00Z", true],
    ["2026-02", "2026-02-01T00:00:00.000Z", true],
    ["1767225600", "2026-01-01T00:00:00Z", true], // epoch seconds and ISO compare as instants
    ["2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", false],
    ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00", "unknown"], // no zone: not a W3C profile
    ["2026-13-01", "2026-01-01T00:00:00Z", "unknown"],
    ["2026-01-01T00:00:00Z", undefined, false],
  ]);
  table("DateNotEquals", [
    ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", true],
    ["2026-01-01T00:00:00Z", undefined, true],
  ]);
  table("DateLessThan", [
    ["2026-01-01T00:00:00Z", "2025-12-31T23:59:59Z", true],
    ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", false],
    ["2026-01-01T00:00:00Z", 1767225599, true],
  ]);
  table("DateLessThanEquals", [["2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", true]]);
  table("DateGreaterThan", [
    ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00.001Z", true],
    ["2026-01-01T00:00:00Z", "2025-06-01T00:00:00Z", false],
  ]);
  table("DateGreaterThanEquals", [["2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", true]]);
});

describe("Bool (docs/evaluation-rules.md §5.4 Boolean)", () => {
  table("Bool", [
    [true, "true", true],
    [true, true, true],
    ["true", true, true],
    ["false", false, true],
    [true, false, false],
    ["True", "true", true],
    [true, undefined, false],
    [true, "yes", "unknown"],
    ["maybe", "true", "unknown"],
  ]);
});

describe("BinaryEquals (docs/evaluation-rules.md §5.4 Binary)", () => {
  table("BinaryEquals", [
    ["QmluYXJ5VmFsdWU=", "QmluYXJ5VmFsdWU=", true],
    ["QmluYXJ5VmFsdWU=", "QmluYXJ5VmFsdWF=", false],
    ["QmluYXJ5VmFsdWU=", undefined, false],
    ["QmluYXJ5VmFsdWU=", "not base64!", "unknown"],
  ]);
});

describe("IP operators (docs/evaluation-rules.md §5.4 IP address)", () => {
  table("IpAddress", [
    ["203.0.113.0/24", "203.0.113.7", true],
    ["203.0.113.0/24", "203.0.114.7", false],
    ["203.0.113.5/24", "203.0.113.200", true], // host bits after the mask are ignored
    ["203.0.113.9", "203.0.113.9", true], // no prefix = /32
    ["203.0.113.9", "203.0.113.10", false],
    ["2001:DB8:1234:5678::/64", "2001:db8:1234:5678:abcd::1", true],
    ["2001:DB8:1234:5678::/64", "2001:db8:1234:5679::1", false],
    [["10.0.0.0/8", "2001:db8::/32"], "2001:db8::1", true],
    ["203.0.113.0/24", "::ffff:203.0.113.7", "unknown"], // IPv4-mapped: undocumented
    ["203.0.113.0/24", "not-an-ip", "unknown"],
    ["1.2.3", "1.2.3.4", "unknown"],
    ["203.0.113.0/24", undefined, false],
  ]);
  table("NotIpAddress", [
    ["203.0.113.0/24", "198.51.100.1", true],
    ["203.0.113.0/24", "203.0.113.1", false],
    ["203.0.113.0/24", undefined, true], // VPC endpoint requests have no aws:SourceIp (docs/evaluation-rules.md §5.4)
  ]);
});

describe("ARN operators (docs/evaluation-rules.md §5.4 ARN)", () => {
  const ARN = "arn:aws:someservice:*:111122223333:finance/*";
  const TRICKY =
    "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";
  for (const operator of ["ArnLike", "ArnEquals"]) {
    table(operator, [
      ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key", true],
      ["arn:aws:iam::*:role/x", "arn:aws:iam::111122223333:role/x", true],
      [ARN, TRICKY, false], // the documented contrast: wildcards do not cross colons
      ["arn:aws:logs:*:*:log-group:*", "arn:aws:logs:us-east-1:1:log-group:a:log-stream:b", true],
      ["arn:aws:s3:::bucket", "not-an-arn", false],
      ["*", "arn:aws:s3:::any", true],
      ["arn:aws:s3:::bucket", undefined, false],
    ]);
  }
  it("StringLike on the same values crosses colons (the documented contrast)", () => {
    expect(allowDecision("StringLike", ARN, TRICKY).decision).toBe("Allowed");
  });
  for (const operator of ["ArnNotLike", "ArnNotEquals"]) {
    table(operator, [
      ["arn:aws:s3:::bucket/*", "arn:aws:s3:::other/key", true],
      ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key", false],
      ["arn:aws:s3:::bucket/*", undefined, true],
    ]);
  }
});

describe("Null (docs/evaluation-rules.md §5.4 Null)", () => {
  table("Null", [
    ["true", undefined, true],
    ["true", "x", false],
    ["false", "x", true],
    ["false", undefined, false],
    [true, undefined, true],
    ["true", "", "unknown"], // Null on an empty string: undocumented
    ["yes", "x", "unknown"],
  ]);
});

describe("IfExists (docs/evaluation-rules.md §5.4 …IfExists)", () => {
  table("StringEqualsIfExists", [
    ["a", undefined, true],
    ["a", "a", true],
    ["a", "b", false],
  ]);
  table("StringNotEqualsIfExists", [
    ["a", undefined, true], // Deny + StringNotEqualsIfExists with the key absent: the deny applies
    ["a", "a", false],
  ]);
  table("BoolIfExists", [
    ["false", undefined, true],
    ["false", "false", true],
    ["false", "true", false],
  ]);
});

describe("set operators (docs/evaluation-rules.md §5.7)", () => {
  table("ForAllValues:StringEquals", [
    [["a", "b"], ["a"], true],
    [["a", "b"], ["a", "b"], true],
    [["a", "b"], ["a", "c"], false],
    [["a", "b"], [], true], // empty set: true
    [["a", "b"], undefined, true], // missing key: true
    [["a", "b"], "a", true],
  ]);
  table("ForAnyValue:StringEquals", [
    [["a", "b"], ["c", "a"], true],
    [["a", "b"], ["c", "d"], false],
    [["a", "b"], [], false],
    [["a", "b"], undefined, false],
  ]);
  table("ForAllValues:StringNotEquals", [
    [["a", "b"], ["c", "d"], true], // none of the request values matches any policy value
    [["a", "b"], ["c", "a"], false],
    [["a", "b"], undefined, true],
  ]);
  table("ForAnyValue:StringNotEquals", [
    [["a", "b"], ["a", "c"], true], // at least one request value matches none
    [["a", "b"], ["a", "b"], false],
    [["a", "b"], undefined, false],
  ]);
  table("ForAllValues:StringLike", [
    [["dept-*"], ["dept-a", "dept-b"], true],
    [["dept-*"], ["dept-a", "cost"], false],
  ]);
  table("ForAllValues:StringNotLike", [
    [["tmp-*"], ["a", "b"], true],
    [["tmp-*"], ["a", "tmp-b"], false],
    [["tmp-*"], undefined, true], // a Deny with this denies requests without the key (docs/evaluation-rules.md §5.7)
  ]);
  table("ForAnyValue:StringLikeIfExists", [
    // IfExists says true on absence, ForAnyValue false; undocumented (docs/evaluation-rules.md §5.7, UNCONFIRMED): fail-safe.
    [["a*"], undefined, "unknown"],
    [["a*"], [], false], // present but empty: ForAnyValue over nothing
    [["a*"], ["b", "ab"], true],
  ]);
  table("ForAllValues:Null", [["true", "x", true]]); // always true
  table("ForAnyValue:Null", [["true", undefined, false]]); // always false
  describe("a plain operator on a multivalued request value is undocumented (docs/evaluation-rules.md §5.6)", () => {
    table("StringEquals", [
      ["a", ["a", "b"], "unknown"],
      ["a", ["a"], true],
      ["a", [], "unknown"],
    ]);
  });
});

describe("condition logic (docs/evaluation-rules.md §5.1)", () => {
  it("ANDs operators and keys, ORs values", () => {
    const p = policy(
      allow({
        Condition: {
          StringEquals: { "test:a": ["1", "2"], "test:b": "x" },
          Bool: { "aws:SecureTransport": "true" },
        },
      }),
    );
    const run = (context: Record<string, ContextValue>) =>
      evaluate({ action: "s3:GetObject", context, policies: { identity: [p] } });
    expect(run({ "test:a": "2", "test:b": "x", "aws:SecureTransport": true })).toMatchObject({
      decision: "Allowed",
    });
    expect(run({ "test:a": "3", "test:b": "x", "aws:SecureTransport": true })).toMatchObject({
      decision: "ImplicitlyDenied",
    });
    expect(run({ "test:a": "1", "test:b": "x", "aws:SecureTransport": false })).toMatchObject({
      decision: "ImplicitlyDenied",
    });
    expect(run({ "test:a": "1", "aws:SecureTransport": true })).toMatchObject({
      decision: "ImplicitlyDenied",
    });
  });

  it("matches condition key names case-insensitively, tag keys included (docs/evaluation-rules.md §5.2)", () => {
    expect(
      allowDecision("StringEquals", "owner1", "owner1", "aws:ResourceTag/Owner").decision,
    ).toBe("Allowed");
    const outcome = evaluate({
      action: "s3:GetObject",
      context: { "AWS:resourcetag/owner": "owner1" },
      policies: {
        identity: [
          policy(allow({ Condition: { StringEquals: { "aws:ResourceTag/Owner": "owner1" } } })),
        ],
      },
    });
    expect(outcome).toMatchObject({ decision: "Allowed" });
  });

  it("rejects a request whose context keys collide case-insensitively (docs/evaluation-rules.md §5.2)", () => {
    const outcome = evaluate({
      action: "s3:GetObject",
      context: { "aws:x": "1", "AWS:X": "2" },
      policies: {},
    });
    expect(outcome).toMatchObject({ error: { code: "INVALID_REQUEST" } });
  });

  it("documents the MFA patterns (docs/evaluation-rules.md §8)", () => {
    const denyWithoutMfa = (operator: string, context: Record<string, ContextValue>) =>
      evaluate({
        action: "s3:GetObject",
        context,
        policies: {
          identity: [
            policy(
              allow(),
              deny({ Condition: { [operator]: { "aws:MultiFactorAuthPresent": "false" } } }),
            ),
          ],
        },
      });
    // BoolIfExists false denies long-term keys (key absent) and non-MFA sessions; Bool false misses long-term keys.
    expect(denyWithoutMfa("BoolIfExists", {})).toMatchObject({ decision: "ExplicitlyDenied" });
    expect(denyWithoutMfa("BoolIfExists", { "aws:MultiFactorAuthPresent": false })).toMatchObject({
      decision: "ExplicitlyDenied",
    });
    expect(denyWithoutMfa("BoolIfExists", { "aws:MultiFactorAuthPresent": true })).toMatchObject({
      decision: "Allowed",
    });
    expect(denyWithoutMfa("Bool", {})).toMatchObject({ decision: "Allowed" });
  });
});
