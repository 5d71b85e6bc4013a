// Whether one statement applies (docs/evaluation-rules.md §0): its action block (§2: Action, or NotAction = none
// of the patterns), its resource block (docs/evaluation-rules.md §3.2, §3.4: Resource, or NotResource = none), its principal
// block (docs/evaluation-rules.md §4) and all its conditions (§5.1: AND). The fast path and the explained path must agree, and
// the explanation must say which element failed first.
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../../src/evaluation/index.js";
import type { EvaluationRequest, StatementExplanation } from "../../src/types.js";
import { allow, decided, deny, policy } from "../helpers.js";
import type { Doc } from "../helpers.js";

const A = "111122223333";
const ALICE = `arn:aws:iam::${A}:user/alice`;
const OBJECT = "arn:aws:s3:::b/k";

/** The decision with and without `explain`, which must be the same. */
function decisionBoth(request: EvaluationRequest): string {
  const fast = decided(evaluate(request)).decision;
  const explained = decided(evaluate(request, { explain: true })).decision;
  expect(explained).toBe(fast);
  return fast;
}

const identityOnly = (statement: Doc, action = "s3:GetObject", resource = OBJECT) =>
  decisionBoth({
    principal: ALICE,
    action,
    resource,
    policies: { identity: [policy(statement)] },
  });

describe("Action and NotAction (docs/evaluation-rules.md §2)", () => {
  it.each([
    [{ Action: ["ec2:*", "s3:Get*"] }, "s3:GetObject", "Allowed"],
    [{ Action: ["ec2:*", "s3:Put*"] }, "s3:GetObject", "ImplicitlyDenied"],
    [{ Action: [] }, "s3:GetObject", "ImplicitlyDenied"],
    [{ Action: "S3:getobject" }, "s3:GetObject", "Allowed"],
    [{ Action: "s3:GetObject" }, "S3:GETOBJECT", "Allowed"],
    [{ Action: "s3:Get?bject" }, "s3:GetObject", "Allowed"],
    [{ Action: "s3:Get?bject" }, "s3:GetObjects", "ImplicitlyDenied"],
    [{ Action: "s3*:Get*" }, "s3:GetObject", "Allowed"],
    [{ Action: "s?:GetObject" }, "s3:GetObject", "Allowed"],
    [{ Action: "s?:GetObject" }, "sqs:GetObject", "ImplicitlyDenied"],
    [{ Action: "*:GetObject" }, "s3:GetObject", "Allowed"],
    [{ Action: "*:GetObject" }, "s3:PutObject", "ImplicitlyDenied"],
    [{ Action: "s3:*Object*" }, "s3:GetObjectAcl", "Allowed"],
    [{ Action: "s3" }, "s3:GetObject", "ImplicitlyDenied"],
    [{ Action: "s3:" }, "s3:GetObject", "ImplicitlyDenied"],
    [{ NotAction: ["iam:*", "s3:Put*"] }, "s3:GetObject", "Allowed"],
    [{ NotAction: ["iam:*", "s3:Get*"] }, "s3:GetObject", "ImplicitlyDenied"],
    [{ NotAction: "S3:GET*" }, "s3:GetObject", "ImplicitlyDenied"],
    [{ NotAction: "s3:GetObject" }, "s3:GetObjectAcl", "Allowed"],
  ])("Allow %j for %s is %s", (element, action, decision) => {
    expect(identityOnly({ Effect: "Allow", Resource: "*", ...element }, action)).toBe(decision);
  });

  it.each([
    [{ NotAction: "s3:GetObject" }, "s3:PutObject", "ExplicitlyDenied"],
    [{ NotAction: "s3:GetObject" }, "s3:GetObject", "Allowed"],
    [{ Action: "s3:Put*" }, "s3:GetObject", "Allowed"],
    [{ Action: "s3:Get*" }, "s3:GetObject", "ExplicitlyDenied"],
  ])("a Deny with %j next to Allow * for %s is %s", (element, action, decision) => {
    expect(
      decisionBoth({
        principal: ALICE,
        action,
        resource: OBJECT,
        policies: { identity: [policy(allow(), { Effect: "Deny", Resource: "*", ...element })] },
      }),
    ).toBe(decision);
  });
});

describe("Resource and NotResource (docs/evaluation-rules.md §3.2, §3.4)", () => {
  it.each([
    [{ Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"] }, OBJECT, "Allowed"],
    [{ Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::c/*"] }, OBJECT, "ImplicitlyDenied"],
    [{ Resource: [] }, OBJECT, "ImplicitlyDenied"],
    [{ NotResource: ["arn:aws:s3:::a/*", "arn:aws:s3:::c/*"] }, OBJECT, "Allowed"],
    [{ NotResource: ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"] }, OBJECT, "ImplicitlyDenied"],
    // Only the bucket is excluded, not its objects (docs/evaluation-rules.md §3.4, the HRBucket example).
    [{ NotResource: "arn:aws:s3:::b" }, OBJECT, "Allowed"],
    [{ NotResource: "arn:aws:s3:::b" }, "arn:aws:s3:::b", "ImplicitlyDenied"],
  ])("Allow s3:* with %j for %s is %s", (element, resource, decision) => {
    expect(
      identityOnly({ Effect: "Allow", Action: "s3:*", ...element }, "s3:GetObject", resource),
    ).toBe(decision);
  });

  it.each([
    ["arn:aws:s3:::b/k", "ExplicitlyDenied"],
    ["arn:aws:s3:::public/k", "Allowed"],
  ])("a Deny with NotResource public/* denies %s: %s", (resource, decision) => {
    expect(
      decisionBoth({
        principal: ALICE,
        action: "s3:GetObject",
        resource,
        policies: {
          identity: [
            policy(allow(), { Effect: "Deny", Action: "*", NotResource: "arn:aws:s3:::public/*" }),
          ],
        },
      }),
    ).toBe(decision);
  });

  it("a Deny + NotResource affects only its own actions (docs/evaluation-rules.md §3.4)", () => {
    expect(
      decisionBoth({
        principal: ALICE,
        action: "ec2:RunInstances",
        resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
        policies: {
          identity: [
            policy(allow(), {
              Effect: "Deny",
              Action: "s3:*",
              NotResource: "arn:aws:s3:::public/*",
            }),
          ],
        },
      }),
    ).toBe("Allowed");
  });

  it.each([
    [{ "aws:PrincipalTag/team": "b" }, "ExplicitlyDenied", "Allowed"],
    [{ "aws:PrincipalTag/team": "x" }, "ExplicitlyDenied", "Allowed"],
    [{}, "ExplicitlyDenied", "ImplicitlyDenied"],
  ])(
    "NotResource with a variable, context %j: a Deny is %s, an Allow is %s (docs/evaluation-rules.md §6, fail-safe)",
    (context, denyDecision, allowDecision) => {
      const notResource = "arn:aws:s3:::${aws:PrincipalTag/team}/*";
      const request = (statements: Doc[]): EvaluationRequest => ({
        principal: ALICE,
        action: "s3:GetObject",
        resource: OBJECT,
        context,
        policies: { identity: [policy(...statements)] },
      });
      // Deny when the team's bucket is not the requested one (b): team "b" excludes the object.
      const teamIsB =
        "aws:PrincipalTag/team" in context && context["aws:PrincipalTag/team"] === "b";
      expect(
        decisionBoth(request([allow(), { Effect: "Deny", Action: "*", NotResource: notResource }])),
      ).toBe(teamIsB ? "Allowed" : denyDecision);
      expect(
        decisionBoth(request([{ Effect: "Allow", Action: "s3:*", NotResource: notResource }])),
      ).toBe(teamIsB ? "ImplicitlyDenied" : allowDecision);
    },
  );

  it("an entry that excludes the resource wins over an unresolved entry (the statement does not apply)", () => {
    expect(
      decisionBoth({
        principal: ALICE,
        action: "s3:GetObject",
        resource: OBJECT,
        policies: {
          identity: [
            policy(allow(), {
              Effect: "Deny",
              Action: "*",
              NotResource: ["arn:aws:s3:::${aws:PrincipalTag/team}/*", "arn:aws:s3:::b/*"],
            }),
          ],
        },
      }),
    ).toBe("Allowed");
  });
});

describe("all conditions must hold (docs/evaluation-rules.md §5.1)", () => {
  const withConditions = (condition: Doc, context: Record<string, string>) =>
    decisionBoth({
      principal: ALICE,
      action: "s3:GetObject",
      resource: OBJECT,
      context,
      policies: { identity: [policy(allow({ Condition: condition }))] },
    });
  const both: Doc = {
    StringEquals: { "test:a": "1", "test:b": "2" },
    StringLike: { "test:c": "x*" },
  };
  it.each([
    [{ "test:a": "1", "test:b": "2", "test:c": "xy" }, "Allowed"],
    [{ "test:a": "0", "test:b": "2", "test:c": "xy" }, "ImplicitlyDenied"],
    [{ "test:a": "1", "test:b": "0", "test:c": "xy" }, "ImplicitlyDenied"],
    [{ "test:a": "1", "test:b": "2", "test:c": "yx" }, "ImplicitlyDenied"],
    [{ "test:a": "1", "test:b": "2" }, "ImplicitlyDenied"],
  ])("context %j: %s", (context, decision) => {
    expect(withConditions(both, context)).toBe(decision);
  });

  it("a condition that cannot be evaluated makes an Allow not count, even after a true one", () => {
    // ForAnyValue + IfExists on a missing key is undocumented (docs/evaluation-rules.md §5.7): not evaluable.
    const condition = {
      StringEquals: { "test:a": "1" },
      "ForAnyValue:StringEqualsIfExists": { "test:missing": "x" },
    };
    expect(withConditions(condition, { "test:a": "1" })).toBe("ImplicitlyDenied");
    // A false condition decides, whatever the order.
    expect(withConditions(condition, { "test:a": "0" })).toBe("ImplicitlyDenied");
  });
});

describe("the explanation of each element (docs/architecture.md §5.2 (the result), types.ts StatementExplanation)", () => {
  const explainOne = (
    statement: Doc,
    request: Partial<EvaluationRequest> = {},
  ): StatementExplanation => {
    const result = decided(
      evaluate(
        {
          principal: ALICE,
          action: "s3:GetObject",
          resource: OBJECT,
          policies: { identity: [policy(statement)] },
          ...request,
        },
        { explain: true },
      ),
    );
    const policies = result.explain?.policies ?? [];
    const last = policies[policies.length - 1];
    return last!.statements[last!.statements.length - 1]!;
  };

  it("NotAction names the pattern that excluded the action", () => {
    expect(
      explainOne({ Sid: "NA", Effect: "Allow", NotAction: ["iam:*", "s3:Get*"], Resource: "*" }),
    ).toStrictEqual({
      statementIndex: 0,
      sid: "NA",
      effect: "Allow",
      applies: false,
      action: {
        element: "NotAction",
        matched: false,
        value: "s3:GetObject",
        matchedPattern: "s3:Get*",
      },
      resource: { element: "Resource", matched: true, value: OBJECT, matchedPattern: "*" },
      conditions: [],
      firstFailure: 'action s3:GetObject is excluded by NotAction "s3:Get*"',
    });
  });

  it("an action in none of Action's patterns: no pattern", () => {
    const st = explainOne({ Effect: "Allow", Action: ["ec2:*", "iam:*"], Resource: OBJECT });
    expect(st.action).toStrictEqual({ element: "Action", matched: false, value: "s3:GetObject" });
    expect(st.applies).toBe(false);
    expect(st.firstFailure).toBe("action s3:GetObject is not in Action");
  });

  it("NotAction that excludes nothing matches, with no pattern", () => {
    const st = explainOne({ Effect: "Allow", NotAction: "iam:*", Resource: "*" });
    expect(st.action).toStrictEqual({ element: "NotAction", matched: true, value: "s3:GetObject" });
    expect(st.applies).toBe(true);
    expect(st).not.toHaveProperty("firstFailure");
  });

  it("the first Action pattern that matches is named", () => {
    const st = explainOne({ Effect: "Allow", Action: ["ec2:*", "s3:Get*", "s3:*"], Resource: "*" });
    expect(st.action.matchedPattern).toBe("s3:Get*");
  });

  it("NotResource names the pattern that excluded the resource", () => {
    const st = explainOne({
      Effect: "Allow",
      Action: "s3:*",
      NotResource: ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"],
    });
    expect(st.resource).toStrictEqual({
      element: "NotResource",
      matched: false,
      value: OBJECT,
      matchedPattern: "arn:aws:s3:::b/*",
    });
    expect(st.firstFailure).toBe(
      'resource arn:aws:s3:::b/k is excluded by NotResource "arn:aws:s3:::b/*"',
    );
  });

  it("NotResource that excludes nothing matches, with no pattern", () => {
    const st = explainOne({ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::a/*" });
    expect(st.resource).toStrictEqual({ element: "NotResource", matched: true, value: OBJECT });
    expect(st.applies).toBe(true);
  });

  it("a resource in none of Resource's patterns lists them all", () => {
    const st = explainOne({
      Effect: "Allow",
      Action: "s3:*",
      Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::c/*"],
    });
    expect(st.resource).toStrictEqual({ element: "Resource", matched: false, value: OBJECT });
    expect(st.firstFailure).toBe(
      'resource arn:aws:s3:::b/k matches none of Resource "arn:aws:s3:::a/*", "arn:aws:s3:::c/*"',
    );
  });

  it("an unresolved NotResource variable is not a match and says why; the Deny still applies (fail-safe), as the decision counts it", () => {
    const st = explainOne({
      Effect: "Deny",
      Action: "s3:GetObject",
      NotResource: "arn:aws:s3:::${aws:PrincipalTag/x}/*",
    });
    expect(st.resource).toStrictEqual({ element: "NotResource", matched: false, value: OBJECT });
    expect(st.applies).toBe(true);
    expect(st.firstFailure).toBe(
      'cannot be evaluated: NotResource entry "arn:aws:s3:::${aws:PrincipalTag/x}/*" has a policy variable without a value, so what it excludes is unknown',
    );
  });

  it("the same unevaluable statement as an Allow does not apply", () => {
    const st = explainOne({
      Effect: "Allow",
      Action: "s3:GetObject",
      NotResource: "arn:aws:s3:::${aws:PrincipalTag/x}/*",
    });
    expect(st.applies).toBe(false);
    expect(st.firstFailure).toMatch(/^cannot be evaluated: NotResource entry/);
  });

  it("conditions are listed in order with the values compared; the first false one is named", () => {
    const st = explainOne(
      {
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::b/*",
        Condition: {
          IpAddress: { "aws:SourceIp": "10.0.0.0/8" },
          StringEquals: { "aws:username": ["bob", "carol"] },
          StringLike: { "test:absent": "x" },
        },
      },
      { context: { "aws:SourceIp": "10.0.0.1" } },
    );
    expect(st.conditions).toStrictEqual([
      {
        operator: "IpAddress",
        key: "aws:SourceIp",
        policyValues: ["10.0.0.0/8"],
        requestValues: ["10.0.0.1"],
        matched: true,
      },
      {
        operator: "StringEquals",
        key: "aws:username",
        policyValues: ["bob", "carol"],
        requestValues: ["alice"],
        matched: false,
      },
      {
        operator: "StringLike",
        key: "test:absent",
        policyValues: ["x"],
        matched: false,
        reason: "test:absent is absent from the request",
      },
    ]);
    expect(st.applies).toBe(false);
    expect(st.firstFailure).toBe("condition StringEquals aws:username did not match");
  });

  it("a Null condition on an absent key says it is absent", () => {
    const st = explainOne({
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "*",
      Condition: { Null: { "test:absent": "false" } },
    });
    expect(st.conditions[0]?.reason).toBe("test:absent is absent");
    expect(st.firstFailure).toBe("condition Null test:absent did not match: test:absent is absent");
  });

  it("a condition that cannot be evaluated says so in the condition and in firstFailure", () => {
    // The statement is not evaluable because of this condition: firstFailure names it and says why.
    const st = explainOne({
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "*",
      Condition: { "ForAnyValue:StringEqualsIfExists": { "test:absent": "x" } },
    });
    expect(st.applies).toBe(false);
    expect(st.conditions[0]?.matched).toBe(false);
    expect(st.conditions[0]?.reason).toMatch(/^cannot be evaluated: /);
    expect(st.firstFailure).toMatch(
      /^condition ForAnyValue:StringEqualsIfExists test:absent did not match: cannot be evaluated: test:absent is absent/,
    );
  });

  it("a false condition wins over one that cannot be evaluated", () => {
    const st = explainOne(
      {
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "*",
        Condition: {
          "ForAnyValue:StringEqualsIfExists": { "test:absent": "x" },
          StringEquals: { "test:a": "1" },
        },
      },
      { context: { "test:a": "2" } },
    );
    expect(st.applies).toBe(false);
    expect(st.firstFailure).toMatch(/^condition ForAnyValue:StringEqualsIfExists test:absent /);
  });

  const resourcePolicy = (principal: Doc[string], caller?: string) =>
    explainOne(
      { Sid: "R", Effect: "Allow", Principal: principal, Action: "s3:*", Resource: "*" },
      {
        ...(caller !== undefined ? { principal: caller } : { principal: undefined }),
        policies: {
          identity: [policy(allow())],
          resource: [
            policy({
              Sid: "R",
              Effect: "Allow",
              Principal: principal,
              Action: "s3:*",
              Resource: "*",
            }),
          ],
        },
      },
    );

  it.each([
    [{ AWS: ALICE }, ALICE, true, ALICE],
    [{ AWS: `arn:aws:iam::${A}:user/bob` }, ALICE, false, ALICE],
    [
      { Service: "cloudtrail.amazonaws.com" },
      "cloudtrail.amazonaws.com",
      true,
      "cloudtrail.amazonaws.com",
    ],
    ["*", "anonymous", true, "anonymous"],
    [{ AWS: ALICE }, undefined, false, "(none)"],
  ])("Principal %j with caller %s: matched %s, value %s", (principal, caller, matched, value) => {
    const st = resourcePolicy(principal, caller);
    expect(st.principal).toStrictEqual({ element: "Principal", matched, value });
    if (!matched && caller !== undefined)
      expect(st.firstFailure).toBe("the principal is not named in Principal");
  });

  it("NotPrincipal listing the caller says so", () => {
    const st = explainOne(
      { Effect: "Deny", NotPrincipal: { AWS: ALICE }, Action: "s3:*", Resource: "*" },
      {
        policies: {
          identity: [policy(allow())],
          resource: [
            policy({ Effect: "Deny", NotPrincipal: { AWS: ALICE }, Action: "s3:*", Resource: "*" }),
          ],
        },
      },
    );
    expect(st.principal).toStrictEqual({ element: "NotPrincipal", matched: false, value: ALICE });
    expect(st.firstFailure).toBe("the principal is listed in NotPrincipal");
  });
});

describe("compile().evaluate gives the same answers as evaluate (action lists cached per policy)", () => {
  const statements = [
    allow({ Sid: "S3Get", Action: "s3:Get*", Resource: "*" }),
    deny({ Sid: "NoIam", Action: "iam:*" }),
    { Sid: "NotEc2", Effect: "Allow", NotAction: "ec2:*", Resource: "arn:aws:sqs:*" },
    allow({ Sid: "AnyGet", Action: "*:Describe*", Resource: "*" }),
    deny({ Sid: "NoPut", Action: ["s3:Put*", "sqs:Delete*"] }),
  ];
  const policies = { identity: [policy(...statements)] };
  const cases: [string, string, string][] = [
    ["s3:GetObject", OBJECT, "Allowed"],
    ["s3:PutObject", OBJECT, "ExplicitlyDenied"],
    ["iam:CreateUser", "*", "ExplicitlyDenied"],
    ["sqs:SendMessage", `arn:aws:sqs:us-east-1:${A}:q`, "Allowed"],
    ["sqs:DeleteQueue", `arn:aws:sqs:us-east-1:${A}:q`, "ExplicitlyDenied"],
    ["ec2:DescribeInstances", "*", "Allowed"],
    ["ec2:RunInstances", "*", "ImplicitlyDenied"],
    ["sqs:SendMessage", "*", "ImplicitlyDenied"],
    ["S3:GETOBJECT", OBJECT, "Allowed"],
    ["lambda:DescribeThing", "*", "Allowed"],
  ];
  it.each(cases)("%s on %s is %s, each time it is asked", (action, resource, decision) => {
    const engine = compile(policies);
    for (let round = 0; round < 3; round++) {
      // Other actions between the rounds, so cached lists must be told apart by action.
      for (const [other, otherResource, otherDecision] of cases) {
        const outcome = decided(
          engine.evaluate({ principal: ALICE, action: other, resource: otherResource }),
        );
        expect(outcome.decision).toBe(otherDecision);
      }
      const outcome = decided(engine.evaluate({ principal: ALICE, action, resource }));
      expect(outcome.decision).toBe(decision);
      expect(decided(evaluate({ principal: ALICE, action, resource, policies })).decision).toBe(
        decision,
      );
    }
  });

  it("statements are reported in document order across services", () => {
    const engine = compile(policies);
    const result = decided(
      engine.evaluate(
        { principal: ALICE, action: "sqs:DeleteMessage", resource: `arn:aws:sqs:us-east-1:${A}:q` },
        { explain: true },
      ),
    );
    expect(result.decidedBy.map((d) => d.statementIndex)).toEqual([4]);
    expect(result.explain?.policies[0]?.statements.map((s) => [s.sid, s.applies])).toEqual([
      ["S3Get", false],
      ["NoIam", false],
      ["NotEc2", true],
      ["AnyGet", false],
      ["NoPut", true],
    ]);
  });
});

// docs/evaluation-rules.md §7.2 step 4e: a `"Principal": "*"` grant that names the caller by a condition on aws:PrincipalArn is
// not limited by the caller's boundary or session policy. The page's example uses a positive operator;
// negated operators, IfExists and Null are undocumented, so the grant stays limited (fail-safe).
describe('a "*" grant naming the caller by aws:PrincipalArn (docs/evaluation-rules.md §7.2 step 4e)', () => {
  const SESSION = `arn:aws:sts::${A}:assumed-role/Builder/s1`;
  const ROLE = `arn:aws:iam::${A}:role/Builder`;
  const QUEUE = `arn:aws:sqs:us-east-1:${A}:queue`;
  const S3_ONLY = [policy(allow({ Action: "s3:*" }))];
  it.each([
    [{ ArnEquals: { "aws:PrincipalArn": ROLE } }, "Allowed"],
    [{ ArnEquals: { "AWS:PRINCIPALARN": ROLE } }, "Allowed"],
    [{ ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${A}:role/*` } }, "Allowed"],
    [{ StringEquals: { "aws:PrincipalArn": ROLE } }, "Allowed"],
    [{ ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${A}:role/Other` } }, "ImplicitlyDenied"],
    [{ StringNotLike: { "aws:PrincipalArn": `arn:aws:iam::${A}:role/Other` } }, "ImplicitlyDenied"],
    [{ ArnEqualsIfExists: { "aws:PrincipalArn": ROLE } }, "ImplicitlyDenied"],
    [{ Null: { "aws:PrincipalArn": "false" } }, "ImplicitlyDenied"],
    [{ StringEquals: { "aws:PrincipalAccount": A } }, "ImplicitlyDenied"],
    [{}, "ImplicitlyDenied"],
  ])("with %j and a boundary that does not allow: %s", (condition, decision) => {
    expect(
      decisionBoth({
        principal: SESSION,
        action: "sqs:SendMessage",
        resource: QUEUE,
        policies: {
          identity: [],
          boundary: S3_ONLY,
          resource: [policy(allow({ Principal: "*", Condition: condition }))],
        },
      }),
    ).toBe(decision);
  });
});
