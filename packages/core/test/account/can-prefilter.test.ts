// `can` skips the actions no Allow statement can match (src/account/grant-prefilter.ts). These
// tests show the skip changes no answer: the result equals evaluating every action, on the
// fixture account with the real IAM service data and AWS managed policies (differential), and on
// random accounts over a small service data (property).
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createServiceData, evaluate, loadAccount, requestFor } from "../../src/index.js";
import type {
  Account,
  AccountPrincipal,
  IamServiceData,
  ManagedPolicyLoader,
  PolicyDocument,
} from "../../src/index.js";
import { canEntries, ownPrincipals, planOf } from "../../src/account/can.js";
import { CORPUS, hasCorpus, hasData, readGeneratedServiceData } from "../validate/corpus-data.js";
import { A, arn, fixtureAccount, userWith } from "./fixture-account.js";
import { smallServiceData } from "./small-service-data.js";

/** Every principal of the account: prefiltered and brute-force answers are the same. */
function expectSameAnswers(
  account: Account,
  serviceData: IamServiceData,
  resources: readonly string[],
  principals: readonly AccountPrincipal[] = ownPrincipals(account),
  context?: Record<string, string | string[]>,
): number {
  let compared = 0;
  for (const resource of resources) {
    const query = { serviceData, resource, ...(context && { context }) };
    const plan = planOf(query);
    for (const principal of principals) {
      const fast = canEntries(account, principal, plan, query);
      const brute = canEntries(account, principal, plan, query, true);
      expect(fast, `${principal.arn} on ${resource}`).toEqual(brute);
      compared += brute.length;
    }
  }
  return compared;
}

/** The bundled corpus as the loader: every AWS managed policy, by ARN. */
const corpusLoader: ManagedPolicyLoader = {
  load(policyArn) {
    const name = policyArn.slice(policyArn.lastIndexOf("/") + 1);
    try {
      const file = JSON.parse(readFileSync(`${CORPUS}/${name}.json`, "utf8")) as {
        document: PolicyDocument;
      };
      return file.document;
    } catch {
      return undefined;
    }
  },
};

const managed = (name: string) => ({
  PolicyName: name,
  PolicyArn: `arn:aws:iam::aws:policy/${name}`,
});

/** Principals that reach every branch of the prefilter. */
const extraUsers = [
  // The real ReadOnlyAccess: statements of thousands of actions (split by service).
  {
    UserName: "reader",
    Arn: `arn:aws:iam::${A}:user/reader`,
    AttachedManagedPolicies: [managed("ReadOnlyAccess")],
  },
  // AdministratorAccess within a boundary, with an inline Deny by NotAction and a condition.
  {
    ...(userWith("admin", {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Deny",
          NotAction: ["iam:*", "sts:*"],
          Resource: "*",
          Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } },
        },
      ],
    }) as object),
    AttachedManagedPolicies: [managed("AdministratorAccess")],
    PermissionsBoundary: {
      PermissionsBoundaryArn: "arn:aws:iam::aws:policy/PowerUserAccess",
    },
  },
  // Allow by NotAction, with a condition on the principal's tag; a Deny by wildcard prefix.
  userWith(
    "notaction",
    {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          NotAction: ["iam:*", "organizations:*", "s3:Delete*"],
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalTag/team": "data" } },
        },
        { Effect: "Deny", Action: ["*:Put*", "ec?:Run*"], Resource: "*" },
      ],
    },
    { Tags: [{ Key: "team", Value: "data" }] },
  ),
  // An empty NotAction: unevaluable (fail-safe: the Allow does not count; uncertain).
  userWith("empty", {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", NotAction: [], Resource: "*" }],
  }),
  // Mixed case and a wildcard in the prefix.
  userWith("cases", {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["S3:getOBJECT", "?q?:Send*", "*:ListTagsForResource"],
        Resource: "*",
      },
    ],
  }),
];

describe.runIf(hasData && hasCorpus)(
  "can's prefilter, on the fixture account with the real IAM data",
  () => {
    it("gives the answers of evaluating every action (on *, an object, roles, an instance)", async () => {
      const serviceData = readGeneratedServiceData();
      const account = await fixtureAccount({ users: extraUsers, loader: corpusLoader });
      const compared = expectSameAnswers(account, serviceData, [
        "*",
        "arn:aws:s3:::data/report.csv",
        arn.deployer,
        arn.auditor,
        "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc",
      ]);
      // The comparison is not vacuous: the root user (docs/evaluation-rules.md §7.1: it needs no
      // statement, so nothing is skipped for it) alone is allowed nearly every action on *.
      expect(account.root).toBeDefined();
      expect(compared).toBeGreaterThan(serviceData.prefixes().length * 10);
    });

    it("with SCP and RCP levels and resource policies that grant on their own (fixtures/org)", async () => {
      const serviceData = readGeneratedServiceData();
      const org = (name: string): PolicyDocument =>
        JSON.parse(readFileSync(new URL(`fixtures/org/${name}`, import.meta.url), "utf8"));
      const bucket = "arn:aws:s3:::data";
      const key = `arn:aws:kms:us-east-1:${A}:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`;
      const account = await loadAccount([{ name: "account.json", data: org("account.json") }], {
        awsManagedPolicies: corpusLoader,
        organization: {
          scp: [
            [org("full-aws-access.json")],
            [org("full-aws-access.json"), org("scp-protect-network.json")],
          ],
          rcp: [[org("rcp-full-aws-access.json"), org("rcp-data-perimeter.json")]],
          organizationId: "o-a1b2c3d4e5",
        },
        resourcePolicies: { [bucket]: [org("bucket-data.json")], [key]: [org("key-policy.json")] },
      });
      expect(account.rcp).toBeDefined();
      // can compiles the resource's side into the engine once; evaluate(requestFor(…)) carries it
      // in each request (what whoCan answers): the same decisions.
      for (const resource of ["*", `${bucket}/public/report.csv`, key]) {
        const query = { serviceData, resource, service: ["s3", "kms", "ec2", "iam", "sts"] };
        const plan = planOf(query);
        for (const principal of ownPrincipals(account)) {
          const found = new Map(
            canEntries(account, principal, plan, query, true).map((e) => [e.action, e.decision]),
          );
          for (const asked of plan.flatMap((s) => s.actions)) {
            const outcome = evaluate(
              requestFor(account, principal, { action: asked.action, resource }),
            );
            const allowed = outcome.decision === "Allowed" || outcome.otherDecision === "Allowed";
            expect(found.get(asked.action), `${principal.arn} ${asked.action} ${resource}`).toBe(
              allowed ? outcome.decision : undefined,
            );
          }
        }
      }
      expectSameAnswers(account, serviceData, [
        "*",
        bucket,
        `${bucket}/public/report.csv`,
        key,
        `arn:aws:iam::${A}:role/deployer`,
      ]);
    });

    it("also with a context that changes the conditions' answers", async () => {
      const serviceData = readGeneratedServiceData();
      const account = await fixtureAccount({ users: extraUsers, loader: corpusLoader });
      expectSameAnswers(account, serviceData, ["*"], ownPrincipals(account), {
        "aws:RequestedRegion": "eu-west-1",
        "aws:TagKeys": ["team"],
      });
    });
  },
);

// Random accounts: identity policies (and sometimes a boundary) from patterns that hit the
// prefilter's cases: exact, wildcards in the name and the prefix, mixed case, NotAction, Deny,
// conditions with an uncertain reading, and blocks long enough to be split by service.
const small = createServiceData(smallServiceData);
const PATTERNS = [
  "s3:GetObject",
  "s3:*",
  "S3:get*",
  "*",
  "ec2:*Instances",
  "?c2:Describe*",
  "sts:*",
  "*:List*",
  "sns:Publish",
  "cloudformation:Create*",
  "iam:PassRole",
  "sts:GetCallerIdentity",
];
const RESOURCES = [
  "*",
  "arn:aws:s3:::data/*",
  "arn:aws:ec2:*:*:instance/*",
  `arn:aws:iam::${A}:role/*`,
];
const CONDITIONS = [
  undefined,
  { StringEquals: { "aws:PrincipalTag/team": "data" } },
  { "ForAnyValue:StringEqualsIfExists": { "aws:TagKeys": ["team"] } },
];

const statement = fc.record({
  Effect: fc.constantFrom("Allow", "Allow", "Deny"),
  not: fc.boolean(),
  patterns: fc.array(fc.constantFrom(...PATTERNS), { minLength: 1, maxLength: 20 }),
  Resource: fc.constantFrom(...RESOURCES),
  condition: fc.constantFrom(...CONDITIONS),
});
const document = fc.array(statement, { minLength: 1, maxLength: 4 }).map((list) => ({
  Version: "2012-10-17",
  Statement: list.map(({ Effect, not, patterns, Resource, condition }) => ({
    Effect,
    [not ? "NotAction" : "Action"]: patterns,
    Resource,
    ...(condition !== undefined && { Condition: condition }),
  })),
}));
const user = fc.record({
  policies: fc.array(document, { minLength: 1, maxLength: 3 }),
  boundary: fc.option(document, { nil: undefined }),
  tagged: fc.boolean(),
});

describe("can's prefilter, on random accounts", () => {
  it("gives the answers of evaluating every action", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(user, { minLength: 1, maxLength: 3 }), async (users) => {
        const policies = users.flatMap((u, i) =>
          u.boundary !== undefined
            ? [
                {
                  PolicyName: `b${i}`,
                  Arn: `arn:aws:iam::${A}:policy/b${i}`,
                  DefaultVersionId: "v1",
                  PolicyVersionList: [
                    { VersionId: "v1", IsDefaultVersion: true, Document: u.boundary },
                  ],
                },
              ]
            : [],
        );
        const data = {
          UserDetailList: users.map((u, i) => ({
            UserName: `u${i}`,
            Arn: `arn:aws:iam::${A}:user/u${i}`,
            UserPolicyList: u.policies.map((d, j) => ({ PolicyName: `p${j}`, PolicyDocument: d })),
            ...(u.boundary !== undefined && {
              PermissionsBoundary: { PermissionsBoundaryArn: `arn:aws:iam::${A}:policy/b${i}` },
            }),
            ...(u.tagged && { Tags: [{ Key: "team", Value: "data" }] }),
          })),
          RoleDetailList: [
            {
              RoleName: "target",
              Arn: `arn:aws:iam::${A}:role/target`,
              AssumeRolePolicyDocument: {
                Version: "2012-10-17",
                Statement: [
                  {
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${A}:user/u0` },
                    Action: "sts:AssumeRole",
                  },
                ],
              },
            },
          ],
          Policies: policies,
        };
        const account = await loadAccount([{ data }]);
        expectSameAnswers(account, small, [
          "*",
          "arn:aws:s3:::data/x",
          `arn:aws:iam::${A}:role/target`,
          "arn:aws:ec2:us-east-1:1:instance/i-1",
        ]);
      }),
      { numRuns: 200, seed: 18 },
    );
  });
});
