// How a resource-policy grant names the caller decides what else the request needs (docs/evaluation-rules.md
// docs/evaluation-rules.md §7.2 step 4, §4.1), and which requests need the resource's own consent (§7.2 step 4g: role trust
// policies for sts:AssumeRole* on a role, key policies for KMS keys). All rows are in one account with
// the resource's policies given (full mode), unless a row says otherwise.
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/evaluation/index.js";
import type { EvaluationRequest, PolicySet } from "../src/types.js";
import { ALICE, ROLE_SESSION, allow, decided, policy } from "./helpers.js";
import type { Doc } from "./helpers.js";

const ACCOUNT = "111122223333";
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:queue`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/ImageBuilderRole`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const FEDERATED = `arn:aws:sts::${ACCOUNT}:federated-user/bob`;
const send = "sqs:SendMessage";

/** A boundary and a session policy that allow only S3: neither allows sqs:SendMessage. */
const S3_ONLY = [policy(allow({ Sid: "S3Only", Action: "s3:*" }))];
const grant = (principal: Doc[string], extra: Doc = {}) =>
  policy(allow({ Sid: "Grant", Principal: principal, ...extra }));
const principalArnIs = (arn: string): Doc => ({
  Condition: { ArnEquals: { "aws:PrincipalArn": arn } },
});

interface Row {
  name: string;
  principal?: string;
  policies: PolicySet;
  decision: "Allowed" | "ImplicitlyDenied";
  /** Sids of the deciding statements. */
  by: string[];
  notes?: string[];
}

const rows: Row[] = [
  {
    name: "a grant to the IAM user's ARN needs nothing from the boundary (4a)",
    principal: ALICE,
    policies: { identity: [], boundary: S3_ONLY, resource: [grant({ AWS: ALICE })] },
    decision: "Allowed",
    by: ["Grant"],
  },
  {
    name: "a grant to the role session's ARN needs nothing from the boundary or session policy (4b)",
    principal: ROLE_SESSION,
    policies: {
      identity: [],
      boundary: S3_ONLY,
      session: S3_ONLY,
      resource: [grant({ AWS: ROLE_SESSION })],
    },
    decision: "Allowed",
    by: ["Grant"],
  },
  {
    name: "a grant to the federated-user session's ARN needs no session policy (4c)",
    principal: FEDERATED,
    // Without a session policy a GetFederationToken session has no permissions of its own (docs/evaluation-rules.md §7.1).
    policies: { identity: [], resource: [grant({ AWS: FEDERATED })] },
    decision: "Allowed",
    by: ["Grant"],
  },
  {
    name: "a grant to the federated-user session's ARN is not limited by a session policy that does not allow (4c)",
    principal: FEDERATED,
    policies: {
      identity: [],
      boundary: S3_ONLY,
      session: S3_ONLY,
      resource: [grant({ AWS: FEDERATED })],
    },
    decision: "Allowed",
    by: ["Grant"],
  },
  {
    name: "the same federated user without that grant and without a session policy has no permissions (docs/evaluation-rules.md §7.1)",
    principal: FEDERATED,
    policies: {
      identity: [policy(allow())],
      resource: [grant({ AWS: `arn:aws:sts::${ACCOUNT}:federated-user/carol` })],
    },
    decision: "ImplicitlyDenied",
    by: [],
  },
  {
    name: "a grant to the role's ARN is allowed when nothing limits it (4d)",
    principal: ROLE_SESSION,
    policies: { identity: [], resource: [grant({ AWS: ROLE_ARN })] },
    decision: "Allowed",
    by: ["Grant"],
  },
  {
    name: "a grant to the role's ARN is limited by a boundary that does not allow (4d)",
    principal: ROLE_SESSION,
    policies: { identity: [], boundary: S3_ONLY, resource: [grant({ AWS: ROLE_ARN })] },
    decision: "ImplicitlyDenied",
    by: [],
  },
  {
    name: '"*" with an aws:PrincipalArn condition naming the role needs nothing from the boundary or session policy (4e)',
    principal: ROLE_SESSION,
    policies: {
      identity: [],
      boundary: S3_ONLY,
      session: S3_ONLY,
      resource: [grant("*", principalArnIs(ROLE_ARN))],
    },
    decision: "Allowed",
    by: ["Grant"],
  },
  {
    name: '"*" with an aws:PrincipalArn condition naming the user needs nothing from the boundary (4e)',
    principal: ALICE,
    policies: {
      identity: [],
      boundary: S3_ONLY,
      resource: [grant({ AWS: "*" }, principalArnIs(ALICE))],
    },
    decision: "Allowed",
    by: ["Grant"],
  },
  {
    name: '"*" without conditions allows a role session when nothing limits it (docs/evaluation-rules.md §4.1 "no other permissions are required")',
    principal: ROLE_SESSION,
    policies: { identity: [], resource: [grant("*")] },
    decision: "Allowed",
    by: ["Grant"],
  },
  {
    name: '{"AWS": "*"} is the same as "*" (docs/evaluation-rules.md §4.1)',
    principal: ALICE,
    policies: { identity: [], resource: [grant({ AWS: "*" })] },
    decision: "Allowed",
    by: ["Grant"],
  },
  {
    // Whether a boundary limits this form is UNCONFIRMED (docs/evaluation-rules.md §7.2 step 4, §11): fail-safe, it does.
    name: '"*" without conditions is limited by a boundary that does not allow (fail-safe reading)',
    principal: ROLE_SESSION,
    policies: { identity: [], boundary: S3_ONLY, resource: [grant("*")] },
    decision: "ImplicitlyDenied",
    by: [],
  },
  {
    name: '"*" without conditions is limited by a session policy that does not allow (fail-safe reading)',
    principal: ROLE_SESSION,
    policies: { identity: [], session: S3_ONLY, resource: [grant("*")] },
    decision: "ImplicitlyDenied",
    by: [],
  },
  {
    // The root user has full access in its own account (docs/evaluation-rules.md §7.1); the grant naming it is what decides.
    name: "a grant naming the account decides for the account's root user",
    principal: ROOT,
    policies: { identity: [], resource: [grant({ AWS: ACCOUNT })] },
    decision: "Allowed",
    by: ["Grant"],
  },
  {
    name: "a grant naming the account is delegation for its users: the boundary still has to allow (4h)",
    principal: ALICE,
    policies: {
      identity: [policy(allow({ Sid: "Identity" }))],
      boundary: S3_ONLY,
      resource: [grant({ AWS: ROOT })],
    },
    decision: "ImplicitlyDenied",
    by: [],
  },
  {
    name: "a grant naming the account is delegation for its users: the identity policy decides (4h)",
    principal: ALICE,
    policies: { identity: [policy(allow({ Sid: "Identity" }))], resource: [grant({ AWS: ROOT })] },
    decision: "Allowed",
    by: ["Identity"],
  },
];

describe("a same-account resource-policy grant, by how it names the caller (docs/evaluation-rules.md §7.2 step 4)", () => {
  it.each(rows.map((row) => [row.name, row] as const))("%s", (_, row) => {
    const request: EvaluationRequest = {
      ...(row.principal !== undefined && { principal: row.principal }),
      action: send,
      resource: QUEUE,
      policies: row.policies,
    };
    for (const explain of [false, true]) {
      const result = decided(evaluate(request, { explain }));
      expect(result.decision).toBe(row.decision);
      expect(result.decidedBy.map((d) => d.sid)).toEqual(row.by);
      expect((result.notes ?? []).map((n) => n.code)).toEqual(row.notes ?? []);
    }
  });
});

describe("a grant limited by the session side, to a federated-user session (docs/evaluation-rules.md §7.2 step 4f, §7.1)", () => {
  it('"*" without conditions does not give a GetFederationToken session without a session policy any permission', () => {
    const request: EvaluationRequest = {
      principal: FEDERATED,
      action: send,
      resource: QUEUE,
      policies: { identity: [], resource: [grant("*")] },
    };
    const result = decided(evaluate(request, { explain: true }));
    expect(result.decision).toBe("ImplicitlyDenied");
    expect(result.decidedBy).toEqual([]);
    // The summary gives the reason the grant did not count.
    expect(result.explain?.summary).toMatch(
      /but a federated-user session without a session policy has no permissions \(uncertain: Allowed under the other reading of WILDCARD_GRANT_UNDER_LIMITS; see [^)]*\)$/,
    );
    // Whether a session policy (here: its absence) limits a bare "*" grant is undocumented.
    expect(result.uncertain).toBe(true);
    expect(result.otherDecision).toBe("Allowed");
    // With a session policy that allows, the same grant counts.
    const withSession = decided(
      evaluate({ ...request, policies: { ...request.policies, session: [policy(allow())] } }),
    );
    expect(withSession.decision).toBe("Allowed");
    expect(withSession.decidedBy.map((d) => d.sid)).toEqual(["Grant"]);
  });
});

/** Role trust requests: the trust policy has to allow these actions on the role (docs/evaluation-rules.md §7.2 step 4g). */
const ROLE_TRUST_ACTIONS = [
  "sts:AssumeRole",
  "sts:AssumeRoleWithSAML",
  "sts:AssumeRoleWithWebIdentity",
  "sts:TagSession",
  "sts:SetSourceIdentity",
  "sts:SetContext",
];

const consentRows: [string, string, string, string[]][] = [
  ...ROLE_TRUST_ACTIONS.map(
    (action) =>
      [
        `${action} on a role needs the role trust policy`,
        action,
        `arn:aws:iam::${ACCOUNT}:role/path/Target`,
        ["ROLE_TRUST_POLICY_REQUIRED"],
      ] as [string, string, string, string[]],
  ),
  [
    "the action is matched case-insensitively (docs/evaluation-rules.md §2)",
    "STS:assumerole",
    `arn:aws:iam::${ACCOUNT}:role/Target`,
    ["ROLE_TRUST_POLICY_REQUIRED"],
  ],
  // Reading a role is an ordinary IAM request: only identity policies decide.
  ["iam:GetRole on a role does not", "iam:GetRole", `arn:aws:iam::${ACCOUNT}:role/Target`, []],
  ["sts:AssumeRole on a resource that is not an ARN does not", "sts:AssumeRole", "*", []],
  // sts:TagSession also applies to IAM users (GetFederationToken): a user has no trust policy.
  ["sts:TagSession on an IAM user does not", "sts:TagSession", ALICE, []],
  // A role lives in IAM; an ARN of another service whose resource part reads role/… is no role.
  [
    "sts:AssumeRole on a non-IAM ARN that reads role/… does not",
    "sts:AssumeRole",
    `arn:aws:sqs:us-east-1:${ACCOUNT}:role/Target`,
    [],
  ],
  [
    "kms:Decrypt on a KMS key needs the key policy",
    "kms:Decrypt",
    `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`,
    ["KMS_KEY_POLICY_REQUIRED"],
  ],
  // An alias has no key policy: kms:CreateAlias on the alias is decided by IAM policies alone.
  [
    "kms:CreateAlias on a KMS alias does not",
    "kms:CreateAlias",
    `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app`,
    [],
  ],
  ["kms:ListKeys on * does not", "kms:ListKeys", "*", []],
  // The key policy governs KMS actions; another service's action naming the key is an IAM request.
  [
    "another service's action on a KMS key does not",
    "tag:TagResources",
    `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`,
    [],
  ],
  [
    "a KMS action on a non-KMS ARN that reads key/… does not",
    "kms:Decrypt",
    "arn:aws:s3:::key/k1",
    [],
  ],
];

describe("which requests need the resource's own consent (docs/evaluation-rules.md §7.2 step 4g), identity-only", () => {
  it.each(consentRows)("%s", (_, action, resource, notes) => {
    const result = decided(
      evaluate({ principal: ALICE, action, resource, policies: { identity: [policy(allow())] } }),
    );
    // The principal's side allows; a note says when AWS would also need the resource's consent.
    expect(result.decision).toBe("Allowed");
    expect((result.notes ?? []).map((n) => n.code)).toEqual(notes);
  });

  it("with the resource's policies given, a request that needs no consent is allowed by the identity policy alone", () => {
    for (const [action, resource] of [
      ["kms:CreateAlias", `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app`],
      ["iam:GetRole", `arn:aws:iam::${ACCOUNT}:role/Target`],
    ] as const) {
      const result = decided(
        evaluate({
          principal: ALICE,
          action,
          resource,
          policies: { identity: [policy(allow({ Sid: "Identity" }))], resource: [] },
        }),
      );
      expect(result.decision).toBe("Allowed");
      expect(result.decidedBy.map((d) => d.sid)).toEqual(["Identity"]);
    }
    // …while the same identity policy alone is not enough for a key (the key policy must allow).
    expect(
      decided(
        evaluate({
          principal: ALICE,
          action: "kms:Decrypt",
          resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`,
          policies: { identity: [policy(allow())], resource: [] },
        }),
      ).decision,
    ).toBe("ImplicitlyDenied");
  });
});

describe("a request without a principal (docs/architecture.md: no principal keys, no cross-account check)", () => {
  it("is decided by the identity policies as in one account, without a cross-account note", () => {
    const result = decided(
      evaluate({ action: send, resource: QUEUE, policies: { identity: [policy(allow())] } }),
    );
    expect(result.decision).toBe("Allowed");
    expect(result.notes).toBeUndefined();
  });
});
