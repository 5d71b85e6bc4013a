// Condition edge cases (docs/evaluation-rules.md §5, §6): the reasons given for conditions that cannot be
// evaluated, Null and negated operators on empty values, policy variables in every operator family
// that takes them, and ordered comparisons at their boundaries. conditions.test.ts has the main
// operator tables; this file covers what they leave open.
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/evaluation/index.js";
import { parsePolicy } from "../src/policy/index.js";
import {
  compileCondition,
  evaluateCondition,
  FALSE,
  TRUE,
  UNKNOWN,
} from "../src/conditions/index.js";
import type { Tri, Why } from "../src/conditions/index.js";
import { buildRequestContext } from "../src/context/request-context.js";
import type { RequestContext } from "../src/context/request-context.js";
import type { ContextValue, JsonValue } from "../src/types.js";
import { allow, decided, deny, policy } from "./helpers.js";

const KEY = "test:Key";

type Context = Record<string, ContextValue>;

/** Compiles `{ operator: { key: values } }` the way a 2012-10-17 policy carries it. */
function compiled(operator: string, values: JsonValue, key = KEY) {
  const parsed = parsePolicy(policy(allow({ Condition: { [operator]: { [key]: values } } })));
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join("; "));
  return compileCondition(parsed.policy.statements[0]!.conditions[0]!, "2012-10-17");
}

function requestContext(context: Context): RequestContext {
  const given = buildRequestContext(context);
  if (!Array.isArray(given)) throw new Error((given as { error: string }).error);
  return {
    given,
    givenIndex: undefined,
    derived: undefined,
    resourceAccount: null,
    resource: "*",
    colons: undefined,
  };
}

/** evaluateCondition with its default variable lookup (the request context itself). */
function conditionResult(operator: string, values: JsonValue, context: Context) {
  const why: Why = {};
  const result = evaluateCondition(
    compiled(operator, values),
    requestContext(context),
    undefined,
    why,
  );
  return { result, reason: why.reason };
}

/** An Allow-only policy evaluated with explanations. */
function explained(operator: string, values: JsonValue, context: Context) {
  return decided(
    evaluate(
      {
        action: "s3:GetObject",
        context,
        policies: { identity: [policy(allow({ Condition: { [operator]: { [KEY]: values } } }))] },
      },
      { explain: true },
    ),
  );
}

/** Decisions of an Allow with the condition, and of Allow-all plus a Deny with the condition. */
function decisions(operator: string, values: JsonValue, context: Context) {
  const run = (statements: ReturnType<typeof allow>[]) =>
    decided(
      evaluate({
        action: "s3:GetObject",
        context,
        policies: { identity: [policy(...statements)] },
      }),
    ).decision;
  const condition = { Condition: { [operator]: { [KEY]: values } } };
  return { allow: run([allow(condition)]), deny: run([allow(), deny(condition)]) };
}

const NAMES: Record<Tri, string> = { [FALSE]: "false", [TRUE]: "true", [UNKNOWN]: "unknown" };

// Each reason is shown in explanations ("cannot be evaluated: …") and in the STATEMENT_NOT_EVALUABLE
// note, so it must name the value and what is wrong with it (STYLE: clear one-line messages).
describe("reasons for conditions that cannot be evaluated", () => {
  it.each<[string, JsonValue, ContextValue, string]>([
    // docs/evaluation-rules.md §5.4: a policy value that does not parse for its operator family.
    ["NumericEquals", "ten", "10", 'policy value "ten" is not a valid numeric value'],
    [
      "DateEquals",
      "2026-13-01",
      "2026-01-01",
      'policy value "2026-13-01" is not a valid date value',
    ],
    ["Bool", "maybe", "true", 'policy value "maybe" is not a valid bool value'],
    ["BinaryEquals", "!!", "QQ==", 'policy value "!!" is not a valid binary value'],
    [
      "IpAddress",
      "1.2.3",
      "1.2.3.4",
      'policy value "1.2.3" is not a valid IP address or CIDR value',
    ],
    // docs/evaluation-rules.md §5.4: a request value that does not parse for the operator's type.
    ["NumericLessThan", "10", "abc", 'request value "abc" is not a number'],
    [
      "DateLessThan",
      "2026-01-01T00:00:00Z",
      "yesterday",
      'request value "yesterday" is not an ISO 8601 date or epoch seconds',
    ],
    ["Bool", "true", "yes", 'request value "yes" is not a boolean'],
    ["BinaryEquals", "QQ==", "not base64!", 'request value "not base64!" is not base-64'],
    ["IpAddress", "203.0.113.0/24", "not-an-ip", 'request value "not-an-ip" is not an IP address'],
    // docs/evaluation-rules.md §5.4 IP address: IPv4-mapped IPv6 equivalence is UNCONFIRMED.
    [
      "IpAddress",
      "203.0.113.0/24",
      "::ffff:203.0.113.7",
      'request value "::ffff:203.0.113.7" is an IPv4-mapped IPv6 address; how AWS compares it is undocumented',
    ],
    // docs/evaluation-rules.md §5.4 Null: only "true"/"false"; an empty value is UNCONFIRMED.
    ["Null", "yes", "x", 'Null takes "true" or "false", not "yes"'],
    [
      "Null",
      "true",
      "",
      "Null on an empty value is undocumented (docs/evaluation-rules.md §5.4 Null)",
    ],
    // docs/evaluation-rules.md §5.9: a negated operator with [] is UNCONFIRMED.
    [
      "StringNotEquals",
      [],
      "a",
      "a negated operator with no values is undocumented (docs/evaluation-rules.md §5.9)",
    ],
    // docs/evaluation-rules.md §5.6 / §5.7: a plain operator on a multivalued or empty request value is UNCONFIRMED.
    [
      "StringEquals",
      "a",
      ["a", "b"],
      "test:Key has several values; use ForAllValues: or ForAnyValue:",
    ],
    ["StringEquals", "a", [], "test:Key is an empty list; a plain operator on it is undocumented"],
  ])("%s %j against %j: %s", (operator, values, request, reason) => {
    expect(conditionResult(operator, values, { [KEY]: request })).toEqual({
      result: UNKNOWN,
      reason,
    });
    const outcome = explained(operator, values, { [KEY]: request });
    expect(outcome.decision).toBe("ImplicitlyDenied");
    const condition = outcome.explain!.policies[0]!.statements[0]!.conditions[0]!;
    expect(condition).toMatchObject({ matched: false, reason: `cannot be evaluated: ${reason}` });
    expect(outcome.notes).toContainEqual({
      code: "STATEMENT_NOT_EVALUABLE",
      message: `identity policy #0 Statement[0]: condition ${operator} ${KEY}: ${reason}; the Allow does not count`,
    });
  });

  it("gives no reason when the condition simply does not match", () => {
    expect(conditionResult("NumericLessThan", "10", { [KEY]: "11" })).toEqual({
      result: FALSE,
      reason: undefined,
    });
  });
});

describe("Null on empty and qualified values (docs/evaluation-rules.md §5.4 Null, §5.7)", () => {
  it.each<[string, JsonValue, ContextValue | undefined, Tri]>([
    // Access Analyzer "Null with qualifier": ForAllValues:Null is always true, ForAnyValue:Null always false,
    // whatever the key holds.
    ["ForAllValues:Null", "false", undefined, TRUE],
    ["ForAllValues:Null", "true", [], TRUE],
    ["ForAllValues:Null", "yes", "x", TRUE],
    ["ForAnyValue:Null", "false", "x", FALSE],
    ["ForAnyValue:Null", "true", [], FALSE],
    ["ForAnyValue:Null", "true", "", FALSE],
    // "Missing context keys or context keys with empty values": whether an empty list or an empty
    // string counts as null is UNCONFIRMED, so neither "true" nor "false" may decide it.
    ["Null", "true", [], UNKNOWN],
    ["Null", "false", [], UNKNOWN],
    ["Null", "false", ["a", ""], UNKNOWN],
    ["Null", "true", ["a", ""], UNKNOWN],
    // A present, non-empty list is present: Null false holds.
    ["Null", "false", ["a", "b"], TRUE],
    ["Null", "true", ["a", "b"], FALSE],
    // Several policy values are ORed; an invalid one only matters when no valid one holds.
    ["Null", ["yes", "true"], undefined, TRUE],
    ["Null", ["yes", "true"], "x", UNKNOWN],
  ])("%s %j against %j is %s", (operator, values, request, expected) => {
    const context: Context = request === undefined ? {} : { [KEY]: request };
    expect(NAMES[conditionResult(operator, values, context).result]).toBe(NAMES[expected]);
  });

  it("a Deny with Null on an empty value applies and an Allow does not (fail-safe)", () => {
    expect(decisions("Null", "false", { [KEY]: [] })).toEqual({
      allow: "ImplicitlyDenied",
      deny: "ExplicitlyDenied",
    });
  });
});

describe("operators with no policy values (docs/evaluation-rules.md §5.3, §5.7, §5.9)", () => {
  it.each<[string, ContextValue | undefined, Tri]>([
    // A missing key decides before the values are looked at (docs/evaluation-rules.md §5.3): negated operators are true.
    ["StringNotEquals", undefined, TRUE],
    ["StringNotLike", undefined, TRUE],
    // Present key, plain negated operator, no values: NOR over nothing is UNCONFIRMED (docs/evaluation-rules.md §5.9).
    ["StringNotEquals", "a", UNKNOWN],
    ["NumericNotEquals", "1", UNKNOWN],
    ["ArnNotLike", "arn:aws:s3:::b", UNKNOWN],
    // docs/evaluation-rules.md §5.7: ForAllValues over an empty request set is true, ForAnyValue false, whatever the operator.
    ["ForAllValues:StringNotEquals", [], TRUE],
    ["ForAllValues:StringNotLike", undefined, TRUE],
    ["ForAnyValue:StringNotEquals", [], FALSE],
    ["ForAnyValue:StringNotLike", undefined, FALSE],
    // A non-empty request set: NOR over nothing (true) and Access Analyzer's empty-array checks
    // (ForAnyValue never true, ForAllValues only on a missing or empty key) disagree: UNKNOWN.
    ["ForAllValues:StringNotEquals", ["a"], UNKNOWN],
    ["ForAnyValue:StringNotEquals", ["a"], UNKNOWN],
    ["ForAnyValue:ArnNotLike", ["arn:aws:s3:::b"], UNKNOWN],
    ["StringNotEqualsIfExists", "a", UNKNOWN],
    // Positive operators with []: no value can match (docs/evaluation-rules.md §5.9).
    ["StringEquals", "a", FALSE],
    ["ForAnyValue:StringEquals", ["a"], FALSE],
    ["ForAllValues:StringEquals", ["a"], FALSE],
    ["StringEqualsIfExists", undefined, TRUE],
    ["StringEqualsIfExists", "a", FALSE],
  ])("%s [] against %j is %s", (operator, request, expected) => {
    const context: Context = request === undefined ? {} : { [KEY]: request };
    expect(NAMES[conditionResult(operator, [], context).result]).toBe(NAMES[expected]);
  });
});

describe("a negated set operator with no values never allows and always lets a Deny apply (docs/evaluation-rules.md §5.9)", () => {
  it.each(["ForAllValues:StringNotEquals", "ForAnyValue:StringNotEquals"])("%s []", (operator) => {
    expect(decisions(operator, [], { [KEY]: ["a", "b"] })).toEqual({
      allow: "ImplicitlyDenied",
      deny: "ExplicitlyDenied",
    });
  });
});

describe("invalid request values in set operators stay unknown (docs/evaluation-rules.md §5.7, fail-safe)", () => {
  it.each<[string, JsonValue, string[], Tri]>([
    // One definite FALSE decides ForAllValues; one definite TRUE decides ForAnyValue.
    ["ForAllValues:NumericLessThan", "10", ["abc", "11"], FALSE],
    ["ForAllValues:NumericLessThan", "10", ["abc", "9"], UNKNOWN],
    ["ForAnyValue:NumericLessThan", "10", ["abc", "9"], TRUE],
    ["ForAnyValue:NumericLessThan", "10", ["abc", "11"], UNKNOWN],
    ["ForAnyValue:IpAddress", "10.0.0.0/8", ["::ffff:10.0.0.1", "192.0.2.1"], UNKNOWN],
    ["ForAnyValue:IpAddress", "10.0.0.0/8", ["::ffff:10.0.0.1", "10.1.2.3"], TRUE],
    // A negated operator: NOT UNKNOWN is UNKNOWN (docs/evaluation-rules.md §5.1 NOR, three-valued).
    ["ForAllValues:NotIpAddress", "10.0.0.0/8", ["not-an-ip", "192.0.2.1"], UNKNOWN],
    ["ForAnyValue:BinaryEquals", "QQ==", ["QQ==", "%%"], TRUE],
    ["ForAllValues:Bool", "true", ["true", "yes"], UNKNOWN],
  ])("%s %j against %j is %s", (operator, values, request, expected) => {
    expect(NAMES[conditionResult(operator, values, { [KEY]: request }).result]).toBe(
      NAMES[expected],
    );
  });

  it("NotIpAddress on an IPv4-mapped IPv6 address: a Deny applies, an Allow does not", () => {
    // docs/evaluation-rules.md §5.4 IP address: the mapping is UNCONFIRMED; a Deny + NotIpAddress must never be skipped by it.
    expect(decisions("NotIpAddress", "203.0.113.0/24", { [KEY]: "::ffff:198.51.100.1" })).toEqual({
      allow: "ImplicitlyDenied",
      deny: "ExplicitlyDenied",
    });
  });
});

describe("ordered comparisons at their boundaries (docs/evaluation-rules.md §5.4 Numeric, Date)", () => {
  // Request value one unit below, equal to, and one unit above the policy value.
  const rows: [string, [boolean, boolean, boolean]][] = [
    ["Equals", [false, true, false]],
    ["NotEquals", [true, false, true]],
    ["LessThan", [true, false, false]],
    ["LessThanEquals", [true, true, false]],
    ["GreaterThan", [false, false, true]],
    ["GreaterThanEquals", [false, true, true]],
  ];
  it.each(rows)("Numeric%s at 0.9, 1.0 and 1.1 against 1", (suffix, expected) => {
    const results = ["0.9", "1.0", "1.1"].map(
      (r) => conditionResult(`Numeric${suffix}`, "1", { [KEY]: r }).result === TRUE,
    );
    expect(results).toEqual(expected);
  });
  it.each(rows)("Date%s one second before, at and after the instant", (suffix, expected) => {
    const results = ["2026-03-01T11:59:59Z", "2026-03-01T13:00:00+01:00", 1772366401].map(
      (r) => conditionResult(`Date${suffix}`, "2026-03-01T12:00:00Z", { [KEY]: r }).result === TRUE,
    );
    expect(results).toEqual(expected);
  });
});

// docs/evaluation-rules.md §6: variables are substituted before matching; substituted text is literal; a variable without a
// value or default makes the policy value "effectively null": positive operators do not match it,
// negated operators do (documented: Deny + StringNotEquals ${aws:PrincipalTag/Team} denies a principal
// without the tag).
describe("policy variables in condition values (docs/evaluation-rules.md §6)", () => {
  const USER = { "aws:username": "Bob" };
  it.each<[string, JsonValue, Context, Tri]>([
    // StringEquals: `*` and `?` after a variable are literal characters (docs/evaluation-rules.md §5.4 String).
    ["StringEquals", "${aws:username}-*", { ...USER, [KEY]: "Bob-*" }, TRUE],
    ["StringEquals", "${aws:username}-*", { ...USER, [KEY]: "Bob-x" }, FALSE],
    ["StringEquals", "${aws:username}", { ...USER, [KEY]: "bob" }, FALSE],
    ["StringEquals", "${aws:username}", { [KEY]: "" }, FALSE],
    ["StringNotEquals", "${aws:username}", { [KEY]: "Bob" }, TRUE],
    [
      "StringEquals",
      "team-${aws:PrincipalTag/team, 'company-wide'}",
      { [KEY]: "team-company-wide" },
      TRUE,
    ],
    // StringLike: wildcards in the policy text stay wildcards, substituted text is literal.
    ["StringLike", "${aws:username}-*", { ...USER, [KEY]: "Bob-x" }, TRUE],
    ["StringLike", "${aws:username}-?", { ...USER, [KEY]: "Bob-xy" }, FALSE],
    ["StringLike", "${aws:username}-*", { ...USER, [KEY]: "Alice-x" }, FALSE],
    ["StringLike", "${aws:username}", { "aws:username": "a*", [KEY]: "a*" }, TRUE],
    ["StringLike", "${aws:username}", { "aws:username": "a*", [KEY]: "abc" }, FALSE],
    ["StringLike", "a${*}", { [KEY]: "a*" }, TRUE],
    ["StringLike", "a${*}", { [KEY]: "abc" }, FALSE],
    ["StringLike", "${aws:username}-*", { [KEY]: "-x" }, FALSE],
    ["StringNotLike", "${aws:username}-*", { [KEY]: "-x" }, TRUE],
    // StringEqualsIgnoreCase: both sides compared without case.
    ["StringEqualsIgnoreCase", "${aws:username}", { ...USER, [KEY]: "BOB" }, TRUE],
    ["StringEqualsIgnoreCase", "${aws:username}", { ...USER, [KEY]: "bob" }, TRUE],
    ["StringEqualsIgnoreCase", "${aws:username}", { ...USER, [KEY]: "Bobby" }, FALSE],
    ["StringEqualsIgnoreCase", "x-${aws:username}", { [KEY]: "x-" }, FALSE],
    ["StringNotEqualsIgnoreCase", "${aws:username}", { ...USER, [KEY]: "bOB" }, FALSE],
    ["StringNotEqualsIgnoreCase", "${aws:username}", { [KEY]: "x" }, TRUE],
    // ArnLike/ArnNotLike: variables in the resource part (docs/evaluation-rules.md §3.3, §5.4 ARN).
    [
      "ArnLike",
      "arn:aws:s3:::bucket/${aws:username}/*",
      { ...USER, [KEY]: "arn:aws:s3:::bucket/Bob/a" },
      TRUE,
    ],
    [
      "ArnLike",
      "arn:aws:s3:::bucket/${aws:username}/*",
      { ...USER, [KEY]: "arn:aws:s3:::bucket/Al/a" },
      FALSE,
    ],
    ["ArnEquals", "arn:aws:s3:::bucket/${aws:username}", { [KEY]: "arn:aws:s3:::bucket/" }, FALSE],
    [
      "ArnNotLike",
      "arn:aws:s3:::bucket/${aws:username}/*",
      { [KEY]: "arn:aws:s3:::bucket/Bob/a" },
      TRUE,
    ],
    [
      "ArnNotLike",
      "arn:aws:s3:::bucket/${aws:username}/*",
      { ...USER, [KEY]: "arn:aws:s3:::bucket/Bob/a" },
      FALSE,
    ],
  ])("%s %j with %j is %s", (operator, values, context, expected) => {
    expect(NAMES[conditionResult(operator, values, context).result]).toBe(NAMES[expected]);
  });

  it("a Deny + StringNotEquals on a missing principal tag denies (the documented example)", () => {
    const outcome = decided(
      evaluate({
        action: "s3:GetObject",
        context: { "s3:ExistingObjectTag/Team": "blue" },
        policies: {
          identity: [
            policy(
              allow(),
              deny({
                Condition: {
                  StringNotEquals: { "s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}" },
                },
              }),
            ),
          ],
        },
      }),
    );
    expect(outcome.decision).toBe("ExplicitlyDenied");
  });
});
