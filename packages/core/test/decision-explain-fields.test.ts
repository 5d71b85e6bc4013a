// What a result says besides the decision (docs/architecture.md §5.2 (the result); types.ts): the fields of deciding
// statements and policy explanations, which layers the suggestions come from, and the notes' words.
// Optional fields are absent, not undefined, when they do not apply (the result is JSON on the CLI).
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/evaluation/index.js";
import type { EvaluationRequest, EvaluationResult, PolicySet } from "../src/types.js";
import { ALICE, ROLE_SESSION, allow, decided, deny, policy } from "./helpers.js";

const ACCOUNT = "111122223333";
const OTHER = "444455556666";
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:queue`;
const OTHER_QUEUE = `arn:aws:sqs:us-east-1:${OTHER}:queue`;
/** A statement whose Resource misses the request: a near miss, hence a suggestion. */
const NEAR_QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:other`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/ImageBuilderRole`;
const FEDERATED = `arn:aws:sts::${ACCOUNT}:federated-user/bob`;
const send = "sqs:SendMessage";

const run = (request: Omit<EvaluationRequest, "action">, explain = true): EvaluationResult =>
  decided(evaluate({ action: send, resource: QUEUE, ...request }, { explain }));

describe("deciding statements (docs/architecture.md §5.2 (the result))", () => {
  it("of a policy given as an object: no level, name, sid, line or column", () => {
    const result = run({ principal: ALICE, policies: { identity: [policy(allow())] } });
    expect(result.decidedBy).toStrictEqual([
      { policyType: "identity", policyIndex: 0, statementIndex: 0, effect: "Allow" },
    ]);
  });

  it("of a named SCP at a level, given as text: every field, with the statement's line and column", () => {
    const text = JSON.stringify(
      { Version: "2012-10-17", Statement: [allow(), deny({ Sid: "NoSqs", Action: "sqs:*" })] },
      null,
      2,
    );
    const result = run({
      principal: ALICE,
      policies: {
        identity: [policy(allow())],
        scp: [[policy(allow())], [policy(allow()), { name: "Guard", document: text }]],
      },
    });
    expect(result.decision).toBe("ExplicitlyDenied");
    // The second statement object starts on line 9, column 5 of the pretty-printed text.
    expect(result.decidedBy).toStrictEqual([
      {
        policyType: "scp",
        policyIndex: 1,
        level: 1,
        policyName: "Guard",
        statementIndex: 1,
        sid: "NoSqs",
        effect: "Deny",
        line: 9,
        column: 5,
      },
    ]);
    // The summary names the statement as a person would look it up: policy, level, sid and line.
    expect(result.explain?.summary).toBe(
      'Explicitly denied by SCP "Guard" at level 1 Statement[1] (NoSqs), line 9',
    );
  });

  it("of a flat SCP list: level 0", () => {
    const result = run({
      principal: ALICE,
      policies: { identity: [policy(allow())], scp: [policy(deny())] },
    });
    expect(result.decidedBy).toStrictEqual([
      { policyType: "scp", policyIndex: 0, level: 0, statementIndex: 0, effect: "Deny" },
    ]);
  });
});

describe("every applying Deny is reported (docs/evaluation-rules.md §7.2 step 1: a Deny in any layer decides)", () => {
  it("from the identity, resource, boundary, session, SCP and RCP layers, in that order, with SCP/RCP levels", () => {
    const result = run({
      principal: ROLE_SESSION,
      policies: {
        identity: [policy(deny({ Sid: "Identity" }))],
        resource: [policy(deny({ Sid: "Resource", Principal: "*" }))],
        boundary: [policy(deny({ Sid: "Boundary" }))],
        session: [policy(deny({ Sid: "Session" }))],
        scp: [[policy(allow())], [policy(deny({ Sid: "Scp" }))]],
        rcp: [[policy(deny({ Sid: "Rcp", Principal: "*" }))]],
      },
    });
    expect(result.decision).toBe("ExplicitlyDenied");
    expect(result.decidedBy.map((d) => [d.policyType, d.level, d.sid])).toEqual([
      ["identity", undefined, "Identity"],
      ["resource", undefined, "Resource"],
      ["boundary", undefined, "Boundary"],
      ["session", undefined, "Session"],
      ["scp", 1, "Scp"],
      ["rcp", 0, "Rcp"],
    ]);
  });

  it("from an SCP or RCP alone, when no other layer denies", () => {
    for (const layer of ["scp", "rcp"] as const) {
      const denying = policy(deny({ Sid: "Guard", ...(layer === "rcp" && { Principal: "*" }) }));
      const result = run({
        principal: ALICE,
        policies: { identity: [policy(allow())], resource: [], [layer]: [denying] },
      });
      expect(result.decision).toBe("ExplicitlyDenied");
      expect(result.decidedBy.map((d) => [d.policyType, d.sid])).toEqual([[layer, "Guard"]]);
    }
  });

  it("from an SCP for the account root user, who needs no identity policy (docs/evaluation-rules.md §7.1: SCPs bind a member account's root)", () => {
    const result = run({
      principal: `arn:aws:iam::${ACCOUNT}:root`,
      policies: { identity: [], scp: [policy(deny({ Sid: "Guard" }))] },
    });
    expect(result.decision).toBe("ExplicitlyDenied");
    expect(result.decidedBy.map((d) => [d.policyType, d.sid])).toEqual([["scp", "Guard"]]);
  });

  it("from an RCP for a service principal, who has no identity policies (docs/evaluation-rules.md §7.1: RCPs bind whoever calls)", () => {
    const result = run({
      principal: "cloudtrail.amazonaws.com",
      policies: {
        resource: [policy(allow({ Principal: { Service: "cloudtrail.amazonaws.com" } }))],
        rcp: [policy(deny({ Sid: "Guard", Principal: "*" }))],
      },
    });
    expect(result.decision).toBe("ExplicitlyDenied");
    expect(result.decidedBy.map((d) => [d.policyType, d.sid])).toEqual([["rcp", "Guard"]]);
  });
});

describe("policy explanations", () => {
  it("carry the SCP/RCP level and the policy's name only when there is one", () => {
    const result = run({
      principal: ALICE,
      policies: {
        identity: [policy(allow()), { name: "Named", document: policy(allow()) }],
        scp: [[policy(allow())], [{ name: "Leaf", document: policy(allow()) }]],
        rcp: [policy(allow({ Principal: "*" }))],
      },
    });
    expect(result.decision).toBe("Allowed");
    const heads = result.explain!.policies.map(({ statements: _, ...head }) => head);
    expect(heads).toStrictEqual([
      { policyType: "identity", policyIndex: 0 },
      { policyType: "identity", policyIndex: 1, policyName: "Named" },
      { policyType: "scp", policyIndex: 0, level: 0 },
      { policyType: "scp", policyIndex: 0, level: 1, policyName: "Leaf" },
      { policyType: "rcp", policyIndex: 0, level: 0 },
    ]);
  });
});

describe("the result object", () => {
  it("has no id, notes or explain field unless there is one", () => {
    const plain = run({ principal: ALICE, policies: { identity: [policy(allow())] } }, false);
    expect(Object.keys(plain)).toEqual(["decision", "decidedBy"]);
    const explained = run({ principal: ALICE, policies: { identity: [] } });
    expect(Object.keys(explained)).toEqual(["decision", "decidedBy", "explain"]);
  });

  it("has no suggestions when no Allow statement came near", () => {
    // A federated-user session without a session policy: nothing to suggest in the identity policy.
    const result = run({ principal: FEDERATED, policies: { identity: [policy(allow())] } });
    expect(result.decision).toBe("ImplicitlyDenied");
    expect(Object.keys(result.explain!)).toEqual(["summary", "policies"]);
  });
});

/**
 * Suggestions name the nearest Allow statements of the layers that lacked an Allow (docs/evaluation-rules.md §7.2 steps 2-7):
 * a near miss in a layer that did allow is no help. Each layer below has a near miss.
 */
const near = (sid: string, extra = {}) => allow({ Sid: sid, Resource: NEAR_QUEUE, ...extra });
const granting = (sid: string) => policy(allow({ Sid: `${sid}Grant` }), near(sid));
const nearOnly = (sid: string) => policy(near(sid));

const suggestionRows: [string, string | undefined, PolicySet, string, string[]][] = [
  [
    "the boundary does not allow",
    ROLE_SESSION,
    { identity: [granting("Identity")], boundary: [nearOnly("Boundary")] },
    send,
    ["Boundary"],
  ],
  [
    "the identity policy does not allow, the boundary does",
    ROLE_SESSION,
    { identity: [nearOnly("Identity")], boundary: [granting("Boundary")] },
    send,
    ["Identity"],
  ],
  [
    "the session policy does not allow",
    ROLE_SESSION,
    {
      identity: [granting("Identity")],
      boundary: [granting("Boundary")],
      session: [nearOnly("Session")],
    },
    send,
    ["Session"],
  ],
  [
    "the identity policy does not allow, the session policy does",
    ROLE_SESSION,
    { identity: [nearOnly("Identity")], session: [granting("Session")] },
    send,
    ["Identity"],
  ],
  [
    "no SCP allows, the identity policy does",
    ALICE,
    { identity: [granting("Identity")], scp: [nearOnly("Scp")] },
    send,
    ["Scp"],
  ],
  [
    "no identity or resource statement grants it (same account)",
    ALICE,
    {
      identity: [nearOnly("Identity")],
      resource: [policy(near("Resource", { Principal: { AWS: ALICE } }))],
    },
    send,
    ["Identity", "Resource"],
  ],
  [
    // The role already has its grant: the fix is in the session policy, not the resource policy.
    "the resource policy grants it to the role, but the session policy does not allow",
    ROLE_SESSION,
    {
      identity: [],
      session: [nearOnly("Session")],
      resource: [
        policy(
          allow({ Sid: "ToRole", Principal: { AWS: ROLE_ARN } }),
          near("Resource", { Principal: { AWS: ROLE_ARN } }),
        ),
      ],
    },
    send,
    ["Session"],
  ],
  [
    "the KMS key policy grants it to the role, but the boundary does not allow",
    ROLE_SESSION,
    {
      boundary: [nearOnly("Boundary")],
      resource: [
        policy(
          allow({ Sid: "ToRole", Principal: { AWS: ROLE_ARN } }),
          near("Resource", { Principal: { AWS: ROLE_ARN } }),
        ),
      ],
    },
    "kms:Decrypt",
    ["Boundary"],
  ],
  [
    "the role trust policy names neither the caller nor the account",
    ALICE,
    {
      identity: [granting("Identity")],
      resource: [policy(allow({ Sid: "Other", Principal: { AWS: `arn:aws:iam::${OTHER}:root` } }))],
    },
    "sts:AssumeRole",
    ["Other"],
  ],
];

describe("suggestions come only from the layers that lacked an Allow", () => {
  it.each(suggestionRows)("%s", (_, principal, policies, action, sids) => {
    const resource =
      action === "kms:Decrypt"
        ? `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`
        : action === "sts:AssumeRole"
          ? `arn:aws:iam::${ACCOUNT}:role/Target`
          : QUEUE;
    const result = decided(
      evaluate(
        { ...(principal !== undefined && { principal }), action, resource, policies },
        { explain: true },
      ),
    );
    expect(result.decision).toBe("ImplicitlyDenied");
    expect((result.explain?.suggestions ?? []).map((s) => s.sid).sort()).toEqual(sids);
  });
});

describe("statements whose conditions cannot be evaluated (issue 8: never allow by mistake)", () => {
  // NumericLessThan needs a number; "ten" in the request cannot be compared (docs/evaluation-rules.md §5.5).
  const odd = { Condition: { NumericLessThan: { "test:Count": "10" } } };
  const context = { "test:Count": "ten" };
  const reason = 'condition NumericLessThan test:Count: request value "ten" is not a number';

  it.each([false, true])(
    "an Allow does not count, and the note gives the reason (explain: %s)",
    (explain) => {
      const result = run(
        {
          principal: ALICE,
          context,
          policies: { identity: [policy(allow({ Sid: "Odd", ...odd }))] },
        },
        explain,
      );
      expect(result.decision).toBe("ImplicitlyDenied");
      expect(result.notes).toStrictEqual([
        {
          code: "STATEMENT_NOT_EVALUABLE",
          message: `identity policy #0 Statement[0] (Odd): ${reason}; the Allow does not count`,
        },
      ]);
    },
  );

  it.each([false, true])(
    "a Deny counts (fail-safe) and decides, and the note gives the reason (explain: %s)",
    (explain) => {
      const result = run(
        {
          principal: ALICE,
          context,
          policies: { identity: [policy(allow()), policy(deny({ Sid: "Odd", ...odd }))] },
        },
        explain,
      );
      expect(result.decision).toBe("ExplicitlyDenied");
      expect(result.decidedBy.map((d) => [d.policyIndex, d.sid])).toEqual([[1, "Odd"]]);
      expect(result.notes).toStrictEqual([
        {
          code: "STATEMENT_NOT_EVALUABLE",
          message: `identity policy #1 Statement[0] (Odd): ${reason}; the Deny counts as applying (fail-safe)`,
        },
      ]);
    },
  );

  it("a Deny naming a principal, in a request without one, says why it cannot be evaluated", () => {
    const result = run({
      policies: {
        identity: [policy(allow())],
        resource: [policy(deny({ Principal: { AWS: ALICE } }))],
      },
    });
    expect(result.decision).toBe("ExplicitlyDenied");
    expect(result.notes?.map((n) => n.message)).toEqual([
      "resource policy #0 Statement[0]: the request has no principal, so whether this Principal names the caller is unknown; the Deny counts as applying (fail-safe)",
    ]);
  });
});

describe("notes say what the decision could not see, in words", () => {
  it("a service principal or anonymous caller without policies.resource: only resource policies grant (docs/evaluation-rules.md §7.4)", () => {
    const service = run({ principal: "ec2.amazonaws.com", policies: {} });
    expect(service.notes).toStrictEqual([
      {
        code: "RESOURCE_POLICY_UNKNOWN",
        message:
          "requests by service principals are granted only by resource policies; policies.resource is absent",
      },
    ]);
    const anonymous = run({ principal: "anonymous", policies: {} });
    expect(anonymous.notes).toStrictEqual([
      {
        code: "RESOURCE_POLICY_UNKNOWN",
        message:
          "requests by anonymous callers are granted only by resource policies; policies.resource is absent",
      },
    ]);
  });

  it("no such note when the resource's policies are given, even none", () => {
    for (const principal of ["ec2.amazonaws.com", "anonymous"]) {
      const result = run({ principal, policies: { resource: [] } });
      expect(result.decision).toBe("ImplicitlyDenied");
      expect(result.notes).toBeUndefined();
    }
  });

  it("a cross-account request without the resource's policies names both accounts (docs/evaluation-rules.md §7.3)", () => {
    const result = run({
      principal: ALICE,
      resource: OTHER_QUEUE,
      policies: { identity: [policy(allow())] },
    });
    expect(result.notes).toStrictEqual([
      {
        code: "CROSS_ACCOUNT_RESOURCE_POLICY_REQUIRED",
        message: `the principal's account ${ACCOUNT} differs from the resource's account ${OTHER}: AWS also requires a resource policy in ${OTHER} to allow this request; policies.resource is absent, so only the principal's side was evaluated`,
      },
    ]);
  });

  it("the root user's note appears only when no identity policy allowed (docs/evaluation-rules.md §7.1)", () => {
    const root = `arn:aws:iam::${ACCOUNT}:root`;
    const without = run({ principal: root, policies: { identity: [] } });
    expect(without.notes).toStrictEqual([
      {
        code: "ROOT_USER",
        message: "the account root user needs no identity policy within its own account",
      },
    ]);
    const withPolicy = run({
      principal: root,
      policies: { identity: [policy(allow({ Sid: "Grant" }))] },
    });
    expect(withPolicy.decision).toBe("Allowed");
    expect(withPolicy.decidedBy.map((d) => d.sid)).toEqual(["Grant"]);
    expect(withPolicy.notes).toBeUndefined();
    expect(withPolicy.explain?.summary).toBe("Allowed by identity policy #0 Statement[0] (Grant)");
  });
});
