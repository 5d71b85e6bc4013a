// The first evaluation rules: Allow/Deny, Action and Resource matching, StringEquals.
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/evaluation/index.js";
import { ALICE, allow, decided, decisionOf, deny, policy } from "./helpers.js";

describe("evaluate: allow and deny (docs/evaluation-rules.md §7.2)", () => {
  it("is implicitly denied when nothing allows", () => {
    expect(decisionOf({ action: "s3:GetObject", policies: { identity: [] } })).toBe(
      "ImplicitlyDenied",
    );
  });

  it("is allowed by a matching Allow", () => {
    const result = decided(
      evaluate({
        principal: ALICE,
        action: "s3:GetObject",
        policies: { identity: [policy(allow())] },
      }),
    );
    expect(result.decision).toBe("Allowed");
    expect(result.decidedBy).toEqual([
      { policyType: "identity", policyIndex: 0, statementIndex: 0, effect: "Allow" },
    ]);
  });

  it("lets an explicit Deny win over an Allow (docs/evaluation-rules.md §7.2 step 1)", () => {
    const result = decided(
      evaluate({
        action: "s3:GetObject",
        policies: { identity: [policy(allow()), policy(deny())] },
      }),
    );
    expect(result.decision).toBe("ExplicitlyDenied");
    expect(result.decidedBy).toEqual([
      { policyType: "identity", policyIndex: 1, statementIndex: 0, effect: "Deny" },
    ]);
  });

  it("echoes the request id", () => {
    expect(evaluate({ id: "r1", action: "s3:GetObject", policies: {} })).toMatchObject({
      id: "r1",
      decision: "ImplicitlyDenied",
    });
  });

  it("gives the deciding statement's line when the policy came as text", () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "*", "Resource": "*"}\n  ]\n}';
    const result = decided(evaluate({ action: "s3:GetObject", policies: { identity: [text] } }));
    expect(result.decidedBy[0]).toMatchObject({ line: 4, column: 5 });
  });

  it("returns an error, not a decision, for an invalid policy", () => {
    const outcome = evaluate({
      id: 7,
      action: "s3:GetObject",
      policies: {
        identity: ['{"Statement": {"Effect": "allow", "Action": "*", "Resource": "*"}}'],
      },
    });
    expect(outcome).toMatchObject({
      id: 7,
      error: {
        code: "INVALID_EFFECT",
        policyType: "identity",
        policyIndex: 0,
        path: "$.Statement.Effect",
        line: 1,
        column: 26,
      },
    });
  });
});

describe("evaluate: Action (docs/evaluation-rules.md §2)", () => {
  const table: [string, string, string][] = [
    ["s3:GetObject", "s3:GetObject", "Allowed"],
    ["s3:GetObject", "S3:getobject", "Allowed"],
    ["IAM:ListAccessKeys", "iam:listaccesskeys", "Allowed"],
    ["s3:Get*", "s3:GetObjectAcl", "Allowed"],
    ["s3:Get*", "s3:PutObject", "ImplicitlyDenied"],
    ["iam:*AccessKey*", "iam:ListAccessKeys", "Allowed"],
    ["s3:GetObjec?", "s3:GetObject", "Allowed"],
    ["s3:GetObjec?", "s3:GetObjects", "ImplicitlyDenied"],
    ["s3:Get", "s3:GetObject", "ImplicitlyDenied"],
    ["*", "anything:AtAll", "Allowed"],
    ["ec2:*", "ec2-instance-connect:SendSSHPublicKey", "ImplicitlyDenied"],
  ];
  it.each(table)("Action %j vs %j -> %s", (pattern, action, expected) => {
    expect(
      decisionOf({ action, policies: { identity: [policy(allow({ Action: pattern }))] } }),
    ).toBe(expected);
  });

  it("NotAction with Allow grants every other action, still limited by Resource (docs/evaluation-rules.md §2)", () => {
    const p = policy({ Effect: "Allow", NotAction: "s3:DeleteBucket", Resource: "arn:aws:s3:::*" });
    expect(
      decisionOf({
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        policies: { identity: [p] },
      }),
    ).toBe("Allowed");
    expect(
      decisionOf({
        action: "s3:DeleteBucket",
        resource: "arn:aws:s3:::b",
        policies: { identity: [p] },
      }),
    ).toBe("ImplicitlyDenied");
    expect(
      decisionOf({ action: "s3:ListAllMyBuckets", resource: "*", policies: { identity: [p] } }),
    ).toBe("ImplicitlyDenied");
  });
});

describe("evaluate: Resource (docs/evaluation-rules.md §3.2)", () => {
  const table: [string, string, boolean][] = [
    ["*", "*", true],
    ["*", "arn:aws:s3:::bucket", true],
    ["arn:aws:s3:::bucket/*/test/*", "arn:aws:s3:::bucket/1/2/test/3/object.jpg", true],
    ["arn:aws:s3:::bucket/*/test/*", "arn:aws:s3:::bucket/1///test///object.jpg", true],
    ["arn:aws:s3:::bucket/*/test/*", "arn:aws:s3:::bucket//test/object.jpg", true],
    ["arn:aws:s3:::bucket/*/test/*", "arn:aws:s3:::bucket/1/test/", true],
    ["arn:aws:s3:::bucket/*/test/*", "arn:aws:s3:::bucket/1-test/object.jpg", false],
    ["arn:aws:s3:::bucket/*/test/*", "arn:aws:s3:::bucket/test/object.jpg", false],
    ["arn:aws:s3:::bucket/*/test/*", "arn:aws:s3:::bucket/1/2/test.jpg", false],
    ["arn:aws:iam::111122223333:user/Alice", "arn:aws:iam::111122223333:user/alice", false],
    ["arn:aws:sqs:*", "arn:aws:sqs:us-east-2:111122223333:queue1", true],
    ["arn:aws:logs:*:*:*", "arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s", true],
    ["arn:aws:ec2:*::image/*", "arn:aws:ec2:us-east-1::image/ami-1", true],
    ["arn:aws:ec2:*::image/*", "arn:aws:ec2:us-east-1:111122223333:image/ami-1", false],
    ["arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true],
    ["arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:volume/v-1", false],
    ["arn:aws:s3:::b", "*", false],
    ["arn:aws:ec2:us-east-?:*:instance/*", "arn:aws:ec2:us-east-1:1:instance/i", true],
    ["arn:aws:ec2:us-*", "arn:aws:ec2:us-east-1:1:instance/i", true],
    ["arn:aws:ec2:us", "arn:aws:ec2:us-east-1:1:instance/i", false],
  ];
  it.each(table)("Resource %j vs %j -> %s", (pattern, resource, expected) => {
    expect(
      decisionOf({
        action: "s3:GetObject",
        resource,
        policies: { identity: [policy(allow({ Resource: pattern }))] },
      }),
    ).toBe(expected ? "Allowed" : "ImplicitlyDenied");
  });
});

describe("evaluate: StringEquals (docs/evaluation-rules.md §5.4)", () => {
  const p = policy(
    allow({
      Condition: {
        StringEquals: { "aws:RequestTag/CreatedBy": ["EC2 Image Builder", "EC2 Fast Launch"] },
      },
    }),
  );
  it.each([
    [{ "aws:RequestTag/CreatedBy": "EC2 Image Builder" }, "Allowed"],
    [{ "aws:RequestTag/CreatedBy": "EC2 Fast Launch" }, "Allowed"],
    [{ "AWS:requesttag/createdby": "EC2 Fast Launch" }, "Allowed"],
    [{ "aws:RequestTag/CreatedBy": "ec2 image builder" }, "ImplicitlyDenied"],
    [{ "aws:RequestTag/CreatedBy": "EC2 Image Builder*" }, "ImplicitlyDenied"],
    [{}, "ImplicitlyDenied"],
  ])("context %j -> %s", (context, expected) => {
    expect(decisionOf({ action: "ec2:RunInstances", context, policies: { identity: [p] } })).toBe(
      expected,
    );
  });
});
