// parliament's opinionated checks (docs/checks.md group G): PERMISSIONS_MANAGEMENT_ACTIONS and CREDENTIALS_EXPOSURE
// (community auditors permissions_management.py / credentials_exposure.py), SENSITIVE_ACCESS
// (sensitive_access.py, configured rules) and RESOURCE_POLICY_PRIVILEGE_ESCALATION (policy.py
// check_for_bad_patterns: S3 bucket privileges that can grant withheld object access).
import { describe, expect, it } from "vitest";
import type { Diagnostic, PolicyType } from "../../src/types.js";
import { CREDENTIAL_ACTIONS } from "../../src/validate/credentials-exposure.js";
import { type ValidateOptions, validatePolicy } from "../../src/validate/index.js";
import { hasData, readGeneratedServiceData } from "./corpus-data.js";
import { fixtureServiceData } from "./fixture-service-data.js";

type Statement = Record<string, unknown>;
const policy = (...statements: Statement[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);
const allow = (extra: Statement): Statement => ({ Effect: "Allow", Resource: "*", ...extra });

function findings(code: string, text: string, options: ValidateOptions = {}): Diagnostic[] {
  return validatePolicy(text, options).filter((d) => d.code === code);
}

describe("PERMISSIONS_MANAGEMENT_ACTIONS (access level from the IAM data)", () => {
  const data = { serviceData: fixtureServiceData };

  it("names the permissions-management actions a wildcard brings in, at the Action entry", () => {
    const text = policy(allow({ Action: ["iam:GetRole", "iam:*"] }));
    const [found, ...rest] = findings("PERMISSIONS_MANAGEMENT_ACTIONS", text, data);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      severity: "SUGGESTION",
      path: "$.Statement[0].Action[1]",
      line: 9,
      column: 9,
    });
    expect(found!.message).toContain("iam:PutRolePolicy");
    expect(found!.hint).toBeTruthy();
  });

  it("reports a statement once, at Action, when several entries bring such actions in", () => {
    const text = policy(
      allow({ Action: ["iam:PutRolePolicy", "s3:PutBucketPolicy", "s3:GetObject"] }),
    );
    const found = findings("PERMISSIONS_MANAGEMENT_ACTIONS", text, data);
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe("$.Statement[0].Action");
    expect(found[0]!.message).toContain("2 actions");
    expect(found[0]!.message).toContain("iam:PutRolePolicy, s3:PutBucketPolicy");
  });

  it("counts what NotAction leaves out, at the NotAction key", () => {
    const text = policy(allow({ NotAction: "s3:*" }));
    const [found] = findings("PERMISSIONS_MANAGEMENT_ACTIONS", text, data);
    expect(found).toMatchObject({ path: "$.Statement[0].NotAction" });
    expect(found!.message).toContain("iam:PutRolePolicy");
    expect(found!.message).not.toContain("s3:PutBucketPolicy");
  });

  it("does not count an action an unconditional Deny takes away on every resource", () => {
    const deny = { Effect: "Deny", Action: "iam:PutRolePolicy", Resource: "*" };
    expect(
      findings("PERMISSIONS_MANAGEMENT_ACTIONS", policy(allow({ Action: "iam:*" }), deny), data),
    ).toEqual([]);
    const conditional = { ...deny, Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } };
    expect(
      findings(
        "PERMISSIONS_MANAGEMENT_ACTIONS",
        policy(allow({ Action: "iam:*" }), conditional),
        data,
      ),
    ).toHaveLength(1);
  });

  it("needs the IAM data, and only concerns policies that grant", () => {
    const text = policy(allow({ Action: "iam:PutRolePolicy" }));
    expect(findings("PERMISSIONS_MANAGEMENT_ACTIONS", text)).toEqual([]);
    for (const policyType of ["boundary", "session", "scp"] as PolicyType[])
      expect(findings("PERMISSIONS_MANAGEMENT_ACTIONS", text, { ...data, policyType })).toEqual([]);
  });
});

describe("CREDENTIALS_EXPOSURE", () => {
  it("matches wildcards against the list without the IAM data", () => {
    const [found] = findings("CREDENTIALS_EXPOSURE", policy(allow({ Action: "sts:Assume*" })));
    expect(found!.severity).toBe("SUGGESTION");
    for (const action of [
      "sts:AssumeRole",
      "sts:AssumeRoleWithSAML",
      "sts:AssumeRoleWithWebIdentity",
    ])
      expect(found!.message).toContain(action);
    expect(found!.message).not.toContain("sts:GetSessionToken");
  });

  it("says a listed action returns credentials itself", () => {
    const [found] = findings(
      "CREDENTIALS_EXPOSURE",
      policy(
        allow({ Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::111122223333:user/*" }),
      ),
    );
    expect(found!.message).toMatch(/^"iam:CreateAccessKey" returns credentials/);
  });

  it("is not reported for Deny, nor for actions that return none", () => {
    expect(
      findings("CREDENTIALS_EXPOSURE", policy({ Effect: "Deny", Action: "sts:*", Resource: "*" })),
    ).toEqual([]);
    expect(
      findings(
        "CREDENTIALS_EXPOSURE",
        policy(allow({ Action: ["sts:GetCallerIdentity", "ecr:Describe*"] })),
      ),
    ).toEqual([]);
  });

  it.skipIf(!hasData)("lists only actions the IAM service data knows", () => {
    const serviceData = readGeneratedServiceData();
    const unknown = CREDENTIAL_ACTIONS.filter((name) => {
      const [prefix, action] = name.split(":") as [string, string];
      return !serviceData.service(prefix)?.actions[action.toLowerCase()];
    });
    expect(unknown).toEqual([]);
  });
});

describe("SENSITIVE_ACCESS (configured rules)", () => {
  const rules = {
    sensitiveAccess: [
      { actions: ["s3:GetObject", "s3:PutObject"], resources: ["arn:aws:s3:::payroll/*"] },
    ],
  };

  it("is off without rules", () => {
    expect(findings("SENSITIVE_ACCESS", policy(allow({ Action: "s3:*" })))).toEqual([]);
  });

  it.each([
    [
      "a wildcard action on the resource",
      { Action: "s3:Get*", Resource: "arn:aws:s3:::payroll/2026/*" },
    ],
    ["Resource *", { Action: "s3:getobject", Resource: "*" }],
    ["a wildcard bucket", { Action: "s3:PutObject", Resource: "arn:aws:s3:::pay*" }],
  ])("reports %s", (_, statement) => {
    const [found] = findings("SENSITIVE_ACCESS", policy(allow(statement)), rules);
    expect(found).toMatchObject({ severity: "SECURITY_WARNING", path: "$.Statement[0].Resource" });
    expect(found!.message).toContain("arn:aws:s3:::payroll/*");
  });

  it.each([
    ["another bucket", { Action: "s3:GetObject", Resource: "arn:aws:s3:::public/*" }],
    ["other actions", { Action: "s3:ListBucket", Resource: "*" }],
    ["a NotAction that excludes the actions", { NotAction: "s3:*Object", Resource: "*" }],
    [
      "a NotResource that excludes the resource",
      { Action: "s3:*", Resource: undefined, NotResource: "arn:aws:s3:::pay*" },
    ],
  ])("does not report %s", (_, statement) => {
    expect(findings("SENSITIVE_ACCESS", policy(allow(statement)), rules)).toEqual([]);
  });

  it("reports a NotResource that leaves the resource in, at the NotResource key", () => {
    const text = policy(
      allow({ Action: "s3:*", Resource: undefined, NotResource: "arn:aws:s3:::public/*" }),
    );
    const [found] = findings("SENSITIVE_ACCESS", text, rules);
    expect(found!.path).toBe("$.Statement[0].NotResource");
  });
});

describe("RESOURCE_POLICY_PRIVILEGE_ESCALATION (parliament's S3 bucket/object pairs)", () => {
  const BUCKET = "arn:aws:s3:::reports";
  const OBJECTS = "arn:aws:s3:::reports/*";

  it("reports PutBucketPolicy without the object privileges it can grant, naming them", () => {
    const text = policy(
      allow({ Action: ["s3:PutBucketPolicy", "s3:GetObject"], Resource: [BUCKET, OBJECTS] }),
    );
    const [found, ...rest] = findings("RESOURCE_POLICY_PRIVILEGE_ESCALATION", text);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      severity: "SECURITY_WARNING",
      path: "$.Statement[0].Resource[0]",
    });
    expect(found!.message).toContain("s3:PutObject, s3:DeleteObject");
    expect(found!.message).not.toContain("s3:GetObject,");
  });

  it("pairs PutLifecycleConfiguration with DeleteObject only", () => {
    const withGet = policy(
      allow({
        Action: ["s3:PutLifecycleConfiguration", "s3:GetObject"],
        Resource: [BUCKET, OBJECTS],
      }),
    );
    const [found] = findings("RESOURCE_POLICY_PRIVILEGE_ESCALATION", withGet);
    expect(found!.message).toContain("s3:DeleteObject");
    expect(found!.message).not.toContain("s3:GetObject");
    const withDelete = policy(
      allow({
        Action: ["s3:PutLifecycleConfiguration", "s3:DeleteObject"],
        Resource: [BUCKET, OBJECTS],
      }),
    );
    expect(findings("RESOURCE_POLICY_PRIVILEGE_ESCALATION", withDelete)).toEqual([]);
  });

  it.each([
    [
      "s3:* on the bucket and its objects",
      [allow({ Action: "s3:*", Resource: [BUCKET, OBJECTS] })],
    ],
    [
      "object access granted by another statement",
      [
        allow({ Action: "s3:PutBucketAcl", Resource: BUCKET }),
        allow({ Action: "s3:*Object", Resource: "arn:aws:s3:::*" }),
      ],
    ],
    [
      "object privileges an unconditional Deny removes (a bucket policy cannot override it)",
      [
        allow({ Action: "s3:PutBucketPolicy", Resource: BUCKET }),
        { Effect: "Deny", Action: "s3:*Object", Resource: "*" },
      ],
    ],
    [
      "a bucket privilege on object ARNs only",
      [allow({ Action: "s3:PutBucketPolicy", Resource: OBJECTS })],
    ],
    [
      "every action on another service's resources",
      [allow({ Action: "*", Resource: "arn:aws:sqs:*:*:queue" })],
    ],
  ])("does not report %s", (_, statements) => {
    expect(findings("RESOURCE_POLICY_PRIVILEGE_ESCALATION", policy(...statements))).toEqual([]);
  });
});
