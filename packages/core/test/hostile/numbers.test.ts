// Numbers at the limits of precision (docs/evaluation-rules.md §5.4 Numeric; §11 items 9–10). Policy numbers
// keep their JSON text, so comparisons are exact beyond 2^53; values AWS does not document
// (exponents, Infinity, NaN) are errors or "cannot be evaluated" — never a silent match.
import { describe, expect, it } from "vitest";
import { evaluate, parseJson, parsePolicy } from "../../src/index.js";
import type { ContextValue } from "../../src/index.js";
import { ALLOW_ALL, decisionOf, policyText } from "./support.js";

function allowIf(operator: string, policyValue: string): string {
  // Spliced as raw JSON so that number literals keep their exact text.
  return `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"${operator}":{"k":${policyValue}}}}}`;
}

function decide(policy: string, value: ContextValue): string {
  return decisionOf(
    evaluate({ action: "s3:GetObject", context: { k: value }, policies: { identity: [policy] } }),
  );
}

describe("the JSON parser keeps a number's text", () => {
  it.each([
    "9007199254740993",
    "-0",
    "1e-400",
    "1E+400",
    "0.1000000000000000055511151231257827",
    "123456789012345678901234567890",
  ])("%s", (raw) => {
    const result = parseJson(`[${raw}]`);
    expect(result.ok).toBe(true);
    if (result.ok && result.root.type === "array")
      expect(result.root.items[0]).toMatchObject({ type: "number", raw });
  });

  it("keeps the text in condition values", () => {
    const result = parsePolicy(allowIf("NumericEquals", "9007199254740993"));
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.policy.statements[0]!.conditions[0]!.values[0]).toMatchObject({
        text: "9007199254740993",
        jsonType: "number",
      });
  });
});

describe("Numeric operators compare exactly", () => {
  it.each([
    ["NumericEquals", "9007199254740993", "9007199254740993", "Allowed"],
    ["NumericEquals", "9007199254740993", "9007199254740992", "ImplicitlyDenied"],
    ["NumericEquals", '"9007199254740993"', "9007199254740992", "ImplicitlyDenied"],
    ["NumericLessThan", "9007199254740993", "9007199254740992", "Allowed"],
    [
      "NumericGreaterThan",
      "123456789012345678901234567890",
      "123456789012345678901234567891",
      "Allowed",
    ],
    ["NumericEquals", "0.3", "0.30000000000000004", "ImplicitlyDenied"],
    ["NumericEquals", "2", "2.000", "Allowed"],
    ["NumericEquals", "0", "-0", "Allowed"],
    ["NumericLessThan", "-0.0000000000000000001", "0", "ImplicitlyDenied"],
    ["NumericGreaterThan", "-0.0000000000000000001", "0", "Allowed"],
  ])("%s %s with request %j: %s", (operator, policyValue, requestValue, expected) => {
    expect(decide(allowIf(operator, policyValue), requestValue)).toBe(expected);
  });

  it("JSON numbers in the request are compared by their value", () => {
    expect(decide(allowIf("NumericEquals", "9007199254740992"), 2 ** 53)).toBe("Allowed");
    expect(
      decide(
        allowIf("NumericLessThan", "1.7976931348623157e308".replace("e308", "")),
        Number.MAX_SAFE_INTEGER,
      ),
    ).toBe("ImplicitlyDenied");
    expect(decide(allowIf("NumericEquals", "0"), -0)).toBe("Allowed");
  });
});

describe("numbers AWS does not document never match silently", () => {
  it.each([
    ["an exponent in the policy", allowIf("NumericGreaterThan", "1e400"), "1"],
    ["a huge exponent in the policy", allowIf("NumericLessThan", "1e999999999"), "1"],
    ["a huge negative exponent in the policy", allowIf("NumericGreaterThan", "1e-999999999"), "1"],
    ["an exponent in the request", allowIf("NumericLessThan", "10"), "1e-999999999"],
    ["a leading plus", allowIf("NumericEquals", '"+1"'), "1"],
    ["hexadecimal", allowIf("NumericEquals", '"0x1"'), "1"],
    ["Infinity as text", allowIf("NumericLessThan", '"Infinity"'), "1"],
    ["NaN as text", allowIf("NumericNotEquals", '"NaN"'), "1"],
  ])("%s: an Allow does not apply", (_, policy, value) => {
    expect(decide(policy, value)).toBe("ImplicitlyDenied");
  });

  it.each([
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["NaN", Number.NaN],
  ])("a request value of %s is an error", (_, value) => {
    expect(decide(allowIf("NumericLessThan", "10"), value)).toBe("error");
  });

  it("a 100,000-digit number is compared, not parsed into a float", () => {
    const digits = "9".repeat(100_000);
    expect(decide(allowIf("NumericLessThan", `"${digits}"`), `${digits.slice(1)}`)).toBe("Allowed");
    expect(decide(allowIf("NumericLessThan", `"${digits}"`), `1${digits}`)).toBe(
      "ImplicitlyDenied",
    );
  });

  it("a Deny with an exponent number still denies", () => {
    const deny = `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NumericGreaterThan":{"k":1e2}}}}`;
    const outcome = evaluate({
      action: "s3:GetObject",
      context: { k: "500" },
      policies: { identity: [policyText(ALLOW_ALL), deny] },
    });
    expect(decisionOf(outcome)).not.toBe("Allowed");
  });
});

describe("dates at the limits", () => {
  function allowDate(operator: string, value: string): string {
    return policyText({ ...ALLOW_ALL, Condition: { [operator]: { "aws:CurrentTime": value } } });
  }
  const at = (policy: string, now: string) =>
    decisionOf(
      evaluate({
        action: "s3:GetObject",
        context: { "aws:CurrentTime": now },
        policies: { identity: [policy] },
      }),
    );

  it.each([
    ["DateLessThan", "2026-01-01T00:00:00Z", "2025-12-31T23:59:59.999Z", "Allowed"],
    ["DateLessThan", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.001Z", "ImplicitlyDenied"],
    ["DateEquals", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00+01:00", "Allowed"],
    ["DateGreaterThan", "9999-12-31T23:59:59Z", "99999999999999999999", "Allowed"],
    ["DateLessThan", "0001-01-01T00:00:00Z", "-99999999999", "Allowed"],
  ])("%s %s at %s: %s", (operator, value, now, expected) => {
    expect(at(allowDate(operator, value), now)).toBe(expected);
  });

  // Was bug H7 (/tmp/iamspec-bugs.md): fractions finer than ~0.25 ms were lost (float milliseconds),
  // so a time 1 ns after the bound equalled the bound and a Deny on "later than" was skipped.
  it("sub-microsecond fractions are compared exactly", () => {
    expect(
      at(allowDate("DateLessThan", "2026-01-01T00:00:00Z"), "2025-12-31T23:59:59.999999999Z"),
    ).toBe("Allowed");
    const deny = policyText({
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { DateGreaterThan: { "aws:CurrentTime": "2026-01-01T00:00:00Z" } },
    });
    const outcome = evaluate({
      action: "s3:GetObject",
      context: { "aws:CurrentTime": "2026-01-01T00:00:00.000000001Z" },
      policies: { identity: [policyText(ALLOW_ALL), deny] },
    });
    expect(decisionOf(outcome)).toBe("ExplicitlyDenied");
  });

  it.each([
    "2026-02-29",
    "2026-04-31T00:00:00Z",
    "2026-01-01T24:00:00Z",
    "2026-01-01T00:00:60Z",
    "2026-01-01T00:00:00+24:00",
    "1e10",
  ])("an impossible or undocumented date %s never allows", (value) => {
    expect(at(allowDate("DateLessThanEquals", "9999-12-31T23:59:59Z"), value)).not.toBe("Allowed");
    expect(at(allowDate("DateGreaterThan", value), "2026-06-01T00:00:00Z")).not.toBe("Allowed");
  });
});
