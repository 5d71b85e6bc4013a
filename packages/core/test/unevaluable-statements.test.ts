// Statements the documentation leaves undecided are "not evaluable" (fail-safe): an Allow does not
// count, a Deny applies, and a STATEMENT_NOT_EVALUABLE note says why, in the same words with and
// without explanations. Cases: empty NotAction / NotResource (docs/evaluation-rules.md §1.8 documents only empty Action,
// Resource and Principal), a NotResource entry whose variable has no value (docs/evaluation-rules.md §6: "might cause the
// entire statement to be invalid"), ForAnyValue with IfExists on a missing key (docs/evaluation-rules.md §5.7, UNCONFIRMED).
// Also: a key given as a one-element list is multivalued, so it is no policy variable (docs/evaluation-rules.md §6).
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../src/evaluation/index.js";
import type { EvaluationRequest } from "../src/types.js";
import type { Doc } from "./helpers.js";
import { ALICE, decided, policy } from "./helpers.js";

const OBJECT = "arn:aws:s3:::bucket/key";

function both(statement: Doc, request: Partial<EvaluationRequest> = {}) {
  const base = { action: "s3:GetObject", resource: OBJECT, principal: ALICE, ...request };
  const identity = [policy(statement)];
  const plain = decided(evaluate({ ...base, policies: { identity } }));
  const explained = decided(evaluate({ ...base, policies: { identity } }, { explain: true }));
  const compiled = decided(compile({ identity }).evaluate(base));
  expect(compiled).toEqual(plain);
  // Notes do not depend on explain mode.
  expect(explained.notes).toEqual(plain.notes);
  expect(explained.decision).toBe(plain.decision);
  return { plain, explained };
}

function reasonOf(result: { notes?: { code: string; message: string }[] }): string {
  const note = result.notes?.find((n) => n.code === "STATEMENT_NOT_EVALUABLE");
  if (note === undefined) throw new Error("no STATEMENT_NOT_EVALUABLE note");
  return note.message;
}

const UNEVALUABLE: {
  name: string;
  statement: Doc;
  reason: RegExp;
  request?: Partial<EvaluationRequest>;
}[] = [
  {
    name: "an empty NotAction",
    statement: { NotAction: [], Resource: "*" },
    reason: /an empty NotAction is undocumented/,
  },
  {
    name: "an empty NotResource",
    statement: { Action: "s3:*", NotResource: [] },
    reason: /an empty NotResource is undocumented/,
  },
  {
    name: "a NotResource entry whose variable has no value",
    statement: { Action: "s3:*", NotResource: ["arn:aws:s3:::${aws:PrincipalTag/team}/*"] },
    reason:
      /NotResource entry "arn:aws:s3:::\$\{aws:PrincipalTag\/team\}\/\*" has a policy variable without a value/,
  },
  {
    name: "ForAnyValue:StringLikeIfExists on a missing key",
    statement: {
      Action: "s3:*",
      Resource: "*",
      Condition: { "ForAnyValue:StringLikeIfExists": { "aws:TagKeys": ["a*"] } },
    },
    reason:
      /aws:TagKeys is absent, and whether IfExists \(true\) or ForAnyValue \(false\) decides then is undocumented/,
  },
];

describe("statements that cannot be evaluated (fail-safe)", () => {
  describe.each(UNEVALUABLE)("$name", ({ statement, reason, request }) => {
    it("an Allow does not count", () => {
      const { plain, explained } = both({ Effect: "Allow", ...statement }, request);
      expect(plain.decision).toBe("ImplicitlyDenied");
      expect(reasonOf(plain)).toMatch(reason);
      expect(reasonOf(plain)).toMatch(/the Allow does not count/);
      const st = explained.explain!.policies[0]!.statements[0]!;
      expect(st.applies).toBe(false);
      expect(st.firstFailure).toMatch(/cannot be evaluated: /);
      expect(st.firstFailure).toMatch(reason);
    });
    it("a Deny applies", () => {
      const { plain } = both({ Effect: "Deny", ...statement }, request);
      expect(plain.decision).toBe("ExplicitlyDenied");
      expect(reasonOf(plain)).toMatch(reason);
      expect(reasonOf(plain)).toMatch(/the Deny counts as applying/);
    });
  });

  it("a failing condition still decides: the statement does not apply, with no note", () => {
    const { plain } = both({
      Effect: "Deny",
      NotAction: [],
      Resource: "*",
      Condition: { StringEquals: { "aws:username": "bob" } },
    });
    expect(plain.decision).toBe("ImplicitlyDenied");
    expect(plain.notes).toBeUndefined();
  });

  it("a NotResource entry that excludes the resource decides even when another is unresolved", () => {
    const statement = {
      Effect: "Allow",
      Action: "s3:*",
      NotResource: ["arn:aws:s3:::${aws:PrincipalTag/team}/*", "arn:aws:s3:::bucket/*"],
    };
    const { plain, explained } = both(statement);
    expect(plain.decision).toBe("ImplicitlyDenied");
    expect(plain.notes).toBeUndefined();
    const st = explained.explain!.policies[0]!.statements[0]!;
    expect(st.resource).toMatchObject({
      element: "NotResource",
      matched: false,
      matchedPattern: "arn:aws:s3:::bucket/*",
    });
  });

  it("a resolved NotResource variable decides as usual", () => {
    const statement = {
      Effect: "Allow",
      Action: "s3:*",
      NotResource: ["arn:aws:s3:::${aws:PrincipalTag/team}/*"],
    };
    expect(both(statement, { context: { "aws:PrincipalTag/team": "other" } }).plain.decision).toBe(
      "Allowed",
    );
    expect(both(statement, { context: { "aws:PrincipalTag/team": "bucket" } }).plain.decision).toBe(
      "ImplicitlyDenied",
    );
  });

  it("ForAnyValue with IfExists on a present key uses the set semantics", () => {
    const statement = {
      Effect: "Allow",
      Action: "s3:*",
      Resource: "*",
      Condition: { "ForAnyValue:StringLikeIfExists": { "aws:TagKeys": ["a*"] } },
    };
    expect(both(statement, { context: { "aws:TagKeys": ["b", "ab"] } }).plain.decision).toBe(
      "Allowed",
    );
    expect(both(statement, { context: { "aws:TagKeys": ["b"] } }).plain.decision).toBe(
      "ImplicitlyDenied",
    );
    expect(both(statement, { context: { "aws:TagKeys": [] } }).plain.decision).toBe(
      "ImplicitlyDenied",
    );
  });
});

describe("a key given as a list is multivalued, so it is no policy variable (docs/evaluation-rules.md §6)", () => {
  const statement = {
    Effect: "Allow",
    Action: "s3:*",
    Resource: "*",
    Condition: { StringEquals: { "aws:PrincipalTag/k": "${aws:TagKeys}" } },
  };
  it.each([
    ["a one-element list", ["a"], "ImplicitlyDenied"],
    ["a two-element list", ["a", "b"], "ImplicitlyDenied"],
    ["a single value", "a", "Allowed"],
  ] as const)("%s", (_name, tagKeys, decision) => {
    const context = { "aws:TagKeys": tagKeys as string | string[], "aws:PrincipalTag/k": "a" };
    expect(both(statement, { context }).plain.decision).toBe(decision);
  });
});
