// Account mode: get-account-authorization-details pages into principals, and who-can queries.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AccountError, loadAccount, whoCan, whoCanAssume } from "../../src/index.js";
import type { Account, ManagedPolicyLoader, WhoCanResult } from "../../src/index.js";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8"));

const A = "111122223333";
const arn = {
  root: `arn:aws:iam::${A}:root`,
  alice: `arn:aws:iam::${A}:user/alice`,
  bob: `arn:aws:iam::${A}:user/bob`,
  carol: `arn:aws:iam::${A}:user/ops/carol`,
  deployer: `arn:aws:iam::${A}:role/deployer`,
  auditor: `arn:aws:iam::${A}:role/auditor`,
  worker: `arn:aws:iam::${A}:role/service/worker`,
};

/** A tiny stand-in for the bundled corpus: ReadOnlyAccess only. */
const loader: ManagedPolicyLoader = {
  load: (policyArn) =>
    policyArn === "arn:aws:iam::aws:policy/ReadOnlyAccess"
      ? {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["s3:Get*", "s3:List*"], Resource: "*" }],
        }
      : undefined,
  corpusDate: "2026-09-26",
};

const cliAccount = () =>
  loadAccount([{ name: "account-cli.json", data: fixture("account-cli.json") }], {
    awsManagedPolicies: loader,
  });
const rawAccount = () =>
  loadAccount(
    [
      { name: "raw-page-1.json", data: fixture("raw-page-1.json") },
      { name: "raw-page-2.json", data: fixture("raw-page-2.json") },
    ],
    { awsManagedPolicies: loader },
  );

const decisions = (result: WhoCanResult) =>
  Object.fromEntries(result.principals.map((p) => [p.principal, p.decision]));

describe("loadAccount", () => {
  it("resolves each principal's identity policies, groups, boundary and trust policy", async () => {
    const account = await cliAccount();
    expect(account.accountId).toBe(A);
    expect(account.principals.map((p) => p.arn)).toEqual([
      arn.alice,
      arn.bob,
      arn.carol,
      arn.deployer,
      arn.auditor,
      arn.worker,
    ]);
    const names = (a: Account, who: string) =>
      a.principals
        .find((p) => p.arn === who)!
        .policies.identity!.map((p) => (p as { name: string }).name);
    expect(names(account, arn.alice)).toEqual([
      "user/alice/DenySecret",
      "group/devs/DataRead",
      "OnlyEc2",
    ]);
    expect(names(account, arn.auditor)).toEqual(["ReadOnlyAccess"]);
    const bob = account.principals.find((p) => p.arn === arn.bob)!;
    expect(bob.policies.boundary?.map((p) => (p as { name: string }).name)).toEqual(["OnlyEc2"]);
    expect(bob.groups).toEqual(["devs"]);
    expect(account.roles.get(arn.deployer)?.trust?.name).toBe("role/deployer/trust");
  });

  it("takes the default version of a customer managed policy (IsDefaultVersion), not v1", async () => {
    const account = await cliAccount();
    // OnlyEc2's v1 allows "*"; v2 (default) only ec2:*. The root user needs no policy.
    const result = whoCan(account, { action: "iam:CreateUser" });
    expect(result.principals.map((p) => p.principal)).toEqual([arn.root]);
  });

  it("reads raw-API pages (URL-encoded documents, split over two pages) to the same answers", async () => {
    const [cli, raw] = await Promise.all([cliAccount(), rawAccount()]);
    const questions = [
      { action: "s3:GetObject", resource: "arn:aws:s3:::data/report.csv" },
      { action: "s3:GetObject", resource: "arn:aws:s3:::data/secret/key" },
      { action: "ec2:RunInstances" },
      { action: "sts:AssumeRole", resource: arn.deployer },
      { action: "sts:AssumeRole", resource: arn.auditor },
    ];
    for (const q of questions) {
      const a = whoCan(cli, q, { includeDenied: true });
      const b = whoCan(raw, q, { includeDenied: true });
      expect(decisions(b)).toEqual(decisions(a));
      expect(b.principals.map((p) => p.decidedBy)).toEqual(a.principals.map((p) => p.decidedBy));
    }
  });

  it("names the principal that needs a missing customer managed policy, with the JSON path", async () => {
    const data = fixture("account-cli.json") as { Policies: unknown[] };
    data.Policies = data.Policies.slice(1); // drop OnlyEc2
    const error = await loadAccount([{ name: "a.json", data }], {
      awsManagedPolicies: loader,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountError);
    expect((error as AccountError).message).toContain(
      "policy arn:aws:iam::111122223333:policy/OnlyEc2 attached, but no page has it in Policies",
    );
    expect((error as AccountError).bareMessage).toMatch(
      /^group devs \(of user alice\) has the customer managed policy/,
    );
    expect((error as AccountError).path).toBe(
      "$.GroupDetailList[0].AttachedManagedPolicies[0].PolicyArn",
    );
    expect((error as AccountError).source).toBe("a.json");
  });

  it("says an AWS managed policy is unknown and names the corpus date", async () => {
    const data = fixture("account-cli.json");
    const error = await loadAccount([{ data }], {
      awsManagedPolicies: { load: () => undefined, corpusDate: "2026-09-26" },
    }).then(
      () => expect.unreachable(),
      (e: unknown) => e as AccountError,
    );
    expect(error.message).toBe(
      "role auditor has the AWS managed policy arn:aws:iam::aws:policy/ReadOnlyAccess attached, but no page has it in Policies and it is not among the known AWS managed policies (bundled corpus of 2026-09-26) (at $.RoleDetailList[1].AttachedManagedPolicies[0].PolicyArn)",
    );
    const noLoader = await loadAccount([{ data }]).then(
      () => expect.unreachable(),
      (e: unknown) => e as AccountError,
    );
    expect(noLoader.bareMessage).toContain("no loader of AWS managed policies was given");
  });

  it("uses an AWS managed policy the pages include instead of the loader", async () => {
    const data = fixture("account-cli.json") as { Policies: unknown[] };
    data.Policies.push({
      PolicyName: "ReadOnlyAccess",
      Arn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      DefaultVersionId: "v9",
      PolicyVersionList: [
        {
          VersionId: "v9",
          IsDefaultVersion: true,
          Document: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "sns:Publish", Resource: "*" }],
          },
        },
      ],
    });
    const account = await loadAccount([{ data }]);
    expect(decisions(whoCan(account, { action: "sns:Publish" }))).toEqual({
      [arn.auditor]: "Allowed",
      [arn.root]: "Allowed",
    });
  });

  it("names a group the pages do not include, and a page that is not the right output", async () => {
    const data = fixture("account-cli.json") as { GroupDetailList: unknown[] };
    data.GroupDetailList = [];
    const error = await loadAccount([{ data }], { awsManagedPolicies: loader }).then(
      () => expect.unreachable(),
      (e: unknown) => e as AccountError,
    );
    expect(error.message).toBe(
      "user alice is in group devs, but no page has it in GroupDetailList (at $.UserDetailList[0].GroupList[0])",
    );
    await expect(loadAccount([{ name: "x.json", data: { Statement: [] } }])).rejects.toThrow(
      /^x\.json: not get-account-authorization-details output/,
    );
  });

  it("places a policy grammar error at its path in the page", async () => {
    const data = fixture("raw-page-1.json") as {
      UserDetailList: { UserPolicyList: { PolicyDocument: string }[] }[];
    };
    data.UserDetailList[0]!.UserPolicyList[0]!.PolicyDocument = encodeURIComponent(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Maybe", Action: "s3:*", Resource: "*" }],
      }),
    );
    const error = await loadAccount([{ data }, { data: fixture("raw-page-2.json") }], {
      awsManagedPolicies: loader,
    }).then(
      () => expect.unreachable(),
      (e: unknown) => e as AccountError,
    );
    expect(error.path).toBe(
      "$.UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0].Effect",
    );
  });
});

describe("whoCan", () => {
  it("lists the allowed principals: group grant, inline deny, boundary, AWS managed attachment", async () => {
    const account = await cliAccount();
    const report = whoCan(account, {
      action: "s3:GetObject",
      resource: "arn:aws:s3:::data/report.csv",
    });
    expect(decisions(report)).toEqual({
      [arn.alice]: "Allowed",
      [arn.auditor]: "Allowed",
      [arn.root]: "Allowed",
    });
    const alice = report.principals.find((p) => p.principal === arn.alice)!;
    expect(alice.decidedBy.map((d) => d.policyName)).toEqual(["group/devs/DataRead"]);

    const secret = whoCan(
      account,
      { action: "s3:GetObject", resource: "arn:aws:s3:::data/secret/key" },
      { includeDenied: true },
    );
    expect(decisions(secret)).toEqual({
      [arn.auditor]: "Allowed",
      [arn.root]: "Allowed",
      [arn.alice]: "ExplicitlyDenied",
      [arn.bob]: "ImplicitlyDenied",
      [arn.carol]: "ImplicitlyDenied",
      [arn.deployer]: "ImplicitlyDenied",
      [arn.worker]: "ImplicitlyDenied",
    });
    expect(secret.principals[0]!.principal).toBe(arn.auditor);
    const alice2 = secret.principals.find((p) => p.principal === arn.alice)!;
    expect(alice2.decidedBy.map((d) => d.policyName)).toEqual(["user/alice/DenySecret"]);
    expect(alice2.reason).toMatch(/Deny/);
    // bob's group allows it, his boundary (OnlyEc2) does not.
    const bob = secret.principals.find((p) => p.principal === arn.bob)!;
    expect(bob.reason).toMatch(/boundary/i);
    expect(
      whoCan(account, { action: "ec2:RunInstances" }).principals.map((p) => p.principal),
    ).toEqual([arn.root, arn.alice, arn.bob]);
  });

  it("adds the principal's tags as aws:PrincipalTag/… (a given context key wins)", async () => {
    const data = fixture("account-cli.json") as { UserDetailList: { UserPolicyList: unknown[] }[] };
    data.UserDetailList[1]!.UserPolicyList.push({
      PolicyName: "TeamData",
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "ec2:DescribeInstances",
            Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalTag/team": "data" } },
          },
        ],
      },
    });
    const account = await loadAccount([{ data }], { awsManagedPolicies: loader });
    // bob has the statement but not the tag; alice has the tag but her ec2 grant is OnlyEc2 anyway.
    const tagged = whoCan(account, { action: "ec2:DescribeInstances" });
    expect(tagged.principals.map((p) => p.principal)).toEqual([arn.root, arn.alice, arn.bob]);
    const bob = tagged.principals.find((p) => p.principal === arn.bob)!;
    expect(bob.decidedBy.map((d) => d.policyName)).toEqual(["OnlyEc2"]);
  });

  it("explains on request and fails loudly on a request that cannot be evaluated", async () => {
    const account = await cliAccount();
    const report = whoCan(account, { action: "ec2:RunInstances" }, { explain: true });
    expect(report.principals[0]!.explain?.summary).toBeTruthy();
    expect(() => whoCan(account, { action: "" })).toThrow(
      /cannot evaluate for arn:aws:iam::111122223333:user\/alice/,
    );
  });
});

describe("whoCanAssume", () => {
  it("a trust policy naming a user allows that user alone", async () => {
    const account = await cliAccount();
    const result = whoCanAssume(account, arn.deployer, { includeDenied: true });
    expect(
      result.principals.filter((p) => p.decision === "Allowed").map((p) => p.principal),
    ).toEqual([arn.alice]);
    // carol's identity policy allows sts:AssumeRole on *, but the trust policy does not name her.
    expect(result.principals.find((p) => p.principal === arn.carol)?.decision).toBe(
      "ImplicitlyDenied",
    );
  });

  it("a trust policy naming the account needs the identity policy too", async () => {
    const account = await cliAccount();
    const result = whoCanAssume(account, arn.auditor);
    expect(decisions(result)).toEqual({ [arn.carol]: "Allowed" });
    expect(result.principals[0]!.decidedBy.map((d) => [d.policyType, d.policyName])).toEqual([
      ["identity", "AssumeAny"],
      ["resource", "role/auditor/trust"],
    ]);
  });

  it("a service trust policy lets no user or role assume the role; an unknown role is an error", async () => {
    const account = await cliAccount();
    expect(
      whoCanAssume(account, arn.worker).principals.map((p) => [p.principal, p.kind, p.decision]),
    ).toEqual([["ec2.amazonaws.com", "service", "Allowed"]]);
    expect(() => whoCanAssume(account, `arn:aws:iam::${A}:role/worker`)).toThrow(
      "role arn:aws:iam::111122223333:role/worker is not in the account; did you mean arn:aws:iam::111122223333:role/service/worker?",
    );
  });
});
