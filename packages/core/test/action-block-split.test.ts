// Long Action and NotAction blocks are split by service on first use (compiled-policy.ts
// actionPatternsFor): a statement then tests only the patterns that can match an action of the
// request's service. Whether a block matches must be what testing every pattern gives
// (docs/evaluation-rules.md §2: case-insensitive, `*` and `?` anywhere, the prefix included).
// The per-policy cache by action text keeps only the lookups that tested many patterns.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compilePolicy,
  createActionKey,
  statementsForAction,
} from "../src/evaluation/compiled-policy.js";
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

describe("the per-policy cache by action text", () => {
  const compiled = (statements: object[]) => {
    const parsed = parsePolicy({ Version: "2012-10-17", Statement: statements });
    if (!parsed.ok) throw new Error(parsed.diagnostics[0]!.message);
    return compilePolicy(parsed.policy, "identity");
  };
  const scan = (policy: ReturnType<typeof compiled>, actions: readonly string[]) =>
    actions.map((a) => statementsForAction(policy, createActionKey(a), statementMatchesAction));
  const many = Array.from({ length: 3000 }, (_, i) => `svc${i % 30}:Action${i}`);

  it("keeps nothing for a scan of every action through short blocks (what can() makes)", () => {
    const short = compiled([
      { Effect: "Allow", Action: ["svc1:Action1", "svc2:*"], Resource: "*" },
      { Effect: "Allow", NotAction: ["svc3:*"], Resource: "*" },
    ]);
    const lists = scan(short, many);
    expect(short.byAction.size).toBe(0);
    // Both statements: the svc2 actions and svc1:Action1.
    expect(lists.filter((l) => l.length === 2)).toHaveLength(101);
  });

  it("keeps the lookups that tested many patterns, with the same answers", () => {
    const patterns = Array.from({ length: 40 }, (_, i) => `svc1:Action${i * 30 + 1}`);
    const long = compiled([{ Effect: "Allow", Action: patterns, Resource: "*" }]);
    const first = scan(long, many);
    expect(long.byAction.size).toBe(100); // the svc1 actions
    expect(scan(long, many)).toEqual(first);
    expect(first.filter((l) => l.length === 1)).toHaveLength(40);
  });
});
