// Whole policies from the AWS documentation's example pages, restated as scenarios: the policy as the
// page gives it (names changed where the page uses placeholders) and the request contexts its tables
// list, with the page's verdict. Deny examples run over an allow-all identity policy so that "not
// denied" reads Allowed.
import { describe, expect, it } from "vitest";
import type { ContextValue, PolicySet } from "../../src/types.js";
import type { Doc } from "./support.js";
import { AWS, decide, policy } from "./support.js";

const A = "111122223333";
const USER = `arn:aws:iam::${A}:user/alice`;
const ALL = policy({ Effect: "Allow", Action: "*", Resource: "*" });

interface Scenario {
  name: string;
  principal?: string;
  action: string;
  resource?: string;
  context: Record<string, ContextValue>;
  expected: "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";
}

function examples(title: string, source: string, policies: PolicySet, rows: Scenario[]) {
  describe(title, () => {
    it.each(rows.map((r) => [r.name, r]))("%s", (_name, r) => {
      const decision = decide({
        principal: r.principal ?? USER,
        action: r.action,
        resource: r.resource ?? "*",
        context: r.context,
        policies,
      });
      expect(decision, source).toBe(r.expected);
    });
  });
}

const denyTagging = (condition: Doc): Doc =>
  policy({
    Sid: "DenyRestrictedTags",
    Effect: "Deny",
    Action: ["iam:Tag*", "iam:UnTag*"],
    Resource: ["*"],
    Condition: condition,
  });

examples(
  "ForAllValues:StringNotLike with one value (deny unless every tag key starts with key1)",
  AWS.multiExamples,
  { identity: [ALL, denyTagging({ "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } })] },
  [
    {
      name: "[key1:legal] is not denied",
      action: "iam:TagUser",
      context: { "aws:TagKeys": ["key1:legal"] },
      expected: "Allowed",
    },
    {
      name: "[key1:hr, key1:personnel] is not denied",
      action: "iam:TagUser",
      context: { "aws:TagKeys": ["key1:hr", "key1:personnel"] },
      expected: "Allowed",
    },
    {
      name: "[key2:audit] is denied",
      action: "iam:TagUser",
      context: { "aws:TagKeys": ["key2:audit"] },
      expected: "ExplicitlyDenied",
    },
    {
      name: "no aws:TagKeys is denied",
      action: "iam:TagUser",
      context: {},
      expected: "ExplicitlyDenied",
    },
    {
      name: "the Deny does not cover other actions",
      action: "iam:ListUsers",
      context: {},
      expected: "Allowed",
    },
  ],
);

examples(
  "ForAllValues:StringNotLike with two values",
  AWS.multiExamples,
  {
    identity: [
      ALL,
      denyTagging({ "ForAllValues:StringNotLike": { "aws:TagKeys": ["key1*", "key2*"] } }),
    ],
  },
  [
    {
      name: "[key1:legal] is not denied",
      action: "iam:TagRole",
      context: { "aws:TagKeys": ["key1:legal"] },
      expected: "Allowed",
    },
    {
      name: "[key1:hr, key2:audit] is not denied",
      action: "iam:TagRole",
      context: { "aws:TagKeys": ["key1:hr", "key2:audit"] },
      expected: "Allowed",
    },
    {
      name: "[key3:legal] is denied",
      action: "iam:TagRole",
      context: { "aws:TagKeys": ["key3:legal"] },
      expected: "ExplicitlyDenied",
    },
    {
      name: "no aws:TagKeys is denied",
      action: "iam:TagRole",
      context: {},
      expected: "ExplicitlyDenied",
    },
  ],
);

examples(
  "ForAllValues:StringLike guarded by Null false (deny only when every key is restricted)",
  AWS.multiExamples,
  {
    identity: [
      ALL,
      denyTagging({
        Null: { "aws:TagKeys": "false" },
        "ForAllValues:StringLike": { "aws:TagKeys": ["key1*", "key2*", "key3*"] },
      }),
    ],
  },
  [
    {
      name: "[key1:legal] is denied",
      action: "iam:TagUser",
      context: { "aws:TagKeys": ["key1:legal"] },
      expected: "ExplicitlyDenied",
    },
    {
      name: "[key1:hr, key3:audit] is denied",
      action: "iam:TagUser",
      context: { "aws:TagKeys": ["key1:hr", "key3:audit"] },
      expected: "ExplicitlyDenied",
    },
    {
      name: "[key1:hr, key4:x] is not denied (one key is outside the list)",
      action: "iam:TagUser",
      context: { "aws:TagKeys": ["key1:hr", "key4:x"] },
      expected: "Allowed",
    },
    {
      name: "no aws:TagKeys is not denied (the Null guard fails)",
      action: "iam:TagUser",
      context: {},
      expected: "Allowed",
    },
  ],
);

examples(
  "ForAnyValue:StringEquals Deny (no snapshots tagged environment or webserver)",
  AWS.multiExamples,
  {
    identity: [
      ALL,
      policy({
        Effect: "Deny",
        Action: "ec2:CreateSnapshot",
        Resource: "*",
        Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["environment", "webserver"] } },
      }),
    ],
  },
  [
    {
      name: "[webserver] is denied",
      action: "ec2:CreateSnapshot",
      context: { "aws:TagKeys": ["webserver"] },
      expected: "ExplicitlyDenied",
    },
    {
      name: "[environment, webserver, test] is denied",
      action: "ec2:CreateSnapshot",
      context: { "aws:TagKeys": ["environment", "webserver", "test"] },
      expected: "ExplicitlyDenied",
    },
    {
      name: "[test] is not denied",
      action: "ec2:CreateSnapshot",
      context: { "aws:TagKeys": ["test"] },
      expected: "Allowed",
    },
    {
      name: "no aws:TagKeys is not denied",
      action: "ec2:CreateSnapshot",
      context: {},
      expected: "Allowed",
    },
  ],
);

examples(
  "ForAnyValue:StringEquals Allow (tag keys DataClass or Owner)",
  "cloud-copilot operator reference ForAnyValue:StringEquals (iam.cloudcopilot.io); " +
    AWS.multiExamples,
  {
    identity: [
      policy({
        Effect: "Allow",
        Action: "ec2:CreateTags",
        Resource: "*",
        Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["DataClass", "Owner"] } },
      }),
    ],
  },
  [
    {
      name: "no aws:TagKeys is not allowed",
      action: "ec2:CreateTags",
      context: {},
      expected: "ImplicitlyDenied",
    },
    {
      name: "[Dept, SIC] is not allowed",
      action: "ec2:CreateTags",
      context: { "aws:TagKeys": ["Dept", "SIC"] },
      expected: "ImplicitlyDenied",
    },
    {
      name: "[DataClass, Dept] is allowed",
      action: "ec2:CreateTags",
      context: { "aws:TagKeys": ["DataClass", "Dept"] },
      expected: "Allowed",
    },
    {
      name: "[DataClass, Owner, Dept] is allowed",
      action: "ec2:CreateTags",
      context: { "aws:TagKeys": ["DataClass", "Owner", "Dept"] },
      expected: "Allowed",
    },
  ],
);

examples(
  "Single-valued keys: a project tag required, production excluded (two conditions, AND)",
  "AWS UG: Single-valued context key policy examples",
  {
    identity: [
      policy({
        Effect: "Allow",
        Action: "ec2:CreateTags",
        Resource: `arn:aws:ec2:us-east-1:${A}:volume/*`,
        Condition: {
          StringLike: { "aws:RequestTag/project": "*" },
          StringNotEquals: { "aws:ResourceTag/environment": "production" },
        },
      }),
    ],
  },
  [
    {
      name: "project Feature3 on a dev volume is allowed",
      action: "ec2:CreateTags",
      resource: `arn:aws:ec2:us-east-1:${A}:volume/vol-1`,
      context: { "aws:RequestTag/project": "Feature3", "aws:ResourceTag/environment": "dev" },
      expected: "Allowed",
    },
    {
      name: "project Feature3 on a production volume is not",
      action: "ec2:CreateTags",
      resource: `arn:aws:ec2:us-east-1:${A}:volume/vol-1`,
      context: {
        "aws:RequestTag/project": "Feature3",
        "aws:ResourceTag/environment": "production",
      },
      expected: "ImplicitlyDenied",
    },
    {
      name: "no project tag is not allowed",
      action: "ec2:CreateTags",
      resource: `arn:aws:ec2:us-east-1:${A}:volume/vol-1`,
      context: { "aws:ResourceTag/environment": "dev" },
      expected: "ImplicitlyDenied",
    },
    {
      name: "a volume without an environment tag is allowed (negated operator, missing key)",
      action: "ec2:CreateTags",
      resource: `arn:aws:ec2:us-east-1:${A}:volume/vol-1`,
      context: { "aws:RequestTag/project": "Feature3" },
      expected: "Allowed",
    },
  ],
);

examples(
  "Deny by source IP unless an AWS service calls on the principal's behalf",
  AWS.examples + " (AWS: Denies access to AWS based on the source IP)",
  {
    identity: [
      ALL,
      policy({
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: {
          NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"] },
          Bool: { "aws:ViaAWSService": "false" },
        },
      }),
    ],
  },
  [
    {
      name: "a direct call from outside the ranges is denied",
      action: "s3:GetObject",
      context: { "aws:SourceIp": "198.51.100.7", "aws:ViaAWSService": false },
      expected: "ExplicitlyDenied",
    },
    {
      name: "a direct call from inside a range is not denied",
      action: "s3:GetObject",
      context: { "aws:SourceIp": "203.0.113.40", "aws:ViaAWSService": false },
      expected: "Allowed",
    },
    {
      name: "a call made by a service on the principal's behalf is not denied",
      action: "s3:GetObject",
      context: { "aws:SourceIp": "198.51.100.7", "aws:ViaAWSService": true },
      expected: "Allowed",
    },
    {
      name: "a direct call through a VPC endpoint (no aws:SourceIp) is denied",
      action: "s3:GetObject",
      context: { "aws:ViaAWSService": false },
      expected: "ExplicitlyDenied",
    },
  ],
);

examples(
  "Allow with MFA within specific dates (unquoted true)",
  AWS.examples + " (AWS: Allows specific access using MFA within specific dates)",
  {
    identity: [
      policy({
        Effect: "Allow",
        Action: ["service-prefix-1:*", "service-prefix-2:action-name-a"],
        Resource: "*",
        Condition: {
          Bool: { "aws:MultiFactorAuthPresent": true },
          DateGreaterThan: { "aws:CurrentTime": "2017-07-01T00:00:00Z" },
          DateLessThan: { "aws:CurrentTime": "2017-12-31T23:59:59Z" },
        },
      }),
    ],
  },
  [
    {
      name: "MFA inside the dates is allowed",
      action: "service-prefix-1:Anything",
      context: { "aws:MultiFactorAuthPresent": true, "aws:CurrentTime": "2017-09-15T10:00:00Z" },
      expected: "Allowed",
    },
    {
      name: "MFA after the end date is not",
      action: "service-prefix-1:Anything",
      context: { "aws:MultiFactorAuthPresent": true, "aws:CurrentTime": "2018-01-01T00:00:00Z" },
      expected: "ImplicitlyDenied",
    },
    {
      name: "without MFA inside the dates is not",
      action: "service-prefix-1:Anything",
      context: { "aws:MultiFactorAuthPresent": false, "aws:CurrentTime": "2017-09-15T10:00:00Z" },
      expected: "ImplicitlyDenied",
    },
    {
      name: "long-term keys (no MFA key) are not",
      action: "service-prefix-1:Anything",
      context: { "aws:CurrentTime": "2017-09-15T10:00:00Z" },
      expected: "ImplicitlyDenied",
    },
    {
      name: "an action outside the list is not",
      action: "service-prefix-2:action-name-b",
      context: { "aws:MultiFactorAuthPresent": true, "aws:CurrentTime": "2017-09-15T10:00:00Z" },
      expected: "ImplicitlyDenied",
    },
  ],
);

const BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket";
examples(
  "A bucket open to an organization (aws:PrincipalOrgID), cross-account callers need their own allow",
  AWS.globalKeys + " (aws:PrincipalOrgID)",
  {
    identity: [policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` })],
    resource: [
      policy({
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: `${BUCKET}/*`,
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      }),
    ],
  },
  [
    {
      name: "a caller of another account in the organization is allowed",
      principal: "arn:aws:iam::444455556666:user/erin",
      action: "s3:GetObject",
      resource: `${BUCKET}/report.csv`,
      context: { "aws:PrincipalOrgID": "o-a1b2c3d4e5", "aws:ResourceAccount": A },
      expected: "Allowed",
    },
    {
      name: "a caller outside the organization is not",
      principal: "arn:aws:iam::444455556666:user/erin",
      action: "s3:GetObject",
      resource: `${BUCKET}/report.csv`,
      context: { "aws:PrincipalOrgID": "o-zzzzzzzzzz", "aws:ResourceAccount": A },
      expected: "ImplicitlyDenied",
    },
    {
      name: "a caller of an account in no organization is not",
      principal: "arn:aws:iam::444455556666:user/erin",
      action: "s3:GetObject",
      resource: `${BUCKET}/report.csv`,
      context: { "aws:ResourceAccount": A },
      expected: "ImplicitlyDenied",
    },
  ],
);

examples(
  "Confused deputy: a service principal limited by aws:SourceArn and aws:SourceAccount",
  "AWS UG: The confused deputy problem (cross-service)",
  {
    resource: [
      policy({
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${BUCKET}/AWSLogs/${A}/*`,
        Condition: {
          StringEquals: { "aws:SourceAccount": A },
          ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${A}:trail/*` },
        },
      }),
    ],
  },
  [
    {
      name: "the account's own trail may write",
      principal: "cloudtrail.amazonaws.com",
      action: "s3:PutObject",
      resource: `${BUCKET}/AWSLogs/${A}/x.json.gz`,
      context: {
        "aws:SourceAccount": A,
        "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${A}:trail/main`,
        "aws:ResourceAccount": A,
      },
      expected: "Allowed",
    },
    {
      name: "another account's trail may not",
      principal: "cloudtrail.amazonaws.com",
      action: "s3:PutObject",
      resource: `${BUCKET}/AWSLogs/${A}/x.json.gz`,
      context: {
        "aws:SourceAccount": "444455556666",
        "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:444455556666:trail/main",
        "aws:ResourceAccount": A,
      },
      expected: "ImplicitlyDenied",
    },
    {
      name: "a request without source keys may not",
      principal: "cloudtrail.amazonaws.com",
      action: "s3:PutObject",
      resource: `${BUCKET}/AWSLogs/${A}/x.json.gz`,
      context: { "aws:ResourceAccount": A },
      expected: "ImplicitlyDenied",
    },
    {
      name: "another service may not",
      principal: "config.amazonaws.com",
      action: "s3:PutObject",
      resource: `${BUCKET}/AWSLogs/${A}/x.json.gz`,
      context: {
        "aws:SourceAccount": A,
        "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${A}:trail/main`,
        "aws:ResourceAccount": A,
      },
      expected: "ImplicitlyDenied",
    },
  ],
);

examples(
  "A permissions boundary caps an administrator's identity policy",
  AWS.boundaries,
  {
    identity: [policy({ Effect: "Allow", Action: "iam:CreateUser", Resource: "*" })],
    boundary: [
      policy({ Effect: "Allow", Action: ["s3:*", "cloudwatch:*", "ec2:*"], Resource: "*" }),
    ],
  },
  [
    {
      name: "iam:CreateUser is allowed by identity but not by the boundary",
      action: "iam:CreateUser",
      resource: `arn:aws:iam::${A}:user/new`,
      context: {},
      expected: "ImplicitlyDenied",
    },
    {
      name: "s3:GetObject is allowed by the boundary but not by identity",
      action: "s3:GetObject",
      resource: `${BUCKET}/x`,
      context: {},
      expected: "ImplicitlyDenied",
    },
  ],
);

examples(
  "ABAC: principal tag must equal the resource tag",
  "AWS UG: Define permissions based on attributes with ABAC authorization",
  {
    identity: [
      policy({
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: "*",
        Condition: {
          StringEquals: { "aws:ResourceTag/access-project": "${aws:PrincipalTag/access-project}" },
        },
      }),
    ],
  },
  [
    {
      name: "matching project tags are allowed",
      principal: `arn:aws:sts::${A}:assumed-role/access-peg-engineering/s`,
      action: "secretsmanager:GetSecretValue",
      resource: `arn:aws:secretsmanager:us-east-1:${A}:secret:peg-db-AbCdEf`,
      context: {
        "aws:PrincipalTag/access-project": "peg",
        "aws:ResourceTag/access-project": "peg",
      },
      expected: "Allowed",
    },
    {
      name: "different project tags are not",
      principal: `arn:aws:sts::${A}:assumed-role/access-peg-engineering/s`,
      action: "secretsmanager:GetSecretValue",
      resource: `arn:aws:secretsmanager:us-east-1:${A}:secret:uni-db-AbCdEf`,
      context: {
        "aws:PrincipalTag/access-project": "peg",
        "aws:ResourceTag/access-project": "uni",
      },
      expected: "ImplicitlyDenied",
    },
    {
      name: "tag values are case-sensitive",
      principal: `arn:aws:sts::${A}:assumed-role/access-peg-engineering/s`,
      action: "secretsmanager:GetSecretValue",
      resource: `arn:aws:secretsmanager:us-east-1:${A}:secret:peg-db-AbCdEf`,
      context: {
        "aws:PrincipalTag/access-project": "peg",
        "aws:ResourceTag/access-project": "Peg",
      },
      expected: "ImplicitlyDenied",
    },
    {
      name: "tag keys are case-insensitive",
      principal: `arn:aws:sts::${A}:assumed-role/access-peg-engineering/s`,
      action: "secretsmanager:GetSecretValue",
      resource: `arn:aws:secretsmanager:us-east-1:${A}:secret:peg-db-AbCdEf`,
      context: {
        "aws:PrincipalTag/Access-Project": "peg",
        "aws:ResourceTag/ACCESS-PROJECT": "peg",
      },
      expected: "Allowed",
    },
    {
      name: "an untagged principal is not allowed",
      principal: `arn:aws:sts::${A}:assumed-role/access-peg-engineering/s`,
      action: "secretsmanager:GetSecretValue",
      resource: `arn:aws:secretsmanager:us-east-1:${A}:secret:peg-db-AbCdEf`,
      context: { "aws:ResourceTag/access-project": "peg" },
      expected: "ImplicitlyDenied",
    },
  ],
);
