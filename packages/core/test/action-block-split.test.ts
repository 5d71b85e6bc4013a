// Long Action and NotAction blocks are split by service on first use (compiled-policy.ts
// actionPatternsFor): a statement then tests only the patterns that can match an action of the
// request's service. Whether a block matches must be what testing every pattern gives
// (docs/evaluation-rules.md §2: case-insensitive, `*` and `?` anywhere, the prefix included).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../src/evaluation/compiled-policy.js";
import { statementMatchesAction } from "../src/evaluation/match-statement.js";
import { matchAction, parsePolicy } from "../src/index.js";

const PATTERNS = [
  "s3:GetObject",
  "S3:get*",
  "s3:*",
  "s3*:*",
  "?3:List*",
  "ec2:Describe*",
  "EC2:RunInstances",
  "*",
  "*:List*",
  "iam:*User*",
  "iam:PassRole",
  "sts:AssumeRole",
  "kms:*",
  "kms:Decrypt?",
  "logs:Put*",
  "s3",
  "ec2:",
];
const ACTIONS = [
  "s3:GetObject",
  "s3:ListBucket",
  "s3:PutObject",
  "s3express:CreateSession",
  "ec2:DescribeInstances",
  "ec2:RunInstances",
  "iam:CreateUser",
  "iam:PassRole",
  "sts:AssumeRole",
  "kms:Decrypt",
  "kms:DecryptX",
  "logs:PutLogEvents",
  "ssm:ListDocuments",
  "s3",
  "ec2:",
];

describe("action blocks split by service", () => {
  it("match exactly when some pattern matches (Action) or none does (NotAction)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PATTERNS), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.array(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 10 }),
        (patterns, not, actions) => {
          const parsed = parsePolicy({
            Version: "2012-10-17",
            Statement: [
              { Effect: "Allow", [not ? "NotAction" : "Action"]: patterns, Resource: "*" },
            ],
          });
          if (!parsed.ok) return;
          const statement = compilePolicy(parsed.policy, "identity").statements[0]!;
          for (const action of actions) {
            const lower = action.toLowerCase();
            const colon = lower.indexOf(":");
            const service = colon === -1 ? lower : lower.slice(0, colon);
            const any = patterns.some((p) => matchAction(p, action));
            expect(statementMatchesAction(statement, lower, service), `${action}`).toBe(
              not ? !any : any,
            );
          }
        },
      ),
      { numRuns: 500, seed: 18 },
    );
  });
});
