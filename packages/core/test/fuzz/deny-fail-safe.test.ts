// The fail-safe invariant, by property: a Deny whose conditions are all TRUE or "cannot be
// evaluated" (at least one of the latter) denies the request, in whichever layer it sits
// (identity, boundary, session, SCP level, RCP, resource policy); an Allow with such conditions
// never allows. docs/evaluation-rules.md §5 (condition evaluation), §7 (explicit deny wins), issue 3 "Never
// silently skip". Generated from typed operators given a policy value or a request value that does
// not parse for the operator's family, beside conditions that are certainly TRUE.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../../src/index.js";
import type { EvaluationRequest, PolicySet } from "../../src/index.js";
import { decisionOf, isErrorOutcome } from "../hostile/support.js";
import { ACTIONS, FUZZ, runs } from "./arbitraries.js";

interface Spec {
  operator: string;
  policyValue: string | string[];
  /** undefined: the key is absent from the request. */
  requestValue?: string | string[];
}

/** Text that no typed family parses: a leading letter x is neither number, date, IP, boolean nor base-64 ('!'). */
const garbage = fc.string({ maxLength: 10 }).map((s) => `x!${s}`);
const qualifier = fc.constantFrom("", "", "ForAnyValue:", "ForAllValues:");
const ifExists = fc.constantFrom("", "IfExists");

/** Conditions that are TRUE for the request they come with. */
const trueSpec: fc.Arbitrary<Spec> = fc.constantFrom<Spec>(
  { operator: "StringEquals", policyValue: "v", requestValue: "v" },
  { operator: "StringLike", policyValue: ["nope", "va*"], requestValue: "value" },
  { operator: "StringNotEquals", policyValue: "a", requestValue: "b" },
  { operator: "StringEqualsIgnoreCase", policyValue: "VALUE", requestValue: "value" },
  { operator: "NumericLessThan", policyValue: "10", requestValue: "5" },
  { operator: "NumericGreaterThanEquals", policyValue: "5", requestValue: "5.0" },
  {
    operator: "DateGreaterThan",
    policyValue: "2020-01-01T00:00:00Z",
    requestValue: "2026-01-01T00:00:00Z",
  },
  { operator: "Bool", policyValue: "true", requestValue: "true" },
  { operator: "IpAddress", policyValue: "10.0.0.0/8", requestValue: "10.1.2.3" },
  { operator: "NotIpAddress", policyValue: "10.0.0.0/8", requestValue: "192.0.2.1" },
  { operator: "ArnLike", policyValue: "arn:aws:s3:::*", requestValue: "arn:aws:s3:::b" },
  { operator: "Null", policyValue: "true" },
  { operator: "StringEqualsIfExists", policyValue: "x" },
  { operator: "ForAllValues:StringEquals", policyValue: "x" },
  { operator: "ForAnyValue:StringLike", policyValue: "a*", requestValue: ["b", "ab"] },
);

/** Typed operators with a valid policy value and a request value that makes the comparison TRUE. */
const TYPED: { base: string; valid: string; match: string }[] = [
  { base: "NumericEquals", valid: "10", match: "10" },
  { base: "NumericNotEquals", valid: "10", match: "5" },
  { base: "NumericLessThan", valid: "10", match: "5" },
  { base: "NumericLessThanEquals", valid: "10", match: "10.0" },
  { base: "NumericGreaterThan", valid: "10", match: "15" },
  { base: "NumericGreaterThanEquals", valid: "10", match: "15" },
  { base: "DateEquals", valid: "2026-01-01T00:00:00Z", match: "2026-01-01T01:00:00+01:00" },
  { base: "DateNotEquals", valid: "2026-01-01T00:00:00Z", match: "2025-06-01T00:00:00Z" },
  { base: "DateLessThan", valid: "2026-01-01T00:00:00Z", match: "2025-06-01T00:00:00Z" },
  { base: "DateLessThanEquals", valid: "2026-01-01T00:00:00Z", match: "2026-01-01T00:00:00Z" },
  { base: "DateGreaterThan", valid: "2026-01-01T00:00:00Z", match: "2027-01-01T00:00:00Z" },
  { base: "DateGreaterThanEquals", valid: "2026-01-01T00:00:00Z", match: "2027-01-01T00:00:00Z" },
  { base: "IpAddress", valid: "10.0.0.0/8", match: "10.0.0.1" },
  { base: "NotIpAddress", valid: "10.0.0.0/8", match: "192.0.2.1" },
  { base: "Bool", valid: "true", match: "true" },
  { base: "BinaryEquals", valid: "aGVsbG8=", match: "aGVsbG8=" },
];

/**
 * Conditions that cannot be evaluated: a typed operator with a policy or request value that does
 * not parse. With a set qualifier the request may be a list of a matching value and the bad one:
 * then nothing in the condition is certainly FALSE, so it is TRUE or UNKNOWN, never FALSE.
 */
const unknownSpec: fc.Arbitrary<Spec> = fc
  .tuple(fc.constantFrom(...TYPED), qualifier, ifExists, fc.boolean(), garbage, fc.boolean())
  .map(([typed, q, suffix, policySide, bad, asList]) => {
    const operator = q + typed.base + suffix;
    const policyValue = policySide ? bad : typed.valid;
    const requestValue = policySide ? typed.match : bad;
    return {
      operator,
      policyValue,
      requestValue: asList && q !== "" ? [typed.match, requestValue] : requestValue,
    };
  });

type Layer = "identity" | "boundary" | "session" | "scp" | "rcp" | "resource";
const LAYERS: Layer[] = ["identity", "boundary", "session", "scp", "rcp", "resource"];
const NEEDS_PRINCIPAL: Layer[] = ["rcp", "resource"];

function statement(
  effect: "Allow" | "Deny",
  layer: Layer,
  action: string,
  specs: readonly Spec[],
): Record<string, unknown> {
  const condition: Record<string, Record<string, unknown>> = {};
  specs.forEach((spec, i) => {
    (condition[spec.operator] ??= {})[`aws:RequestTag/k${i}`] = spec.policyValue;
  });
  return {
    Effect: effect,
    ...(NEEDS_PRINCIPAL.includes(layer) ? { Principal: "*" } : {}),
    Action: action,
    Resource: "*",
    ...(specs.length > 0 ? { Condition: condition } : {}),
  };
}

function contextOf(specs: readonly Spec[]): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  specs.forEach((spec, i) => {
    if (spec.requestValue !== undefined) context[`aws:RequestTag/k${i}`] = spec.requestValue;
  });
  return context;
}

function policyFor(...statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** Every layer allows everything; `layer` also holds the statement under test. */
function policySet(layer: Layer, extra: object): PolicySet {
  const set: Record<string, unknown> = {};
  for (const l of LAYERS) {
    const allowAll = statement("Allow", l, "*", []);
    set[l] = l === layer ? [policyFor(allowAll, extra)] : [policyFor(allowAll)];
  }
  // SCPs as levels, the statement in the lower level: each level must allow, any may deny.
  if (layer === "scp") set.scp = [[policyFor(statement("Allow", "scp", "*", []))], set.scp];
  return set as PolicySet;
}

// A role session: every layer binds it, session policies included (they bind only sessions, docs/evaluation-rules.md §7.1).
const request = {
  principal: "arn:aws:sts::111122223333:assumed-role/Dev/s1",
  resource: "arn:aws:s3:::bucket/key",
};
const actionPattern = (action: string) =>
  fc.constantFrom("*", action, `${action.split(":")[0]}:*`, action.replace(/[aeiou]/g, "?"));

function allWays(full: EvaluationRequest): string[] {
  const { policies, ...rest } = full;
  return [
    decisionOf(evaluate(full)),
    decisionOf(evaluate(full, { explain: true })),
    decisionOf(compile(policies).evaluate(rest)),
  ];
}

// Properties run hundreds of cases; the timeout guards a loaded shared machine, it is not a target.
describe(
  "a Deny that cannot be fully evaluated still denies, in every layer",
  { timeout: 30_000 },
  () => {
    it("TRUE and unevaluable conditions together: ExplicitlyDenied or an error, never Allowed", () => {
      fc.assert(
        fc.property(
          fc
            .constantFrom(...ACTIONS)
            .chain((action) => fc.tuple(fc.constant(action), actionPattern(action))),
          fc.constantFrom(...LAYERS),
          fc.array(trueSpec, { maxLength: 2 }),
          fc.array(unknownSpec, { minLength: 1, maxLength: 2 }),
          ([action, pattern], layer, trues, unknowns) => {
            const specs = [...trues, ...unknowns];
            const full = {
              ...request,
              action,
              context: contextOf(specs),
              policies: policySet(layer, statement("Deny", layer, pattern, specs)),
            };
            for (const decision of allWays(full))
              expect(["ExplicitlyDenied", "error"]).toContain(decision);
          },
        ),
        { ...FUZZ, numRuns: runs(400) },
      );
    });

    it("the generator is sound: with only TRUE conditions the same Deny denies, and without it all is Allowed", () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...ACTIONS),
          fc.constantFrom(...LAYERS),
          fc.array(trueSpec, { maxLength: 3 }),
          (action, layer, trues) => {
            const specs = trues;
            const withDeny = {
              ...request,
              action,
              context: contextOf(specs),
              policies: policySet(layer, statement("Deny", layer, action, specs)),
            };
            expect(allWays(withDeny)).toEqual([
              "ExplicitlyDenied",
              "ExplicitlyDenied",
              "ExplicitlyDenied",
            ]);
            const harmless = statement("Deny", layer, "none:Nothing", specs);
            const without = {
              ...request,
              action,
              context: contextOf(specs),
              policies: policySet(layer, harmless),
            };
            expect(allWays(without)).toEqual(["Allowed", "Allowed", "Allowed"]);
          },
        ),
        FUZZ,
      );
    });
  },
);

// Properties run hundreds of cases; the timeout guards a loaded shared machine, it is not a target.
describe("an Allow that cannot be fully evaluated never allows", { timeout: 30_000 }, () => {
  it("the only identity Allow has an unevaluable condition: not Allowed", () => {
    // ForAnyValue over [matching, bad] is TRUE (one match suffices), so it is not "unknown" here.
    const reallyUnknown = unknownSpec.filter(
      (s) => !(s.operator.startsWith("ForAnyValue:") && Array.isArray(s.requestValue)),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...ACTIONS),
        fc.array(trueSpec, { maxLength: 2 }),
        fc.array(reallyUnknown, { minLength: 1, maxLength: 2 }),
        (action, trues, unknowns) => {
          const specs = [...trues, ...unknowns];
          const full: EvaluationRequest = {
            ...request,
            action,
            context: contextOf(specs),
            policies: { identity: [policyFor(statement("Allow", "identity", action, specs))] },
          };
          for (const decision of allWays(full)) expect(decision).not.toBe("Allowed");
          const outcome = evaluate(full);
          if (!isErrorOutcome(outcome))
            expect(outcome.notes?.map((n) => n.code)).toContain("STATEMENT_NOT_EVALUABLE");
        },
      ),
      FUZZ,
    );
  });
});
