// Property tests (issue 3): explicit deny wins; adding an Allow never removes access; adding a Deny
// never adds access; NotAction is the complement of Action; compile(p).evaluate(r) equals evaluate(r);
// explaining never changes the decision.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../src/evaluation/index.js";
import type { ContextValue, EvaluationRequest, JsonValue, PolicySet } from "../src/types.js";

const ACCOUNTS = ["111122223333", "444455556666"];
const actionArb = fc.constantFrom(
  "s3:GetObject",
  "s3:PutObject",
  "ec2:RunInstances",
  "ec2:DescribeImages",
  "iam:PassRole",
  "kms:Decrypt",
  "sqs:SendMessage",
);
const actionPatternArb = fc.oneof(
  actionArb,
  fc.constantFrom("s3:*", "ec2:Describe*", "*", "s3:Get?bject", "EC2:runinstances", "kms:*"),
);
const resourceArb = fc.constantFrom(
  "*",
  "arn:aws:s3:::bucket/key",
  "arn:aws:s3:::other/key",
  "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
  "arn:aws:ec2:us-east-1::image/ami-1",
  "arn:aws:kms:us-east-1:111122223333:key/k",
  "arn:aws:sqs:us-east-1:444455556666:queue",
);
const resourcePatternArb = fc.oneof(
  resourceArb,
  fc.constantFrom(
    "arn:aws:s3:::bucket/*",
    "arn:aws:ec2:*:*:instance/*",
    "arn:aws:ec2:*::image/*",
    "arn:aws:*",
    "arn:aws:sqs:*:${aws:PrincipalAccount}:*",
  ),
);
const keyArb = fc.constantFrom(
  "aws:RequestTag/CreatedBy",
  "aws:ResourceTag/Team",
  "aws:TagKeys",
  "aws:SecureTransport",
  "aws:SourceIp",
  "aws:CurrentTime",
  "s3:max-keys",
);
const operatorArb = fc.constantFrom(
  "StringEquals",
  "StringNotEquals",
  "StringLike",
  "StringNotLikeIfExists",
  "ForAllValues:StringEquals",
  "ForAnyValue:StringLike",
  "Bool",
  "BoolIfExists",
  "IpAddress",
  "NotIpAddress",
  "DateLessThan",
  "NumericGreaterThan",
  "Null",
);
const valueArb = fc.constantFrom<JsonValue>(
  "a",
  "b",
  "EC2 Image Builder",
  "a*",
  "true",
  false,
  "10.0.0.0/8",
  "2026-01-01T00:00:00Z",
  5,
  "${aws:username}",
);
const conditionArb = fc.option(
  fc.dictionary(
    operatorArb,
    fc.dictionary(keyArb, fc.oneof(valueArb, fc.array(valueArb, { maxLength: 3 })), {
      minKeys: 1,
      maxKeys: 2,
    }),
    { minKeys: 1, maxKeys: 2 },
  ),
  { nil: undefined },
);

function statementArb(effect: "Allow" | "Deny") {
  return fc
    .record({
      not: fc.boolean(),
      actions: fc.array(actionPatternArb, { minLength: 1, maxLength: 3 }),
      resources: fc.array(resourcePatternArb, { minLength: 1, maxLength: 3 }),
      notResource: fc.boolean(),
      condition: conditionArb,
    })
    .map(({ not, actions, resources, notResource, condition }) => ({
      Effect: effect,
      [not ? "NotAction" : "Action"]: actions,
      [notResource ? "NotResource" : "Resource"]: resources,
      ...(condition !== undefined ? { Condition: condition } : {}),
    }));
}
const anyStatementArb = fc.oneof(
  statementArb("Allow"),
  statementArb("Allow"),
  statementArb("Deny"),
);
const policyArb = fc
  .array(anyStatementArb, { minLength: 1, maxLength: 4 })
  .map((Statement) => ({ Version: "2012-10-17", Statement }));

const contextValueArb: fc.Arbitrary<ContextValue> = fc.oneof(
  valueArb.filter((v): v is string | number | boolean => v !== null && typeof v !== "object"),
  fc.array(fc.constantFrom("a", "b", "EC2 Image Builder"), { maxLength: 3 }),
  fc.constantFrom("10.1.2.3", "192.0.2.1", "2025-06-01T00:00:00Z", true),
);
const requestArb = fc.record({
  principal: fc.constantFrom(
    ...ACCOUNTS.map((a) => `arn:aws:iam::${a}:user/alice`),
    "arn:aws:sts::111122223333:assumed-role/R/s",
  ),
  action: actionArb,
  resource: resourceArb,
  context: fc.dictionary(keyArb, contextValueArb, { maxKeys: 4 }),
});

const decisionOf = (request: EvaluationRequest) => {
  const outcome = evaluate(request);
  if ("error" in outcome) throw new Error(outcome.error.message);
  return outcome.decision;
};
const RUNS = { numRuns: 300 };

describe("properties of evaluate", () => {
  // docs/evaluation-rules.md §7.2 step 1 and §7.5 (UG/reference_policies_evaluation-logic_policy-eval-denyallow.html).
  it("an applicable explicit Deny always wins", () => {
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 3 }), requestArb, (identity, request) => {
        const denyAll = {
          Version: "2012-10-17",
          Statement: { Effect: "Deny", Action: "*", Resource: "*" },
        };
        expect(decisionOf({ ...request, policies: { identity: [...identity, denyAll] } })).toBe(
          "ExplicitlyDenied",
        );
      }),
      RUNS,
    );
  });

  // docs/evaluation-rules.md §7.2: allows are unioned within a policy type; only a Deny removes access.
  it("adding an Allow statement never removes access", () => {
    fc.assert(
      fc.property(
        fc.array(policyArb, { maxLength: 3 }),
        statementArb("Allow"),
        requestArb,
        (identity, extra, request) => {
          const before = decisionOf({ ...request, policies: { identity } });
          const after = decisionOf({
            ...request,
            policies: { identity: [...identity, { Version: "2012-10-17", Statement: [extra] }] },
          });
          if (before === "Allowed") expect(after).toBe("Allowed");
          if (before === "ExplicitlyDenied") expect(after).toBe("ExplicitlyDenied");
        },
      ),
      RUNS,
    );
  });

  it("adding a Deny statement never adds access", () => {
    fc.assert(
      fc.property(
        fc.array(policyArb, { maxLength: 3 }),
        statementArb("Deny"),
        requestArb,
        (identity, extra, request) => {
          const before = decisionOf({ ...request, policies: { identity } });
          const after = decisionOf({
            ...request,
            policies: { identity: [...identity, { Version: "2012-10-17", Statement: [extra] }] },
          });
          if (before !== "Allowed") expect(after).not.toBe("Allowed");
        },
      ),
      RUNS,
    );
  });

  // docs/evaluation-rules.md §2 (UG/reference_policies_elements_notaction.html): NotAction matches the actions not listed.
  it("NotAction matches exactly the actions Action does not", () => {
    fc.assert(
      fc.property(
        fc.array(actionPatternArb, { minLength: 1, maxLength: 3 }),
        requestArb,
        (patterns, request) => {
          const withAction = decisionOf({
            ...request,
            policies: {
              identity: [
                {
                  Version: "2012-10-17",
                  Statement: { Effect: "Allow", Action: patterns, Resource: "*" },
                },
              ],
            },
          });
          const withNot = decisionOf({
            ...request,
            policies: {
              identity: [
                {
                  Version: "2012-10-17",
                  Statement: { Effect: "Allow", NotAction: patterns, Resource: "*" },
                },
              ],
            },
          });
          expect(withAction === "Allowed").toBe(withNot !== "Allowed");
        },
      ),
      RUNS,
    );
  });

  it("compile(policies).evaluate(request) equals evaluate(request), with and without explanations", () => {
    fc.assert(
      fc.property(
        fc.array(policyArb, { maxLength: 3 }),
        fc.option(fc.array(policyArb, { maxLength: 2 }), { nil: undefined }),
        requestArb,
        (identity, boundary, request) => {
          const policies: PolicySet = { identity, ...(boundary !== undefined ? { boundary } : {}) };
          const engine = compile(policies);
          expect(engine.evaluate(request)).toEqual(evaluate({ ...request, policies }));
          expect(engine.evaluate(request, { explain: true })).toEqual(
            evaluate({ ...request, policies }, { explain: true }),
          );
        },
      ),
      RUNS,
    );
  });

  it("explaining never changes the decision or the deciding statements (the service index is complete)", () => {
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 3 }), requestArb, (identity, request) => {
        const plain = evaluate({ ...request, policies: { identity } });
        const explained = evaluate({ ...request, policies: { identity } }, { explain: true });
        if ("error" in plain || "error" in explained) throw new Error("unexpected error");
        expect(explained.decision).toBe(plain.decision);
        expect(explained.decidedBy).toEqual(plain.decidedBy);
        expect(explained.notes).toEqual(plain.notes);
      }),
      RUNS,
    );
  });
});
