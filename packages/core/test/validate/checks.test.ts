// One row per check of docs/checks.md: a policy that must get the code and a close variant that must not.
// Sources: docs/evaluation-rules.md sections named per group, and the IAM Access Analyzer policy check reference
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
import { describe, expect, it } from "vitest";
import type { PolicyType } from "../../src/types.js";
import { CHECKS, type SensitiveAccessRule, validatePolicy } from "../../src/validate/index.js";
import { fixtureServiceData } from "./fixture-service-data.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

interface Row {
  code: keyof typeof CHECKS;
  bad: Json;
  good: Json;
  type?: PolicyType;
  /** The service of the resource a resource-based policy is attached to. */
  resourceService?: string;
  /** Needs the IAM service data (SR checks). */
  data?: boolean;
  /** SENSITIVE_ACCESS rules. */
  sensitiveAccess?: SensitiveAccessRule[];
}

/** Drops `undefined` members so a row can remove an element from the base statement. */
function clean(value: Json | undefined): Json {
  if (Array.isArray(value)) return value.map((v) => clean(v));
  if (value && typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
    return out;
  }
  return value ?? null;
}

type Statement = { [key: string]: Json | undefined };
const stmt = (extra: Statement = {}): Statement => ({
  Effect: "Allow",
  Action: "s3:GetObject",
  Resource: "arn:aws:s3:::bucket/*",
  ...extra,
});
const doc = (...statements: Statement[]): Json => ({
  Version: "2012-10-17",
  Statement: statements,
});
const one = (extra: Statement = {}): Json => doc(stmt(extra));
const cond = (condition: Json, extra: Statement = {}): Json =>
  one({ Condition: condition, ...extra });
const ACCOUNT = "arn:aws:iam::111122223333:root";
/** Resource-based policy statement. */
const res = (extra: Statement = {}): Json => one({ Principal: { AWS: ACCOUNT }, ...extra });
/** Role trust policy statement. */
const trust = (extra: Statement = {}): Json =>
  doc({
    Effect: "Allow",
    Principal: { Service: "ec2.amazonaws.com" },
    Action: "sts:AssumeRole",
    ...extra,
  });
const rcp = (extra: Statement = {}): Json =>
  doc({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", ...extra });
const many = (n: number, make: (i: number) => string): string[] =>
  Array.from({ length: n }, (_, i) => make(i));
const OIDC = "arn:aws:iam::111122223333:oidc-provider/oidc.example.com";
const GITHUB = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

const ROWS: Row[] = [
  // A. structure (docs/evaluation-rules.md §1)
  { code: "JSON_SYNTAX_ERROR", bad: '{"Version": "2012-10-17",', good: JSON.stringify(one()) },
  { code: "MISSING_STATEMENT", bad: { Version: "2012-10-17" }, good: one() },
  { code: "INVALID_POLICY_ELEMENT", bad: one({ Conditions: {} }), good: one() },
  { code: "MISSING_EFFECT", bad: one({ Effect: undefined }), good: one() },
  { code: "INVALID_EFFECT", bad: one({ Effect: "allow" }), good: one({ Effect: "Deny" }) },
  { code: "MISSING_ACTION", bad: one({ Action: undefined }), good: one() },
  { code: "MISSING_RESOURCE", bad: one({ Resource: undefined }), good: one() },
  {
    code: "UNSUPPORTED_ELEMENT_COMBINATION",
    bad: one({ NotAction: "s3:PutObject" }),
    good: one({ Action: undefined, NotAction: "s3:PutObject", Effect: "Deny" }),
  },
  { code: "INVALID_VERSION", bad: { Version: "2012-10-18", Statement: [stmt()] }, good: one() },
  { code: "DATA_TYPE_MISMATCH", bad: one({ Action: 5 }), good: one() },
  {
    code: "UNIQUE_SIDS_REQUIRED",
    bad: doc(stmt({ Sid: "A" }), stmt({ Sid: "A", Action: "s3:PutObject" })),
    good: doc(stmt({ Sid: "A" }), stmt({ Sid: "B", Action: "s3:PutObject" })),
  },
  {
    code: "UNIQUE_SIDS_RECOMMENDED",
    type: "resource",
    bad: doc(
      stmt({ Sid: "A", Principal: "*" }),
      stmt({ Sid: "A", Principal: "*", Action: "s3:PutObject" }),
    ),
    good: doc(
      stmt({ Sid: "A", Principal: "*" }),
      stmt({ Sid: "B", Principal: "*", Action: "s3:PutObject" }),
    ),
  },
  { code: "UNSUPPORTED_SID", bad: one({ Sid: "read objects" }), good: one({ Sid: "ReadObjects" }) },
  { code: "EMPTY_SID_VALUE", bad: one({ Sid: "" }), good: one({ Sid: "ReadObjects" }) },
  { code: "MISSING_VERSION", bad: { Statement: [stmt()] }, good: one() },
  { code: "OLD_VERSION", bad: { Version: "2008-10-17", Statement: [stmt()] }, good: one() },
  {
    code: "DUPLICATE_ELEMENT",
    bad: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}',
    good: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
    bad: one({ Resource: many(250, (i) => `arn:aws:s3:::example-bucket-${i}/*`) }),
    good: one({ Resource: many(100, (i) => `arn:aws:s3:::example-bucket-${i}/*`) }),
  },
  {
    code: "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA",
    type: "resource",
    bad: res({ Resource: many(800, (i) => `arn:aws:s3:::example-bucket-${i}/*`) }),
    good: res({ Resource: many(400, (i) => `arn:aws:s3:::example-bucket-${i}/*`) }),
  },
  {
    code: "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA",
    type: "trust",
    bad: trust({
      Principal: {
        AWS: many(60, (i) => `arn:aws:iam::1111222233${String(i).padStart(2, "0")}:root`),
      },
    }),
    good: trust({
      Principal: {
        AWS: many(20, (i) => `arn:aws:iam::1111222233${String(i).padStart(2, "0")}:root`),
      },
    }),
  },
  {
    code: "POLICY_SIZE_EXCEEDS_SESSION_POLICY_QUOTA",
    type: "session",
    bad: one({ Resource: many(80, (i) => `arn:aws:s3:::example-bucket-${i}/*`) }),
    good: one({ Resource: many(20, (i) => `arn:aws:s3:::example-bucket-${i}/*`) }),
  },
  // SCPs count every character, whitespace included (docs/evaluation-rules.md §1.9): same document, indented vs minified.
  {
    code: "POLICY_SIZE_EXCEEDS_SCP_QUOTA",
    type: "scp",
    bad: JSON.stringify(
      one({ Action: many(120, (i) => `s3:Get${"Object".repeat(1)}${i}`) }),
      null,
      8,
    ),
    good: JSON.stringify(one({ Action: many(120, (i) => `s3:Get${"Object".repeat(1)}${i}`) })),
  },
  {
    code: "POLICY_SIZE_EXCEEDS_RCP_QUOTA",
    type: "rcp",
    bad: JSON.stringify(rcp({ Resource: many(100, (i) => `arn:aws:s3:::bucket-${i}/*`) }), null, 8),
    good: JSON.stringify(rcp({ Resource: many(100, (i) => `arn:aws:s3:::bucket-${i}/*`) })),
  },
  { code: "INVALID_CHARACTER", bad: one({ Resource: "arn:aws:s3:::bucket/\u2013" }), good: one() },

  // B. actions, resources, ARNs (docs/evaluation-rules.md §2, §3)
  { code: "INVALID_ACTION", data: true, bad: one({ Action: "s3:GetObjekt" }), good: one() },
  {
    code: "INVALID_SERVICE_IN_ACTION",
    data: true,
    bad: one({ Action: "s4:GetObject" }),
    good: one(),
  },
  {
    code: "INVALID_SERVICE",
    data: true,
    bad: cond({ StringEquals: { "s4:prefix": "a" } }),
    good: one(),
  },
  { code: "INVALID_ACTION_FORMAT", bad: one({ Action: "s3GetObject" }), good: one() },
  {
    code: "WILDCARD_IN_SERVICE_NAME",
    bad: one({ Action: "s3*:GetObject" }),
    good: one({ Action: "s3:Get*" }),
  },
  {
    code: "REDUNDANT_ACTION",
    bad: one({ Action: ["s3:Get*", "s3:GetObject"] }),
    good: one({ Action: ["s3:Get*", "s3:PutObject"] }),
  },
  { code: "EMPTY_ARRAY_ACTION", bad: one({ Action: [] }), good: one() },
  { code: "INVALID_ARN_PREFIX", bad: one({ Resource: "bucket/*" }), good: one() },
  {
    code: "MISSING_ARN_FIELD",
    bad: one({ Resource: "arn:aws:s3:bucket" }),
    good: one({ Resource: "arn:aws:sqs:*" }),
  },
  {
    code: "INVALID_ARN_SERVICE_CASE",
    bad: one({ Resource: "arn:aws:S3:::bucket/*" }),
    good: one(),
  },
  {
    code: "INVALID_PARTITION",
    bad: one({ Resource: "arn:amazon:s3:::bucket/*" }),
    good: one({ Resource: "arn:aws-cn:s3:::bucket/*" }),
  },
  {
    code: "INVALID_ARN_REGION",
    // A region of another partition: us-east-1 is not a China region.
    bad: one({
      Action: "ec2:TerminateInstances",
      Resource: "arn:aws-cn:ec2:us-east-1:111122223333:instance/*",
    }),
    good: one({
      Action: "ec2:TerminateInstances",
      Resource: "arn:aws-cn:ec2:cn-north-1:111122223333:instance/*",
    }),
  },
  {
    code: "INVALID_ARN_ACCOUNT",
    bad: one({
      Action: "ec2:TerminateInstances",
      Resource: "arn:aws:ec2:us-east-1:1234:instance/*",
    }),
    good: one({
      Action: "ec2:TerminateInstances",
      Resource: "arn:aws:ec2:us-east-1:111122223333:instance/*",
    }),
  },
  {
    code: "INVALID_ARN_REGION",
    bad: one({
      Action: "ec2:TerminateInstances",
      Resource: "arn:aws:ec2:useast1:111122223333:instance/*",
    }),
    good: one({
      Action: "ec2:TerminateInstances",
      Resource: "arn:aws:ec2:eu-central-2:111122223333:instance/*",
    }),
  },
  {
    code: "MISSING_ARN_REGION",
    data: true,
    bad: one({
      Action: "ec2:TerminateInstances",
      Resource: "arn:aws:ec2::111122223333:instance/i-1",
    }),
    good: one({
      Action: "ec2:TerminateInstances",
      Resource: "arn:aws:ec2:*:111122223333:instance/i-1",
    }),
  },
  {
    code: "ARN_REGION_NOT_ALLOWED",
    data: true,
    bad: one({ Resource: "arn:aws:s3:us-east-1::bucket/*" }),
    good: one(),
  },
  {
    code: "ARN_ACCOUNT_NOT_ALLOWED",
    data: true,
    bad: one({ Resource: "arn:aws:s3::111122223333:bucket/*" }),
    good: one(),
  },
  {
    code: "INVALID_ARN_RESOURCE",
    data: true,
    bad: one({
      Action: "ec2:TerminateInstances",
      Resource: "arn:aws:ec2:us-east-1:111122223333:volume/vol-1",
    }),
    good: one({
      Action: "ec2:TerminateInstances",
      Resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
    }),
  },
  // s3:GetObject acts on objects, not on the bucket ARN (parliament RESOURCE_MISMATCH).
  {
    code: "RESOURCE_MISMATCH",
    data: true,
    bad: one({ Resource: "arn:aws:s3:::bucket" }),
    good: one(),
  },
  {
    code: "RESOURCE_STAR",
    data: true,
    bad: one({ Resource: "*" }),
    good: one({ Action: "s3:ListAllMyBuckets", Resource: "*" }),
  },
  {
    code: "REDUNDANT_RESOURCE",
    bad: one({ Resource: ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key"] }),
    good: one({ Resource: ["arn:aws:s3:::bucket/*", "arn:aws:s3:::other/key"] }),
  },
  { code: "EMPTY_ARRAY_RESOURCE", bad: one({ Resource: [] }), good: one() },
  {
    code: "REDUNDANT_STATEMENT",
    bad: doc(stmt({ Sid: "A" }), stmt({ Sid: "B", Action: ["s3:GetObject"] })),
    good: doc(stmt({ Sid: "A" }), stmt({ Sid: "B", Action: "s3:PutObject" })),
  },

  // A bucket policy controls only S3 actions on S3 resources (AA "Unsupported action/resource ARN in policy").
  {
    code: "UNSUPPORTED_ACTION_IN_POLICY",
    type: "resource",
    resourceService: "s3",
    bad: res({ Action: ["s3:GetObject", "kms:Decrypt"] }),
    good: res({ Action: ["s3:GetObject", "s3:PutObject"] }),
  },
  {
    code: "UNSUPPORTED_RESOURCE_ARN_IN_POLICY",
    type: "resource",
    resourceService: "s3",
    bad: res({ Resource: ["arn:aws:s3:::bucket/*", "arn:aws:kms:us-east-1:111122223333:key/k"] }),
    good: res({ Resource: ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket"] }),
  },
  {
    code: "IRRELEVANT_CONDITION_KEY_IN_POLICY",
    type: "resource",
    resourceService: "s3",
    bad: res({ Condition: { StringEquals: { "s3:ResourceAccount": "111122223333" } } }),
    good: res({ Condition: { StringEquals: { "aws:PrincipalAccount": "111122223333" } } }),
  },
  // docs/evaluation-rules.md §1.3: Id belongs to resource-based policies, not identity-based ones.
  {
    code: "INVALID_POLICY_ELEMENT",
    bad: { Version: "2012-10-17", Id: "my-policy", Statement: [stmt()] },
    good: one(),
  },

  // C. principals (docs/evaluation-rules.md §1.6, §4)
  { code: "UNSUPPORTED_PRINCIPAL", bad: one({ Principal: "*" }), good: one() },
  { code: "MISSING_PRINCIPAL", type: "resource", bad: one(), good: res() },
  {
    code: "INVALID_PRINCIPAL_FORMAT",
    type: "resource",
    bad: one({ Principal: ACCOUNT }),
    good: res(),
  },
  {
    code: "INVALID_PRINCIPAL_FORMAT",
    type: "resource",
    bad: one({ Principal: { AWS: ["arn:aws:iam::111122223333:root", "alice"] } }),
    good: one({
      Principal: {
        AWS: [
          "111122223333",
          "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL",
          "arn:aws:sts::111122223333:assumed-role/app/session",
        ],
      },
    }),
  },
  {
    code: "INVALID_PRINCIPAL_KEY",
    type: "resource",
    bad: one({ Principal: { aws: ACCOUNT } }),
    good: res(),
  },
  {
    code: "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
    type: "resource",
    bad: one({ Principal: { AWS: "arn:aws:iam::111122223333:user/*" } }),
    good: one({ Principal: { AWS: "*" } }),
  },
  {
    code: "INVALID_SERVICE_PRINCIPAL_FORMAT",
    type: "resource",
    bad: one({
      Principal: { Service: "cloudtrail" },
      Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
    }),
    good: one({
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
    }),
  },
  {
    code: "EMPTY_ARRAY_PRINCIPAL",
    type: "resource",
    bad: one({ Principal: { AWS: [] } }),
    good: res(),
  },
  { code: "EMPTY_OBJECT_PRINCIPAL", type: "resource", bad: one({ Principal: {} }), good: res() },
  {
    code: "ALLOW_WITH_NOT_PRINCIPAL",
    type: "resource",
    bad: one({ NotPrincipal: { AWS: ACCOUNT } }),
    good: one({ Effect: "Deny", NotPrincipal: { AWS: ACCOUNT } }),
  },
  {
    code: "INVALID_USER_REFERENCE",
    type: "resource",
    bad: one({ Principal: { AWS: "AIDAJQABLZS4A3QDU576Q" } }),
    good: one({ Principal: { AWS: "arn:aws:iam::111122223333:user/alice" } }),
  },
  {
    code: "INVALID_ROLE_REFERENCE",
    type: "resource",
    bad: one({ Principal: { AWS: "AROADBQP57FF2AEXAMPLE" } }),
    good: one({ Principal: { AWS: "arn:aws:iam::111122223333:role/app" } }),
  },
  {
    code: "FEDERATED_PRINCIPAL_NOT_SUPPORTED",
    type: "resource",
    bad: one({ Principal: { Federated: "accounts.google.com" } }),
    good: res(),
  },
  {
    code: "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL",
    type: "trust",
    bad: trust({ Effect: "Deny", Principal: undefined, NotPrincipal: { AWS: ACCOUNT } }),
    good: trust(),
  },
  {
    code: "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE",
    type: "trust",
    bad: trust({ Resource: "*" }),
    good: trust(),
  },
  {
    code: "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
    type: "trust",
    bad: trust({ Principal: "*" }),
    good: trust({ Principal: { AWS: ACCOUNT } }),
  },
  {
    code: "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY",
    type: "trust",
    bad: trust({
      Principal: { Federated: "arn:aws:iam::111122223333:user/alice" },
      Action: "sts:AssumeRoleWithSAML",
    }),
    good: trust({
      Principal: { Federated: "arn:aws:iam::111122223333:saml-provider/okta" },
      Action: "sts:AssumeRoleWithSAML",
    }),
  },
  {
    code: "MISMATCHED_ACTION_FOR_PRINCIPAL",
    type: "trust",
    bad: trust({ Principal: { Federated: "arn:aws:iam::111122223333:saml-provider/okta" } }),
    good: trust({
      Principal: { Federated: "arn:aws:iam::111122223333:saml-provider/okta" },
      Action: "sts:AssumeRoleWithSAML",
    }),
  },
  {
    code: "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY",
    type: "trust",
    bad: trust({ Principal: { Service: "rolesanywhere.amazonaws.com" } }),
    good: trust({
      Principal: { Service: "rolesanywhere.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"],
    }),
  },
  {
    code: "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
    type: "resource",
    bad: one({ Principal: { Service: "cloudtrail.amazonaws.com" } }),
    good: one({
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Condition: {
        StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main" },
      },
    }),
  },
  {
    code: "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
    type: "trust",
    bad: trust({ Principal: { Federated: OIDC }, Action: "sts:AssumeRoleWithWebIdentity" }),
    good: trust({
      Principal: { Federated: OIDC },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "oidc.example.com:aud": "my-app" } },
    }),
  },
  {
    code: "MISSING_GITHUB_REPO_CONDITION_KEY",
    type: "trust",
    bad: trust({
      Principal: { Federated: GITHUB },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
      },
    }),
    good: trust({
      Principal: { Federated: GITHUB },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
        StringLike: { "token.actions.githubusercontent.com:sub": "repo:org/repo:*" },
      },
    }),
  },
  {
    code: "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY",
    type: "trust",
    bad: trust({
      Principal: {
        AWS: [
          "arn:aws:iam::111122223333:role/app",
          "arn:aws:sts::111122223333:assumed-role/app/session",
        ],
      },
    }),
    good: trust({ Principal: { AWS: ["arn:aws:iam::111122223333:role/app"] } }),
  },

  // D. conditions (docs/evaluation-rules.md §5, §8)
  {
    code: "INVALID_CONDITION_OPERATOR",
    bad: cond({ StringEqual: { "aws:username": "a" } }),
    good: cond({ StringEquals: { "aws:username": "a" } }),
  },
  {
    code: "NULL_WITH_IF_EXISTS",
    bad: cond({ NullIfExists: { "aws:username": "true" } }),
    good: cond({ Null: { "aws:username": "true" } }),
  },
  {
    code: "NULL_WITH_QUALIFIER",
    bad: cond({ "ForAllValues:Null": { "aws:TagKeys": "true" } }),
    good: cond({ Null: { "aws:TagKeys": "true" } }),
  },
  {
    code: "INVALID_CONDITION_KEY_FORMAT",
    bad: cond({ StringEquals: { username: "a" } }),
    good: cond({ StringEquals: { "aws:username": "a" } }),
  },
  {
    code: "INVALID_GLOBAL_CONDITION_KEY",
    bad: cond({ IpAddress: { "aws:SourceIpp": "203.0.113.0/24" } }),
    good: cond({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }),
  },
  {
    code: "DEPRECATED_GLOBAL_CONDITION_KEY",
    // Allow + positive operator: without the key the Allow never applies (only narrows access).
    bad: cond({ ArnEquals: { "aws:ARN": "arn:aws:iam::111122223333:role/app" } }),
    good: cond({ ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/app" } }),
  },
  {
    code: "UNSUPPORTED_GLOBAL_CONDITION_KEY",
    // Allow + negated operator: without the key the condition is always true (widens access).
    bad: cond({ ArnNotEquals: { "aws:ARN": "arn:aws:iam::111122223333:role/app" } }),
    good: cond({ ArnEquals: { "aws:ARN": "arn:aws:iam::111122223333:role/app" } }),
  },
  {
    code: "INVALID_SERVICE_CONDITION_KEY",
    data: true,
    bad: cond(
      { StringEquals: { "s3:prefixx": "home/" } },
      { Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket" },
    ),
    good: cond(
      { StringEquals: { "s3:prefix": "home/" } },
      { Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket" },
    ),
  },
  {
    code: "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
    data: true,
    bad: cond(
      { StringEquals: { "ec2:ResourceTag/team": "a" } },
      { Action: "ec2:DescribeInstances", Resource: "*" },
    ),
    good: cond(
      { StringEquals: { "ec2:ResourceTag/team": "a" } },
      { Action: "ec2:TerminateInstances", Resource: "*" },
    ),
  },
  {
    code: "MISSING_ACTION_FOR_CONDITION_KEY",
    data: true,
    bad: cond(
      { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
      { Action: "iam:GetRole", Resource: "*" },
    ),
    good: cond(
      { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
      { Action: "iam:PassRole", Resource: "*" },
    ),
  },
  {
    code: "MISSING_TAG_KEY_IN_CONDITION",
    bad: cond({ StringEquals: { "aws:ResourceTag": "a" } }),
    good: cond({ StringEquals: { "aws:ResourceTag/team": "a" } }),
  },
  {
    code: "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
    bad: cond({ StringEquals: { "aws:username": "a", "AWS:UserName": "b" } }),
    good: cond({ StringEquals: { "aws:username": ["a", "b"] } }),
  },
  {
    code: "INVALID_CONDITION_DATA_TYPE",
    bad: cond({ StringEquals: { "aws:username": ["a", 1] } }),
    good: cond({ StringEquals: { "aws:username": ["a", "1"] } }),
  },
  {
    code: "INVALID_CONDITION_MULTIPLE_BOOLEAN",
    bad: cond({ Bool: { "aws:SecureTransport": ["true", "false"] } }),
    good: cond({ Bool: { "aws:SecureTransport": "true" } }),
  },
  {
    code: "MISSING_QUALIFIER",
    bad: cond({ StringEquals: { "aws:TagKeys": "team" } }),
    good: cond({ "ForAllValues:StringEquals": { "aws:TagKeys": "team" } }),
  },
  {
    code: "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
    bad: cond({ "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }),
    good: cond({ StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }),
  },
  {
    code: "TYPE_MISMATCH",
    bad: cond({ Bool: { "aws:username": "true" } }),
    good: cond({ StringEquals: { "aws:username": "alice" } }),
  },
  {
    code: "TYPE_MISMATCH",
    data: true,
    bad: cond(
      { StringEquals: { "s3:max-keys": "10" } },
      { Action: "s3:ListBucket", Resource: "arn:aws:s3:::b" },
    ),
    good: cond(
      { NumericLessThanEquals: { "s3:max-keys": "10" } },
      { Action: "s3:ListBucket", Resource: "arn:aws:s3:::b" },
    ),
  },
  {
    code: "TYPE_MISMATCH_BOOLEAN",
    bad: cond({ Bool: { "aws:SecureTransport": "yes" } }),
    good: cond({ Bool: { "aws:SecureTransport": true } }),
  },
  {
    code: "TYPE_MISMATCH_DATE",
    bad: cond({ DateGreaterThan: { "aws:CurrentTime": "tomorrow" } }),
    good: cond({ DateGreaterThan: { "aws:CurrentTime": "2026-01-31T00:00:00Z" } }),
  },
  {
    code: "TYPE_MISMATCH_NUMBER",
    bad: cond({ NumericLessThan: { "aws:MultiFactorAuthAge": "one hour" } }),
    good: cond({ NumericLessThan: { "aws:MultiFactorAuthAge": 3600 } }),
  },
  {
    code: "TYPE_MISMATCH_IP_RANGE",
    bad: cond({ IpAddress: { "aws:SourceIp": "203.0.113.0/33" } }),
    good: cond({ IpAddress: { "aws:SourceIp": "2001:db8::/32" } }),
  },
  {
    code: "TYPE_MISMATCH_STRING",
    bad: cond({ BinaryEquals: { "dynamodb:Attributes": "not base64!" } }),
    good: cond({ BinaryEquals: { "dynamodb:Attributes": "QmluYXJ5VmFsdWU=" } }),
  },
  {
    code: "INVALID_DATE_VALUE",
    bad: cond({ DateLessThan: { "aws:CurrentTime": "2026-01-31T12:00:00" } }),
    good: cond({ DateLessThan: { "aws:CurrentTime": "2026-01-31" } }),
  },
  {
    code: "WILDCARD_WITHOUT_LIKE_OPERATOR",
    bad: cond({ StringEquals: { "aws:username": "dev-*" } }),
    good: cond({ StringLike: { "aws:username": "dev-*" } }),
  },
  // aws:SourceIp is always a public address (global condition keys page).
  {
    code: "PRIVATE_IP_ADDRESS",
    bad: cond({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "192.168.1.0/24"] } }),
    good: cond({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }),
  },
  {
    code: "PRIVATE_NOT_IP_ADDRESS",
    bad: cond({ NotIpAddress: { "aws:SourceIp": "172.16.0.0/12" } }),
    good: cond({ NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } }),
  },
  {
    code: "PRIVATE_IP_ADDRESS_SUBSET",
    bad: cond({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24"] } }),
    good: cond({ IpAddress: { "aws:SourceIp": ["198.51.100.0/24", "203.0.113.0/24"] } }),
  },
  {
    code: "PRIVATE_NOT_IP_ADDRESS_SUBSET",
    bad: cond({ NotIpAddress: { "aws:SourceIp": ["fd00::/8", "203.0.113.0/24"] } }),
    good: cond({ NotIpAddress: { "aws:SourceIp": ["2001:db8::/32", "203.0.113.0/24"] } }),
  },
  {
    code: "IMPROVE_IP_RANGE",
    bad: cond({ IpAddress: { "aws:SourceIp": "203.0.113.5/24" } }),
    good: cond({ IpAddress: { "aws:SourceIp": "203.0.113.5" } }),
  },
  {
    code: "INVALID_VPC_FORMAT",
    bad: cond({ StringEquals: { "aws:SourceVpc": "vpc-123" } }),
    good: cond({ StringEquals: { "aws:SourceVpc": "vpc-1a2b3c4d" } }),
  },
  {
    code: "INVALID_VPCE_FORMAT",
    bad: cond({ StringEquals: { "aws:SourceVpce": "vpc-1a2b3c4d" } }),
    good: cond({ StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } }),
  },
  {
    code: "INVALID_REGION",
    bad: cond({ StringEquals: { "aws:RequestedRegion": "us-east" } }),
    good: cond({
      StringEquals: { "aws:RequestedRegion": ["us-east-1", "us-gov-west-1", "eusc-de-east-1"] },
    }),
  },
  {
    // Shaped like a region but not in the region list (regions.ts): "unknown to the region list".
    code: "INVALID_REGION",
    bad: cond({ StringEquals: { "aws:RequestedRegion": "eu-west-9" } }),
    good: cond({ StringEquals: { "aws:RequestedRegion": "eu-west-3" } }),
  },
  {
    code: "EMPTY_OBJECT_CONDITION",
    bad: cond({}),
    good: cond({ Bool: { "aws:SecureTransport": "true" } }),
  },
  {
    code: "EMPTY_ARRAY_CONDITION",
    bad: cond({ StringEquals: { "aws:username": [] } }),
    good: cond({ StringEquals: { "aws:username": ["a"] } }),
  },
  {
    code: "EMPTY_ARRAY_CONDITION_FORALLVALUES",
    bad: cond({ "ForAllValues:StringEquals": { "aws:TagKeys": [] } }),
    good: cond({ "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] } }),
  },
  {
    code: "EMPTY_ARRAY_CONDITION_FORANYVALUE",
    bad: cond({ "ForAnyValue:StringEquals": { "aws:TagKeys": [] } }),
    good: cond({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["team"] } }),
  },
  {
    code: "EMPTY_ARRAY_CONDITION_IFEXISTS",
    bad: cond({ StringEqualsIfExists: { "aws:username": [] } }),
    good: cond({ StringEqualsIfExists: { "aws:username": ["a"] } }),
  },
  {
    code: "REDUNDANT_CONDITION_VALUE_NUM",
    bad: cond({ NumericLessThan: { "aws:MultiFactorAuthAge": [2700, 3600] } }),
    good: cond({ NumericLessThan: { "aws:MultiFactorAuthAge": 3600 } }),
  },
  {
    code: "MISSING_PAIRED_CONDITION_KEYS",
    bad: cond({ IpAddress: { "aws:VpcSourceIp": "10.0.0.0/16" } }),
    good: cond({
      IpAddress: { "aws:VpcSourceIp": "10.0.0.0/16" },
      StringEquals: { "aws:SourceVpc": "vpc-1a2b3c4d" },
    }),
  },
  {
    code: "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
    data: true,
    bad: cond({ StringEquals: { "aws:ResourceTag/team": "a" } }, { Effect: "Deny", Resource: "*" }),
    good: cond(
      { StringEquals: { "aws:ResourceTag/team": "a" } },
      { Effect: "Deny", Action: "ec2:TerminateInstances", Resource: "*" },
    ),
  },
  {
    code: "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
    data: true,
    bad: cond(
      { StringEquals: { "aws:ResourceTag/team": "a" } },
      { Effect: "Deny", Action: undefined, NotAction: "ec2:*", Resource: "*" },
    ),
    good: cond(
      { StringEquals: { "aws:ResourceTag/team": "a" } },
      {
        Effect: "Deny",
        Action: undefined,
        NotAction: ["s3:*", "iam:*", "kms:*", "sts:*"],
        Resource: "*",
      },
    ),
  },
  {
    code: "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
    data: true,
    bad: cond({ StringEquals: { "aws:ResourceTag/team": "a" } }, { Resource: "*" }),
    good: cond(
      { StringEquals: { "aws:ResourceTag/team": "a" } },
      { Action: "ec2:TerminateInstances", Resource: "*" },
    ),
  },
  {
    code: "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
    data: true,
    bad: cond(
      { StringEquals: { "aws:ResourceTag/team": "a" } },
      { Action: undefined, NotAction: "ec2:*", Resource: "*" },
    ),
    good: cond(
      { StringEquals: { "aws:ResourceTag/team": "a" } },
      { Action: undefined, NotAction: ["s3:*", "iam:*", "kms:*", "sts:*"], Resource: "*" },
    ),
  },
  {
    code: "CONFIRM_AUDIENCE_CLAIM_TYPE",
    type: "trust",
    bad: trust({
      Principal: { Federated: OIDC },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { "ForAnyValue:StringEquals": { "oidc.example.com:aud": "my-app" } },
    }),
    good: trust({
      Principal: { Federated: OIDC },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "oidc.example.com:aud": "my-app" } },
    }),
  },
  // docs/evaluation-rules.md §8 MFA patterns: Deny + Bool false misses long-term keys; BoolIfExists catches them.
  {
    code: "BAD_PATTERN_FOR_MFA",
    bad: cond({ Null: { "aws:MultiFactorAuthPresent": "false" } }),
    good: cond({ Bool: { "aws:MultiFactorAuthPresent": "true" } }),
  },
  {
    code: "BAD_PATTERN_FOR_MFA",
    bad: cond({ Bool: { "aws:MultiFactorAuthPresent": "false" } }, { Effect: "Deny" }),
    good: cond({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, { Effect: "Deny" }),
  },
  {
    code: "WILDCARD_USAGE_TOO_PERMISSIVE",
    bad: cond({ StringLike: { "aws:PrincipalOrgID": "o-*" } }),
    good: cond({ StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }),
  },
  // The seed's same-account pattern (aws:ResourceAccount = ${aws:PrincipalAccount}) is not reported.
  {
    code: "VARIABLE_USAGE_TOO_PERMISSIVE",
    bad: cond({ StringEquals: { "aws:ResourceAccount": "${aws:PrincipalTag/account}" } }),
    good: cond({ StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } }),
  },

  {
    code: "INVALID_GLOBAL_CONDITION_KEY",
    bad: one({ Resource: "arn:aws:s3:::bucket/${aws:usernme}/*" }),
    good: one({ Resource: "arn:aws:s3:::bucket/${aws:username}/${aws:PrincipalTag/team}/*" }),
  },

  // E. policy variables (docs/evaluation-rules.md §6)
  {
    code: "MISSING_BRACE_IN_VARIABLE",
    bad: one({ Resource: "arn:aws:s3:::bucket/${aws:username/*" }),
    good: one({ Resource: "arn:aws:s3:::bucket/${aws:username}/*" }),
  },
  {
    code: "MISSING_QUOTE_IN_VARIABLE",
    bad: one({ Resource: "arn:aws:s3:::bucket-${aws:PrincipalTag/team, company}/*" }),
    good: one({ Resource: "arn:aws:s3:::bucket-${aws:PrincipalTag/team, 'company wide'}/*" }),
  },
  {
    code: "UNSUPPORTED_SPACE_IN_VARIABLE",
    bad: one({ Resource: "arn:aws:s3:::bucket/${aws:user name}/*" }),
    good: one({ Resource: "arn:aws:s3:::bucket/${aws:username}/*" }),
  },
  {
    code: "EMPTY_VARIABLE",
    bad: one({ Resource: "arn:aws:s3:::bucket/${}/*" }),
    good: one({ Resource: "arn:aws:s3:::bucket/${*}" }),
  },
  {
    code: "VARIABLE_UNSUPPORTED_IN_ELEMENT",
    bad: one({ Action: "s3:${aws:username}" }),
    good: one(),
  },
  {
    code: "VARIABLE_UNSUPPORTED_IN_VERSION",
    bad: {
      Version: "2008-10-17",
      Statement: [stmt({ Resource: "arn:aws:s3:::bucket/${aws:username}/*" })],
    },
    good: one({ Resource: "arn:aws:s3:::bucket/${aws:username}/*" }),
  },
  {
    code: "INVALID_VARIABLE_FOR_OPERATOR",
    bad: cond({ NumericLessThan: { "aws:MultiFactorAuthAge": "${aws:username}" } }),
    good: cond({ StringEquals: { "aws:PrincipalTag/owner": "${aws:username}" } }),
  },
  {
    code: "VARIABLE_IN_ARN_PREFIX",
    bad: one({
      Action: "ec2:TerminateInstances",
      Resource: "arn:aws:ec2:${aws:RequestedRegion}:111122223333:instance/*",
    }),
    good: one({
      Action: "ec2:TerminateInstances",
      Resource: "arn:aws:ec2:*:111122223333:instance/${aws:username}",
    }),
  },

  // F. Organizations policy types (docs/evaluation-rules.md §1.6; Organizations SCP/RCP syntax)
  { code: "SCP_SYNTAX_ERROR_PRINCIPAL", type: "scp", bad: one({ Principal: "*" }), good: one() },
  {
    code: "SCP_SYNTAX_ERROR_ACTION_WILDCARD",
    type: "scp",
    bad: one({ Action: "s3:*Object" }),
    good: one({ Action: "s3:Get*" }),
  },
  { code: "RCP_ALLOW_NOT_SUPPORTED", type: "rcp", bad: rcp({ Effect: "Allow" }), good: rcp() },
  // RCPFullAWSAccess (Allow "*" on "*" to Principal "*") is the one Allow RCPs support.
  {
    code: "RCP_ALLOW_NOT_SUPPORTED",
    type: "rcp",
    bad: rcp({ Effect: "Allow", Action: "s3:*" }),
    good: rcp({ Effect: "Allow", Action: "*" }),
  },
  {
    code: "RCP_PRINCIPAL_NOT_STAR",
    type: "rcp",
    bad: rcp({ Principal: { AWS: ACCOUNT } }),
    good: rcp(),
  },
  {
    code: "RCP_VERSION_REQUIRED",
    type: "rcp",
    bad: { Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }] },
    good: rcp(),
  },

  // G. security warnings (AA reference; docs/evaluation-rules.md §2, §3.4)
  {
    code: "PASS_ROLE_WITH_STAR_IN_RESOURCE",
    bad: one({ Action: "iam:PassRole", Resource: "*" }),
    good: one({
      Action: "iam:PassRole",
      Resource: "*",
      Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
    }),
  },
  {
    code: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
    bad: one({ Action: "iam:*", Resource: "*" }),
    good: one({ Action: "iam:*", Resource: "arn:aws:iam::111122223333:user/alice" }),
  },
  {
    code: "PASS_ROLE_WITH_NOTRESOURCE",
    bad: one({
      Action: "iam:PassRole",
      Resource: undefined,
      NotResource: "arn:aws:iam::111122223333:role/admin",
    }),
    good: one({ Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/app" }),
  },
  {
    code: "PASS_ROLE_WITH_NOTACTION_AND_NOTRESOURCE",
    bad: one({
      Action: undefined,
      NotAction: "s3:*",
      Resource: undefined,
      NotResource: "arn:aws:s3:::bucket",
    }),
    good: one({
      Action: undefined,
      NotAction: "iam:*",
      Resource: undefined,
      NotResource: "arn:aws:s3:::bucket",
    }),
  },
  {
    code: "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOTACTION",
    bad: one({ Action: undefined, NotAction: "s3:*", Resource: "*" }),
    good: one({ Action: undefined, NotAction: ["s3:*", "iam:*"], Resource: "*" }),
  },
  {
    code: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOTRESOURCE",
    bad: one({
      Action: "iam:Pass*",
      Resource: undefined,
      NotResource: "arn:aws:iam::111122223333:role/admin",
    }),
    good: one({
      Action: "iam:Get*",
      Resource: undefined,
      NotResource: "arn:aws:iam::111122223333:role/admin",
    }),
  },
  {
    code: "CREATE_SLR_WITH_STAR_IN_RESOURCE",
    bad: one({ Action: "iam:CreateServiceLinkedRole", Resource: "*" }),
    good: one({
      Action: "iam:CreateServiceLinkedRole",
      Resource: "*",
      Condition: { StringEquals: { "iam:AWSServiceName": "autoscaling.amazonaws.com" } },
    }),
  },
  {
    code: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
    bad: one({ Action: "iam:Create*", Resource: "*" }),
    good: one({ Action: "iam:Get*", Resource: "*" }),
  },
  {
    code: "CREATE_SLR_WITH_NOTRESOURCE",
    bad: one({
      Action: "iam:CreateServiceLinkedRole",
      Resource: undefined,
      NotResource: "arn:aws:s3:::b",
    }),
    good: one({
      Action: "iam:CreateServiceLinkedRole",
      Resource: "arn:aws:iam::*:role/aws-service-role/*",
    }),
  },
  {
    code: "CREATE_SLR_WITH_NOTACTION_AND_NOTRESOURCE",
    bad: one({
      Action: undefined,
      NotAction: "s3:*",
      Resource: undefined,
      NotResource: "arn:aws:s3:::b",
    }),
    good: one({
      Action: undefined,
      NotAction: "iam:*",
      Resource: undefined,
      NotResource: "arn:aws:s3:::b",
    }),
  },
  {
    code: "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOTACTION",
    bad: one({ Action: undefined, NotAction: "s3:*", Resource: "*" }),
    good: one({
      Action: undefined,
      NotAction: ["s3:*", "iam:CreateServiceLinkedRole"],
      Resource: "*",
    }),
  },
  {
    code: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOTRESOURCE",
    bad: one({ Action: "iam:*", Resource: undefined, NotResource: "arn:aws:s3:::b" }),
    good: one({ Action: "iam:Get*", Resource: undefined, NotResource: "arn:aws:s3:::b" }),
  },
  {
    code: "NOTRESOURCE_WITH_ALLOW",
    bad: one({ Resource: undefined, NotResource: "arn:aws:s3:::hr/*" }),
    good: one({ Effect: "Deny", Resource: undefined, NotResource: "arn:aws:s3:::hr/*" }),
  },
  {
    code: "NOTACTION_WITH_ALLOW",
    bad: one({ Action: undefined, NotAction: "iam:*" }),
    good: one({ Effect: "Deny", Action: undefined, NotAction: "iam:*" }),
  },
  {
    code: "FULL_ADMIN_ACCESS",
    bad: one({ Action: "*", Resource: "*" }),
    good: one({
      Action: "*",
      Resource: "*",
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    }),
  },

  // parliament's opinionated checks (docs/checks.md group G; parliament community auditors and policy.py)
  {
    code: "PERMISSIONS_MANAGEMENT_ACTIONS",
    data: true,
    bad: one({ Action: "iam:PutRolePolicy", Resource: "arn:aws:iam::111122223333:role/app" }),
    good: one({ Action: "iam:GetRole", Resource: "arn:aws:iam::111122223333:role/app" }),
  },
  {
    code: "CREDENTIALS_EXPOSURE",
    bad: one({ Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/app" }),
    good: one({ Action: "sts:TagSession", Resource: "arn:aws:iam::111122223333:role/app" }),
  },
  {
    code: "SENSITIVE_ACCESS",
    sensitiveAccess: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket/secrets/*"] }],
    bad: one(),
    good: one({ Resource: "arn:aws:s3:::other-bucket/*" }),
  },
  {
    code: "RESOURCE_POLICY_PRIVILEGE_ESCALATION",
    // parliament's own example: PutBucketPolicy without the object access it can grant.
    bad: one({ Action: ["s3:GetObject", "s3:PutBucketPolicy"], Resource: "*" }),
    good: one({
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:PutBucketPolicy"],
      Resource: ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"],
    }),
  },
];

function run(input: Json, row: Row) {
  const value = typeof input === "string" ? input : clean(input);
  return validatePolicy(value, {
    policyType: row.type ?? "identity",
    serviceData: row.data ? fixtureServiceData : undefined,
    resourceService: row.resourceService,
    sensitiveAccess: row.sensitiveAccess,
  });
}

describe("every check of the catalogue", () => {
  it("has a row in this table", () => {
    const covered = new Set(ROWS.map((r) => r.code));
    expect(Object.keys(CHECKS).filter((code) => !covered.has(code as keyof typeof CHECKS))).toEqual(
      [],
    );
  });

  it.each(
    ROWS.map(
      (row, i) =>
        [
          `${row.code}${ROWS.findIndex((r) => r.code === row.code) === i ? "" : ` (#${i})`}`,
          row,
        ] as const,
    ),
  )("%s: reported on the bad policy, not on the good one", (_, row) => {
    const bad = run(row.bad, row);
    const found = bad.find((d) => d.code === row.code);
    expect(found, JSON.stringify(bad, null, 1)).toBeDefined();
    expect(found!.severity).toBe(CHECKS[row.code].severity);
    expect(found!.message.length).toBeGreaterThan(10);
    for (const d of bad) expect(d.hint, `${d.code} at ${d.path} has no hint`).toBeTruthy();
    expect(found!.path.startsWith("$")).toBe(true);
    const good = run(row.good, row).filter((d) => d.code === row.code);
    expect(good, JSON.stringify(good, null, 1)).toEqual([]);
  });
});

describe("a policy given as JSON text", () => {
  it.each(ROWS.map((r, i) => [`${r.code} #${i}`, r] as const))(
    "%s: the finding has a line and column",
    (_, row) => {
      const text = typeof row.bad === "string" ? row.bad : JSON.stringify(clean(row.bad), null, 2);
      const found = validatePolicy(text, {
        policyType: row.type ?? "identity",
        serviceData: row.data ? fixtureServiceData : undefined,
        resourceService: row.resourceService,
        sensitiveAccess: row.sensitiveAccess,
      }).find((d) => d.code === row.code);
      expect(found?.line, JSON.stringify(found)).toBeGreaterThanOrEqual(1);
      expect(found?.column, JSON.stringify(found)).toBeGreaterThanOrEqual(1);
    },
  );
});

describe("service-data checks without service data", () => {
  it.each(ROWS.filter((r) => r.data).map((r) => [r.code, r] as const))(
    "%s is skipped",
    (_, row) => {
      const value = clean(row.bad as Json);
      const codes = validatePolicy(value, { policyType: row.type ?? "identity" }).map(
        (d) => d.code,
      );
      expect(codes).not.toContain(row.code);
    },
  );
});

describe("a policy given as a value", () => {
  it.each(
    ROWS.filter((r) => typeof r.bad !== "string").map((r, i) => [`${r.code} #${i}`, r] as const),
  )("%s gets the same codes as its JSON text", (_, row) => {
    const codes = (input: unknown) =>
      validatePolicy(input, {
        policyType: row.type ?? "identity",
        serviceData: row.data ? fixtureServiceData : undefined,
        resourceService: row.resourceService,
        sensitiveAccess: row.sensitiveAccess,
      })
        .map((d) => `${d.code} ${d.path}`)
        .sort();
    const value = clean(row.bad);
    expect(codes(value)).toEqual(codes(JSON.stringify(value)));
  });
});
