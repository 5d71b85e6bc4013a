// Principal and NotPrincipal in resource-based policies, same account and cross-account
// (docs/evaluation-rules.md §4, §7.2 step 4, §7.3), checked against the AWS Principal / NotPrincipal / cross-account
// pages and the facts other engines test. The resource is an SQS queue in account A unless a row says
// otherwise; `identity` holds the caller's own policies.
import { describe, expect, it } from "vitest";
import type { ContextValue, JsonValue, PolicyEntry } from "../../src/types.js";
import type { Doc } from "./support.js";
import { AWS, decide, policy, sim } from "./support.js";

const A = "111122223333";
const B = "444455556666";
const QUEUE = `arn:aws:sqs:us-east-1:${A}:queue`;
const ALICE = `arn:aws:iam::${A}:user/alice`;
const BOB = `arn:aws:iam::${A}:user/bob`;
const ROLE = `arn:aws:iam::${A}:role/Dev`;
const SESSION = `arn:aws:sts::${A}:assumed-role/Dev/s1`;
const ROOT = `arn:aws:iam::${A}:root`;
const EXTERNAL_USER = `arn:aws:iam::${B}:user/erin`;
const EXTERNAL_SESSION = `arn:aws:sts::${B}:assumed-role/Ops/s1`;

const ALLOW_ALL = policy({ Effect: "Allow", Action: "*", Resource: "*" });
const ALLOW_SQS = policy({ Effect: "Allow", Action: "sqs:*", Resource: "*" });
const ALLOW_S3 = policy({ Effect: "Allow", Action: "s3:*", Resource: "*" });

function grant(principal: JsonValue, extra: { [key: string]: JsonValue } = {}): Doc {
  return policy({
    Effect: "Allow",
    Principal: principal,
    Action: "sqs:*",
    Resource: "*",
    ...extra,
  });
}
function denyTo(principal: JsonValue, extra: { [key: string]: JsonValue } = {}): Doc {
  return policy({ Effect: "Deny", Principal: principal, Action: "sqs:*", Resource: "*", ...extra });
}
const TARGET_ROLE = `arn:aws:iam::${A}:role/Target`;
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
function trust(principal: JsonValue): Doc {
  return policy({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" });
}
function keyPolicy(principal: JsonValue): Doc {
  return policy({ Effect: "Allow", Principal: principal, Action: "kms:*", Resource: "*" });
}
function notPrincipalDeny(listed: JsonValue): Doc {
  return policy({ Effect: "Deny", NotPrincipal: listed, Action: "sqs:*", Resource: "*" });
}

interface Row {
  name: string;
  principal: string;
  identity?: PolicyEntry[];
  resource: PolicyEntry[];
  boundary?: PolicyEntry[];
  session?: PolicyEntry[];
  scp?: PolicyEntry[];
  rcp?: PolicyEntry[];
  target?: string;
  action?: string;
  context?: Record<string, ContextValue>;
  expected: "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";
  source: string;
}

const SAME = sim("basicResourcePolicies-SameAccount.json", "");

const rows: Row[] = [
  // Principal forms, same account, no identity policy
  {
    name: "a grant to the user ARN allows that user alone",
    principal: ALICE,
    identity: [],
    resource: [grant({ AWS: ALICE })],
    expected: "Allowed",
    source: `${SAME}resource policy allows for principal`,
  },
  {
    name: "a grant to another user does not allow",
    principal: ALICE,
    identity: [],
    resource: [grant({ AWS: BOB })],
    expected: "ImplicitlyDenied",
    source: `${SAME}different principal is allowed`,
  },
  {
    name: "a grant to the account id is a delegation: the identity policy must allow",
    principal: ALICE,
    identity: [],
    resource: [grant({ AWS: A })],
    expected: "ImplicitlyDenied",
    source: `${SAME}account number but no identity policy`,
  },
  {
    name: "a grant to the account root ARN is the same delegation",
    principal: ALICE,
    identity: [],
    resource: [grant({ AWS: ROOT })],
    expected: "ImplicitlyDenied",
    source: `${SAME}account root arn but no identity policy`,
  },
  {
    name: "a delegation to the account plus an identity allow allows",
    principal: ALICE,
    identity: [ALLOW_SQS],
    resource: [grant({ AWS: ROOT })],
    expected: "Allowed",
    source: `${SAME}resource policy and identity policy both allow`,
  },
  {
    name: "an identity allow alone suffices in the same account",
    principal: ALICE,
    identity: [ALLOW_SQS],
    resource: [],
    expected: "Allowed",
    source: AWS.singleAccount,
  },
  {
    name: 'a grant to "*" allows a same-account user',
    principal: ALICE,
    identity: [],
    resource: [grant("*")],
    expected: "Allowed",
    source: AWS.principal,
  },
  {
    name: 'a grant to {"AWS": "*"} is the same as "*"',
    principal: ALICE,
    identity: [],
    resource: [grant({ AWS: "*" })],
    expected: "Allowed",
    source: AWS.principal,
  },
  {
    name: "a grant to the role ARN allows any session of the role",
    principal: SESSION,
    identity: [],
    resource: [grant({ AWS: ROLE })],
    expected: "Allowed",
    source: AWS.principal,
  },
  {
    name: "a grant to the role ARN with a path still names the role",
    principal: SESSION,
    identity: [],
    resource: [grant({ AWS: `arn:aws:iam::${A}:role/team/Dev` })],
    expected: "Allowed",
    source: AWS.principal,
  },
  {
    name: "a grant to another role does not allow the session",
    principal: SESSION,
    identity: [],
    resource: [grant({ AWS: `arn:aws:iam::${A}:role/Ops` })],
    expected: "ImplicitlyDenied",
    source: AWS.principal,
  },
  {
    name: "a grant to the exact session ARN allows that session",
    principal: SESSION,
    identity: [],
    resource: [grant({ AWS: SESSION })],
    expected: "Allowed",
    source: AWS.principal,
  },
  {
    name: "a grant to another session of the same role does not allow",
    principal: SESSION,
    identity: [],
    resource: [grant({ AWS: `arn:aws:sts::${A}:assumed-role/Dev/s2` })],
    expected: "ImplicitlyDenied",
    source: AWS.principal,
  },
  {
    name: "user ARNs are case-sensitive in Principal",
    principal: ALICE,
    identity: [],
    resource: [grant({ AWS: `arn:aws:iam::${A}:user/Alice` })],
    expected: "ImplicitlyDenied",
    source: AWS.principal,
  },
  {
    name: "several principal values are ORed",
    principal: ALICE,
    identity: [],
    resource: [grant({ AWS: [BOB, ALICE] })],
    expected: "Allowed",
    source: AWS.principal,
  },
  {
    name: "a service principal is allowed by a grant naming the service",
    principal: "cloudtrail.amazonaws.com",
    resource: [grant({ Service: "cloudtrail.amazonaws.com" })],
    expected: "Allowed",
    source: AWS.principal,
  },
  {
    name: "a different service is not named",
    principal: "config.amazonaws.com",
    resource: [grant({ Service: "cloudtrail.amazonaws.com" })],
    expected: "ImplicitlyDenied",
    source: AWS.principal,
  },
  {
    name: "service principal names are case-sensitive",
    principal: "cloudtrail.amazonaws.com",
    resource: [grant({ Service: "CloudTrail.amazonaws.com" })],
    expected: "ImplicitlyDenied",
    source:
      "AWS IAM API Reference: CreateServiceLinkedRole (service principals are case-sensitive)",
  },
  {
    name: "several principal types in one block are ORed",
    principal: "cloudtrail.amazonaws.com",
    resource: [grant({ AWS: BOB, Service: ["config.amazonaws.com", "cloudtrail.amazonaws.com"] })],
    expected: "Allowed",
    source: AWS.principal,
  },
  {
    name: "an AWS account entry does not name a service principal",
    principal: "cloudtrail.amazonaws.com",
    resource: [grant({ AWS: A })],
    expected: "ImplicitlyDenied",
    source: AWS.principal,
  },
  {
    name: 'an anonymous caller matches "*"',
    principal: "anonymous",
    resource: [grant("*")],
    expected: "Allowed",
    source: AWS.principal,
  },
  {
    name: 'an anonymous caller matches {"AWS": "*"}',
    principal: "anonymous",
    resource: [grant({ AWS: "*" })],
    expected: "Allowed",
    source: AWS.principal,
  },
  {
    name: "an anonymous caller is not in any account",
    principal: "anonymous",
    resource: [grant({ AWS: A })],
    expected: "ImplicitlyDenied",
    source: AWS.principal,
  },
  {
    name: "an anonymous caller without a grant is denied",
    principal: "anonymous",
    resource: [],
    expected: "ImplicitlyDenied",
    source: AWS.evaluation,
  },
  {
    name: "KMS cross-account: a key policy naming the external user without its identity allow",
    principal: EXTERNAL_USER,
    action: "kms:DescribeKey",
    target: KEY,
    identity: [],
    resource: [keyPolicy({ AWS: EXTERNAL_USER })],
    expected: "ImplicitlyDenied",
    source: sim(
      "kms/differentAccount.json",
      "Implicitly denied when resource policy allows for principal but not identity policy",
    ),
  },
  {
    name: "KMS cross-account: an identity allow without the key policy",
    principal: EXTERNAL_USER,
    action: "kms:DescribeKey",
    target: KEY,
    identity: [ALLOW_ALL],
    resource: [],
    expected: "ImplicitlyDenied",
    source: sim(
      "kms/differentAccount.json",
      "Implicitly denied when identity policy allows but not resource policy",
    ),
  },
  {
    name: "KMS cross-account: the key policy names the account and the identity allows",
    principal: EXTERNAL_USER,
    action: "kms:DescribeKey",
    target: KEY,
    identity: [ALLOW_ALL],
    resource: [keyPolicy({ AWS: `arn:aws:iam::${B}:root` })],
    expected: "Allowed",
    source: sim(
      "kms/differentAccount.json",
      "Allowed when resource policy allows account and identity policy both allow",
    ),
  },
  // "*" grants and permissions boundaries / session policies (docs/evaluation-rules.md §7.2 step 4e, §11.15)
  {
    name: 'a "*" grant without conditions is limited by a boundary that does not allow (fail-safe)',
    principal: SESSION,
    identity: [],
    boundary: [ALLOW_S3],
    resource: [grant("*")],
    expected: "ImplicitlyDenied",
    source: "docs/evaluation-rules.md §7.2 step 4 (UNCONFIRMED, fail-safe); " + AWS.boundaries,
  },
  {
    name: 'a "*" grant with an aws:PrincipalArn condition naming the role is not limited by the session policy',
    principal: SESSION,
    identity: [],
    session: [ALLOW_S3],
    resource: [grant("*", { Condition: { ArnEquals: { "aws:PrincipalArn": ROLE } } })],
    expected: "Allowed",
    source: "docs/evaluation-rules.md §7.2 step 4e; " + AWS.sessionPolicies,
  },
  {
    name: 'a "*" grant with an aws:PrincipalArn condition naming the role is not limited by the boundary',
    principal: SESSION,
    identity: [],
    boundary: [ALLOW_S3],
    resource: [grant("*", { Condition: { ArnEquals: { "aws:PrincipalArn": ROLE } } })],
    expected: "Allowed",
    source: "docs/evaluation-rules.md §7.2 step 4e; " + AWS.boundaries,
  },
  {
    name: "a grant to the role ARN is limited by the session policy",
    principal: SESSION,
    identity: [],
    session: [ALLOW_S3],
    resource: [grant({ AWS: ROLE })],
    expected: "ImplicitlyDenied",
    source: AWS.sessionPolicies,
  },
  // Anonymous callers: only resource policies can grant; RCPs apply, SCPs do not
  {
    name: "anonymous: an SCP Deny does not apply to unsigned requests",
    principal: "anonymous",
    resource: [grant("*")],
    scp: [policy({ Effect: "Deny", Action: "sqs:*", Resource: "*" })],
    expected: "Allowed",
    source: sim("anonymous.json", "anonymous ignores SCP explicit deny"),
  },
  {
    name: "anonymous: an RCP Deny applies to unsigned requests",
    principal: "anonymous",
    resource: [grant("*")],
    rcp: [grant("*"), denyTo("*")],
    expected: "ExplicitlyDenied",
    source: sim("anonymous.json", "anonymous blocked by RCP deny"),
  },
  {
    name: "anonymous: a grant to a service principal does not name it",
    principal: "anonymous",
    resource: [grant({ Service: "ec2.amazonaws.com" })],
    expected: "ImplicitlyDenied",
    source: sim(
      "anonymous.json",
      "anonymous denied when resource policy allows only service principal",
    ),
  },
  {
    name: "anonymous: Allow + NotPrincipal naming a user grants to anonymous callers",
    principal: "anonymous",
    resource: [
      policy({ Effect: "Allow", NotPrincipal: { AWS: ALICE }, Action: "sqs:*", Resource: "*" }),
    ],
    expected: "Allowed",
    source: sim("anonymous.json", "anonymous allowed by not principal excluding signed principal"),
  },
  {
    name: 'anonymous: Allow + NotPrincipal "*" grants to nobody',
    principal: "anonymous",
    resource: [policy({ Effect: "Allow", NotPrincipal: "*", Action: "sqs:*", Resource: "*" })],
    expected: "ImplicitlyDenied",
    source: sim("anonymous.json", "anonymous denied by wildcard not principal"),
  },
  {
    name: "anonymous: a condition that holds keeps the public grant",
    principal: "anonymous",
    resource: [grant("*", { Condition: { Bool: { "aws:SecureTransport": "true" } } })],
    context: { "aws:SecureTransport": true },
    expected: "Allowed",
    source: sim(
      "anonymous.json",
      "anonymous condition key must match when present in resource policy",
    ),
  },
  {
    name: "anonymous: a missing condition key voids the public grant",
    principal: "anonymous",
    resource: [grant("*", { Condition: { Bool: { "aws:SecureTransport": "true" } } })],
    expected: "ImplicitlyDenied",
    source: sim("anonymous.json", "anonymous condition key missing prevents resource policy allow"),
  },
  {
    name: "KMS: actions on * (kms:ListKeys) need no key policy",
    principal: ALICE,
    action: "kms:ListKeys",
    target: "*",
    identity: [policy({ Effect: "Allow", Action: "kms:ListKeys", Resource: "*" })],
    resource: [],
    expected: "Allowed",
    source: sim(
      "kms/sameAccountWildcard.json",
      "should allow wildcard actions without a resource policy",
    ),
  },
  // Denies in resource policies
  {
    name: "a Deny to * in the resource policy beats an identity allow",
    principal: ALICE,
    identity: [ALLOW_ALL],
    resource: [denyTo("*")],
    expected: "ExplicitlyDenied",
    source: `${SAME}denied by resource policy`,
  },
  {
    name: "a Deny naming the account applies to its users",
    principal: ALICE,
    identity: [ALLOW_ALL],
    resource: [denyTo({ AWS: ROOT })],
    expected: "ExplicitlyDenied",
    source: `${SAME}denied by resource policy`,
  },
  {
    name: "a Deny naming another user does not apply",
    principal: ALICE,
    identity: [ALLOW_ALL],
    resource: [denyTo({ AWS: BOB })],
    expected: "Allowed",
    source: AWS.principal,
  },
  {
    name: "an identity Deny beats a resource grant to the user",
    principal: ALICE,
    identity: [policy({ Effect: "Deny", Action: "sqs:*", Resource: "*" })],
    resource: [grant({ AWS: ALICE })],
    expected: "ExplicitlyDenied",
    source: `${SAME}denied by identity policy`,
  },
  {
    name: "a Deny with an aws:PrincipalArn condition applies only to that role",
    principal: SESSION,
    identity: [ALLOW_ALL],
    resource: [denyTo("*", { Condition: { ArnLike: { "aws:PrincipalArn": ROLE } } })],
    expected: "ExplicitlyDenied",
    source: AWS.globalKeys,
  },
  // NotPrincipal
  {
    name: "Deny + NotPrincipal does not deny the listed user",
    principal: ALICE,
    identity: [ALLOW_ALL],
    resource: [notPrincipalDeny({ AWS: ALICE })],
    expected: "Allowed",
    source: AWS.notPrincipal,
  },
  {
    name: "Deny + NotPrincipal denies everyone not listed",
    principal: BOB,
    identity: [ALLOW_ALL],
    resource: [notPrincipalDeny({ AWS: ALICE })],
    expected: "ExplicitlyDenied",
    source: AWS.notPrincipal,
  },
  {
    name: "Deny + NotPrincipal listing the account, the role and the session exempts the session",
    principal: SESSION,
    identity: [ALLOW_ALL],
    resource: [notPrincipalDeny({ AWS: [ROOT, ROLE, SESSION] })],
    expected: "Allowed",
    source: AWS.notPrincipal,
  },
  {
    name: "Deny + NotPrincipal listing only the account does not exempt its users (account evaluated first)",
    principal: ALICE,
    identity: [ALLOW_ALL],
    resource: [notPrincipalDeny({ AWS: ROOT })],
    expected: "ExplicitlyDenied",
    source: AWS.notPrincipal,
  },
  {
    name: "Deny + NotPrincipal always denies a principal with a permissions boundary",
    principal: ALICE,
    identity: [ALLOW_ALL],
    boundary: [ALLOW_ALL],
    resource: [notPrincipalDeny({ AWS: ALICE })],
    expected: "ExplicitlyDenied",
    source: sim(
      "boundaryNotPrincipalDenyResource.json",
      "Not Principal/Deny in Resource Policy should always deny user with Permission Boundary",
    ),
  },
  {
    name: "Allow + NotPrincipal grants to principals not listed (legacy; linted ALLOW_WITH_NOT_PRINCIPAL)",
    principal: ALICE,
    identity: [],
    resource: [
      policy({ Effect: "Allow", NotPrincipal: { AWS: BOB }, Action: "sqs:*", Resource: "*" }),
    ],
    expected: "Allowed",
    source: sim("notPrincipal.json", "Allowed when NotPrincipal is a different principal"),
  },
  {
    name: "Allow + NotPrincipal does not grant to a listed principal",
    principal: ALICE,
    identity: [],
    resource: [
      policy({
        Effect: "Allow",
        NotPrincipal: { AWS: [BOB, ALICE] },
        Action: "sqs:*",
        Resource: "*",
      }),
    ],
    expected: "ImplicitlyDenied",
    source: sim(
      "notPrincipal.json",
      "Denied when NotPrincipal an array including the same principal",
    ),
  },
  // Cross-account: both sides must allow
  {
    name: "cross-account: a grant to the external user plus its identity allow",
    principal: EXTERNAL_USER,
    identity: [ALLOW_SQS],
    resource: [grant({ AWS: EXTERNAL_USER })],
    expected: "Allowed",
    source: AWS.crossAccount,
  },
  {
    name: "cross-account: a grant to the external user without its identity allow",
    principal: EXTERNAL_USER,
    identity: [],
    resource: [grant({ AWS: EXTERNAL_USER })],
    expected: "ImplicitlyDenied",
    source: AWS.crossAccount,
  },
  {
    name: "cross-account: a grant to the external account plus an identity allow",
    principal: EXTERNAL_USER,
    identity: [ALLOW_SQS],
    resource: [grant({ AWS: B })],
    expected: "Allowed",
    source: AWS.crossAccount,
  },
  {
    name: 'cross-account: "*" still needs the identity allow',
    principal: EXTERNAL_USER,
    identity: [],
    resource: [grant("*")],
    expected: "ImplicitlyDenied",
    source: AWS.crossAccount,
  },
  {
    name: 'cross-account: "*" plus the identity allow',
    principal: EXTERNAL_USER,
    identity: [ALLOW_SQS],
    resource: [grant("*")],
    expected: "Allowed",
    source: AWS.crossAccount,
  },
  {
    name: "cross-account: an identity allow without a resource grant",
    principal: EXTERNAL_USER,
    identity: [ALLOW_ALL],
    resource: [],
    expected: "ImplicitlyDenied",
    source: AWS.crossAccount,
  },
  {
    name: "cross-account: a grant to the role ARN plus the session's identity allow",
    principal: EXTERNAL_SESSION,
    identity: [ALLOW_SQS],
    resource: [grant({ AWS: `arn:aws:iam::${B}:role/Ops` })],
    expected: "Allowed",
    source: AWS.crossAccount,
  },
  {
    name: "cross-account: a grant to the trusting account's own id does not name the external caller",
    principal: EXTERNAL_USER,
    identity: [ALLOW_SQS],
    resource: [grant({ AWS: A })],
    expected: "ImplicitlyDenied",
    source: AWS.crossAccount,
  },
  {
    name: "cross-account: the caller's permissions boundary limits the identity side",
    principal: EXTERNAL_USER,
    identity: [ALLOW_SQS],
    boundary: [ALLOW_S3],
    resource: [grant({ AWS: EXTERNAL_USER })],
    expected: "ImplicitlyDenied",
    source: AWS.boundaries,
  },
  {
    name: "cross-account: the caller's SCPs limit the identity side",
    principal: EXTERNAL_USER,
    identity: [ALLOW_SQS],
    scp: [ALLOW_S3],
    resource: [grant({ AWS: EXTERNAL_USER })],
    expected: "ImplicitlyDenied",
    source: AWS.crossAccount,
  },
  {
    name: "cross-account: an explicit identity Deny in the trusted account",
    principal: EXTERNAL_USER,
    identity: [ALLOW_SQS, policy({ Effect: "Deny", Action: "sqs:SendMessage", Resource: QUEUE })],
    resource: [grant({ AWS: B })],
    expected: "ExplicitlyDenied",
    source: AWS.crossAccount,
  },
  {
    name: "cross-account: the resource owner's RCP denies callers outside its org",
    principal: EXTERNAL_USER,
    identity: [ALLOW_SQS],
    resource: [grant({ AWS: B })],
    rcp: [
      grant("*"),
      denyTo("*", {
        Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-trusting" } },
      }),
    ],
    context: { "aws:PrincipalOrgID": "o-other" },
    expected: "ExplicitlyDenied",
    source: AWS.rcp,
  },
  {
    name: "cross-account: the RCP lets in callers of its own org",
    principal: EXTERNAL_USER,
    identity: [ALLOW_SQS],
    resource: [grant({ AWS: B })],
    rcp: [
      grant("*"),
      denyTo("*", {
        Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-trusting" } },
      }),
    ],
    context: { "aws:PrincipalOrgID": "o-trusting" },
    expected: "Allowed",
    source: AWS.rcp,
  },
  {
    name: "cross-account S3: the resource account comes from aws:ResourceAccount",
    principal: EXTERNAL_USER,
    identity: [policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" })],
    resource: [],
    target: "arn:aws:s3:::amzn-s3-demo-bucket/key",
    action: "s3:GetObject",
    context: { "aws:ResourceAccount": A },
    expected: "ImplicitlyDenied",
    source: AWS.crossAccount,
  },
  {
    name: "cross-account S3: a bucket grant to the external account plus the identity allow",
    principal: EXTERNAL_USER,
    identity: [policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" })],
    resource: [
      policy({
        Effect: "Allow",
        Principal: { AWS: B },
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*",
      }),
    ],
    target: "arn:aws:s3:::amzn-s3-demo-bucket/key",
    action: "s3:GetObject",
    context: { "aws:ResourceAccount": A },
    expected: "Allowed",
    source: AWS.crossAccount,
  },
  // Role trust policies and KMS key policies must themselves allow (docs/evaluation-rules.md §7.2 step 4g)
  {
    name: "AssumeRole: a trust policy delegating to the account plus an identity allow",
    principal: ALICE,
    action: "sts:AssumeRole",
    target: TARGET_ROLE,
    identity: [ALLOW_ALL],
    resource: [trust({ AWS: A })],
    expected: "Allowed",
    source: sim(
      "sts/assumeRole/sameAccount.json",
      "Allowed when trust policy allows account and identity policy both allow",
    ),
  },
  {
    name: "AssumeRole: a trust policy delegating to the account without an identity allow",
    principal: ALICE,
    action: "sts:AssumeRole",
    target: TARGET_ROLE,
    identity: [],
    resource: [trust({ AWS: A })],
    expected: "ImplicitlyDenied",
    source: sim(
      "sts/assumeRole/sameAccount.json",
      "Implicitly denied when account allowed by trust policy but not identity policy",
    ),
  },
  {
    name: "AssumeRole: a trust policy naming the user needs no identity allow",
    principal: ALICE,
    action: "sts:AssumeRole",
    target: TARGET_ROLE,
    identity: [],
    resource: [trust({ AWS: ALICE })],
    expected: "Allowed",
    source: sim(
      "sts/assumeRole/sameAccount.json",
      "Allowed when trust policy allows for principal",
    ),
  },
  {
    name: "AssumeRole: an identity allow is not enough when the trust policy names someone else",
    principal: ALICE,
    action: "sts:AssumeRole",
    target: TARGET_ROLE,
    identity: [ALLOW_ALL],
    resource: [trust({ AWS: BOB })],
    expected: "ImplicitlyDenied",
    source: AWS.evaluation,
  },
  {
    name: "AssumeRole: a service trusted by the role",
    principal: "ec2.amazonaws.com",
    action: "sts:AssumeRole",
    target: TARGET_ROLE,
    resource: [trust({ Service: "ec2.amazonaws.com" })],
    expected: "Allowed",
    source: AWS.principal,
  },
  {
    name: "AssumeRole cross-account: trust names the account and the caller's identity allows",
    principal: EXTERNAL_USER,
    action: "sts:AssumeRole",
    target: TARGET_ROLE,
    identity: [ALLOW_ALL],
    resource: [trust({ AWS: B })],
    expected: "Allowed",
    source: AWS.crossAccount,
  },
  {
    name: "AssumeRole cross-account: trust names the account but the caller's identity does not allow",
    principal: EXTERNAL_USER,
    action: "sts:AssumeRole",
    target: TARGET_ROLE,
    identity: [],
    resource: [trust({ AWS: B })],
    expected: "ImplicitlyDenied",
    source: AWS.crossAccount,
  },
  {
    name: "KMS: a key policy delegating to the account plus an identity allow",
    principal: ALICE,
    action: "kms:Decrypt",
    target: KEY,
    identity: [ALLOW_ALL],
    resource: [keyPolicy({ AWS: ROOT })],
    expected: "Allowed",
    source: "AWS KMS Developer Guide: Default key policy",
  },
  {
    name: "KMS: a key policy delegating to the account without an identity allow",
    principal: ALICE,
    action: "kms:Decrypt",
    target: KEY,
    identity: [],
    resource: [keyPolicy({ AWS: ROOT })],
    expected: "ImplicitlyDenied",
    source: "AWS KMS Developer Guide: Default key policy",
  },
  {
    name: "KMS: a key policy naming the user needs no identity allow",
    principal: ALICE,
    action: "kms:Decrypt",
    target: KEY,
    identity: [],
    resource: [keyPolicy({ AWS: ALICE })],
    expected: "Allowed",
    source: "AWS KMS Developer Guide: Key policies",
  },
  {
    name: "KMS: an identity allow is not enough without the key policy",
    principal: ALICE,
    action: "kms:Decrypt",
    target: KEY,
    identity: [ALLOW_ALL],
    resource: [keyPolicy({ AWS: BOB })],
    expected: "ImplicitlyDenied",
    source: AWS.evaluation,
  },
];

describe("Principal, NotPrincipal and cross-account grants", () => {
  it.each(rows.map((r) => [r.name, r]))("%s", (_name, r) => {
    const decision = decide({
      principal: r.principal,
      action: r.action ?? "sqs:SendMessage",
      resource: r.target ?? QUEUE,
      context: r.context ?? {},
      policies: {
        ...(r.identity !== undefined ? { identity: r.identity } : {}),
        resource: r.resource,
        ...(r.boundary !== undefined ? { boundary: r.boundary } : {}),
        ...(r.session !== undefined ? { session: r.session } : {}),
        ...(r.scp !== undefined ? { scp: r.scp } : {}),
        ...(r.rcp !== undefined ? { rcp: r.rcp } : {}),
      },
    });
    expect(decision, r.source).toBe(r.expected);
  });
});
