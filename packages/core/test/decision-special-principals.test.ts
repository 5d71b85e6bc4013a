// Three rules of the decision that depend on who calls or what is called, written from the AWS pages:
// - sts:GetCallerIdentity needs no permission (STS API Reference: GetCallerIdentity);
// - session policies bind only sessions (docs/evaluation-rules.md §7.1 table, §7.2 step 7);
// - SCPs do not bind service-linked roles (docs/evaluation-rules.md §7.1 table, §7.2 step 3).
// Every row is decided by evaluate() and by compile(), with and without explain; all four must agree on
// the decision, the deciding statements and the notes.
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../src/evaluation/index.js";
import { parseRequestPrincipal } from "../src/matching/principal.js";
import type {
  Decision,
  EvaluationRequest,
  EvaluationResult,
  PolicySet,
  PolicyType,
} from "../src/types.js";
import { ALICE, ROLE_SESSION, allow, decided, deny, policy } from "./helpers.js";

const ACCOUNT = "111122223333";
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ImageBuilderRole`;
const FEDERATED = `arn:aws:sts::${ACCOUNT}:federated-user/bob`;
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:queue`;
/** The example of the brief and of the IAM user guide's service-linked role pages. */
const SLR = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
const SLR_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling`;

const WHO_AM_I = "sts:GetCallerIdentity";
const send = "sqs:SendMessage";

const SOURCES = {
  getCallerIdentity:
    'STS API Reference: GetCallerIdentity ("No permissions are required to perform this operation")',
  sessionTable:
    "docs/evaluation-rules.md §7.1 table: session policies bind the role / federated-user session",
  sessionStep:
    "docs/evaluation-rules.md §7.2 step 7: principal is not a session (IAM user, root) → Allowed",
  federation:
    "docs/evaluation-rules.md §7.1 notes: GetFederationToken session without session policy",
  scpTable:
    "docs/evaluation-rules.md §7.1 table: SCPs bind member-account principals, not service-linked roles",
  scpStep: "docs/evaluation-rules.md §7.2 step 3: principal is not a service-linked role",
  rcp: "docs/evaluation-rules.md §7.1 table: RCPs bind resources, whoever calls",
  slrPath:
    "AWS UG: Using service-linked roles (their path is aws-service-role/<service principal>/)",
  nonIam: "docs/evaluation-rules.md §7.4: service principals and anonymous callers",
} as const;

const A = (sid: string, extra = {}) => allow({ Sid: sid, ...extra });
const D = (sid: string, extra = {}) => deny({ Sid: sid, ...extra });
const S3_ONLY = policy(A("S3Only", { Action: "s3:*" }));
const label = (type: string, policyIndex: number, statementIndex: number, sid: string) =>
  `${type} #${policyIndex} Statement[${statementIndex}] (${sid})`;

interface Row {
  name: string;
  /** The docs/evaluation-rules.md section or AWS page the expectation comes from. */
  source: string;
  principal?: string;
  action?: string;
  resource?: string;
  policies: PolicySet;
  decision: Decision;
  /** Sids of the deciding statements, in order. */
  by: string[];
  /** Note codes, in order. */
  notes: string[];
  /** Text each named note's message must contain. */
  noteText?: Record<string, string[]>;
  /** The explanation's summary (explain mode), exact or as a pattern. */
  summary?: string | RegExp;
  /** The policy types the explanation lists, in order (explain mode). */
  explained?: PolicyType[];
}

function requestOf(row: Row): EvaluationRequest {
  return {
    ...(row.principal !== undefined && { principal: row.principal }),
    action: row.action ?? send,
    resource: row.resource ?? QUEUE,
    policies: row.policies,
  };
}

/** The four ways to decide a row: evaluate() and compile(), each with and without explain. */
function decideAllWays(row: Row): { plain: EvaluationResult; explained: EvaluationResult } {
  const request = requestOf(row);
  const { policies, ...rest } = request;
  const engine = compile(policies);
  const plain = decided(evaluate(request));
  const explained = decided(evaluate(request, { explain: true }));
  const compiledPlain = decided(engine.evaluate(rest));
  const compiledExplained = decided(engine.evaluate(rest, { explain: true }));
  expect(plain.explain).toBeUndefined();
  expect(compiledPlain).toEqual(plain);
  expect(compiledExplained).toEqual(explained);
  // Explain mode adds the explanation and changes nothing else.
  const { explain: _explanation, ...explainedWithoutExplanation } = explained;
  expect(explainedWithoutExplanation).toEqual(plain);
  return { plain, explained };
}

function runRows(rows: Row[]): void {
  it.each(rows.map((row) => [row.name, row] as const))("%s", (_, row) => {
    const { plain, explained } = decideAllWays(row);
    expect(plain.decision, row.source).toBe(row.decision);
    expect(
      plain.decidedBy.map((d) => d.sid),
      row.source,
    ).toEqual(row.by);
    expect(
      (plain.notes ?? []).map((n) => n.code),
      row.source,
    ).toEqual(row.notes);
    for (const [code, texts] of Object.entries(row.noteText ?? {})) {
      const note = plain.notes?.find((n) => n.code === code);
      expect(note, `note ${code}`).toBeDefined();
      for (const text of texts) expect(note!.message).toContain(text);
    }
    if (row.summary !== undefined) {
      if (typeof row.summary === "string") expect(explained.explain?.summary).toBe(row.summary);
      else expect(explained.explain?.summary).toMatch(row.summary);
    }
    if (row.explained !== undefined)
      expect(explained.explain?.policies.map((p) => p.policyType)).toEqual(row.explained);
  });
}

describe("sts:GetCallerIdentity needs no permission (STS API Reference: GetCallerIdentity)", () => {
  const NOTE = "NO_PERMISSION_REQUIRED";
  runRows([
    {
      name: "an IAM user without any policy is allowed",
      source: SOURCES.getCallerIdentity,
      principal: ALICE,
      action: WHO_AM_I,
      resource: "*",
      policies: { identity: [] },
      decision: "Allowed",
      by: [],
      notes: [NOTE],
      noteText: { [NOTE]: [WHO_AM_I, "no permission"] },
      summary: /^Allowed: sts:GetCallerIdentity needs no permission/,
      explained: [],
    },
    {
      name: "an IAM user whose identity policy denies everything is allowed, and the note names the Deny",
      source: SOURCES.getCallerIdentity,
      principal: ALICE,
      action: WHO_AM_I,
      resource: "*",
      policies: { identity: [policy(A("Grant"), D("DenyAll"))] },
      decision: "Allowed",
      by: [],
      notes: [NOTE],
      noteText: { [NOTE]: [label("identity policy", 0, 1, "DenyAll")] },
      summary: new RegExp(
        `^Allowed: sts:GetCallerIdentity needs no permission.*${escapeRegExp(label("identity policy", 0, 1, "DenyAll"))}`,
      ),
      explained: ["identity"],
    },
    {
      name: "a Deny naming sts:GetCallerIdentity itself does not stop it",
      source: SOURCES.getCallerIdentity,
      principal: ALICE,
      action: WHO_AM_I,
      resource: "*",
      policies: { identity: [policy(D("NoWhoAmI", { Action: WHO_AM_I }))] },
      decision: "Allowed",
      by: [],
      notes: [NOTE],
      noteText: { [NOTE]: [label("identity policy", 0, 0, "NoWhoAmI")] },
    },
    {
      name: "the action is matched case-insensitively",
      source: `${SOURCES.getCallerIdentity}; docs/evaluation-rules.md §2 (action names are case-insensitive)`,
      principal: ALICE,
      action: "STS:getcalleridentity",
      resource: "*",
      policies: { identity: [policy(D("DenyAll"))] },
      decision: "Allowed",
      by: [],
      notes: [NOTE],
    },
    {
      name: "a role session whose session policy denies everything is allowed (DIFFERENCES.md 23)",
      source: SOURCES.getCallerIdentity,
      principal: `arn:aws:sts::${ACCOUNT}:assumed-role/test-role/session-name`,
      action: WHO_AM_I,
      resource: "*",
      policies: { identity: [], session: [policy(D("DenyAll"))] },
      decision: "Allowed",
      by: [],
      notes: [NOTE],
      noteText: { [NOTE]: [label("session policy", 0, 0, "DenyAll")] },
      // An empty identity list lists no policy.
      explained: ["session"],
    },
    {
      name: "a Deny in every layer (identity, boundary, session, SCP, RCP) is named and does not stop it",
      source: SOURCES.getCallerIdentity,
      principal: ROLE_SESSION,
      action: WHO_AM_I,
      resource: "*",
      policies: {
        identity: [policy(D("Id"))],
        boundary: [policy(D("Bound"))],
        session: [policy(D("Sess"))],
        scp: [policy(D("Scp"))],
        rcp: [policy(D("Rcp", { Principal: "*" }))],
      },
      decision: "Allowed",
      by: [],
      notes: [NOTE],
      noteText: {
        [NOTE]: [
          label("identity policy", 0, 0, "Id"),
          label("permissions boundary", 0, 0, "Bound"),
          label("session policy", 0, 0, "Sess"),
          "(Scp)",
          "(Rcp)",
        ],
      },
      explained: ["identity", "boundary", "session", "scp", "rcp"],
    },
    {
      name: "an SCP that allows nothing else does not stop it",
      source: SOURCES.getCallerIdentity,
      principal: ROLE_SESSION,
      action: WHO_AM_I,
      resource: "*",
      policies: { identity: [], scp: [S3_ONLY] },
      decision: "Allowed",
      by: [],
      notes: [NOTE],
    },
    {
      name: "the account root user is allowed",
      source: SOURCES.getCallerIdentity,
      principal: ROOT,
      action: WHO_AM_I,
      resource: "*",
      policies: { identity: [], scp: [policy(D("DenyAll"))] },
      decision: "Allowed",
      by: [],
      notes: [NOTE],
    },
    {
      name: "a role ARN as principal (the role's session) is allowed",
      source: SOURCES.getCallerIdentity,
      principal: ROLE,
      action: WHO_AM_I,
      resource: "*",
      policies: { identity: [policy(D("DenyAll"))] },
      decision: "Allowed",
      by: [],
      notes: [NOTE],
    },
    {
      name: "a federated-user session without a session policy (otherwise without permissions) is allowed",
      source: `${SOURCES.getCallerIdentity}; ${SOURCES.federation}`,
      principal: FEDERATED,
      action: WHO_AM_I,
      resource: "*",
      policies: { identity: [] },
      decision: "Allowed",
      by: [],
      notes: [NOTE],
    },
    {
      name: "a request without a principal (an IAM caller) is allowed",
      source: SOURCES.getCallerIdentity,
      action: WHO_AM_I,
      resource: "*",
      policies: { identity: [policy(D("DenyAll"))] },
      decision: "Allowed",
      by: [],
      notes: [NOTE],
    },
    {
      name: "with the resource's policies given (full mode) and a resource-policy Deny, it is allowed",
      source: SOURCES.getCallerIdentity,
      principal: ALICE,
      action: WHO_AM_I,
      resource: "*",
      policies: { identity: [], resource: [policy(D("NoOne", { Principal: "*" }))] },
      decision: "Allowed",
      by: [],
      notes: [NOTE],
      noteText: { [NOTE]: [label("resource policy", 0, 0, "NoOne")] },
    },
    // The exemption is for the identity whose credentials sign the call; a service principal or an
    // anonymous caller has none, and only resource policies can grant them (docs/evaluation-rules.md §7.4): unchanged.
    {
      name: "a service principal is not exempt: only a resource policy grants it",
      source: `${SOURCES.getCallerIdentity}; ${SOURCES.nonIam}`,
      principal: "ec2.amazonaws.com",
      action: WHO_AM_I,
      resource: "*",
      policies: {},
      decision: "ImplicitlyDenied",
      by: [],
      notes: ["RESOURCE_POLICY_UNKNOWN"],
    },
    {
      name: "an anonymous caller is not exempt",
      source: `${SOURCES.getCallerIdentity}; ${SOURCES.nonIam}`,
      principal: "anonymous",
      action: WHO_AM_I,
      resource: "*",
      policies: { resource: [] },
      decision: "ImplicitlyDenied",
      by: [],
      notes: [],
    },
    {
      name: "other STS actions still need permission: sts:GetSessionToken under a Deny",
      source: "docs/evaluation-rules.md §7.2 step 1 (the exemption names GetCallerIdentity only)",
      principal: ALICE,
      action: "sts:GetSessionToken",
      resource: "*",
      policies: { identity: [policy(A("Grant"), D("DenyAll"))] },
      decision: "ExplicitlyDenied",
      by: ["DenyAll"],
      notes: [],
    },
    {
      name: "other STS actions still need permission: sts:GetAccessKeyInfo without a policy",
      source: "docs/evaluation-rules.md §7.2 step 5",
      principal: ALICE,
      action: "sts:GetAccessKeyInfo",
      resource: "*",
      policies: { identity: [] },
      decision: "ImplicitlyDenied",
      by: [],
      notes: [],
    },
  ]);

  it("the explanation still lists every statement of every policy, with what it would have done", () => {
    const result = decided(
      evaluate(
        {
          principal: ALICE,
          action: WHO_AM_I,
          resource: "*",
          policies: { identity: [policy(A("Grant"), D("DenyAll"), A("Ec2", { Action: "ec2:*" }))] },
        },
        { explain: true },
      ),
    );
    const statements = result.explain!.policies[0]!.statements;
    expect(statements.map((s) => [s.sid, s.applies])).toEqual([
      ["Grant", true],
      ["DenyAll", true],
      ["Ec2", false],
    ]);
    expect(result.explain!.suggestions).toBeUndefined();
  });
});

describe("session policies bind only sessions (docs/evaluation-rules.md §7.1, §7.2 step 7)", () => {
  const NOTE = "SESSION_POLICY_NOT_APPLICABLE";
  runRows([
    {
      name: "an IAM user: a session-policy Deny is ignored and the identity policy decides",
      source: SOURCES.sessionStep,
      principal: ALICE,
      policies: { identity: [policy(A("Grant"))], session: [policy(D("DenyAll"))] },
      decision: "Allowed",
      by: ["Grant"],
      notes: [NOTE],
      noteText: { [NOTE]: ["IAM user"] },
      summary: `Allowed by ${label("identity policy", 0, 0, "Grant")}`,
      explained: ["identity"],
    },
    {
      name: "an IAM user: a session policy that does not allow does not limit",
      source: SOURCES.sessionStep,
      principal: ALICE,
      policies: { identity: [policy(A("Grant"))], session: [S3_ONLY] },
      decision: "Allowed",
      by: ["Grant"],
      notes: [NOTE],
    },
    {
      name: "an IAM user: a session policy grants nothing either",
      source: SOURCES.sessionTable,
      principal: ALICE,
      policies: { identity: [], session: [policy(A("All"))] },
      decision: "ImplicitlyDenied",
      by: [],
      notes: [NOTE],
      summary: `Implicitly denied: no identity policy statement allows ${send} on ${QUEUE}`,
      explained: [],
    },
    {
      name: "an IAM user: a boundary still limits (only the session layer is ignored)",
      source: `${SOURCES.sessionStep}; docs/evaluation-rules.md §7.2 step 6`,
      principal: ALICE,
      policies: {
        identity: [policy(A("Grant"))],
        boundary: [S3_ONLY],
        session: [policy(A("All"))],
      },
      decision: "ImplicitlyDenied",
      by: [],
      notes: [NOTE],
      summary: `Implicitly denied: the permissions boundary does not allow ${send} on ${QUEUE}`,
    },
    {
      name: 'an IAM user: a "*" grant in the resource policy is not limited by a session policy (full mode)',
      source: `${SOURCES.sessionStep}; docs/evaluation-rules.md §7.2 step 4`,
      principal: ALICE,
      policies: {
        identity: [],
        session: [S3_ONLY],
        resource: [policy(A("Anyone", { Principal: "*" }))],
      },
      decision: "Allowed",
      by: ["Anyone"],
      notes: [NOTE],
      explained: ["resource"],
    },
    {
      name: "the account root user: a session-policy Deny is ignored",
      source: SOURCES.sessionStep,
      principal: ROOT,
      policies: { identity: [], session: [policy(D("DenyAll"))] },
      decision: "Allowed",
      by: [],
      notes: [NOTE, "ROOT_USER"],
      noteText: { [NOTE]: ["root user"] },
    },
    // The controls: sessions and unknown callers keep the session layer.
    {
      name: "a role session: a session-policy Deny applies",
      source: SOURCES.sessionTable,
      principal: ROLE_SESSION,
      policies: { identity: [policy(A("Grant"))], session: [policy(D("DenyAll"))] },
      decision: "ExplicitlyDenied",
      by: ["DenyAll"],
      notes: [],
      explained: ["identity", "session"],
    },
    {
      name: "a role session: a session policy that does not allow limits",
      source: SOURCES.sessionStep,
      principal: ROLE_SESSION,
      policies: { identity: [policy(A("Grant"))], session: [S3_ONLY] },
      decision: "ImplicitlyDenied",
      by: [],
      notes: [],
      summary: `Implicitly denied: no session policy statement allows ${send} on ${QUEUE}`,
    },
    {
      name: "a role ARN as principal (the role's session): the session policy limits",
      source: SOURCES.sessionTable,
      principal: ROLE,
      policies: { identity: [policy(A("Grant"))], session: [S3_ONLY] },
      decision: "ImplicitlyDenied",
      by: [],
      notes: [],
    },
    {
      name: "a federated-user session: the session policy allows",
      source: SOURCES.federation,
      principal: FEDERATED,
      policies: { identity: [policy(A("Grant"))], session: [policy(A("All"))] },
      decision: "Allowed",
      by: ["Grant"],
      notes: [],
    },
    {
      name: "a federated-user session without a session policy has no permissions",
      source: SOURCES.federation,
      principal: FEDERATED,
      policies: { identity: [policy(A("Grant"))] },
      decision: "ImplicitlyDenied",
      by: [],
      notes: [],
      summary:
        "Implicitly denied: a federated-user session without a session policy has no permissions",
    },
    {
      name: "a federated-user session: a session-policy Deny applies",
      source: SOURCES.sessionTable,
      principal: FEDERATED,
      policies: { identity: [policy(A("Grant"))], session: [policy(D("DenyAll"))] },
      decision: "ExplicitlyDenied",
      by: ["DenyAll"],
      notes: [],
    },
    {
      // The caller is unknown: it may be a session, so the session policy keeps applying (fail-safe).
      name: "no principal: the session policy limits (fail-safe)",
      source: `${SOURCES.sessionTable} (caller unknown: fail-safe)`,
      policies: { identity: [policy(A("Grant"))], session: [S3_ONLY] },
      decision: "ImplicitlyDenied",
      by: [],
      notes: [],
    },
    {
      name: "no principal: a session-policy Deny applies (fail-safe)",
      source: `${SOURCES.sessionTable} (caller unknown: fail-safe)`,
      policies: { identity: [policy(A("Grant"))], session: [policy(D("DenyAll"))] },
      decision: "ExplicitlyDenied",
      by: ["DenyAll"],
      notes: [],
    },
  ]);

  it("an IAM user's ignored session policy is not evaluated: an unevaluable statement in it gives no note", () => {
    const request: EvaluationRequest = {
      principal: ALICE,
      action: send,
      resource: QUEUE,
      // A malformed number: in a layer that applies this gives STATEMENT_NOT_EVALUABLE.
      context: { "aws:MultiFactorAuthAge": "soon" },
      policies: {
        identity: [policy(A("Grant"))],
        session: [
          policy(D("Odd", { Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "60" } } })),
        ],
      },
    };
    const result = decided(evaluate(request, { explain: true }));
    expect(result.decision).toBe("Allowed");
    expect((result.notes ?? []).map((n) => n.code)).toEqual(["SESSION_POLICY_NOT_APPLICABLE"]);
    // The same session policy on a role session is evaluated, and the unevaluable Deny counts.
    const asSession = decided(evaluate({ ...request, principal: ROLE_SESSION }));
    expect(asSession.decision).toBe("ExplicitlyDenied");
    expect((asSession.notes ?? []).map((n) => n.code)).toEqual(["STATEMENT_NOT_EVALUABLE"]);
  });

  it("an IAM user's denial has no suggestions from the ignored session policy", () => {
    const result = decided(
      evaluate(
        {
          principal: ALICE,
          action: send,
          resource: QUEUE,
          policies: {
            identity: [policy(A("Near", { Resource: `${QUEUE}-other` }))],
            session: [policy(A("SessionNear", { Resource: `${QUEUE}-other` }))],
          },
        },
        { explain: true },
      ),
    );
    expect(result.decision).toBe("ImplicitlyDenied");
    const suggested = (result.explain?.suggestions ?? []).map((s) => s.policyType);
    expect(suggested).toEqual(["identity"]);
  });
});

describe("SCPs do not bind service-linked roles (docs/evaluation-rules.md §7.1, §7.2 step 3)", () => {
  const EXEMPT = "SCP_NOT_APPLICABLE_SERVICE_LINKED_ROLE";
  const POSSIBLY = "POSSIBLY_SERVICE_LINKED_ROLE";
  runRows([
    {
      name: "a service-linked role (role ARN with the aws-service-role/ path): an SCP Deny does not apply",
      source: SOURCES.scpTable,
      principal: SLR,
      policies: { identity: [policy(A("Grant"))], scp: [policy(D("DenyAll"))] },
      decision: "Allowed",
      by: ["Grant"],
      notes: [EXEMPT],
      noteText: { [EXEMPT]: ["service-linked role", "SCP"] },
      summary: `Allowed by ${label("identity policy", 0, 0, "Grant")}`,
      explained: ["identity"],
    },
    {
      name: "a service-linked role: SCPs that allow nothing do not limit it",
      source: SOURCES.scpStep,
      principal: SLR,
      policies: { identity: [policy(A("Grant"))], scp: [[policy(A("All"))], [S3_ONLY]] },
      decision: "Allowed",
      by: ["Grant"],
      notes: [EXEMPT],
    },
    {
      name: "a service-linked role: RCPs still apply",
      source: SOURCES.rcp,
      principal: SLR,
      policies: {
        identity: [policy(A("Grant"))],
        scp: [policy(D("ScpDeny"))],
        rcp: [policy(D("RcpDeny", { Principal: "*" }))],
      },
      decision: "ExplicitlyDenied",
      by: ["RcpDeny"],
      notes: [EXEMPT],
      explained: ["identity", "rcp"],
    },
    {
      name: "a service-linked role: its own identity policy still decides",
      source: `${SOURCES.scpStep}; docs/evaluation-rules.md §7.2 step 5`,
      principal: SLR,
      policies: { identity: [policy(A("Ec2", { Action: "ec2:*" }))], scp: [policy(A("All"))] },
      decision: "ImplicitlyDenied",
      by: [],
      notes: [EXEMPT],
      summary: `Implicitly denied: no identity policy statement allows ${send} on ${QUEUE}`,
    },
    {
      name: "a service-linked role without SCPs: no note",
      source: SOURCES.scpTable,
      principal: SLR,
      policies: { identity: [policy(A("Grant"))] },
      decision: "Allowed",
      by: ["Grant"],
      notes: [],
    },
    {
      // The session ARN has no path, so the name alone cannot prove it: SCPs keep applying (fail-safe).
      name: "a session of a role named AWSServiceRoleFor…: the SCP Deny applies, with a note",
      source: `${SOURCES.scpStep}; ${SOURCES.slrPath} (session ARN has no path: fail-safe)`,
      principal: SLR_SESSION,
      policies: { identity: [policy(A("Grant"))], scp: [policy(D("DenyAll"))] },
      decision: "ExplicitlyDenied",
      by: ["DenyAll"],
      notes: [POSSIBLY],
      noteText: { [POSSIBLY]: ["AWSServiceRoleForAutoScaling", "aws-service-role/"] },
      explained: ["identity", "scp"],
    },
    {
      name: "a session of a role named AWSServiceRoleFor…: SCPs without an Allow deny, with a note",
      source: `${SOURCES.scpStep} (fail-safe)`,
      principal: SLR_SESSION,
      policies: { identity: [policy(A("Grant"))], scp: [S3_ONLY] },
      decision: "ImplicitlyDenied",
      by: [],
      notes: [POSSIBLY],
      summary: `Implicitly denied: no SCP allows ${send} on ${QUEUE}`,
    },
    {
      name: "a session of a role named AWSServiceRoleFor… without SCPs: no note",
      source: SOURCES.scpTable,
      principal: SLR_SESSION,
      policies: { identity: [policy(A("Grant"))] },
      decision: "Allowed",
      by: ["Grant"],
      notes: [],
    },
    {
      name: "a role ARN named AWSServiceRoleFor… without the path is not exempt, with a note",
      source: `${SOURCES.scpStep}; ${SOURCES.slrPath}`,
      principal: `arn:aws:iam::${ACCOUNT}:role/AWSServiceRoleForAutoScaling`,
      policies: { identity: [policy(A("Grant"))], scp: [policy(D("DenyAll"))] },
      decision: "ExplicitlyDenied",
      by: ["DenyAll"],
      notes: [POSSIBLY],
    },
    {
      name: "a service role (path service-role/) is an ordinary role: SCPs apply, no note",
      source: `${SOURCES.scpTable}; ${SOURCES.slrPath}`,
      principal: `arn:aws:iam::${ACCOUNT}:role/service-role/MyLambdaRole`,
      policies: { identity: [policy(A("Grant"))], scp: [policy(D("DenyAll"))] },
      decision: "ExplicitlyDenied",
      by: ["DenyAll"],
      notes: [],
    },
    {
      // IAM paths are case-sensitive; only the reserved spelling proves a service-linked role.
      name: "a path that only resembles aws-service-role/ (other case) is not exempt",
      source: `${SOURCES.slrPath} (fail-safe)`,
      principal: `arn:aws:iam::${ACCOUNT}:role/AWS-Service-Role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
      policies: { identity: [policy(A("Grant"))], scp: [policy(D("DenyAll"))] },
      decision: "ExplicitlyDenied",
      by: ["DenyAll"],
      notes: [POSSIBLY],
    },
    {
      name: "a path with aws-service-role/ further down is not exempt",
      source: `${SOURCES.slrPath} (fail-safe)`,
      principal: `arn:aws:iam::${ACCOUNT}:role/team/aws-service-role/Worker`,
      policies: { identity: [policy(A("Grant"))], scp: [policy(D("DenyAll"))] },
      decision: "ExplicitlyDenied",
      by: ["DenyAll"],
      notes: [],
    },
    {
      name: "an IAM user is bound by SCPs",
      source: SOURCES.scpTable,
      principal: ALICE,
      policies: { identity: [policy(A("Grant"))], scp: [policy(D("DenyAll"))] },
      decision: "ExplicitlyDenied",
      by: ["DenyAll"],
      notes: [],
    },
    {
      name: "a service-linked role granted by a resource policy: an SCP Deny does not apply (full mode)",
      source: SOURCES.scpTable,
      principal: SLR,
      policies: {
        identity: [],
        scp: [policy(D("DenyAll"))],
        resource: [policy(A("ToSlr", { Principal: { AWS: SLR } }))],
      },
      decision: "Allowed",
      by: ["ToSlr"],
      notes: [EXEMPT],
    },
  ]);
});

describe("the rules together", () => {
  runRows([
    {
      name: "a service-linked role calling sts:GetCallerIdentity under an SCP Deny: both notes",
      source: `${SOURCES.getCallerIdentity}; ${SOURCES.scpTable}`,
      principal: SLR,
      action: WHO_AM_I,
      resource: "*",
      policies: { identity: [], scp: [policy(D("DenyAll"))] },
      decision: "Allowed",
      by: [],
      notes: ["SCP_NOT_APPLICABLE_SERVICE_LINKED_ROLE", "NO_PERMISSION_REQUIRED"],
    },
    {
      name: "an IAM user calling sts:GetCallerIdentity with a session-policy Deny: the session policy is ignored",
      source: `${SOURCES.getCallerIdentity}; ${SOURCES.sessionStep}`,
      principal: ALICE,
      action: WHO_AM_I,
      resource: "*",
      policies: { identity: [], session: [policy(D("DenyAll"))] },
      decision: "Allowed",
      by: [],
      notes: ["SESSION_POLICY_NOT_APPLICABLE", "NO_PERMISSION_REQUIRED"],
    },
  ]);
});

describe("parseRequestPrincipal keeps a role's path (AWS UG: IAM identifiers, paths)", () => {
  it.each([
    [SLR, "/aws-service-role/autoscaling.amazonaws.com/", "AWSServiceRoleForAutoScaling"],
    [ROLE, "/", "ImageBuilderRole"],
    [`arn:aws:iam::${ACCOUNT}:role/a/b/Name`, "/a/b/", "Name"],
  ])("%s", (arn, path, roleName) => {
    expect(parseRequestPrincipal(arn)).toMatchObject({ kind: "role", path, roleName });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
