// Every way decide() reaches a decision (docs/evaluation-rules.md §7.1–§7.3), one row each: the decision, the
// deciding statements, the notes and the explanation's summary, word for word. The summaries are
// what users read first; the rows also pin the branch each request takes.
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../src/evaluation/index.js";
import type { EvaluationRequest, PolicySet } from "../src/types.js";
import { ALICE, ROLE_SESSION, allow, decided, deny, policy } from "./helpers.js";

const ACCOUNT = "111122223333";
const OTHER = "444455556666";
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:queue`;
const OTHER_QUEUE = `arn:aws:sqs:us-east-1:${OTHER}:queue`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/Target`;
const OTHER_ROLE = `arn:aws:iam::${OTHER}:role/Target`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const FEDERATED = `arn:aws:sts::${ACCOUNT}:federated-user/bob`;
const SERVICE = "ec2.amazonaws.com";
/** A statement's resource that the request misses: the statement is then a near miss (a suggestion). */
const NEAR_QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:other`;

const send = "sqs:SendMessage";
const label = (type: string, policyIndex: number, statementIndex: number, sid?: string) =>
  `${type} #${policyIndex} Statement[${statementIndex}]${sid !== undefined ? ` (${sid})` : ""}`;

interface Row {
  name: string;
  principal?: string;
  action?: string;
  resource: string;
  policies: PolicySet;
  decision: "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";
  /** Sids of the deciding statements, in order. */
  by: string[];
  notes?: string[];
  summary: string;
  /** Suggestions are built for the layers that lacked an Allow. */
  suggests?: boolean;
  /** The decision under the other reading, for uncertain results. */
  otherDecision?: Row["decision"];
}

const A = (sid: string, extra = {}) => allow({ Sid: sid, ...extra });
const D = (sid: string, extra = {}) => deny({ Sid: sid, ...extra });

const rows: Row[] = [
  {
    name: "explicit deny in the identity policy (docs/evaluation-rules.md §7.2 step 1)",
    principal: ALICE,
    resource: QUEUE,
    policies: { identity: [policy(A("Grant"), D("Stop"))] },
    decision: "ExplicitlyDenied",
    by: ["Stop"],
    summary: `Explicitly denied by ${label("identity policy", 0, 1, "Stop")}`,
  },
  {
    // A role session: session policies bind only sessions (docs/evaluation-rules.md §7.1, §7.2 step 7).
    name: "explicit denies from several layers are all named",
    principal: ROLE_SESSION,
    resource: QUEUE,
    policies: {
      identity: [policy(D("One"))],
      boundary: [policy(D("Two"))],
      session: [policy(D("Three"))],
    },
    decision: "ExplicitlyDenied",
    by: ["One", "Two", "Three"],
    summary: `Explicitly denied by ${label("identity policy", 0, 0, "One")}; ${label("permissions boundary", 0, 0, "Two")}; ${label("session policy", 0, 0, "Three")}`,
  },
  {
    name: "an explicit deny in the resource policy wins over identity grants",
    principal: ALICE,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Grant"))],
      resource: [policy(D("NoOne", { Principal: "*" }))],
    },
    decision: "ExplicitlyDenied",
    by: ["NoOne"],
    summary: `Explicitly denied by ${label("resource policy", 0, 0, "NoOne")}`,
  },
  {
    name: "no RCP allows (docs/evaluation-rules.md §7.2 step 2), one level",
    principal: ALICE,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Grant"))],
      rcp: [policy(A("Near", { Principal: "*", Resource: NEAR_QUEUE }))],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: no RCP allows ${send} on ${QUEUE}`,
    suggests: true,
  },
  {
    name: "no RCP allows at the second level",
    principal: ALICE,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Grant"))],
      rcp: [
        [policy(A("All", { Principal: "*" }))],
        [policy(A("Near", { Principal: "*", Resource: NEAR_QUEUE }))],
      ],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: no RCP at level 1 allows ${send} on ${QUEUE}`,
    suggests: true,
  },
  {
    name: "no SCP allows (docs/evaluation-rules.md §7.2 step 3), one level",
    principal: ALICE,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Grant"))],
      scp: [policy(A("Near", { Resource: NEAR_QUEUE }))],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: no SCP allows ${send} on ${QUEUE}`,
    suggests: true,
  },
  {
    name: "no SCP allows at the second level",
    principal: ALICE,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Grant"))],
      scp: [[policy(A("All"))], [policy(A("Near", { Resource: NEAR_QUEUE }))]],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: no SCP at level 1 allows ${send} on ${QUEUE}`,
    suggests: true,
  },
  {
    name: "RCP levels are checked before SCP levels",
    principal: ALICE,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Grant"))],
      scp: [policy(A("Near", { Resource: NEAR_QUEUE }))],
      rcp: [policy(A("Near", { Principal: "*", Resource: NEAR_QUEUE }))],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: no RCP allows ${send} on ${QUEUE}`,
    suggests: true,
  },
  {
    name: "sts:GetCallerIdentity needs no permission, and the Deny that matched is named (STS API Reference: GetCallerIdentity)",
    principal: ALICE,
    action: "sts:GetCallerIdentity",
    resource: "*",
    policies: { identity: [policy(D("Stop"))] },
    decision: "Allowed",
    by: [],
    notes: ["NO_PERMISSION_REQUIRED"],
    summary: `Allowed: sts:GetCallerIdentity needs no permission, so no policy decides it (STS API Reference: GetCallerIdentity); matching Deny statements that do not stop it: ${label("identity policy", 0, 0, "Stop")}`,
  },
  {
    name: "sts:GetCallerIdentity without any policy",
    principal: ALICE,
    action: "sts:GetCallerIdentity",
    resource: "*",
    policies: { identity: [] },
    decision: "Allowed",
    by: [],
    notes: ["NO_PERMISSION_REQUIRED"],
    summary:
      "Allowed: sts:GetCallerIdentity needs no permission, so no policy decides it (STS API Reference: GetCallerIdentity); the policies are listed for reference",
  },
  {
    name: "a service principal granted by the resource policy (identity policies do not apply)",
    principal: SERVICE,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Ignored"))],
      resource: [policy(A("ToEc2", { Principal: { Service: SERVICE } }))],
    },
    decision: "Allowed",
    by: ["ToEc2"],
    notes: ["IDENTITY_POLICIES_NOT_APPLICABLE"],
    summary: `Allowed by ${label("resource policy", 0, 0, "ToEc2")}`,
  },
  {
    name: "a service principal without a resource policy",
    principal: SERVICE,
    resource: QUEUE,
    policies: { identity: [policy(A("Ignored"))] },
    decision: "ImplicitlyDenied",
    by: [],
    notes: ["IDENTITY_POLICIES_NOT_APPLICABLE", "RESOURCE_POLICY_UNKNOWN"],
    summary: `Implicitly denied: no resource policy statement allows service principal ${SERVICE} ${send} on ${QUEUE}`,
  },
  {
    name: "an anonymous caller whom the resource policy does not name",
    principal: "anonymous",
    resource: QUEUE,
    policies: { resource: [policy(A("ToRoot", { Principal: { AWS: ROOT } }))] },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: no resource policy statement allows anonymous callers ${send} on ${QUEUE}`,
    suggests: true,
  },
  {
    name: "identity-only: the identity policy allows",
    principal: ALICE,
    resource: QUEUE,
    policies: { identity: [policy(A("Grant"))] },
    decision: "Allowed",
    by: ["Grant"],
    summary: `Allowed by ${label("identity policy", 0, 0, "Grant")}`,
  },
  {
    name: "identity-only: no identity statement allows",
    principal: ALICE,
    resource: QUEUE,
    policies: { identity: [policy(A("Near", { Resource: NEAR_QUEUE }))] },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: no identity policy statement allows ${send} on ${QUEUE}`,
    suggests: true,
  },
  {
    name: "identity-only: the boundary does not allow (docs/evaluation-rules.md §7.2 step 6)",
    principal: ALICE,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Grant"))],
      boundary: [policy(A("Near", { Resource: NEAR_QUEUE }))],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: the permissions boundary does not allow ${send} on ${QUEUE}`,
    suggests: true,
  },
  {
    name: "identity-only: the session policy does not allow (docs/evaluation-rules.md §7.2 step 7)",
    principal: ROLE_SESSION,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Grant"))],
      session: [policy(A("Near", { Resource: NEAR_QUEUE }))],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: no session policy statement allows ${send} on ${QUEUE}`,
    suggests: true,
  },
  {
    name: "a federated-user session without a session policy has no permissions (docs/evaluation-rules.md §7.1)",
    principal: FEDERATED,
    resource: QUEUE,
    policies: { identity: [policy(A("Grant"))] },
    decision: "ImplicitlyDenied",
    by: [],
    summary:
      "Implicitly denied: a federated-user session without a session policy has no permissions",
  },
  {
    name: "the root user needs no identity policy in its own account",
    principal: ROOT,
    resource: QUEUE,
    policies: { identity: [policy(A("Near", { Resource: NEAR_QUEUE }))] },
    decision: "Allowed",
    by: [],
    notes: ["ROOT_USER"],
    summary: "Allowed by the account root user's full access",
  },
  {
    name: "identity-only, cross-account: the principal's side allows",
    principal: ALICE,
    resource: OTHER_QUEUE,
    policies: { identity: [policy(A("Grant"))] },
    decision: "Allowed",
    by: ["Grant"],
    notes: ["CROSS_ACCOUNT_RESOURCE_POLICY_REQUIRED"],
    summary: `Allowed on the principal's side by ${label("identity policy", 0, 0, "Grant")} (cross-account: the resource's policy was not given)`,
  },
  {
    name: "identity-only, cross-account: the root user of another account",
    principal: ROOT,
    resource: OTHER_QUEUE,
    policies: { identity: [policy(A("Near", { Resource: NEAR_QUEUE }))] },
    decision: "Allowed",
    by: [],
    notes: ["ROOT_USER", "CROSS_ACCOUNT_RESOURCE_POLICY_REQUIRED"],
    summary:
      "Allowed on the principal's side by the account root user's full access (cross-account: the resource's policy was not given)",
  },
  {
    name: "identity-only, cross-account: the principal's side does not allow",
    principal: ALICE,
    resource: OTHER_QUEUE,
    policies: { identity: [policy(A("Near", { Resource: NEAR_QUEUE }))] },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied (cross-account): no identity policy statement allows ${send} on ${OTHER_QUEUE}`,
    suggests: true,
  },
  {
    name: "full, cross-account: both sides allow (docs/evaluation-rules.md §7.3)",
    principal: ALICE,
    resource: OTHER_QUEUE,
    policies: {
      identity: [policy(A("Grant"))],
      resource: [policy(A("ToAlice", { Principal: { AWS: ALICE } }))],
    },
    decision: "Allowed",
    by: ["Grant", "ToAlice"],
    summary: `Allowed (cross-account) by ${label("identity policy", 0, 0, "Grant")}; ${label("resource policy", 0, 0, "ToAlice")}`,
  },
  {
    name: "full, cross-account: the resource policy does not allow",
    principal: ALICE,
    resource: OTHER_QUEUE,
    policies: {
      identity: [policy(A("Grant"))],
      resource: [policy(A("ToOther", { Principal: { AWS: `arn:aws:iam::${OTHER}:root` } }))],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied (cross-account): no resource policy statement of account ${OTHER} allows the principal ${send} on ${OTHER_QUEUE}`,
    suggests: true,
  },
  {
    name: "full, cross-account: the principal's side does not allow",
    principal: ALICE,
    resource: OTHER_QUEUE,
    policies: {
      identity: [policy(A("Near", { Resource: NEAR_QUEUE }))],
      resource: [policy(A("ToAlice", { Principal: { AWS: ALICE } }))],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied (cross-account): no identity policy statement allows ${send} on ${OTHER_QUEUE}`,
    suggests: true,
  },
  {
    name: "full, same account: a grant to the user needs nothing from the identity side (docs/evaluation-rules.md §7.2 step 4a)",
    principal: ALICE,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Near", { Resource: NEAR_QUEUE }))],
      resource: [policy(A("ToAlice", { Principal: { AWS: ALICE } }))],
    },
    decision: "Allowed",
    by: ["ToAlice"],
    summary: `Allowed by ${label("resource policy", 0, 0, "ToAlice")}`,
  },
  {
    name: "full, same account: a grant to the role is limited by the session policy (docs/evaluation-rules.md §7.2 step 4d)",
    principal: ROLE_SESSION,
    resource: QUEUE,
    policies: {
      resource: [
        policy(
          A("ToRole", { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ImageBuilderRole` } }),
        ),
      ],
    },
    decision: "Allowed",
    by: ["ToRole"],
    summary: `Allowed by ${label("resource policy", 0, 0, "ToRole")}`,
  },
  {
    name: "full, same account: a grant to the role, but the session policy does not allow",
    principal: ROLE_SESSION,
    resource: QUEUE,
    policies: {
      session: [policy(A("Near", { Resource: NEAR_QUEUE }))],
      resource: [
        policy(
          A("ToRole", { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ImageBuilderRole` } }),
        ),
      ],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: no identity policy statement allows ${send} on ${QUEUE}; the resource policy grants it, but no session policy statement allows it`,
    suggests: true,
  },
  {
    name: "full, same account: the identity policy allows and the resource policy names someone else",
    principal: ALICE,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Grant"))],
      resource: [policy(A("ToRoot", { Principal: { AWS: `arn:aws:iam::${OTHER}:root` } }))],
    },
    decision: "Allowed",
    by: ["Grant"],
    summary: `Allowed by ${label("identity policy", 0, 0, "Grant")}`,
  },
  {
    name: "full, same account: neither side allows",
    principal: ALICE,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Near", { Resource: NEAR_QUEUE }))],
      resource: [policy(A("ToRoot", { Principal: { AWS: `arn:aws:iam::${OTHER}:root` } }))],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: no identity policy statement allows ${send} on ${QUEUE} and no resource policy statement grants it`,
    suggests: true,
  },
  {
    name: 'a "*" grant with an aws:PrincipalArn condition naming the caller is not limited (docs/evaluation-rules.md §7.2 step 4e)',
    principal: ROLE_SESSION,
    resource: QUEUE,
    policies: {
      boundary: [policy(A("Near", { Resource: NEAR_QUEUE }))],
      resource: [
        policy(
          A("ByArn", {
            Principal: "*",
            Condition: {
              ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/ImageBuilderRole` },
            },
          }),
        ),
      ],
    },
    decision: "Allowed",
    by: ["ByArn"],
    summary: `Allowed by ${label("resource policy", 0, 0, "ByArn")}`,
  },
  {
    name: 'a "*" grant whose aws:PrincipalArn condition is negated stays limited by the boundary (fail-safe)',
    principal: ROLE_SESSION,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Grant"))],
      boundary: [policy(A("Near", { Resource: NEAR_QUEUE }))],
      resource: [
        policy(
          A("AllButOne", {
            Principal: "*",
            Condition: {
              ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/Other` },
            },
          }),
        ),
      ],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: the permissions boundary does not allow ${send} on ${QUEUE}, which also limits the resource policy's grant (uncertain: Allowed under the other reading of WILDCARD_GRANT_UNDER_LIMITS; see docs/uncertain-readings.md#principal--grants-and-boundaries-or-session-policies)`,
    otherDecision: "Allowed",
    suggests: true,
  },
  {
    name: 'a "*" grant to a federated-user session without a session policy names the reason once',
    principal: FEDERATED,
    resource: QUEUE,
    policies: {
      identity: [policy(A("Grant"))],
      resource: [policy(A("Anyone", { Principal: "*" }))],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary:
      "Implicitly denied: a federated-user session without a session policy has no permissions, which also limits the resource policy's grant (uncertain: Allowed under the other reading of WILDCARD_GRANT_UNDER_LIMITS; see docs/uncertain-readings.md#principal--grants-and-boundaries-or-session-policies)",
    otherDecision: "Allowed",
  },
  {
    name: "role trust: the trust policy delegates to the account and the identity policy allows (docs/evaluation-rules.md §7.2 step 4g)",
    principal: ALICE,
    action: "sts:AssumeRole",
    resource: ROLE,
    policies: {
      identity: [policy(A("Assume", { Action: "sts:AssumeRole" }))],
      resource: [
        policy(
          // A trust policy has no Resource: it applies to its own role.
          { Sid: "Account", Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: ROOT } },
        ),
      ],
    },
    decision: "Allowed",
    by: ["Assume", "Account"],
    summary: `Allowed by ${label("identity policy", 0, 0, "Assume")}; ${label("resource policy", 0, 0, "Account")} (the role trust policy delegates to the account)`,
  },
  {
    name: "role trust: the trust policy delegates but the identity policy does not allow",
    principal: ALICE,
    action: "sts:AssumeRole",
    resource: ROLE,
    policies: {
      identity: [policy(A("Near", { Resource: NEAR_QUEUE }))],
      resource: [policy(A("Account", { Action: "sts:AssumeRole", Principal: { AWS: ROOT } }))],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: no identity policy statement allows sts:AssumeRole on ${ROLE}`,
    suggests: true,
  },
  {
    name: "role trust: the trust policy names neither the caller nor the account",
    principal: ALICE,
    action: "sts:AssumeRole",
    resource: ROLE,
    policies: {
      identity: [policy(A("Assume", { Action: "sts:AssumeRole" }))],
      resource: [
        policy(
          A("Other", {
            Action: "sts:AssumeRole",
            Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
          }),
        ),
      ],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: the role trust policy does not allow the principal (sts:AssumeRole on ${ROLE})`,
    suggests: true,
  },
  {
    name: "KMS: a key policy that names the role, limited by a boundary that does not allow",
    principal: ROLE_SESSION,
    action: "kms:Decrypt",
    resource: KEY,
    policies: {
      boundary: [policy(A("Near", { Resource: NEAR_QUEUE }))],
      resource: [
        policy(
          A("ToRole", {
            Action: "kms:Decrypt",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ImageBuilderRole` },
          }),
        ),
      ],
    },
    decision: "ImplicitlyDenied",
    by: [],
    summary: `Implicitly denied: the KMS key policy grants it, but the permissions boundary does not allow it (kms:Decrypt on ${KEY})`,
    suggests: true,
  },
  {
    name: "KMS, identity-only: a note that the key policy must also allow",
    principal: ALICE,
    action: "kms:Decrypt",
    resource: KEY,
    policies: { identity: [policy(A("Decrypt", { Action: "kms:Decrypt" }))] },
    decision: "Allowed",
    by: ["Decrypt"],
    notes: ["KMS_KEY_POLICY_REQUIRED"],
    summary: `Allowed by ${label("identity policy", 0, 0, "Decrypt")}`,
  },
  {
    name: "role trust, identity-only: a note that the trust policy must also allow",
    principal: ALICE,
    action: "sts:AssumeRole",
    resource: ROLE,
    policies: { identity: [policy(A("Assume", { Action: "sts:AssumeRole" }))] },
    decision: "Allowed",
    by: ["Assume"],
    notes: ["ROLE_TRUST_POLICY_REQUIRED"],
    summary: `Allowed by ${label("identity policy", 0, 0, "Assume")}`,
  },
  {
    name: "role trust across accounts, identity-only: only the cross-account note",
    principal: ALICE,
    action: "sts:AssumeRole",
    resource: OTHER_ROLE,
    policies: { identity: [policy(A("Assume", { Action: "sts:AssumeRole" }))] },
    decision: "Allowed",
    by: ["Assume"],
    notes: ["CROSS_ACCOUNT_RESOURCE_POLICY_REQUIRED"],
    summary: `Allowed on the principal's side by ${label("identity policy", 0, 0, "Assume")} (cross-account: the resource's policy was not given)`,
  },
];

function requestOf(row: Row): EvaluationRequest {
  return {
    ...(row.principal !== undefined && { principal: row.principal }),
    action: row.action ?? send,
    resource: row.resource,
    policies: row.policies,
  };
}

describe("decision paths (docs/evaluation-rules.md §7): decision, deciding statements, notes and summary", () => {
  it.each(rows.map((row) => [row.name, row] as const))("%s", (_, row) => {
    const result = decided(evaluate(requestOf(row), { explain: true }));
    expect(result.decision).toBe(row.decision);
    expect(result.decidedBy.map((d) => d.sid)).toEqual(row.by);
    expect((result.notes ?? []).map((n) => n.code)).toEqual(row.notes ?? []);
    expect(result.explain?.summary).toBe(row.summary);
    expect(result.otherDecision).toBe(row.otherDecision);
    expect(result.uncertain).toBe(row.otherDecision !== undefined ? true : undefined);
    if (row.suggests !== undefined)
      expect((result.explain?.suggestions ?? []).length > 0).toBe(row.suggests);
    // The same decision without explain, and through compile() (no summary then).
    const plain = decided(evaluate(requestOf(row)));
    expect(plain.explain).toBeUndefined();
    expect(plain.decision).toBe(row.decision);
    expect(plain.decidedBy).toEqual(result.decidedBy);
    expect(plain.notes).toEqual(result.notes);
    const { policies, ...request } = requestOf(row);
    expect(decided(compile(policies!).evaluate(request))).toEqual(plain);
  });
});
