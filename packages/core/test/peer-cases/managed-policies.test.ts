// AWS managed policies from the corpus (policies/aws-managed/*.json) as the identity, boundary or SCP
// layer: what their documents grant follows from the Action/NotAction, Resource and variable rules
// (docs/evaluation-rules.md §2, §3, §6, §7). Each row names the policy (and version) it was read from.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ContextValue, JsonValue, PolicySet } from "../../src/types.js";
import { REPO_ROOT } from "../repo-root.js";
import { decide } from "./support.js";

interface ManagedPolicy {
  name: string;
  versionId: string;
  document: { [key: string]: JsonValue };
}

function managed(name: string): ManagedPolicy {
  return JSON.parse(
    readFileSync(`${REPO_ROOT}policies/aws-managed/${name}.json`, "utf8"),
  ) as ManagedPolicy;
}

const A = "111122223333";
const ALICE = `arn:aws:iam::${A}:user/alice`;
const SESSION = `arn:aws:sts::${A}:assumed-role/Dev/s1`;

interface Row {
  action: string;
  context?: Record<string, ContextValue>;
  resource?: string;
  principal?: string;
  expected: "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";
}

function grants(title: string, layers: Record<string, string[]>, rows: Row[]) {
  const loaded = Object.values(layers)
    .flat()
    .map((name) => managed(name));
  const source = loaded.map((p) => `AWS managed policy ${p.name} (${p.versionId})`).join(", ");
  const policies: PolicySet = Object.fromEntries(
    Object.entries(layers).map(([layer, names]) => [
      layer,
      names.map((name) => ({ name, document: managed(name).document })),
    ]),
  );
  describe(title, () => {
    it.each(rows.map((r) => [r.action, r.resource ?? "*", r.expected, r]))(
      "%s on %s -> %s",
      (_a, _r, _e, r) => {
        const decision = decide({
          principal: r.principal ?? ALICE,
          action: r.action,
          resource: r.resource ?? "*",
          context: r.context ?? {},
          policies,
        });
        expect(decision, source).toBe(r.expected);
      },
    );
  });
}

grants("PowerUserAccess (NotAction with exceptions)", { identity: ["PowerUserAccess"] }, [
  { action: "s3:PutObject", resource: "arn:aws:s3:::bucket/key", expected: "Allowed" },
  {
    action: "ec2:RunInstances",
    resource: `arn:aws:ec2:us-east-1:${A}:instance/*`,
    expected: "Allowed",
  },
  {
    action: "iam:CreateUser",
    resource: `arn:aws:iam::${A}:user/bob`,
    expected: "ImplicitlyDenied",
  },
  {
    action: "IAM:createuser",
    resource: `arn:aws:iam::${A}:user/bob`,
    expected: "ImplicitlyDenied",
  },
  {
    action: "iam:CreateServiceLinkedRole",
    resource: `arn:aws:iam::${A}:role/aws-service-role/x`,
    expected: "Allowed",
  },
  { action: "iam:ListRoles", expected: "Allowed" },
  { action: "organizations:CreateAccount", expected: "ImplicitlyDenied" },
  { action: "organizations:DescribeOrganization", expected: "Allowed" },
  { action: "account:GetPrimaryEmail", expected: "Allowed" },
  { action: "account:PutAlternateContact", expected: "ImplicitlyDenied" },
]);

grants(
  "IAMUserChangePassword (${aws:username} with and without a path)",
  { identity: ["IAMUserChangePassword"] },
  [
    { action: "iam:ChangePassword", resource: `arn:aws:iam::${A}:user/alice`, expected: "Allowed" },
    {
      action: "iam:ChangePassword",
      principal: `arn:aws:iam::${A}:user/division/alice`,
      resource: `arn:aws:iam::${A}:user/division/alice`,
      expected: "Allowed",
    },
    {
      action: "iam:ChangePassword",
      resource: `arn:aws:iam::${A}:user/bob`,
      expected: "ImplicitlyDenied",
    },
    {
      action: "iam:ChangePassword",
      principal: SESSION,
      resource: `arn:aws:iam::${A}:user/alice`,
      expected: "ImplicitlyDenied",
    },
    { action: "iam:GetAccountPasswordPolicy", expected: "Allowed" },
    { action: "iam:UpdateAccountPasswordPolicy", expected: "ImplicitlyDenied" },
  ],
);

grants("AmazonS3ReadOnlyAccess (prefix wildcards)", { identity: ["AmazonS3ReadOnlyAccess"] }, [
  { action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key", expected: "Allowed" },
  { action: "s3:ListAllMyBuckets", expected: "Allowed" },
  {
    action: "s3-object-lambda:GetObject",
    resource: "arn:aws:s3-object-lambda:us-east-1:111122223333:accesspoint/ap",
    expected: "Allowed",
  },
  { action: "s3:PutObject", resource: "arn:aws:s3:::bucket/key", expected: "ImplicitlyDenied" },
  { action: "s3:DeleteBucket", resource: "arn:aws:s3:::bucket", expected: "ImplicitlyDenied" },
]);

grants("AmazonEC2ReadOnlyAccess", { identity: ["AmazonEC2ReadOnlyAccess"] }, [
  { action: "ec2:DescribeInstances", expected: "Allowed" },
  { action: "autoscaling:DescribeAutoScalingGroups", expected: "Allowed" },
  { action: "cloudwatch:GetMetricStatistics", expected: "Allowed" },
  { action: "cloudwatch:PutMetricData", expected: "ImplicitlyDenied" },
  {
    action: "ec2:RunInstances",
    resource: `arn:aws:ec2:us-east-1:${A}:instance/*`,
    expected: "ImplicitlyDenied",
  },
]);

grants(
  "AdministratorAccess with AWSDenyAll attached too",
  { identity: ["AdministratorAccess", "AWSDenyAll"] },
  [
    { action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key", expected: "ExplicitlyDenied" },
    {
      action: "iam:CreateUser",
      resource: `arn:aws:iam::${A}:user/bob`,
      expected: "ExplicitlyDenied",
    },
  ],
);

grants(
  "IAMFullAccess limited by a PowerUserAccess permissions boundary",
  { identity: ["IAMFullAccess", "AmazonS3ReadOnlyAccess"], boundary: ["PowerUserAccess"] },
  [
    {
      action: "iam:CreateUser",
      principal: SESSION,
      resource: `arn:aws:iam::${A}:user/bob`,
      expected: "ImplicitlyDenied",
    },
    { action: "iam:ListRoles", principal: SESSION, expected: "Allowed" },
    {
      action: "s3:GetObject",
      principal: SESSION,
      resource: "arn:aws:s3:::bucket/key",
      expected: "Allowed",
    },
  ],
);

grants(
  "AdministratorAccess under an SCP layer of AmazonS3ReadOnlyAccess",
  { identity: ["AdministratorAccess"], scp: ["AmazonS3ReadOnlyAccess"] },
  [
    { action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key", expected: "Allowed" },
    { action: "s3:PutObject", resource: "arn:aws:s3:::bucket/key", expected: "ImplicitlyDenied" },
    { action: "ec2:DescribeInstances", expected: "ImplicitlyDenied" },
  ],
);

// A variable in the account field of a Resource ARN (the variables page allows them only after the
// fifth colon; this AWS managed policy relies on it, and the validator warns VARIABLE_IN_ARN_PREFIX).
const VIA_SECRETS_MANAGER = {
  "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com",
  "kms:EncryptionContext:SecretARN": `arn:aws:secretsmanager:us-east-1:${A}:secret:InfluxDB-RepoToken-abc`,
};
const INFLUX_ROLE = `arn:aws:sts::${A}:assumed-role/AWSServiceRoleForTimestreamInfluxDB/s`;
grants(
  "AmazonTimestreamInfluxDBServiceRolePolicy (${aws:PrincipalAccount} in the account field)",
  { identity: ["AmazonTimestreamInfluxDBServiceRolePolicy"] },
  [
    {
      action: "kms:Decrypt",
      principal: INFLUX_ROLE,
      resource: `arn:aws:kms:us-east-1:${A}:key/k1`,
      context: VIA_SECRETS_MANAGER,
      expected: "Allowed",
    },
    {
      action: "kms:Decrypt",
      principal: INFLUX_ROLE,
      resource: "arn:aws:kms:us-east-1:444455556666:key/k1",
      context: VIA_SECRETS_MANAGER,
      expected: "ImplicitlyDenied",
    },
    {
      action: "kms:Decrypt",
      principal: INFLUX_ROLE,
      resource: `arn:aws:kms:us-east-1:${A}:key/k1`,
      context: { ...VIA_SECRETS_MANAGER, "kms:ViaService": "s3.us-east-1.amazonaws.com" },
      expected: "ImplicitlyDenied",
    },
  ],
);
