// Evaluation logic across policy types (docs/evaluation-rules.md §4, §6, §7) and derived context keys.
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../src/evaluation/index.js";
import type { EvaluationRequest, PolicySet } from "../src/types.js";
import { ALICE, ROLE_SESSION, allow, decided, decisionOf, deny, policy } from "./helpers.js";

const ACCOUNT = "111122223333";
const OTHER = "444455556666";
const BUCKET = "arn:aws:s3:::bucket/key";
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:queue`;
const OTHER_QUEUE = `arn:aws:sqs:us-east-1:${OTHER}:queue`;

const grantTo = (principal: unknown, extra = {}) =>
  policy(allow({ Principal: principal as never, ...extra }));
const run = (principal: string | undefined, resource: string, policies: PolicySet, context = {}) =>
  decisionOf({
    ...(principal !== undefined ? { principal } : {}),
    action: "sqs:SendMessage",
    resource,
    context,
    policies,
  });

describe("layers in one account (docs/evaluation-rules.md §7.2)", () => {
  it("denies explicitly when any layer denies, even if others allow (step 1)", () => {
    for (const layer of ["identity", "boundary", "session", "scp", "rcp"] as const) {
      const policies: PolicySet = {
        identity: [policy(allow())],
        boundary: [policy(allow())],
        session: [policy(allow())],
        scp: [policy(allow())],
        rcp: [grantTo("*")],
      };
      policies[layer] =
        layer === "rcp"
          ? [grantTo("*"), policy(deny({ Principal: "*" }))]
          : [policy(allow()), policy(deny())];
      expect(run(ROLE_SESSION, QUEUE, policies)).toBe("ExplicitlyDenied");
    }
    expect(
      run(ROLE_SESSION, QUEUE, {
        identity: [policy(allow())],
        resource: [policy(deny({ Principal: "*" }))],
      }),
    ).toBe("ExplicitlyDenied");
  });

  it("needs an Allow at every SCP level (step 3)", () => {
    const identity = [policy(allow())];
    expect(run(ALICE, QUEUE, { identity, scp: [[policy(allow())], [policy(allow())]] })).toBe(
      "Allowed",
    );
    expect(
      run(ALICE, QUEUE, {
        identity,
        scp: [[policy(allow())], [policy(allow({ Action: "s3:*" }))]],
      }),
    ).toBe("ImplicitlyDenied");
    expect(
      run(ALICE, QUEUE, { identity, scp: [policy(allow({ Action: "s3:*" })), policy(allow())] }),
    ).toBe("Allowed");
    expect(run(ALICE, QUEUE, { identity, scp: [] })).toBe("Allowed"); // empty: no SCP layer
  });

  it("needs an Allow in the RCPs (step 2)", () => {
    expect(
      run(ALICE, QUEUE, { identity: [policy(allow())], rcp: [grantTo("*", { Action: "s3:*" })] }),
    ).toBe("ImplicitlyDenied");
    expect(run(ALICE, QUEUE, { identity: [policy(allow())], rcp: [grantTo("*")] })).toBe("Allowed");
  });

  it("limits identity grants by the permissions boundary and the session policy (steps 5-7)", () => {
    const identity = [policy(allow())];
    const s3Only = [policy(allow({ Action: "s3:*" }))];
    expect(run(ROLE_SESSION, QUEUE, { identity, boundary: s3Only })).toBe("ImplicitlyDenied");
    expect(run(ROLE_SESSION, QUEUE, { identity, session: s3Only })).toBe("ImplicitlyDenied");
    expect(
      run(ROLE_SESSION, QUEUE, {
        identity,
        boundary: [policy(allow())],
        session: [policy(allow())],
      }),
    ).toBe("Allowed");
    // A boundary or session policy grants nothing by itself.
    expect(
      run(ROLE_SESSION, QUEUE, {
        identity: [],
        boundary: [policy(allow())],
        session: [policy(allow())],
      }),
    ).toBe("ImplicitlyDenied");
  });

  it("gives a federated-user session without a session policy no permissions (docs/evaluation-rules.md §7.1)", () => {
    const fed = `arn:aws:sts::${ACCOUNT}:federated-user/bob`;
    expect(run(fed, QUEUE, { identity: [policy(allow())] })).toBe("ImplicitlyDenied");
    expect(run(fed, QUEUE, { identity: [policy(allow())], session: [policy(allow())] })).toBe(
      "Allowed",
    );
  });

  it("lets the account root user act without identity policies, but not past an SCP (docs/evaluation-rules.md §7.1)", () => {
    const root = `arn:aws:iam::${ACCOUNT}:root`;
    expect(run(root, QUEUE, { identity: [] })).toBe("Allowed");
    expect(run(root, QUEUE, { identity: [], scp: [policy(allow({ Action: "s3:*" }))] })).toBe(
      "ImplicitlyDenied",
    );
  });
});

describe("resource-based policies in one account (docs/evaluation-rules.md §7.2 step 4)", () => {
  it("lets a grant to the user ARN allow alone, past the boundary (4a)", () => {
    const policies: PolicySet = {
      identity: [],
      resource: [grantTo({ AWS: ALICE })],
      boundary: [policy(allow({ Action: "s3:*" }))],
    };
    expect(run(ALICE, QUEUE, policies)).toBe("Allowed");
  });

  it("lets a grant to the role-session ARN allow alone (4b)", () => {
    expect(
      run(ROLE_SESSION, QUEUE, {
        identity: [],
        resource: [grantTo({ AWS: ROLE_SESSION })],
        session: [policy(allow({ Action: "s3:*" }))],
      }),
    ).toBe("Allowed");
  });

  it("limits a grant to the role ARN by the boundary and the session policy, not by identity policies (4d)", () => {
    const resource = [grantTo({ AWS: `arn:aws:iam::${ACCOUNT}:role/path/ImageBuilderRole` })];
    expect(run(ROLE_SESSION, QUEUE, { identity: [], resource })).toBe("Allowed");
    expect(
      run(ROLE_SESSION, QUEUE, {
        identity: [],
        resource,
        boundary: [policy(allow({ Action: "s3:*" }))],
      }),
    ).toBe("ImplicitlyDenied");
    expect(
      run(ROLE_SESSION, QUEUE, {
        identity: [],
        resource,
        session: [policy(allow({ Action: "s3:*" }))],
      }),
    ).toBe("ImplicitlyDenied");
  });

  it('lets "*" with an aws:PrincipalArn condition allow without identity policies (4e)', () => {
    const resource = [
      grantTo("*", {
        Condition: {
          ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/ImageBuilderRole` },
        },
      }),
    ];
    expect(
      run(ROLE_SESSION, QUEUE, {
        identity: [],
        resource,
        boundary: [policy(allow({ Action: "s3:*" }))],
      }),
    ).toBe("Allowed");
  });

  it("treats a grant to the own account as delegation: identity policies must allow (4h, UNCONFIRMED)", () => {
    const resource = [grantTo({ AWS: ACCOUNT })];
    expect(run(ALICE, QUEUE, { identity: [], resource })).toBe("ImplicitlyDenied");
    expect(run(ALICE, QUEUE, { identity: [policy(allow())], resource })).toBe("Allowed");
  });

  it("allows when either the identity or the resource policy allows in the same account", () => {
    expect(run(ALICE, QUEUE, { identity: [policy(allow())], resource: [] })).toBe("Allowed");
    expect(run(ALICE, QUEUE, { identity: [], resource: [grantTo({ AWS: ALICE })] })).toBe(
      "Allowed",
    );
    expect(
      run(ALICE, QUEUE, {
        identity: [],
        resource: [grantTo({ AWS: `arn:aws:iam::${ACCOUNT}:user/bob` })],
      }),
    ).toBe("ImplicitlyDenied");
  });

  it("requires the KMS key policy to allow (4g)", () => {
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`;
    const kms = (policies: PolicySet) =>
      decisionOf({ principal: ALICE, action: "kms:Decrypt", resource: key, policies });
    expect(kms({ identity: [policy(allow())], resource: [] })).toBe("ImplicitlyDenied");
    expect(
      kms({
        identity: [policy(allow())],
        resource: [grantTo({ AWS: `arn:aws:iam::${ACCOUNT}:root` })],
      }),
    ).toBe("Allowed");
    expect(
      kms({ identity: [], resource: [grantTo({ AWS: `arn:aws:iam::${ACCOUNT}:root` })] }),
    ).toBe("ImplicitlyDenied");
    expect(kms({ identity: [], resource: [grantTo({ AWS: ALICE })] })).toBe("Allowed");
    const identityOnly = decided(
      evaluate({
        principal: ALICE,
        action: "kms:Decrypt",
        resource: key,
        policies: { identity: [policy(allow())] },
      }),
    );
    expect(identityOnly.decision).toBe("Allowed");
    expect(identityOnly.notes?.map((n) => n.code)).toEqual(["KMS_KEY_POLICY_REQUIRED"]);
  });

  it("requires the role trust policy to allow sts:AssumeRole (4g)", () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/Target`;
    const trust = (identity: unknown[], resource?: unknown[]) =>
      decided(
        evaluate({
          principal: ALICE,
          action: "sts:AssumeRole",
          resource: role,
          policies: {
            identity: identity as never,
            ...(resource ? { resource: resource as never } : {}),
          },
        }),
      );
    const trustPolicy = {
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Principal: { AWS: ALICE }, Action: "sts:AssumeRole" },
    };
    expect(trust([], [trustPolicy]).decision).toBe("Allowed"); // trust without Resource, naming the user
    expect(trust([policy(allow())], []).decision).toBe("ImplicitlyDenied");
    expect(trust([policy(allow())]).notes?.map((n) => n.code)).toEqual([
      "ROLE_TRUST_POLICY_REQUIRED",
    ]);
  });
});

describe("cross-account requests (docs/evaluation-rules.md §7.3)", () => {
  const other = `arn:aws:iam::${OTHER}:user/carol`;
  it("needs both the identity side and the resource side", () => {
    expect(run(other, QUEUE, { identity: [policy(allow())], resource: [] })).toBe(
      "ImplicitlyDenied",
    );
    expect(run(other, QUEUE, { identity: [], resource: [grantTo({ AWS: other })] })).toBe(
      "ImplicitlyDenied",
    );
    expect(
      run(other, QUEUE, { identity: [policy(allow())], resource: [grantTo({ AWS: other })] }),
    ).toBe("Allowed");
    expect(
      run(other, QUEUE, { identity: [policy(allow())], resource: [grantTo({ AWS: OTHER })] }),
    ).toBe("Allowed");
    expect(run(other, QUEUE, { identity: [policy(allow())], resource: [grantTo("*")] })).toBe(
      "Allowed",
    );
  });

  it("evaluates only the principal's side with a note when the resource's policies are unknown", () => {
    const result = decided(
      evaluate({
        principal: ALICE,
        action: "sqs:SendMessage",
        resource: OTHER_QUEUE,
        policies: { identity: [policy(allow())] },
      }),
    );
    expect(result.decision).toBe("Allowed");
    expect(result.notes?.map((n) => n.code)).toEqual(["CROSS_ACCOUNT_RESOURCE_POLICY_REQUIRED"]);
  });

  it("takes the resource account from aws:ResourceAccount when given, and counts S3 buckets as the caller's account", () => {
    const result = decided(
      evaluate({
        principal: ALICE,
        action: "s3:GetObject",
        resource: BUCKET,
        policies: { identity: [policy(allow())] },
      }),
    );
    expect(result.notes).toBeUndefined();
    const given = decided(
      evaluate({
        principal: ALICE,
        action: "s3:GetObject",
        resource: BUCKET,
        context: { "aws:ResourceAccount": OTHER },
        policies: { identity: [policy(allow())] },
      }),
    );
    expect(given.notes?.map((n) => n.code)).toEqual(["CROSS_ACCOUNT_RESOURCE_POLICY_REQUIRED"]);
  });
});

describe("service principals and anonymous callers (docs/evaluation-rules.md §7.4)", () => {
  it("lets a resource policy naming the service allow it", () => {
    const resource = [grantTo({ Service: "cloudtrail.amazonaws.com" })];
    expect(run("cloudtrail.amazonaws.com", QUEUE, { resource })).toBe("Allowed");
    expect(run("config.amazonaws.com", QUEUE, { resource })).toBe("ImplicitlyDenied");
  });

  it("lets only Principal * allow anonymous callers, and never identity policies", () => {
    expect(run("anonymous", QUEUE, { resource: [grantTo("*")] })).toBe("Allowed");
    expect(run("anonymous", QUEUE, { resource: [grantTo({ AWS: ACCOUNT })] })).toBe(
      "ImplicitlyDenied",
    );
    const result = decided(
      evaluate({
        principal: "anonymous",
        action: "s3:GetObject",
        policies: { identity: [policy(allow())] },
      }),
    );
    expect(result.decision).toBe("ImplicitlyDenied");
    expect(result.notes?.map((n) => n.code)).toEqual([
      "IDENTITY_POLICIES_NOT_APPLICABLE",
      "RESOURCE_POLICY_UNKNOWN",
    ]);
  });
});

describe("NotPrincipal (docs/evaluation-rules.md §4.2)", () => {
  const denyAllBut = (listed: unknown) => policy(deny({ NotPrincipal: listed as never }));
  it("denies every principal except those listed", () => {
    const identity = [policy(allow())];
    expect(run(ALICE, QUEUE, { identity, resource: [denyAllBut({ AWS: ALICE })] })).toBe("Allowed");
    expect(
      run(`arn:aws:iam::${ACCOUNT}:user/bob`, QUEUE, {
        identity,
        resource: [denyAllBut({ AWS: ALICE })],
      }),
    ).toBe("ExplicitlyDenied");
    expect(
      run(ROLE_SESSION, QUEUE, {
        identity,
        resource: [denyAllBut({ AWS: `arn:aws:iam::${ACCOUNT}:role/ImageBuilderRole` })],
      }),
    ).toBe("Allowed");
  });
  it("always denies an IAM principal with a permissions boundary", () => {
    expect(
      run(ALICE, QUEUE, {
        identity: [policy(allow())],
        boundary: [policy(allow())],
        resource: [denyAllBut({ AWS: ALICE })],
      }),
    ).toBe("ExplicitlyDenied");
  });
});

describe("policy variables (docs/evaluation-rules.md §6)", () => {
  const home = (version?: string) => ({
    ...(version ? { Version: version } : {}),
    Statement: [
      {
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::bucket/home/${aws:username}/*",
      },
    ],
  });
  const get = (doc: unknown, key: string, context = {}) =>
    decisionOf({
      principal: ALICE,
      action: "s3:GetObject",
      resource: `arn:aws:s3:::bucket/home/${key}`,
      context,
      policies: { identity: [doc as never] },
    });

  it("substitutes variables in Resource, from derived keys (aws:username of an IAM user)", () => {
    expect(get(home("2012-10-17"), "alice/file")).toBe("Allowed");
    expect(get(home("2012-10-17"), "bob/file")).toBe("ImplicitlyDenied");
  });
  it("treats variables as literal text under 2008-10-17 and when Version is absent (docs/evaluation-rules.md §1.2)", () => {
    expect(get(home("2008-10-17"), "alice/file")).toBe("ImplicitlyDenied");
    expect(get(home(), "${aws:username}/file")).toBe("Allowed");
  });
  it("makes a Resource entry with a missing variable match nothing, unless it has a default", () => {
    const team = (resource: string) =>
      policy(allow({ Action: "s3:GetObject", Resource: resource }));
    const req = (doc: unknown, context = {}) =>
      decisionOf({
        action: "s3:GetObject",
        resource: "arn:aws:s3:::bucket-company-wide",
        context,
        policies: { identity: [doc as never] },
      });
    expect(req(team("arn:aws:s3:::bucket-${aws:PrincipalTag/team}"))).toBe("ImplicitlyDenied");
    expect(req(team("arn:aws:s3:::bucket-${aws:PrincipalTag/team, 'company-wide'}"))).toBe(
      "Allowed",
    );
    expect(
      req(team("arn:aws:s3:::bucket-${aws:PrincipalTag/team, 'company-wide'}"), {
        "aws:PrincipalTag/team": "x",
      }),
    ).toBe("ImplicitlyDenied");
  });
  it("gives literal characters for ${*}, ${?} and ${$}", () => {
    const doc = policy(allow({ Action: "s3:GetObject", Resource: "arn:aws:s3:::b/${*}${?}${$}" }));
    const req = (resource: string) =>
      decisionOf({ action: "s3:GetObject", resource, policies: { identity: [doc] } });
    expect(req("arn:aws:s3:::b/*?$")).toBe("Allowed");
    expect(req("arn:aws:s3:::b/xy$")).toBe("ImplicitlyDenied");
  });
  it("treats substituted text literally, never as wildcards (docs/evaluation-rules.md §6, UNCONFIRMED: fail-safe)", () => {
    expect(get(home("2012-10-17"), "*/file", { "aws:username": "*" })).toBe("Allowed");
    expect(get(home("2012-10-17"), "alice/file", { "aws:username": "*" })).toBe("ImplicitlyDenied");
  });
  it("in conditions, a missing variable matches no positive operator and every negated one (documented Team example)", () => {
    const denyOtherTeams = policy(
      allow(),
      deny({
        Condition: { StringNotEquals: { "s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}" } },
      }),
    );
    const req = (context: Record<string, string>) =>
      decisionOf({ action: "s3:GetObject", context, policies: { identity: [denyOtherTeams] } });
    expect(req({ "s3:ExistingObjectTag/Team": "red", "aws:PrincipalTag/Team": "red" })).toBe(
      "Allowed",
    );
    expect(req({ "s3:ExistingObjectTag/Team": "red", "aws:PrincipalTag/Team": "blue" })).toBe(
      "ExplicitlyDenied",
    );
    expect(req({ "s3:ExistingObjectTag/Team": "red" })).toBe("ExplicitlyDenied");
  });
  it("matches variable key names case-insensitively", () => {
    const doc = policy(
      allow({ Action: "s3:GetObject", Resource: "arn:aws:s3:::b/${AWS:UserName}" }),
    );
    expect(
      decisionOf({
        principal: ALICE,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/alice",
        policies: { identity: [doc] },
      }),
    ).toBe("Allowed");
  });
});

describe("derived context keys (docs/architecture.md request format)", () => {
  const keyIs = (principal: string, key: string, value: string, context = {}) =>
    decisionOf({
      principal,
      action: "s3:GetObject",
      context,
      policies: { identity: [policy(allow({ Condition: { StringEquals: { [key]: value } } }))] },
    });
  it.each([
    [ALICE, "aws:PrincipalArn", ALICE],
    [ALICE, "aws:PrincipalAccount", ACCOUNT],
    [ALICE, "aws:PrincipalType", "User"],
    [ALICE, "aws:username", "alice"],
    [ROLE_SESSION, "aws:PrincipalArn", `arn:aws:iam::${ACCOUNT}:role/ImageBuilderRole`],
    [ROLE_SESSION, "aws:PrincipalType", "AssumedRole"],
    [`arn:aws:iam::${ACCOUNT}:root`, "aws:PrincipalType", "Account"],
    [`arn:aws:iam::${ACCOUNT}:root`, "aws:userid", ACCOUNT],
    [`arn:aws:sts::${ACCOUNT}:federated-user/bob`, "aws:userid", `${ACCOUNT}:bob`],
    ["anonymous", "aws:PrincipalAccount", "anonymous"],
    ["ec2.amazonaws.com", "aws:PrincipalServiceName", "ec2.amazonaws.com"],
  ])("%s has %s = %s", (principal, key, value) => {
    const identity = [policy(allow({ Condition: { StringEquals: { [key]: value } } }))];
    const resource =
      principal === "anonymous" || principal.endsWith(".amazonaws.com")
        ? [policy(allow({ Principal: "*", Condition: { StringEquals: { [key]: value } } }))]
        : undefined;
    // A federated-user session needs a session policy to have any permission (docs/evaluation-rules.md §7.1).
    const session = principal.includes("federated-user") ? [policy(allow())] : undefined;
    expect(
      decisionOf({
        principal,
        action: "s3:GetObject",
        context: {},
        policies: { identity, ...(resource ? { resource } : {}), ...(session ? { session } : {}) },
      }),
    ).toBe("Allowed");
  });
  it("has no aws:username for role sessions", () => {
    expect(keyIs(ROLE_SESSION, "aws:username", "ImageBuilderRole")).toBe("ImplicitlyDenied");
  });
  it("lets given values win over derived ones", () => {
    expect(
      keyIs(ALICE, "aws:PrincipalAccount", "999999999999", {
        "aws:principalaccount": "999999999999",
      }),
    ).toBe("Allowed");
  });
  it("derives aws:ResourceAccount from the resource ARN", () => {
    const doc = policy(
      allow({ Condition: { StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } } }),
    );
    const req = (resource: string) =>
      decisionOf({
        principal: ALICE,
        action: "sns:Publish",
        resource,
        policies: { identity: [doc] },
      });
    expect(req(`arn:aws:sns:us-east-1:${ACCOUNT}:t`)).toBe("Allowed");
    expect(req(`arn:aws:sns:us-east-1:${OTHER}:t`)).toBe("ImplicitlyDenied");
  });
});

describe("requests that cannot be evaluated", () => {
  it.each([
    [{ action: "" }, "request.action"],
    [{ action: "s3:GetObject", principal: "bob" }, "Unrecognised principal"],
    [{ action: "s3:GetObject", context: { "aws:x": { nested: true } } }, "context key"],
  ])("%j is an error naming the problem", (request, message) => {
    const outcome = evaluate({ ...(request as EvaluationRequest), policies: {} });
    expect("error" in outcome && outcome.error.message).toContain(message);
  });
  it("rejects unknown policy types and malformed levels", () => {
    expect(evaluate({ action: "a:b", policies: { identities: [] } as never })).toMatchObject({
      error: { code: "DATA_TYPE_MISMATCH" },
    });
    expect(
      evaluate({ action: "a:b", policies: { scp: [[policy(allow())], policy(allow())] as never } }),
    ).toMatchObject({ error: { code: "DATA_TYPE_MISMATCH" } });
  });
  it("rejects a Principal in an identity policy", () => {
    expect(
      evaluate({ action: "a:b", policies: { identity: [policy(allow({ Principal: "*" }))] } }),
    ).toMatchObject({ error: { code: "UNSUPPORTED_PRINCIPAL" } });
  });
  it("counts a Deny naming a principal as applying when the request has no principal (fail-safe)", () => {
    const result = decided(
      evaluate({
        action: "a:b",
        policies: {
          identity: [policy(allow())],
          resource: [policy(deny({ Principal: { AWS: ALICE } }))],
        },
      }),
    );
    expect(result.decision).toBe("ExplicitlyDenied");
    expect(result.notes?.[0]?.code).toBe("STATEMENT_NOT_EVALUABLE");
  });
});

describe("compile()", () => {
  it("gives exactly what evaluate() gives, and lets request layers replace compiled ones", () => {
    const policies: PolicySet = { identity: [policy(allow({ Action: "s3:*" }))] };
    const engine = compile(policies);
    const request = { principal: ALICE, action: "s3:GetObject" };
    expect(engine.evaluate(request, { explain: true })).toEqual(
      evaluate({ ...request, policies }, { explain: true }),
    );
    expect(engine.evaluate({ ...request, policies: { identity: [] } })).toMatchObject({
      decision: "ImplicitlyDenied",
    });
  });
  it("returns the compile error for every request when a policy is invalid", () => {
    const engine = compile({ identity: ["{"] });
    expect(engine.evaluate({ id: 1, action: "s3:GetObject" })).toMatchObject({
      id: 1,
      error: { code: "JSON_SYNTAX_ERROR" },
    });
  });
});
