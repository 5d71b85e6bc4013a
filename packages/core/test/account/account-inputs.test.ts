// Account mode with its optional inputs (SCP and RCP levels, resource policies, session context)
// and the principals that are not plain users or roles (the root user, services, other accounts),
// over the hand-built account of fixtures/org (gen.mjs says what each principal is for). Every
// expectation comes from an AWS page, cited in its test; AWS managed policies come from the
// repository's corpus (policies/aws-managed), as the CLI's bundled loader gives them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  AccountError,
  evaluate,
  isAccountResource,
  loadAccount,
  requestFor,
  resourceLayersFor,
  whoCan,
  whoCanAssume,
} from "../../src/index.js";
import type {
  AccountOrganization,
  LoadAccountOptions,
  ManagedPolicyLoader,
  PolicyDocument,
  WhoCanEntry,
  WhoCanResult,
} from "../../src/index.js";
import { REPO_ROOT } from "../repo-root.js";

const A = "111122223333";
const PARTNER = "444455556666";
const VENDOR = "777788889999";
const ORG = "o-a1b2c3d4e5";
const fixture = (name: string): PolicyDocument =>
  JSON.parse(readFileSync(new URL(`fixtures/org/${name}`, import.meta.url), "utf8"));

const arn = {
  root: `arn:aws:iam::${A}:root`,
  alice: `arn:aws:iam::${A}:user/alice`,
  bob: `arn:aws:iam::${A}:user/bob`,
  carol: `arn:aws:iam::${A}:user/carol`,
  dave: `arn:aws:iam::${A}:user/dave`,
  deployer: `arn:aws:iam::${A}:role/deployer`,
  ci: `arn:aws:iam::${A}:role/ci`,
  legacy: `arn:aws:iam::${A}:role/legacy`,
  lambda: `arn:aws:iam::${A}:role/service/lambda-exec`,
  slr: `arn:aws:iam::${A}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`,
};
const BUCKET = "arn:aws:s3:::data";
const KEY = `arn:aws:kms:us-east-1:${A}:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`;

/** AWS managed policies by ARN from the repository's corpus (what @iamspec/policies bundles). */
const corpus: ManagedPolicyLoader = {
  load(policyArn) {
    const name = policyArn.slice(policyArn.lastIndexOf("/") + 1);
    try {
      return JSON.parse(readFileSync(`${REPO_ROOT}policies/aws-managed/${name}.json`, "utf8"))
        .document;
    } catch {
      return undefined;
    }
  },
  corpusDate: "repository corpus",
};

const organization = (extra: Partial<AccountOrganization> = {}): AccountOrganization => ({
  scp: [
    [fixture("full-aws-access.json")],
    [fixture("full-aws-access.json"), fixture("scp-protect-network.json")],
  ],
  rcp: [[fixture("rcp-full-aws-access.json"), fixture("rcp-data-perimeter.json")]],
  organizationId: ORG,
  source: "organization.json",
  ...extra,
});

const load = (options: Partial<LoadAccountOptions> = {}) =>
  loadAccount([{ name: "account.json", data: fixture("account.json") }], {
    awsManagedPolicies: corpus,
    organization: organization(),
    resourcePolicies: {
      [BUCKET]: [fixture("bucket-data.json")],
      [KEY]: [fixture("key-policy.json")],
    },
    ...options,
  });

const decisions = (result: WhoCanResult) =>
  Object.fromEntries(result.principals.map((p) => [p.principal, p.decision]));
const entry = (result: WhoCanResult, principal: string): WhoCanEntry => {
  const found = result.principals.find((p) => p.principal === principal);
  if (!found) throw new Error(`${principal} is not listed`);
  return found;
};
const by = (e: WhoCanEntry) =>
  e.decidedBy.map((d) => `${d.policyName} ${d.sid ?? d.statementIndex}`);
const notes = (e: WhoCanEntry) => (e.notes ?? []).map((n) => n.code);

describe("the principals' policy sets: groups, boundaries, inline denies, AWS managed attachments", () => {
  // IAM UG, Policy evaluation for requests within a single account: identity policies (the user's
  // own and its groups'), limited by the permissions boundary; an explicit deny in any policy wins.
  it("a group's inline policy and an AWS managed policy attached to a group grant", async () => {
    const account = await load();
    const report = whoCan(account, { action: "s3:GetObject", resource: `${BUCKET}/report.csv` });
    expect(by(entry(report, arn.bob))).toEqual(["group/readers/DataRead 0"]);
    expect(by(entry(report, arn.alice))).toEqual(["AdministratorAccess 0"]);
    expect(by(entry(report, arn.ci))).toEqual(["ReadOnlyAccess ReadOnlyActionsGroup2"]);
  });

  it("a permissions boundary caps the user's own grant", async () => {
    // IAM UG, Permissions boundaries: the effective permissions are the intersection.
    const result = whoCan(
      await load(),
      { action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${A}:jobs` },
      { includeDenied: true },
    );
    expect(entry(result, arn.bob).decision).toBe("ImplicitlyDenied");
    expect(entry(result, arn.bob).reason).toMatch(/boundary/);
    expect(entry(result, arn.alice).decision).toBe("Allowed");
  });

  it("an inline Deny of the user wins over the Allow of the group's AdministratorAccess", async () => {
    const result = whoCan(
      await load(),
      { action: "s3:DeleteObject", resource: "arn:aws:s3:::logs/2026/app.log" },
      { includeDenied: true },
    );
    expect(entry(result, arn.alice).decision).toBe("ExplicitlyDenied");
    expect(by(entry(result, arn.alice))).toEqual(["user/alice/NoLogDeletes 0"]);
    expect(entry(result, arn.dave).decision).toBe("Allowed");
  });

  it("the account's SCP levels are part of every user's and role's policy set", async () => {
    const account = await load();
    const alice = account.principals.find((p) => p.arn === arn.alice)!;
    expect((alice.policies.scp as unknown[][]).map((level) => level.length)).toEqual([1, 2]);
    expect(account.root?.policies).toEqual({ identity: [], scp: alice.policies.scp });
    expect(account.rcp?.length).toBe(1);
  });
});

describe("trust policies", () => {
  // IAM UG, Cross-account policy evaluation logic / role trust: the trust policy is the role's
  // resource-based policy, and it must itself allow the caller.
  it("a trust policy naming a user lets that user assume the role", async () => {
    const result = whoCanAssume(await load(), arn.deployer, { includeDenied: true });
    expect(entry(result, arn.alice).decision).toBe("Allowed");
    expect(by(entry(result, arn.alice))).toEqual(["role/deployer/trust Alice"]);
    expect(entry(result, arn.bob).decision).toBe("ImplicitlyDenied");
  });

  it("a service principal in a trust policy is listed as a service, allowed outright", async () => {
    // A service has no identity side: only the resource-based policy grants (docs/evaluation-rules.md §7.4).
    const result = whoCanAssume(await load(), arn.lambda);
    expect(result.principals).toHaveLength(1);
    expect(result.principals[0]).toMatchObject({
      principal: "lambda.amazonaws.com",
      kind: "service",
      decision: "Allowed",
    });
    expect(result.principals[0]!.uncertain).toBeUndefined();
    expect(result.evaluated).toBe(11);
  });
});

describe("SCPs", () => {
  // Organizations UG, SCP evaluation: an explicit Deny at any level denies; every level from the
  // root down to the account must allow. SCPs bind the member account's root user too, and do not
  // affect service-linked roles.
  it("an SCP Deny denies every user, role and the root user, but not a service-linked role", async () => {
    const result = whoCan(
      await load(),
      { action: "ec2:DeleteNetworkInterface" },
      { includeDenied: true },
    );
    for (const who of [arn.alice, arn.root, arn.ci, arn.dave]) {
      expect(entry(result, who).decision, who).toBe("ExplicitlyDenied");
      expect(by(entry(result, who))).toEqual(["scp level 1 #1 ProtectNetwork"]);
    }
    const slr = entry(result, arn.slr);
    expect(slr.decision).toBe("Allowed");
    expect(by(slr)).toEqual(["AWSElasticLoadBalancingServiceRolePolicy 0"]);
    expect(notes(slr)).toContain("SCP_NOT_APPLICABLE_SERVICE_LINKED_ROLE");
  });

  it("a level without an Allow denies implicitly, the root user included", async () => {
    const s3Only = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
    };
    const account = await load({
      organization: organization({ scp: [[fixture("full-aws-access.json")], [s3Only]] }),
    });
    const result = whoCan(account, { action: "ec2:RunInstances" }, { includeDenied: true });
    expect(entry(result, arn.alice).decision).toBe("ImplicitlyDenied");
    expect(entry(result, arn.alice).reason).toMatch(/SCP/);
    expect(entry(result, arn.root).decision).toBe("ImplicitlyDenied");
    expect(
      whoCan(account, { action: "s3:ListAllMyBuckets" }).principals.map((p) => p.principal),
    ).toContain(arn.alice);
  });

  it("one flat list is one level", async () => {
    const account = await load({
      organization: { scp: [fixture("full-aws-access.json"), fixture("scp-protect-network.json")] },
    });
    expect((account.root!.policies.scp as unknown[][]).length).toBe(1);
    expect(decisions(whoCan(account, { action: "ec2:DeleteVpc" }))).toEqual({});
  });
});

describe("RCPs", () => {
  // Organizations UG, RCP evaluation: RCPs restrict the resources of member accounts, whoever
  // calls (the root user too); the organization id makes principals of the organization pass
  // an "organization only" RCP.
  it("an RCP Deny denies every caller of the account's resources, the root user included", async () => {
    const result = whoCan(
      await load(),
      {
        action: "s3:GetObject",
        resource: `${BUCKET}/x`,
        context: { "aws:SecureTransport": false },
      },
      { includeDenied: true },
    );
    for (const p of result.principals.filter((e) => e.kind !== "external")) {
      expect(p.decision, p.principal).toBe("ExplicitlyDenied");
      expect(by(p)).toContain("rcp level 0 #1 SecureTransport");
    }
  });

  it("the organization id gives the account's principals aws:PrincipalOrgID; a given value wins", async () => {
    const account = await load();
    const query = { action: "s3:GetObject", resource: `${BUCKET}/x` };
    expect(entry(whoCan(account, query), arn.bob).decision).toBe("Allowed");
    const outside = whoCan(
      account,
      { ...query, context: { "aws:principalorgid": "o-zzzzzzzzzz" } },
      { includeDenied: true },
    );
    expect(by(entry(outside, arn.bob))).toEqual(["rcp level 0 #1 OrganizationOnly"]);
  });

  it("RCPs bind the account's resources only", async () => {
    const account = await load();
    const layers = (resource: string, context?: Record<string, string>) =>
      resourceLayersFor(account, { action: "s3:GetObject", resource, ...(context && { context }) });
    expect(layers(`${BUCKET}/x`)?.rcp).toBe(account.rcp);
    expect(layers(`arn:aws:sqs:us-east-1:${A}:jobs`)?.rcp).toBe(account.rcp);
    expect(layers(`arn:aws:sqs:us-east-1:${VENDOR}:jobs`)).toBeUndefined();
    expect(layers(`${BUCKET}/x`, { "aws:ResourceAccount": VENDOR })?.rcp).toBeUndefined();
    expect(isAccountResource(account, { action: "s3:GetObject", resource: "*" })).toBe(true);
  });
});

describe("the management account", () => {
  // Organizations UG: "SCPs don't affect users or roles in the management account"; "RCPs don't
  // affect resources in the management account".
  it("neither SCPs nor RCPs apply when the account is the organization's management account", async () => {
    const account = await load({ organization: organization({ managementAccountId: A }) });
    expect(account.managementAccount).toBe(true);
    expect(account.rcp).toBeUndefined();
    expect(account.root?.policies.scp).toBeUndefined();
    const ec2 = whoCan(account, { action: "ec2:DeleteNetworkInterface" });
    expect(decisions(ec2)).toMatchObject({ [arn.alice]: "Allowed", [arn.root]: "Allowed" });
    const s3 = whoCan(account, {
      action: "s3:GetObject",
      resource: `${BUCKET}/x`,
      context: { "aws:SecureTransport": false },
    });
    expect(entry(s3, arn.bob).decision).toBe("Allowed");
  });

  it("another account's id as management account changes nothing", async () => {
    const account = await load({ organization: organization({ managementAccountId: PARTNER }) });
    expect(account.managementAccount).toBeUndefined();
    expect(account.rcp).toBeDefined();
  });
});

describe("resource policies", () => {
  // IAM UG, single account: an Allow in either the identity policy or the resource-based policy is
  // enough; a resource-based grant to a user's ARN needs no identity policy. A bucket policy's
  // Resource names the objects it covers (S3 UG, bucket policies).
  it("a bucket policy grants a user with no policy of her own, for the bucket's objects", async () => {
    const account = await load();
    const report = whoCan(account, { action: "s3:GetObject", resource: `${BUCKET}/report.csv` });
    expect(by(entry(report, arn.carol))).toEqual([`resource policy of ${BUCKET} CarolReads`]);
    // The statement names data/*, not the bucket.
    const list = whoCan(account, { action: "s3:ListBucket", resource: BUCKET });
    expect(list.principals.map((p) => p.principal)).not.toContain(arn.carol);
  });

  it("a bucket policy Deny wins over the user's own s3:*; a Deny of everyone binds the root user", async () => {
    const account = await load();
    const read = whoCan(
      account,
      { action: "s3:GetObject", resource: `${BUCKET}/a` },
      { includeDenied: true },
    );
    expect(entry(read, arn.dave).decision).toBe("ExplicitlyDenied");
    expect(by(entry(read, arn.dave))).toEqual([`resource policy of ${BUCKET} NotDave`]);
    const drop = whoCan(
      account,
      { action: "s3:DeleteBucket", resource: BUCKET },
      { includeDenied: true },
    );
    expect(drop.principals.filter((p) => p.decision !== "ExplicitlyDenied")).toEqual([]);
    expect(by(entry(drop, arn.root))).toEqual([`resource policy of ${BUCKET} KeepBucket`]);
  });

  it("a key policy must allow: by delegation to the account, or naming the user (boundary aside)", async () => {
    // KMS DG, key policies: without the key policy's Allow no IAM policy gives access; the
    // "Enable IAM policies" statement delegates to the account's IAM policies.
    const account = await load();
    const result = whoCan(account, { action: "kms:Decrypt", resource: KEY });
    expect(decisions(result)).toEqual({
      [arn.alice]: "Allowed",
      [arn.bob]: "Allowed",
      [arn.root]: "Allowed",
    });
    expect(by(entry(result, arn.alice))).toEqual([
      "AdministratorAccess 0",
      `resource policy of ${KEY} EnableIAMPolicies`,
    ]);
    expect(by(entry(result, arn.bob))).toEqual([`resource policy of ${KEY} BobDecrypts`]);
    // A key whose policy is not given: identity answers, with the note that the key policy decides too.
    const unknown = whoCan(account, { action: "kms:Decrypt", resource: `${KEY}0` });
    expect(notes(entry(unknown, arn.alice))).toContain("KMS_KEY_POLICY_REQUIRED");
    expect(unknown.principals.map((p) => p.principal)).not.toContain(arn.bob);
  });

  it("[] says the resource has no policy; an unlisted resource's policies are unknown", async () => {
    const none = await load({ resourcePolicies: { [BUCKET]: [] } });
    const query = { action: "s3:GetObject", resource: `${BUCKET}/a` };
    expect(resourceLayersFor(none, query)?.resource).toEqual([]);
    expect(whoCan(none, query).principals.map((p) => p.principal)).not.toContain(arn.carol);
    const account = await load();
    expect(resourceLayersFor(account, query)?.resource).toHaveLength(1);
    expect(
      resourceLayersFor(account, { ...query, resource: "arn:aws:s3:::other/a" })?.resource,
    ).toBeUndefined();
    // An exact ARN wins over the bucket's: only S3 objects fall back to their bucket.
    expect(
      resourceLayersFor(account, { action: "sqs:SendMessage", resource: `${KEY}/x` })?.resource,
    ).toBeUndefined();
  });
});

describe("the root user", () => {
  // IAM UG, root user; docs/evaluation-rules.md §7.1: no identity policy needed; SCPs of a member
  // account, RCPs and explicit denies in resource policies bind it. STS API, AssumeRole: the root
  // user cannot call AssumeRole.
  it("is listed as kind root, allowed without an identity policy", async () => {
    const result = whoCan(await load(), {
      action: "s3:GetObject",
      resource: `${BUCKET}/report.csv`,
    });
    const root = entry(result, arn.root);
    expect(root).toMatchObject({ kind: "root", decision: "Allowed", decidedBy: [] });
    expect(notes(root)).toContain("ROOT_USER");
  });

  it("cannot assume a role, even one whose trust policy names the account", async () => {
    const result = whoCanAssume(await load(), arn.deployer, { includeDenied: true });
    expect(entry(result, arn.root).decision).toBe("ExplicitlyDenied");
    expect(entry(result, arn.root).reason).toMatch(/ROOT_USER_CANNOT_ASSUME_ROLE/);
  });
});

describe("principals outside the account", () => {
  // IAM UG, Cross-account policy evaluation logic: the trusting account's policy and the other
  // account's own policies must both allow. The other account's side is not in the input, so the
  // answer is uncertain (as IAM Access Analyzer reports external access), never Allowed outright.
  it("another account in a trust policy: uncertain, with the open condition", async () => {
    const account = await load();
    const result = whoCanAssume(account, arn.deployer);
    const partner = entry(result, `arn:aws:iam::${PARTNER}:root`);
    expect(partner).toMatchObject({
      kind: "external",
      decision: "ImplicitlyDenied",
      uncertain: true,
      otherDecision: "Allowed",
      external: {
        form: "account",
        account: PARTNER,
        conditions: [{ operator: "StringEquals", key: "sts:ExternalId", values: ["partner-123"] }],
      },
    });
    expect(by(partner)).toEqual(["role/deployer/trust Partner"]);
    expect(partner.readings?.[0]?.code).toBe("EXTERNAL_PRINCIPAL");
    expect(partner.external?.unknown).toMatch(new RegExp(PARTNER));
    // The external id given: the condition is settled, the other account's side is still unknown.
    const given = whoCanAssume(account, arn.deployer, {
      context: { "sts:ExternalId": "partner-123" },
    });
    expect(entry(given, partner.principal)).toMatchObject({
      uncertain: true,
      external: { conditions: [] },
    });
    // A wrong one: the trust policy does not grant it, whatever that account allows.
    const wrong = whoCanAssume(account, arn.deployer, { context: { "sts:ExternalId": "guess" } });
    expect(wrong.principals.map((p) => p.principal)).toEqual([arn.alice]);
    const listed = whoCanAssume(account, arn.deployer, {
      context: { "sts:ExternalId": "guess" },
      includeDenied: true,
    });
    expect(entry(listed, partner.principal)).toMatchObject({ decision: "ImplicitlyDenied" });
    expect(entry(listed, partner.principal).uncertain).toBeUndefined();
  });

  it("another account's role, and a web identity provider (sts:AssumeRoleWithWebIdentity)", async () => {
    const result = whoCanAssume(await load(), arn.ci);
    expect(result.principals.map((p) => [p.principal, p.external?.form])).toEqual([
      [`arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`, "federated"],
      [`arn:aws:iam::${VENDOR}:role/build`, "role"],
    ]);
    expect(result.principals.every((p) => p.uncertain === true)).toBe(true);
    expect(result.principals[0]!.external?.conditions).toEqual([
      {
        operator: "StringLike",
        key: "token.actions.githubusercontent.com:sub",
        values: ["repo:example/app:*"],
      },
    ]);
  });

  it("an unconditional Deny of everyone in the trust policy: certainly denied", async () => {
    const account = await load();
    expect(whoCanAssume(account, arn.legacy).principals).toEqual([]);
    const result = whoCanAssume(account, arn.legacy, { includeDenied: true });
    const vendor = entry(result, `arn:aws:iam::${VENDOR}:root`);
    expect(vendor).toMatchObject({ decision: "ExplicitlyDenied", kind: "external" });
    expect(vendor.uncertain).toBeUndefined();
    expect(by(vendor)).toEqual(["role/legacy/trust Retired"]);
  });

  it("another account in a bucket policy: uncertain where its statement applies, and the RCP that may deny it is named", async () => {
    const account = await load();
    const open = whoCan(account, { action: "s3:GetObject", resource: `${BUCKET}/public/a.txt` });
    const partner = entry(open, `arn:aws:iam::${PARTNER}:root`);
    expect(partner).toMatchObject({ uncertain: true, otherDecision: "Allowed" });
    expect(partner.readings?.[0]?.where).toMatch(/unless rcp level 0 #1 OrganizationOnly/);
    const closed = whoCan(account, { action: "s3:GetObject", resource: `${BUCKET}/report.csv` });
    expect(closed.principals.map((p) => p.principal)).not.toContain(partner.principal);
  });

  it("a principal of this account that the pages do not hold is unknown, not denied", async () => {
    const account = await load({
      resourcePolicies: {
        [BUCKET]: [
          {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${A}:user/erin` },
                Action: "s3:PutObject",
                Resource: `${BUCKET}/*`,
              },
              {
                Sid: "LambdaReads",
                Effect: "Allow",
                // The role's ARN without its path /service/ still names it (docs/evaluation-rules.md §4.1).
                Principal: { AWS: `arn:aws:iam::${A}:role/lambda-exec` },
                Action: "s3:GetObject",
                Resource: `${BUCKET}/*`,
              },
            ],
          },
        ],
      },
    });
    const result = whoCan(account, { action: "s3:GetObject", resource: `${BUCKET}/a` });
    expect(entry(result, `arn:aws:iam::${A}:user/erin`)).toMatchObject({
      uncertain: true,
      external: { form: "user", account: A },
    });
    expect(by(entry(result, arn.lambda))).toEqual([`resource policy of ${BUCKET} LambdaReads`]);
    expect(result.principals.filter((p) => p.kind === "external")).toHaveLength(1);
  });
});

describe("session context", () => {
  it("adds the principal's own keys, and a given key (any case) is not overwritten", async () => {
    const account = await load();
    const alice = account.principals.find((p) => p.arn === arn.alice)!;
    const query = { action: "s3:GetObject", resource: `${BUCKET}/a` };
    expect(requestFor(account, alice, query).context).toEqual({
      "aws:PrincipalTag/team": "platform",
      "aws:userid": "AIDAALICE",
      "aws:PrincipalOrgID": ORG,
      "aws:ResourceOrgID": ORG,
    });
    const given = requestFor(account, alice, {
      ...query,
      context: { "aws:principaltag/TEAM": "data", "aws:PrincipalOrgID": "o-zzzzzzzzzz" },
    }).context;
    expect(given).toEqual({
      "aws:userid": "AIDAALICE",
      "aws:ResourceOrgID": ORG,
      "aws:principaltag/TEAM": "data",
      "aws:PrincipalOrgID": "o-zzzzzzzzzz",
    });
  });

  it("requestFor gives the whole request: evaluate() answers as whoCan does", async () => {
    const account = await load();
    const query = { action: "s3:GetObject", resource: `${BUCKET}/report.csv` };
    const report = whoCan(account, query, { includeDenied: true });
    const own = [...account.principals, account.root!];
    for (const principal of own) {
      const outcome = evaluate(requestFor(account, principal, query));
      expect("decision" in outcome && outcome.decision, principal.arn).toBe(
        entry(report, principal.arn).decision,
      );
    }
    expect(requestFor(account, account.root!, query).policies.resource).toHaveLength(1);
  });
});

describe("bad optional inputs", () => {
  const failure = (options: Partial<LoadAccountOptions>) =>
    load(options).then(
      () => expect.unreachable(),
      (e: unknown) => e as AccountError,
    );

  it("a bad SCP names the input and the JSON path into it", async () => {
    const bad = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Maybe", Action: "*", Resource: "*" }],
    };
    const error = await failure({
      organization: organization({ scp: [[fixture("full-aws-access.json")], [bad]] }),
    });
    expect(error).toBeInstanceOf(AccountError);
    expect(error.source).toBe("organization.json");
    expect(error.path).toBe("$.scp[1][0].Statement[0].Effect");
    const principal = await failure({
      organization: organization({
        rcp: [
          [
            {
              Version: "2012-10-17",
              Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*" }],
            },
          ],
        ],
      }),
    });
    expect(principal.path).toMatch(/^\$\.rcp\[0\]\[0\]\.Statement\[0\]/);
  });

  it("levels mixed with policies, a malformed management account id", async () => {
    const mixed = await failure({
      organization: {
        scp: [fixture("full-aws-access.json"), [fixture("full-aws-access.json")]] as never,
      },
    });
    expect(mixed.message).toMatch(/scp mixes policies and levels/);
    expect(mixed.path).toBe("$.scp");
    const id = await failure({ organization: organization({ managementAccountId: "1234" }) });
    expect(id.bareMessage).toBe("managementAccountId must be a 12-digit account id");
    expect(id.path).toBe("$.managementAccountId");
  });

  it("a resource policy: keyed by a non-ARN, by a role (its trust policy is in the pages), or without Principal", async () => {
    const notArn = await failure({ resourcePolicies: { "my-bucket": [] } });
    expect(notArn.bareMessage).toMatch(/keyed by resource ARN/);
    // A hostile key read from JSON is an ordinary key, and no ARN.
    const proto = await failure({ resourcePolicies: JSON.parse('{"__proto__": []}') });
    expect(proto.path).toBe('$.resourcePolicies["__proto__"]');
    const role = await failure({ resourcePolicies: { [arn.deployer]: [] } });
    expect(role.bareMessage).toMatch(/its resource policy is its trust policy/);
    const noPrincipal = await failure({
      resourcePolicies: {
        [BUCKET]: [
          {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
          },
        ],
      },
    });
    expect(noPrincipal.path).toBe(`$.resourcePolicies["${BUCKET}"][0].Statement[0]`);
  });

  it("a missing AWS managed policy names the principal that needs it and the corpus", async () => {
    const error = await failure({
      awsManagedPolicies: { load: () => undefined, corpusDate: "2026-01-01" },
    });
    expect(error.bareMessage).toMatch(
      /^group admins \(of user alice\) has the AWS managed policy arn:aws:iam::aws:policy\/AdministratorAccess attached, .*\(bundled corpus of 2026-01-01\)$/,
    );
  });
});
