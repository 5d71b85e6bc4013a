// Sound or explicitly unsure (issue 15 docs/evaluation-rules.md §2). A result is uncertain exactly when the decision under the
// fail-safe reading of its reading points differs from the decision under the other reading; the two
// decisions are checked against policies rewritten into documented forms, one per reading, which no
// reading point reaches. Results that reach no reading point, or whose readings agree, are unchanged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../src/evaluation/index.js";
import type { Decision, EvaluationRequest, JsonValue, PolicySet } from "../src/types.js";
import { decided } from "./helpers.js";

const A = "111122223333";
const ROLE = `arn:aws:iam::${A}:role/Dev`;
const SESSION = `arn:aws:sts::${A}:assumed-role/Dev/s1`;
const OBJECT = "arn:aws:s3:::bucket/key";

type Doc = { [key: string]: JsonValue };

/** A condition slot: documented true or false, or one of the reading points. */
type Slot = "none" | "true" | "false" | "ifExistsAbsent" | "badNumber" | "notResourceVar";
/** How a resource-policy Allow names the caller. */
type Grantee = "wildcard" | "role" | "session";

interface StatementSpec {
  effect: "Allow" | "Deny";
  action: string;
  slot: Slot;
}
interface Spec {
  identity: StatementSpec[];
  resource:
    | {
        statements: StatementSpec[];
        grantee: Grantee;
        /** A Deny + NotPrincipal that lists only the caller's account (DIFFERENCES.md group 14). */
        notPrincipalDeny: boolean;
      }
    | undefined;
  boundary: StatementSpec[] | undefined;
  session: StatementSpec[] | undefined;
}

const TRUE_CONDITION = { Null: { "test:Absent": "true" } };
const FALSE_CONDITION = { Null: { "test:Absent": "false" } };

/** Fail-safe or other, or "mixed": each reading point takes the next of `mixedChoices`. */
type Reading = "failSafe" | "other" | "mixed" | undefined;
let mixedChoices: boolean[] = [];
let mixedNext = 0;

function resolve(reading: Reading): "failSafe" | "other" | undefined {
  if (reading !== "mixed") return reading;
  return mixedChoices[mixedNext++ % mixedChoices.length] ? "other" : "failSafe";
}

/** The statement as written (reading = undefined), or rewritten under one reading. */
function statement(s: StatementSpec, mode: Reading): Doc {
  const reading = resolve(mode);
  const base: Doc = { Effect: s.effect, Action: s.action, Resource: "*" };
  const resolved = () => {
    // Fail-safe: an Allow does not count, a Deny applies; the other reading: the reverse.
    const applies = (reading === "failSafe") === (s.effect === "Deny");
    return applies ? TRUE_CONDITION : FALSE_CONDITION;
  };
  switch (s.slot) {
    case "none":
      return base;
    case "true":
      return { ...base, Condition: TRUE_CONDITION };
    case "false":
      return { ...base, Condition: FALSE_CONDITION };
    case "ifExistsAbsent":
      if (reading !== undefined) return { ...base, Condition: resolved() };
      return { ...base, Condition: { "ForAnyValue:StringLikeIfExists": { "test:Absent": "a*" } } };
    case "badNumber":
      if (reading !== undefined) return { ...base, Condition: resolved() };
      return { ...base, Condition: { NumericLessThan: { "test:Count": "10" } } };
    case "notResourceVar": {
      const { Resource: _, ...rest } = base;
      if (reading !== undefined) return { ...base, Condition: resolved() };
      return { ...rest, NotResource: ["arn:aws:s3:::${aws:SourceAccount}/key"] };
    }
  }
}

function doc(statements: Doc[]): Doc {
  return { Version: "2012-10-17", Statement: statements };
}

function principalOf(grantee: Grantee, reading: "failSafe" | "other" | undefined): Doc {
  if (grantee === "role") return { Principal: { AWS: ROLE } };
  if (grantee === "session") return { Principal: { AWS: SESSION } };
  // "*" without aws:PrincipalArn: limited (fail-safe) or not (other). Documented forms of each: a
  // grant to the role ARN is limited; "*" naming the role through aws:PrincipalArn is not.
  if (reading === "failSafe") return { Principal: { AWS: ROLE } };
  return { Principal: "*" };
}

function policiesOf(spec: Spec, reading: Reading): PolicySet {
  const set: PolicySet = { identity: [doc(spec.identity.map((s) => statement(s, reading)))] };
  if (spec.resource !== undefined) {
    const { grantee } = spec.resource;
    const statements = spec.resource.statements.map((s) => {
      const forPrincipal = resolve(reading);
      const st: Doc = { ...statement(s, reading), ...principalOf(grantee, forPrincipal) };
      if (forPrincipal === "other" && grantee === "wildcard" && s.effect === "Allow") {
        const cond = (st.Condition as Doc | undefined) ?? {};
        st.Condition = { ...cond, ArnEquals: { "aws:PrincipalArn": ROLE } };
      }
      return st;
    });
    if (spec.resource.notPrincipalDeny) {
      const forDeny = resolve(reading);
      const base = { Effect: "Deny", Action: "s3:GetObject", Resource: "*" };
      // Fail-safe: it applies to the caller (like "*"); the other reading: the account entry exempts
      // the caller. With a boundary it applies whatever NotPrincipal lists (documented, no reading).
      if (forDeny === undefined)
        statements.push({ ...base, NotPrincipal: { AWS: `arn:aws:iam::${A}:root` } });
      else if (forDeny === "failSafe" || spec.boundary !== undefined)
        statements.push({ ...base, Principal: "*" });
      else statements.push({ ...base, Principal: "*", Condition: FALSE_CONDITION });
    }
    set.resource = [doc(statements)];
  }
  if (spec.boundary !== undefined)
    set.boundary = [doc(spec.boundary.map((s) => statement(s, reading)))];
  if (spec.session !== undefined)
    set.session = [doc(spec.session.map((s) => statement(s, reading)))];
  return set;
}

function requestOf(spec: Spec, reading: Reading): EvaluationRequest {
  return {
    principal: SESSION,
    action: "s3:GetObject",
    resource: OBJECT,
    context: { "test:Count": "ten" },
    policies: policiesOf(spec, reading),
  };
}

const slotArb = fc.constantFrom<Slot>(
  "none",
  "true",
  "false",
  "ifExistsAbsent",
  "badNumber",
  "notResourceVar",
);
const statementArb = fc.record({
  effect: fc.constantFrom<"Allow" | "Deny">("Allow", "Allow", "Deny"),
  action: fc.constantFrom("*", "s3:GetObject", "s3:Get*", "ec2:*"),
  slot: slotArb,
});
const listArb = fc.array(statementArb, { minLength: 1, maxLength: 3 });
const specArb: fc.Arbitrary<Spec> = fc.record({
  identity: listArb,
  resource: fc.option(
    fc.record({
      statements: listArb,
      grantee: fc.constantFrom<Grantee>("wildcard", "role", "session"),
      notPrincipalDeny: fc.boolean(),
    }),
    { nil: undefined },
  ),
  boundary: fc.option(listArb, { nil: undefined }),
  session: fc.option(listArb, { nil: undefined }),
});

function decisionOf(request: EvaluationRequest): { decision: Decision; uncertain?: true } {
  const r = decided(evaluate(request));
  return { decision: r.decision, ...(r.uncertain !== undefined && { uncertain: r.uncertain }) };
}

const RUNS = { numRuns: 400 };

describe("uncertain results (issue 15 docs/evaluation-rules.md §2)", () => {
  it("the decision is the fail-safe reading's; uncertain exactly when the other reading decides otherwise, and otherDecision is its decision", () => {
    let uncertainSeen = 0;
    let certainWithReadings = 0;
    fc.assert(
      fc.property(specArb, (spec) => {
        const result = decided(evaluate(requestOf(spec, undefined)));
        const failSafe = decisionOf(requestOf(spec, "failSafe"));
        const other = decisionOf(requestOf(spec, "other"));
        // The rewritten policies reach no reading point.
        expect(failSafe.uncertain).toBeUndefined();
        expect(other.uncertain).toBeUndefined();
        expect(result.decision).toBe(failSafe.decision);
        if (failSafe.decision === other.decision) {
          expect(result.uncertain).toBeUndefined();
          expect(result.otherDecision).toBeUndefined();
          expect(result.readings).toBeUndefined();
          if ((result.notes ?? []).some((n) => n.code === "STATEMENT_NOT_EVALUABLE"))
            certainWithReadings++;
        } else {
          uncertainSeen++;
          expect(result.uncertain).toBe(true);
          expect(result.otherDecision).toBe(other.decision);
          expect(result.readings!.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
    // The generator reaches both cases: uncertain results, and unevaluable statements that do not matter.
    expect(uncertainSeen).toBeGreaterThan(10);
    expect(certainWithReadings).toBeGreaterThan(10);
  });

  it("compile().evaluate() and explain mode give the same uncertainty as evaluate()", () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const request = requestOf(spec, undefined);
        const plain = decided(evaluate(request));
        const { policies, ...rest } = request;
        const viaEngine = decided(compile(policies).evaluate(rest));
        const explained = decided(evaluate(request, { explain: true }));
        for (const r of [viaEngine, explained]) {
          expect(r.decision).toBe(plain.decision);
          expect(r.uncertain).toBe(plain.uncertain);
          expect(r.otherDecision).toBe(plain.otherDecision);
          expect(r.readings).toEqual(plain.readings);
        }
        if (plain.uncertain) expect(explained.explain!.summary).toMatch(/\(uncertain: /);
        else expect(explained.explain!.summary).not.toMatch(/uncertain/);
      }),
      RUNS,
    );
  });

  it("any mix of the readings decides between the two decisions (the result brackets AWS)", () => {
    const rank: Record<Decision, number> = { ExplicitlyDenied: 0, ImplicitlyDenied: 1, Allowed: 2 };
    let mixedInside = 0;
    fc.assert(
      fc.property(
        specArb,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 24 }),
        (spec, picks) => {
          const result = decided(evaluate(requestOf(spec, undefined)));
          mixedChoices = picks;
          mixedNext = 0;
          const mixed = decisionOf(requestOf(spec, "mixed"));
          expect(mixed.uncertain).toBeUndefined();
          const low = rank[result.decision];
          const high = rank[result.otherDecision ?? result.decision];
          expect(rank[mixed.decision]).toBeGreaterThanOrEqual(low);
          expect(rank[mixed.decision]).toBeLessThanOrEqual(high);
          if (
            result.uncertain &&
            mixed.decision !== result.decision &&
            mixed.decision !== result.otherDecision
          )
            mixedInside++;
        },
      ),
      RUNS,
    );
    // Some mixes land strictly between the two (ExplicitlyDenied / ImplicitlyDenied / Allowed).
    expect(mixedInside).toBeGreaterThan(0);
  });

  it("policies without reading points are never uncertain", () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        expect(decided(evaluate(requestOf(spec, "failSafe"))).uncertain).toBeUndefined();
      }),
      RUNS,
    );
  });
});

describe("each reading point, named with its source", () => {
  const allowAll = { Effect: "Allow", Action: "*", Resource: "*" };
  const cases: {
    name: string;
    code: string;
    policies: PolicySet;
    context?: Doc;
    principal?: string;
    decision: Decision;
    other: Decision;
  }[] = [
    {
      name: "ForAnyValue:…IfExists on a missing key, Allow (DIFFERENCES.md group 18)",
      code: "FOR_ANY_VALUE_IF_EXISTS_ABSENT",
      policies: {
        identity: [
          doc([
            {
              ...allowAll,
              Condition: { "ForAnyValue:StringLikeIfExists": { "aws:TagKeys": "a*" } },
            },
          ]),
        ],
      },
      decision: "ImplicitlyDenied",
      other: "Allowed",
    },
    {
      name: "a condition value that does not parse, Deny (group 4)",
      code: "CONDITION_VALUE_UNREADABLE",
      policies: {
        identity: [
          doc([
            allowAll,
            {
              ...allowAll,
              Effect: "Deny",
              Condition: { NumericLessThan: { "test:Count": "abc" } },
            },
          ]),
        ],
      },
      context: { "test:Count": "3" },
      decision: "ExplicitlyDenied",
      other: "Allowed",
    },
    {
      name: "an unresolved variable in NotResource, Allow (group 17)",
      code: "NOT_RESOURCE_UNRESOLVED_VARIABLE",
      policies: {
        identity: [
          doc([
            {
              Effect: "Allow",
              Action: "*",
              NotResource: ["arn:aws:s3:::${aws:SourceAccount}/win"],
            },
          ]),
        ],
      },
      decision: "ImplicitlyDenied",
      other: "Allowed",
    },
    {
      name: "an unresolved variable in NotResource, Deny (group 9)",
      code: "NOT_RESOURCE_UNRESOLVED_VARIABLE",
      policies: {
        identity: [
          doc([
            allowAll,
            { Effect: "Deny", Action: "*", NotResource: ["arn:aws:s3:::${aws:username}/*"] },
          ]),
        ],
      },
      decision: "ExplicitlyDenied",
      other: "Allowed",
    },
    {
      name: "an empty NotResource (group 17)",
      code: "EMPTY_NOT_ELEMENT",
      policies: { identity: [doc([{ Effect: "Allow", Action: "*", NotResource: [] }])] },
      decision: "ImplicitlyDenied",
      other: "Allowed",
    },
    {
      name: 'a bare "*" grant and a boundary that does not allow (group 20)',
      code: "WILDCARD_GRANT_UNDER_LIMITS",
      policies: {
        identity: [],
        boundary: [doc([{ Effect: "Allow", Action: "ec2:*", Resource: "*" }])],
        resource: [
          doc([{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }]),
        ],
      },
      decision: "ImplicitlyDenied",
      other: "Allowed",
    },
    {
      name: "a Deny + NotPrincipal that lists only the caller's account (group 14)",
      code: "NOT_PRINCIPAL_ACCOUNT_ONLY",
      policies: {
        identity: [doc([allowAll])],
        resource: [
          doc([
            {
              Effect: "Deny",
              NotPrincipal: { AWS: `arn:aws:iam::${A}:root` },
              Action: "*",
              Resource: "*",
            },
          ]),
        ],
      },
      principal: `arn:aws:iam::${A}:user/alice`,
      decision: "ExplicitlyDenied",
      other: "Allowed",
    },
    {
      name: "a Deny naming principals, in a request without a principal",
      code: "REQUEST_WITHOUT_PRINCIPAL",
      policies: {
        identity: [doc([allowAll])],
        resource: [doc([{ Effect: "Deny", Principal: { AWS: ROLE }, Action: "*", Resource: "*" }])],
      },
      principal: "",
      decision: "ExplicitlyDenied",
      other: "Allowed",
    },
  ];
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const request: EvaluationRequest = {
      ...(c.principal !== "" && { principal: c.principal ?? SESSION }),
      action: "s3:GetObject",
      resource: OBJECT,
      ...(c.context !== undefined && { context: c.context as EvaluationRequest["context"] }),
      policies: c.policies,
    };
    const result = decided(evaluate(request, { explain: true }));
    expect(result.decision).toBe(c.decision);
    expect(result.uncertain).toBe(true);
    expect(result.otherDecision).toBe(c.other);
    expect(result.readings!.map((r) => r.code)).toContain(c.code);
    const reading = result.readings!.find((r) => r.code === c.code)!;
    expect(reading.source).toMatch(/^docs\/uncertain-readings\.md#/);
    expect(reading.reading.length).toBeGreaterThan(0);
    expect(reading.otherReading.length).toBeGreaterThan(0);
    expect(result.explain!.summary).toContain(`(uncertain: ${c.other} under the other reading of `);
    expect(result.explain!.summary).toContain(c.code);
  });

  it("a reading point that does not change the decision leaves the result as it was", () => {
    const request: EvaluationRequest = {
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: {
        identity: [
          doc([
            { Effect: "Allow", Action: "*", Resource: "*" },
            {
              Effect: "Allow",
              Action: "*",
              Resource: "*",
              Condition: { "ForAnyValue:StringLikeIfExists": { "aws:TagKeys": "a*" } },
            },
          ]),
        ],
      },
    };
    const result = decided(evaluate(request));
    expect(result.decision).toBe("Allowed");
    expect(result.uncertain).toBeUndefined();
    expect(Object.keys(result).sort()).toEqual(["decidedBy", "decision", "notes"]);
  });
});
