// The explaining matcher and the fast matcher must agree on every policy type, not only on identity
// policies: random policy sets with every layer (identity, resource with principals, boundary,
// session, SCP and RCP levels), random callers (same and other account, users, role sessions,
// services), decided with and without `explain`, through evaluate() and compile().
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../src/evaluation/index.js";
import type { EvaluationResult, JsonValue, PolicySet } from "../src/types.js";

const ACTIONS = ["s3:GetObject", "s3:PutObject", "kms:Decrypt", "sts:AssumeRole", "iam:PassRole"];
const RESOURCES = [
  "arn:aws:s3:::bucket/key",
  "arn:aws:kms:us-east-1:111122223333:key/k1",
  "arn:aws:iam::111122223333:role/App",
  "arn:aws:iam::444455556666:role/Other",
];
const PRINCIPALS = [
  "arn:aws:iam::111122223333:user/alice",
  "arn:aws:iam::444455556666:user/bob",
  "arn:aws:sts::111122223333:assumed-role/App/session",
  "arn:aws:iam::111122223333:role/aws-service-role/ec2.amazonaws.com/AWSServiceRoleForEC2",
  "arn:aws:iam::111122223333:root",
  "ec2.amazonaws.com",
];

const actionPattern = fc.constantFrom(...ACTIONS, "s3:*", "*", "kms:De*", "sts:Assume?ole");
const resourcePattern = fc.constantFrom(
  ...RESOURCES,
  "*",
  "arn:aws:s3:::bucket/*",
  "arn:aws:iam::*:role/*",
  "arn:aws:kms:*:${aws:PrincipalAccount}:key/*",
);
const principalElement = fc.constantFrom<JsonValue>(
  "*",
  { AWS: "111122223333" },
  { AWS: "arn:aws:iam::444455556666:root" },
  {
    AWS: [
      "arn:aws:iam::111122223333:user/alice",
      "arn:aws:sts::111122223333:assumed-role/App/session",
    ],
  },
  { AWS: "arn:aws:iam::111122223333:role/App" },
  { Service: "ec2.amazonaws.com" },
);
const condition = fc.option(
  fc.constantFrom<JsonValue>(
    { StringEquals: { "aws:PrincipalAccount": "111122223333" } },
    { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/*" } },
    { Bool: { "aws:SecureTransport": "true" } },
    { StringEqualsIfExists: { "aws:ResourceTag/team": "blue" } },
    { "ForAnyValue:StringEquals": { "aws:TagKeys": ["team"] } },
    { Null: { "aws:SourceIp": "false" } },
  ),
  { nil: undefined },
);

function statement(withPrincipal: boolean, effects: readonly ("Allow" | "Deny")[]) {
  return fc
    .record({
      effect: fc.constantFrom(...effects),
      notAction: fc.boolean(),
      actions: fc.array(actionPattern, { minLength: 1, maxLength: 2 }),
      notResource: fc.boolean(),
      resources: fc.array(resourcePattern, { minLength: 1, maxLength: 2 }),
      principal: principalElement,
      notPrincipal: fc.boolean(),
      condition,
    })
    .map((s) => ({
      Effect: s.effect,
      [s.notAction ? "NotAction" : "Action"]: s.actions,
      [s.notResource ? "NotResource" : "Resource"]: s.resources,
      // NotPrincipal is allowed only with Deny.
      ...(withPrincipal
        ? { [s.notPrincipal && s.effect === "Deny" ? "NotPrincipal" : "Principal"]: s.principal }
        : {}),
      ...(s.condition !== undefined ? { Condition: s.condition } : {}),
    }));
}
const document = (
  withPrincipal: boolean,
  effects: readonly ("Allow" | "Deny")[] = ["Allow", "Allow", "Deny"],
) =>
  fc
    .array(statement(withPrincipal, effects), { minLength: 1, maxLength: 3 })
    .map((Statement) => ({ Version: "2012-10-17", Statement }));

const some = <T>(arb: fc.Arbitrary<T>, max: number) =>
  fc.option(fc.array(arb, { maxLength: max }), { nil: undefined });
const policySet: fc.Arbitrary<PolicySet> = fc
  .record({
    identity: some(document(false), 2),
    resource: some(document(true), 2),
    boundary: some(document(false), 1),
    session: some(document(false), 1),
    scp: some(fc.array(document(false), { minLength: 1, maxLength: 2 }), 2),
    rcp: some(
      fc.array(document(true, ["Allow", "Deny", "Deny"]), { minLength: 1, maxLength: 2 }),
      2,
    ),
  })
  .map(
    (set) =>
      Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) as PolicySet,
  );

const request = fc.record({
  principal: fc.constantFrom(...PRINCIPALS),
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  context: fc.record(
    { "aws:SecureTransport": fc.boolean(), "aws:ResourceTag/team": fc.constantFrom("blue", "red") },
    { requiredKeys: [] },
  ),
});

/** What a decision is, whatever is explained: everything but the explanation itself. */
function verdict(result: EvaluationResult) {
  const { explain: _explain, ...rest } = result;
  return rest;
}

describe("the explaining matcher agrees with the fast one on every policy type", () => {
  it("same decision, deciding statements, notes and uncertainty, with and without explain", () => {
    fc.assert(
      fc.property(policySet, request, (policies, req) => {
        const plain = evaluate({ ...req, policies });
        const explained = evaluate({ ...req, policies }, { explain: true });
        if ("error" in plain || "error" in explained) {
          // A generated policy the grammar rejects must be rejected the same way by both.
          expect(explained).toEqual(plain);
          return;
        }
        expect(verdict(explained)).toEqual(verdict(plain));
        expect(explained.explain).toBeDefined();
        // Every deciding statement is one the explanation says applies.
        for (const d of plain.decidedBy) {
          const policy = explained.explain!.policies.find(
            (p) =>
              p.policyType === d.policyType &&
              p.policyIndex === d.policyIndex &&
              p.level === d.level,
          );
          const described = policy?.statements.find((s) => s.statementIndex === d.statementIndex);
          expect(described?.applies).toBe(true);
        }
        const engine = compile(policies);
        expect(engine.evaluate(req)).toEqual(plain);
        expect(engine.evaluate(req, { explain: true })).toEqual(explained);
      }),
      { numRuns: 400 },
    );
  });
});
