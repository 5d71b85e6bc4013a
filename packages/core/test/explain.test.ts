// Explanations and formatExplanation: what decided, per statement and condition, and nearest statements.
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/evaluation/index.js";
import { describeRequirement, formatExplanation } from "../src/explain/index.js";
import { parsePolicy } from "../src/policy/index.js";
import { allow, decided, deny, policy } from "./helpers.js";

describe("formatExplanation", () => {
  it("renders an error as one line with its location", () => {
    const outcome = evaluate({
      id: "r",
      action: "s3:GetObject",
      policies: { identity: ['{\n "Statement": 1\n}'] },
    });
    expect(formatExplanation(outcome)).toBe(
      "Error [r]: identity policy #0: A statement must be an object, not a number (line 2, column 15, $.Statement)",
    );
  });

  it("renders the decision, the deciding statement and notes", () => {
    const text = formatExplanation(
      evaluate({
        principal: "arn:aws:iam::111122223333:user/a",
        action: "kms:Decrypt",
        resource: "arn:aws:kms:us-east-1:111122223333:key/k",
        policies: { identity: [{ name: "Keys", document: policy(allow({ Sid: "All" })) }] },
      }),
    );
    // The CLI's words (`iamspec eval`): formatExplanation is its text without colour.
    expect(text).toBe(
      [
        "Allowed",
        "  decided by identity policy Keys: Statement[0] All (Allow)",
        "  note AWS also requires the KMS key policy to allow this request (or to delegate to the account); policies.resource is absent, so only the principal's side was evaluated [KMS_KEY_POLICY_REQUIRED]",
      ].join("\n"),
    );
  });

  it("explains an explicit deny with the statement that denied", () => {
    const result = decided(
      evaluate(
        {
          action: "s3:GetObject",
          policies: { identity: [policy(allow(), deny({ Sid: "NoS3", Action: "s3:*" }))] },
        },
        { explain: true },
      ),
    );
    expect(result.explain?.summary).toBe(
      "Explicitly denied by identity policy #0 Statement[1] (NoS3)",
    );
    expect(result.explain?.policies[0]?.statements.map((s) => s.applies)).toEqual([true, true]);
  });

  it("says which element failed first for statements that do not apply", () => {
    const p = policy(
      allow({ Sid: "Other", Action: "ec2:*" }),
      allow({ Sid: "Bucket", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
      allow({
        Sid: "Tagged",
        Action: "s3:GetObject",
        Condition: { StringEquals: { "aws:ResourceTag/team": "red" } },
      }),
    );
    const result = decided(
      evaluate(
        { action: "s3:GetObject", resource: "arn:aws:s3:::c/k", policies: { identity: [p] } },
        { explain: true },
      ),
    );
    expect(result.explain?.policies[0]?.statements.map((s) => s.firstFailure)).toEqual([
      "action s3:GetObject is not in Action",
      'resource arn:aws:s3:::c/k matches none of Resource "arn:aws:s3:::b/*"',
      "condition StringEquals aws:ResourceTag/team did not match: aws:ResourceTag/team is absent from the request",
    ]);
    expect(result.explain?.suggestions?.map((s) => [s.sid, s.missing])).toEqual([
      ["Tagged", ['aws:ResourceTag/team were "red"']],
      ["Bucket", ['the resource matched one of "arn:aws:s3:::b/*"']],
    ]);
  });
});

describe("describeRequirement", () => {
  const requirement = (operator: string, value: unknown) => {
    const parsed = parsePolicy({
      Version: "2012-10-17",
      Statement: {
        Effect: "Allow",
        Action: "*",
        Resource: "*",
        Condition: { [operator]: { "k:k": value } },
      },
    });
    if (!parsed.ok) throw new Error("parse failed");
    return describeRequirement(parsed.policy.statements[0]!.conditions[0]!);
  };
  it.each([
    ["StringEquals", ["a", "b"], 'k:k were one of "a", "b"'],
    ["StringNotEquals", "a", 'k:k were not "a"'],
    ["StringLike", "a*", 'k:k matched "a*"'],
    ["NumericLessThan", 10, "k:k were less than 10"],
    ["DateGreaterThan", "2026-01-01", "k:k were after 2026-01-01"],
    ["Bool", true, "k:k were true"],
    ["Null", "true", "k:k were absent"],
    ["IpAddress", "10.0.0.0/8", "k:k were in 10.0.0.0/8"],
    ["ForAllValues:StringEquals", ["a"], 'every value of k:k were "a"'],
    ["StringEqualsIfExists", "a", 'k:k were "a" (or k:k were absent)'],
  ])("%s %j -> %s", (operator, value, expected) => {
    expect(requirement(operator, value)).toBe(expected);
  });
});
