// Rules that no policy shows (issue 15 docs/evaluation-rules.md §1), one block per AWS page. An administrator with
// "Action": "*" (and the root user) is still refused; the decision is ExplicitlyDenied with no deciding
// statement and an AWS_SIDE_RULE note that names the rule. Requests next to each rule that AWS
// documents as allowed keep the policies' decision.
import { describe, expect, it } from "vitest";
import type { EvaluationRequest } from "../src/types.js";
import { compile, evaluate } from "../src/evaluation/index.js";
import { awsSideRules } from "../src/evaluation/aws-side-rules.js";
import { allow, decided, policy } from "./helpers.js";

const A = "111122223333";
const ADMIN = `arn:aws:iam::${A}:role/Admin`;
const ROOT = `arn:aws:iam::${A}:root`;
const ADMIN_POLICY = policy(allow());

function request(action: string, resource: string, extra: Partial<EvaluationRequest> = {}) {
  return {
    principal: ADMIN,
    action,
    resource,
    policies: { identity: [ADMIN_POLICY] },
    ...extra,
  } satisfies EvaluationRequest;
}

function refusedBy(req: EvaluationRequest, rule: string): void {
  const result = decided(evaluate(req, { explain: true }));
  expect(result.decision, `${req.action} ${req.resource}`).toBe("ExplicitlyDenied");
  expect(result.decidedBy).toEqual([]);
  const note = (result.notes ?? []).find((n) => n.code === "AWS_SIDE_RULE");
  expect(note?.message).toMatch(new RegExp(`^${rule}: AWS refuses this request`));
  expect(note?.message).toMatch(/\(https:\/\/(docs\.aws\.amazon\.com|repost\.aws)\//);
  expect(result.explain?.summary).toMatch(
    new RegExp(`rule of AWS that no policy shows \\(${rule}\\)`),
  );
  // The policies are still listed for reference, and no uncertainty attaches to the rule.
  expect(result.explain?.policies.length).toBe(
    (req.policies.identity?.length ?? 0) + (req.policies.resource?.length ?? 0),
  );
  expect(result.uncertain).toBeUndefined();
  // compile() and evaluate() agree, with and without explain.
  const { policies, ...rest } = req;
  const viaEngine = decided(compile(policies).evaluate(rest));
  expect(viaEngine.decision).toBe("ExplicitlyDenied");
  expect(viaEngine.notes).toEqual(result.notes);
}

function allowed(req: EvaluationRequest): void {
  const result = decided(evaluate(req));
  expect(result.decision, `${req.action} ${req.resource}`).toBe("Allowed");
  expect((result.notes ?? []).map((n) => n.code)).not.toContain("AWS_SIDE_RULE");
}

describe("AWS managed policies cannot be changed (IAM UG: AWS managed policies; API: TagPolicy)", () => {
  // "You cannot change the permissions defined in AWS managed policies."
  const MANAGED = "arn:aws:iam::aws:policy/AdministratorAccess";
  const JOB = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess";
  const SERVICE_ROLE = "arn:aws:iam::aws:policy/aws-service-role/AWSSSOServiceRolePolicy";
  it.each([
    "iam:CreatePolicyVersion",
    "iam:DeletePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:DeletePolicy",
    "iam:TagPolicy",
    "iam:UntagPolicy",
  ])("%s on an AWS managed policy is refused, even for an administrator", (action) => {
    for (const arn of [MANAGED, JOB, SERVICE_ROLE])
      refusedBy(request(action, arn), "AWS_MANAGED_POLICY_READ_ONLY");
  });
  it("the root user is refused too, and the action matches case-insensitively", () => {
    refusedBy(
      request("IAM:createpolicyversion", MANAGED, { principal: ROOT, policies: { identity: [] } }),
      "AWS_MANAGED_POLICY_READ_ONLY",
    );
  });
  it("other partitions' managed policies are AWS managed too", () => {
    refusedBy(
      request("iam:DeletePolicy", "arn:aws-cn:iam::aws:policy/ReadOnlyAccess"),
      "AWS_MANAGED_POLICY_READ_ONLY",
    );
  });
  it("a customer managed policy may be changed, and an AWS managed one read or attached", () => {
    allowed(request("iam:CreatePolicyVersion", `arn:aws:iam::${A}:policy/Mine`));
    allowed(request("iam:TagPolicy", `arn:aws:iam::${A}:policy/aws/LooksManaged`));
    allowed(request("iam:GetPolicyVersion", MANAGED));
    allowed(
      request("iam:AttachRolePolicy", `arn:aws:iam::${A}:role/App`, {
        context: { "iam:PolicyARN": MANAGED },
      }),
    );
  });
  it("with a policy Deny as well, the AWS rule answers and the Deny stays in the explanation", () => {
    const result = decided(
      evaluate(
        {
          ...request("iam:DeletePolicy", MANAGED),
          policies: { identity: [ADMIN_POLICY, policy({ ...allow(), Effect: "Deny", Sid: "No" })] },
        },
        { explain: true },
      ),
    );
    expect(result.decision).toBe("ExplicitlyDenied");
    expect(result.decidedBy).toEqual([]);
    expect(result.notes?.map((n) => n.code)).toEqual(["AWS_SIDE_RULE"]);
    expect(result.explain?.policies[1]?.statements[0]).toMatchObject({ sid: "No", applies: true });
  });
});

describe("service-linked roles are protected (IAM UG: Using service-linked roles; API errors UnmodifiableEntity)", () => {
  const SLR = `arn:aws:iam::${A}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
  it.each([
    "iam:DeleteRole",
    "iam:AttachRolePolicy",
    "iam:DetachRolePolicy",
    "iam:PutRolePolicy",
    "iam:DeleteRolePolicy",
    "iam:UpdateAssumeRolePolicy",
    "iam:PutRolePermissionsBoundary", // "You cannot set the boundary for a service-linked role."
    "iam:DeleteRolePermissionsBoundary",
  ])("%s on a service-linked role is refused", (action) => {
    refusedBy(request(action, SLR), "SERVICE_LINKED_ROLE_PROTECTED");
  });
  it("what AWS documents as allowed stays with the policies: deleting through the service, tags, the description", () => {
    allowed(request("iam:DeleteServiceLinkedRole", SLR));
    // TagRole: "The role can be a regular role or a service-linked role."
    allowed(request("iam:TagRole", SLR));
    allowed(request("iam:UntagRole", SLR));
    allowed(request("iam:UpdateRoleDescription", SLR));
    allowed(request("iam:GetRole", SLR));
    allowed(request("iam:DeleteRole", `arn:aws:iam::${A}:role/AWSServiceRoleForAutoScaling`));
    allowed(request("iam:DeleteRole", `arn:aws:iam::${A}:role/Aws-Service-Role/x/y`));
  });
  it("the linked service may change its own role: its service principal or its own service-linked role", () => {
    allowed(
      request("iam:DeleteRole", SLR, {
        principal: "autoscaling.amazonaws.com",
        policies: { identity: [], resource: [policy({ ...allow(), Principal: "*" })] },
      }),
    );
    allowed(request("iam:DeleteRole", SLR, { principal: SLR }));
    refusedBy(
      request("iam:DeleteRole", SLR, {
        principal: `arn:aws:iam::${A}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`,
      }),
      "SERVICE_LINKED_ROLE_PROTECTED",
    );
    // Another service is refused, by its service principal as by its service-linked role.
    refusedBy(
      request("iam:DeleteRole", SLR, {
        principal: "elasticbeanstalk.amazonaws.com",
        policies: { identity: [], resource: [policy({ ...allow(), Principal: "*" })] },
      }),
      "SERVICE_LINKED_ROLE_PROTECTED",
    );
    // A session ARN does not carry its role's path: a session of a role named like a service-linked
    // role may be the service, so the policies decide (as before the rule).
    allowed(
      request("iam:DeleteRole", SLR, {
        principal: `arn:aws:sts::${A}:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling`,
      }),
    );
    refusedBy(
      request("iam:DeleteRole", SLR, { principal: `arn:aws:sts::${A}:assumed-role/Admin/s1` }),
      "SERVICE_LINKED_ROLE_PROTECTED",
    );
  });
});

describe("service role policies attach only to service-linked roles (API: AttachRolePolicy, PolicyNotAttachable)", () => {
  const SERVICE_ROLE_POLICY = "arn:aws:iam::aws:policy/aws-service-role/AWSSSOServiceRolePolicy";
  it.each([
    ["iam:AttachRolePolicy", `arn:aws:iam::${A}:role/App`],
    ["iam:AttachUserPolicy", `arn:aws:iam::${A}:user/alice`],
    ["iam:AttachGroupPolicy", `arn:aws:iam::${A}:group/Admins`],
  ])("%s of an aws-service-role/ policy to %s is refused", (action, target) => {
    refusedBy(
      request(action, target, { context: { "iam:PolicyARN": SERVICE_ROLE_POLICY } }),
      "SERVICE_ROLE_POLICY_NOT_ATTACHABLE",
    );
  });
  it("other AWS managed policies attach, and the policy ARN must be given", () => {
    const role = `arn:aws:iam::${A}:role/App`;
    allowed(
      request("iam:AttachRolePolicy", role, {
        context: { "iam:PolicyARN": "arn:aws:iam::aws:policy/service-role/AWSLambdaRole" },
      }),
    );
    allowed(
      request("iam:AttachRolePolicy", role, {
        context: { "iam:PolicyARN": `arn:aws:iam::${A}:policy/aws-service-role/Mine` },
      }),
    );
    allowed(request("iam:AttachRolePolicy", role));
  });
});

describe("IAM Identity Center roles are only modifiable by AWS (Identity Center UG; re:Post AWSReservedSSO)", () => {
  const SSO_ROLE = `arn:aws:iam::${A}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123456789abcdef`;
  it.each([
    "iam:DeleteRole",
    "iam:AttachRolePolicy",
    "iam:PutRolePolicy",
    "iam:UpdateAssumeRolePolicy",
  ])("%s on an AWSReservedSSO role is refused", (action) =>
    refusedBy(request(action, SSO_ROLE), "IDENTITY_CENTER_ROLE_PROTECTED"),
  );
  it("IAM Identity Center's own service-linked role provisions them", () => {
    allowed(
      request("iam:AttachRolePolicy", SSO_ROLE, {
        principal: `arn:aws:iam::${A}:role/aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO`,
      }),
    );
    allowed(request("iam:GetRole", SSO_ROLE));
  });
});

describe("the alias/aws/ prefix is reserved for AWS managed keys (KMS DG: Create aliases)", () => {
  const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  it.each(["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"])(
    "%s on an alias/aws/ alias is refused",
    (action) =>
      refusedBy(
        request(action, `arn:aws:kms:us-east-1:${A}:alias/aws/s3`),
        "AWS_MANAGED_KEY_ALIAS_RESERVED",
      ),
  );
  it("a customer alias may be managed, and its key is not refused", () => {
    allowed(request("kms:CreateAlias", `arn:aws:kms:us-east-1:${A}:alias/my-key`));
    allowed(request("kms:CreateAlias", `arn:aws:kms:us-east-1:${A}:alias/awsome`));
    allowed(request("kms:CreateAlias", KEY));
  });
});

describe("AWS managed keys cannot be edited or deleted (KMS DG: Editing keys, Schedule key deletion)", () => {
  const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const managed = { "kms:ResourceAliases": ["alias/aws/ebs"] };
  it.each([
    "kms:UpdateKeyDescription",
    "kms:PutKeyPolicy",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:EnableKey",
    "kms:DisableKey",
    "kms:EnableKeyRotation",
    "kms:DisableKeyRotation",
    "kms:ScheduleKeyDeletion",
  ])("%s on a key whose aliases include alias/aws/… is refused", (action) => {
    refusedBy(request(action, KEY, { context: managed }), "AWS_MANAGED_KEY_READ_ONLY");
  });
  it("a customer managed key, a key whose aliases are not given, and reads stay with the policies", () => {
    allowed(
      request("kms:PutKeyPolicy", KEY, { context: { "kms:ResourceAliases": ["alias/mine"] } }),
    );
    allowed(request("kms:PutKeyPolicy", KEY));
    allowed(request("kms:DescribeKey", KEY, { context: managed }));
    allowed(request("kms:GetKeyPolicy", KEY, { context: managed }));
  });
});

describe("the root user cannot assume a role (STS API: AssumeRole; IAM UG: Compare AWS STS credentials)", () => {
  // "You cannot use AWS account root user credentials to call AssumeRole. You must use credentials
  // for an IAM user or an IAM role to call AssumeRole."
  const ROLE = `arn:aws:iam::${A}:role/deployer`;
  const trustingTheAccount = policy({
    Effect: "Allow",
    Principal: { AWS: ROOT },
    Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
  });
  const asRoot = (action: string, resource = ROLE) =>
    request(action, resource, {
      principal: ROOT,
      policies: { identity: [], resource: [trustingTheAccount] },
    });
  it("sts:AssumeRole by the root user is refused, even when the trust policy names the root user", () => {
    refusedBy(asRoot("sts:AssumeRole"), "ROOT_USER_CANNOT_ASSUME_ROLE");
    refusedBy(
      request("sts:AssumeRole", ROLE, { principal: ROOT, policies: { identity: [] } }),
      "ROOT_USER_CANNOT_ASSUME_ROLE",
    );
  });
  it.each(["sts:TagSession", "sts:SetSourceIdentity", "STS:setcontext"])(
    "%s on a role (part of the same AssumeRole call) is refused too",
    (action) => refusedBy(asRoot(action), "ROOT_USER_CANNOT_ASSUME_ROLE"),
  );
  it("an IAM user or role may assume the role; the root user's other STS calls stay with the policies", () => {
    allowed(
      request("sts:AssumeRole", ROLE, {
        principal: `arn:aws:iam::${A}:user/alice`,
        policies: { identity: [ADMIN_POLICY], resource: [trustingTheAccount] },
      }),
    );
    allowed(request("sts:AssumeRole", ROLE, { policies: { identity: [ADMIN_POLICY] } }));
    // GetFederationToken may be called by the root user, with session tags on the federated user.
    allowed(
      request("sts:TagSession", `arn:aws:sts::${A}:federated-user/bob`, {
        principal: ROOT,
        policies: { identity: [] },
      }),
    );
    allowed(request("sts:GetSessionToken", "*", { principal: ROOT, policies: { identity: [] } }));
  });
});

describe("the list of AWS-side rules", () => {
  it("every rule names its AWS pages, and every action is lower-case with a service prefix", () => {
    expect(awsSideRules.map((r) => r.id)).toEqual([
      "AWS_MANAGED_POLICY_READ_ONLY",
      "SERVICE_LINKED_ROLE_PROTECTED",
      "IDENTITY_CENTER_ROLE_PROTECTED",
      "SERVICE_ROLE_POLICY_NOT_ATTACHABLE",
      "AWS_MANAGED_KEY_ALIAS_RESERVED",
      "AWS_MANAGED_KEY_READ_ONLY",
      "ROOT_USER_CANNOT_ASSUME_ROLE",
    ]);
    for (const r of awsSideRules) {
      expect(r.sources.length).toBeGreaterThan(0);
      for (const s of r.sources)
        expect(s).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|repost\.aws)\//);
      for (const a of r.actions) expect(a).toMatch(/^[a-z0-9-]+:[a-z0-9]+$/);
    }
  });
  it("a request on * or a non-ARN resource meets no rule", () => {
    allowed(request("iam:DeletePolicy", "*"));
    allowed(request("iam:DeleteRole", "role/aws-service-role/x"));
  });
});
