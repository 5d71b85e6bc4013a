// Requests AWS refuses whatever the policies say (DIFFERENCES.md 26, docs/aws-side-rules.md), as
// other engines test them: an administrator modifying an AWS reserved role or an AWS managed policy.
// iam-simulate answers ImplicitlyDenied for the reserved role; iamspec answers ExplicitlyDenied with
// an AWS_SIDE_RULE note (no Allow can change the answer).
import { describe, expect, it } from "vitest";
import type { EvaluationRequest } from "../../src/types.js";
import { allow, decide, policy, result, sim } from "./support.js";

const A = "123456789012";
const USER = `arn:aws:iam::${A}:user/test-user`;
const ADMIN = policy(allow());

const rows: { name: string; source: string; request: EvaluationRequest; rule: string }[] = [
  {
    name: "an administrator cannot attach a policy to an AWSReservedSSO role",
    source: sim("awsManagedRoles.json", "deny iam:AttachRolePolicy for AWS managed roles"),
    request: {
      principal: USER,
      action: "iam:AttachRolePolicy",
      resource: `arn:aws:iam::${A}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_9999999999`,
      policies: { identity: [ADMIN] },
    },
    rule: "IDENTITY_CENTER_ROLE_PROTECTED",
  },
  {
    name: "an administrator cannot add a version to an AWS managed policy",
    source:
      "AWS UG: AWS managed policies (You cannot change the permissions defined in AWS managed policies)",
    request: {
      principal: USER,
      action: "iam:CreatePolicyVersion",
      resource: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      policies: { identity: [ADMIN] },
    },
    rule: "AWS_MANAGED_POLICY_READ_ONLY",
  },
  {
    name: "an administrator cannot detach a policy from a service-linked role",
    source: "IAM API Reference: DetachRolePolicy (UnmodifiableEntity)",
    request: {
      principal: USER,
      action: "iam:DetachRolePolicy",
      resource: `arn:aws:iam::${A}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`,
      policies: { identity: [ADMIN] },
    },
    rule: "SERVICE_LINKED_ROLE_PROTECTED",
  },
];

describe("requests AWS refuses whatever the policies say", () => {
  it.each(rows.map((r) => [r.name, r] as const))("%s", (_name, r) => {
    expect(r.source).not.toBe("");
    expect(decide(r.request)).toBe("ExplicitlyDenied");
    const full = result(r.request);
    expect(full.decidedBy).toEqual([]);
    expect(full.notes?.[0]?.message).toMatch(new RegExp(`^${r.rule}: `));
  });
});
