// Evaluation logic (docs/evaluation-rules.md §2, §3, §7) checked against the AWS "Policy evaluation logic" pages,
// the Action / NotAction / Resource / NotResource pages and their examples, and the facts other
// engines test: explicit deny, permissions boundaries, session policies, SCP and RCP levels.
import { describe, expect, it } from "vitest";
import type { ContextValue, JsonValue, PolicySet } from "../../src/types.js";
import type { Doc } from "./support.js";
import { evaluate } from "../../src/evaluation/index.js";
import { AWS, decide, policy, sim } from "./support.js";

const A = "111122223333";
const ALICE = `arn:aws:iam::${A}:user/alice`;
const ROLE = `arn:aws:iam::${A}:role/Dev`;
const SESSION = `arn:aws:sts::${A}:assumed-role/Dev/s1`;
const ROOT = `arn:aws:iam::${A}:root`;
const OBJECT = "arn:aws:s3:::mybucket/testobject";

type Fields = { [key: string]: JsonValue };
const allowS = (fields: Fields = {}): Doc => ({
  Effect: "Allow",
  Action: "*",
  Resource: "*",
  ...fields,
});
const denyS = (fields: Fields = {}): Doc => ({
  Effect: "Deny",
  Action: "*",
  Resource: "*",
  ...fields,
});
const ALL = policy(allowS());
const ONLY_EC2 = policy(allowS({ Action: "ec2:*" }));
const GET_OBJECT = policy(allowS({ Action: "s3:GetObject", Resource: OBJECT }));
/** The RCP that AWS attaches everywhere once RCPs are enabled. */
const RCP_FULL_ACCESS = policy(allowS({ Principal: "*" }));
const grantTo = (principal: JsonValue): Doc =>
  policy(allowS({ Principal: principal, Action: "s3:GetObject", Resource: OBJECT }));

interface Row {
  name: string;
  principal?: string;
  action: string;
  resource?: string;
  context?: Record<string, ContextValue>;
  policies: PolicySet;
  expected: "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";
  source: string;
}

function run(rows: Row[]) {
  it.each(rows.map((r) => [r.name, r]))("%s", (_name, r) => {
    const decision = decide({
      principal: r.principal ?? ALICE,
      action: r.action,
      resource: r.resource ?? "*",
      context: r.context ?? {},
      policies: r.policies,
    });
    expect(decision, r.source).toBe(r.expected);
  });
}

describe("Action and NotAction", () => {
  const S3_DOC = "arn:aws:s3:::HRBucket";
  run([
    {
      name: "action names are case-insensitive",
      action: "s3:GetObject",
      policies: { identity: [policy(allowS({ Action: "S3:getobject" }))] },
      expected: "Allowed",
      source: AWS.action,
    },
    {
      name: "? matches exactly one character in an action",
      action: "s3:GetObject",
      policies: { identity: [policy(allowS({ Action: "s3:Get?bject" }))] },
      expected: "Allowed",
      source: AWS.action,
    },
    {
      name: "? does not match zero characters",
      action: "s3:GetObject",
      policies: { identity: [policy(allowS({ Action: "s3:GetObject?" }))] },
      expected: "ImplicitlyDenied",
      source: AWS.action,
    },
    {
      name: "a mid-name wildcard: iam:*AccessKey* matches iam:CreateAccessKey",
      action: "iam:CreateAccessKey",
      policies: { identity: [policy(allowS({ Action: "iam:*AccessKey*" }))] },
      expected: "Allowed",
      source: AWS.action,
    },
    {
      name: "a mid-name wildcard: iam:*AccessKey* does not match iam:CreateUser",
      action: "iam:CreateUser",
      policies: { identity: [policy(allowS({ Action: "iam:*AccessKey*" }))] },
      expected: "ImplicitlyDenied",
      source: AWS.action,
    },
    {
      name: "a service wildcard does not cover another service",
      action: "s3:GetObject",
      policies: { identity: [policy(allowS({ Action: "s3-object-lambda:*" }))] },
      expected: "ImplicitlyDenied",
      source: AWS.action,
    },
    {
      name: "an action list matches any of its entries",
      action: "sqs:SendMessage",
      policies: {
        identity: [policy(allowS({ Action: ["sqs:ReceiveMessage", "sqs:SendMessage"] }))],
      },
      expected: "Allowed",
      source: AWS.action,
    },
    {
      name: "an empty action list matches nothing",
      action: "s3:GetObject",
      policies: { identity: [policy(allowS({ Action: [] }))] },
      expected: "ImplicitlyDenied",
      source: "AWS UG: Access Analyzer policy check reference (empty array action)",
    },
    {
      name: "a policy action with trailing spaces does not match",
      action: "s3:GetBucket",
      policies: { identity: [policy(allowS({ Action: "s3:GetBucket   " }))] },
      expected: "ImplicitlyDenied",
      source: sim(
        "edgeCases/whitespaceActions.json",
        "Action with trailing whitespace does not match",
      ),
    },
    {
      name: "an empty action after the colon does not match",
      action: "s3:GetBucket",
      policies: { identity: [policy(allowS({ Action: "s3:" }))] },
      expected: "ImplicitlyDenied",
      source: sim(
        "edgeCases/whitespaceActions.json",
        "Action with empty action after colon does not match",
      ),
    },
    {
      name: "Allow + NotAction grants every other action",
      action: "s3:GetObject",
      policies: { identity: [policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })] },
      expected: "Allowed",
      source: AWS.notAction,
    },
    {
      name: "Allow + NotAction does not grant the listed actions",
      action: "iam:CreateUser",
      policies: { identity: [policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })] },
      expected: "ImplicitlyDenied",
      source: AWS.notAction,
    },
    {
      name: "Allow + NotAction is still limited by Resource: s3:ListAllMyBuckets needs resource *",
      action: "s3:ListAllMyBuckets",
      policies: {
        identity: [
          policy({ Effect: "Allow", NotAction: "s3:DeleteBucket", Resource: "arn:aws:s3:::*" }),
        ],
      },
      expected: "ImplicitlyDenied",
      source: AWS.notAction,
    },
    {
      name: "Allow + NotAction with an S3 Resource grants other S3 actions on S3 resources",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::bucket/key",
      policies: {
        identity: [
          policy({ Effect: "Allow", NotAction: "s3:DeleteBucket", Resource: "arn:aws:s3:::*" }),
        ],
      },
      expected: "Allowed",
      source: AWS.notAction,
    },
    {
      name: "Allow + NotAction with an S3 Resource grants nothing in other services",
      action: "ec2:TerminateInstances",
      resource: `arn:aws:ec2:us-east-1:${A}:instance/i-1`,
      policies: {
        identity: [
          policy({ Effect: "Allow", NotAction: "s3:DeleteBucket", Resource: "arn:aws:s3:::*" }),
        ],
      },
      expected: "ImplicitlyDenied",
      source: AWS.notAction,
    },
    {
      name: "Deny + NotAction denies everything not listed (MFA example: iam stays allowed)",
      action: "iam:ListUsers",
      policies: {
        identity: [
          ALL,
          policy({
            Effect: "Deny",
            NotAction: "iam:*",
            Resource: "*",
            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
          }),
        ],
      },
      expected: "Allowed",
      source: AWS.notAction,
    },
    {
      name: "Deny + NotAction denies the other actions without MFA",
      action: "s3:GetObject",
      policies: {
        identity: [
          ALL,
          policy({
            Effect: "Deny",
            NotAction: "iam:*",
            Resource: "*",
            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
          }),
        ],
      },
      expected: "ExplicitlyDenied",
      source: AWS.notAction,
    },
    {
      name: "Deny + NotAction: with MFA the Deny does not apply",
      action: "s3:GetObject",
      context: { "aws:MultiFactorAuthPresent": true },
      policies: {
        identity: [
          ALL,
          policy({
            Effect: "Deny",
            NotAction: "iam:*",
            Resource: "*",
            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
          }),
        ],
      },
      expected: "Allowed",
      source: AWS.notAction,
    },
    {
      name: "NotAction with an empty name after the colon matches every action",
      action: "s3:GetBucket",
      policies: { identity: [policy({ Effect: "Allow", NotAction: "s3:", Resource: "*" })] },
      expected: "Allowed",
      source: sim(
        "edgeCases/whitespaceActions.json",
        "NotAction with empty action after colon always matches",
      ),
    },
    {
      name: "Allow + NotResource grants actions on everything but the listed resource",
      action: "iam:CreateUser",
      resource: `arn:aws:iam::${A}:user/x`,
      policies: { identity: [policy({ Effect: "Allow", Action: "*", NotResource: S3_DOC })] },
      expected: "Allowed",
      source: AWS.notResource,
    },
    {
      name: "Allow + NotResource does not grant the listed resource",
      action: "s3:ListBucket",
      resource: S3_DOC,
      policies: { identity: [policy({ Effect: "Allow", Action: "*", NotResource: S3_DOC })] },
      expected: "ImplicitlyDenied",
      source: AWS.notResource,
    },
    {
      name: "Allow + NotResource excluding the bucket still grants its objects",
      action: "s3:GetObject",
      resource: `${S3_DOC}/salaries.csv`,
      policies: { identity: [policy({ Effect: "Allow", Action: "*", NotResource: S3_DOC })] },
      expected: "Allowed",
      source: AWS.notResource,
    },
    {
      name: "Deny + NotResource denies the statement's actions everywhere else",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::other/key",
      policies: {
        identity: [
          ALL,
          policy({
            Effect: "Deny",
            Action: "s3:*",
            NotResource: ["arn:aws:s3:::mybucket", "arn:aws:s3:::mybucket/*"],
          }),
        ],
      },
      expected: "ExplicitlyDenied",
      source: AWS.notResource,
    },
    {
      name: "Deny + NotResource spares the listed resources",
      action: "s3:GetObject",
      resource: OBJECT,
      policies: {
        identity: [
          ALL,
          policy({
            Effect: "Deny",
            Action: "s3:*",
            NotResource: ["arn:aws:s3:::mybucket", "arn:aws:s3:::mybucket/*"],
          }),
        ],
      },
      expected: "Allowed",
      source: AWS.notResource,
    },
    {
      name: "Deny + NotResource on s3:* never affects other services",
      action: "ec2:RunInstances",
      resource: `arn:aws:ec2:us-east-1:${A}:instance/i-1`,
      policies: {
        identity: [
          ALL,
          policy({ Effect: "Deny", Action: "s3:*", NotResource: "arn:aws:s3:::mybucket/*" }),
        ],
      },
      expected: "Allowed",
      source: AWS.notResource,
    },
  ]);
});

describe("Action, Resource and NotResource lists (PMapper local policy simulation tests)", () => {
  const PM = (name: string) => `PMapper tests/test_local_policy_sim.py: ${name}`;
  const listed = policy(allowS({ Action: ["ec2:RunInstances", "s3:*", "iam:Get*"] }));
  const notListed = policy({ Effect: "Allow", NotAction: ["iam:*", "s3:Put*"], Resource: "*" });
  const resources = [
    "arn:aws:s3:::bucket/*",
    "arn:aws:s3:::*/object",
    "arn:aws:s3:::${aws:SourceAccount}/win",
  ];
  run([
    {
      name: "an action list grants iam:GetRole through iam:Get*",
      action: "iam:GetRole",
      policies: { identity: [listed] },
      expected: "Allowed",
      source: PM("test_action_matching"),
    },
    {
      name: "an action list does not grant ec2:DescribeInstances",
      action: "ec2:DescribeInstances",
      policies: { identity: [listed] },
      expected: "ImplicitlyDenied",
      source: PM("test_action_matching"),
    },
    {
      name: "an action list does not grant iam:PutRolePolicy",
      action: "iam:PutRolePolicy",
      policies: { identity: [listed] },
      expected: "ImplicitlyDenied",
      source: PM("test_action_matching"),
    },
    {
      name: 'NotAction "*" grants nothing',
      action: "iam:GetRole",
      policies: { identity: [policy({ Effect: "Allow", NotAction: "*", Resource: "*" })] },
      expected: "ImplicitlyDenied",
      source: PM("test_action_matching"),
    },
    {
      name: "NotAction [iam:*, s3:Put*] does not grant s3:PutObject",
      action: "s3:PutObject",
      policies: { identity: [notListed] },
      expected: "ImplicitlyDenied",
      source: PM("test_action_matching"),
    },
    {
      name: "NotAction [iam:*, s3:Put*] grants ec2:RunInstances",
      action: "ec2:RunInstances",
      policies: { identity: [notListed] },
      expected: "Allowed",
      source: PM("test_action_matching"),
    },
    {
      name: "a wildcard bucket name: arn:aws:s3:::*/object",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::anything/object",
      policies: { identity: [policy(allowS({ Resource: resources }))] },
      expected: "Allowed",
      source: PM("test_resource_matching"),
    },
    {
      name: "a variable in the bucket name",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::000000000000/win",
      context: { "aws:SourceAccount": "000000000000" },
      policies: { identity: [policy(allowS({ Resource: resources }))] },
      expected: "Allowed",
      source: PM("test_resource_matching"),
    },
    {
      name: "NotResource with the same list excludes the variable's resource",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::000000000000/win",
      context: { "aws:SourceAccount": "000000000000" },
      policies: { identity: [policy({ Effect: "Allow", Action: "*", NotResource: resources })] },
      expected: "ImplicitlyDenied",
      source: PM("test_resource_matching"),
    },
    {
      name: "NotResource with the same list excludes bucket/anything",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::bucket/anything",
      policies: { identity: [policy({ Effect: "Allow", Action: "*", NotResource: resources })] },
      expected: "ImplicitlyDenied",
      source: PM("test_resource_matching"),
    },
    {
      // The ${aws:SourceAccount} entry is unresolved: what it excludes is unknown, so the Allow
      // does not count (fail-safe reading of docs/evaluation-rules.md §6; DIFFERENCES.md group 17).
      name: "NotResource with the same list and an unresolved variable does not grant other objects",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::other/thing",
      policies: { identity: [policy({ Effect: "Allow", Action: "*", NotResource: resources })] },
      expected: "ImplicitlyDenied",
      source: AWS.notResource,
    },
    {
      name: "NotResource with the same list grants other objects once the variable resolves",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::other/thing",
      context: { "aws:SourceAccount": "000000000000" },
      policies: { identity: [policy({ Effect: "Allow", Action: "*", NotResource: resources })] },
      expected: "Allowed",
      source: AWS.notResource,
    },
  ]);
});

describe("commas are not separators in Action", () => {
  const C = (name: string) => sim("commas.json", name);
  const allowing = (action: JsonValue) => ({ identity: [policy(allowS({ Action: action }))] });
  run([
    {
      name: "s3:GetObject,PutObject does not match s3:GetObject",
      action: "s3:GetObject",
      policies: allowing("s3:GetObject,PutObject"),
      expected: "ImplicitlyDenied",
      source: C("Allow action with comma does not match the request action"),
    },
    {
      name: "s3:GetObject,PutObject does not match s3:PutObject",
      action: "s3:PutObject",
      policies: allowing("s3:GetObject,PutObject"),
      expected: "ImplicitlyDenied",
      source: C("Allow action with comma does not match the action after the comma"),
    },
    {
      name: "a Deny of s3:GetObject,PutObject does not deny s3:GetObject",
      action: "s3:GetObject",
      policies: {
        identity: [policy(allowS({ Action: "s3:*" }), denyS({ Action: "s3:GetObject,PutObject" }))],
      },
      expected: "Allowed",
      source: C("Deny action with comma does not match, so an Allow still applies"),
    },
    {
      name: "a list with a comma entry and a valid entry matches the valid one",
      action: "s3:GetObject",
      policies: allowing(["s3:GetObject,PutObject", "s3:GetObject"]),
      expected: "Allowed",
      source: C(
        "Array of actions: comma-containing action does not match, but a separate valid action does",
      ),
    },
    {
      name: "s3:Get*,Put* does not match s3:GetObject",
      action: "s3:GetObject",
      policies: allowing("s3:Get*,Put*"),
      expected: "ImplicitlyDenied",
      source: C("Allow action with comma and wildcards does not match the request action"),
    },
    {
      name: "a trailing comma does not match",
      action: "s3:GetObject",
      policies: allowing("s3:GetObject,"),
      expected: "ImplicitlyDenied",
      source: C("Allow action with trailing comma does not match the request action"),
    },
  ]);
});

describe("Resource matching", () => {
  const PATTERN = "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*";
  const s3Row = (key: string, expected: "Allowed" | "ImplicitlyDenied"): Row => ({
    name: `${PATTERN} vs …/${key}`,
    action: "s3:GetObject",
    resource: `arn:aws:s3:::amzn-s3-demo-bucket/${key}`,
    policies: { identity: [policy(allowS({ Resource: PATTERN }))] },
    expected,
    source: AWS.resource,
  });
  run([
    // The Resource page's table: * crosses "/" inside the resource part.
    s3Row("1/2/test/3/object.jpg", "Allowed"),
    s3Row("1///test///object.jpg", "Allowed"),
    s3Row("1/test/", "Allowed"),
    s3Row("1-test/object.jpg", "ImplicitlyDenied"),
    s3Row("test/object.jpg", "ImplicitlyDenied"),
    s3Row("1/2/test.jpg", "ImplicitlyDenied"),
    {
      name: "resource matching is case-sensitive",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::mybucket/TestObject",
      policies: { identity: [policy(allowS({ Resource: OBJECT }))] },
      expected: "ImplicitlyDenied",
      source: AWS.resource,
    },
    {
      name: "IAM user names in Resource are case-sensitive",
      action: "iam:GetUser",
      resource: `arn:aws:iam::${A}:user/Alice`,
      policies: { identity: [policy(allowS({ Resource: `arn:aws:iam::${A}:user/alice` }))] },
      expected: "ImplicitlyDenied",
      source: AWS.resource,
    },
    {
      name: "a trailing * expands past colons: arn:aws:sqs:* matches a queue",
      action: "sqs:SendMessage",
      resource: `arn:aws:sqs:us-east-2:${A}:queue1`,
      policies: { identity: [policy(allowS({ Resource: "arn:aws:sqs:*" }))] },
      expected: "Allowed",
      source: AWS.resource,
    },
    {
      name: "arn:aws:logs:*:*:* matches a log stream ARN with more colons",
      action: "logs:PutLogEvents",
      resource: `arn:aws:logs:us-east-1:${A}:log-group:g:log-stream:s`,
      policies: { identity: [policy(allowS({ Resource: "arn:aws:logs:*:*:*" }))] },
      expected: "Allowed",
      source: AWS.resource,
    },
    ...(
      [
        ["arn:aws:sqs:us-*", `arn:aws:sqs:us-east-1:${A}:q`, "Allowed"],
        [`arn:aws:sqs:*:${A}`, `arn:aws:sqs:us-east-1:${A}:q`, "ImplicitlyDenied"],
        [`arn:aws:ec2:us-east-1:${A}:*`, `arn:aws:ec2:us-east-1:${A}:instance/i-1`, "Allowed"],
        ["arn:aws:s3:::bucket/file?.txt", "arn:aws:s3:::bucket/file1.txt", "Allowed"],
        ["arn:aws:s3:::bucket/file?.txt", "arn:aws:s3:::bucket/file12.txt", "ImplicitlyDenied"],
        [`arn:aws:iam::${A}:user/*`, `arn:aws:iam::${A}:user/division/alice`, "Allowed"],
        [`arn:aws:iam::${A}:user/*/alice`, `arn:aws:iam::${A}:user/alice`, "ImplicitlyDenied"],
        [
          `arn:aws:lambda:us-east-1:${A}:function:my-fn`,
          `arn:aws:lambda:us-east-1:${A}:function:my-fn:PROD`,
          "ImplicitlyDenied",
        ],
        [
          `arn:aws:lambda:us-east-1:${A}:function:my-fn:*`,
          `arn:aws:lambda:us-east-1:${A}:function:my-fn:PROD`,
          "Allowed",
        ],
      ] as const
    ).map(([pattern, resource, expected]): Row => ({
      name: `${pattern} vs ${resource}`,
      action: "sqs:SendMessage",
      resource,
      policies: { identity: [policy(allowS({ Resource: pattern }))] },
      expected,
      source: AWS.resource,
    })),
    {
      name: "a wildcard in the account field does not match another service",
      action: "sqs:SendMessage",
      resource: `arn:aws:sqs:us-east-1:${A}:queue`,
      policies: { identity: [policy(allowS({ Resource: "arn:aws:sns:*:*:*" }))] },
      expected: "ImplicitlyDenied",
      source: AWS.resource,
    },
    {
      name: "an empty region and account field must be empty: EC2 images",
      action: "ec2:RunInstances",
      resource: "arn:aws:ec2:us-east-1::image/ami-1",
      policies: { identity: [policy(allowS({ Resource: "arn:aws:ec2:*::image/*" }))] },
      expected: "Allowed",
      source: AWS.resource,
    },
    {
      name: 'Resource "*" matches a request for resource "*"',
      action: "s3:ListAllMyBuckets",
      policies: { identity: [policy(allowS())] },
      expected: "Allowed",
      source: AWS.resource,
    },
    {
      name: "a specific ARN does not match a request for resource *",
      action: "s3:ListAllMyBuckets",
      policies: { identity: [policy(allowS({ Resource: "arn:aws:s3:::*" }))] },
      expected: "ImplicitlyDenied",
      source: AWS.resource,
    },
    {
      name: "a Statement given as one object (not a list) works",
      action: "s3:GetObject",
      policies: { identity: [{ Version: "2012-10-17", Statement: allowS({ Action: "s3:*" }) }] },
      expected: "Allowed",
      source: AWS.grammar,
    },
  ]);
});

describe("identity policies and explicit deny", () => {
  run([
    {
      name: "nothing allows: implicit deny",
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [] },
      expected: "ImplicitlyDenied",
      source: sim("basicResourcePolicies-SameAccount.json", "implicit deny when no policies"),
    },
    {
      name: "an identity allow allows",
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [GET_OBJECT] },
      expected: "Allowed",
      source: AWS.evaluation,
    },
    {
      name: "a Deny in a second identity policy beats an Allow in the first",
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [GET_OBJECT, policy(denyS({ Action: "s3:*" }))] },
      expected: "ExplicitlyDenied",
      source: AWS.denyAllow,
    },
    {
      name: "a Deny with a false condition does not apply",
      action: "s3:GetObject",
      resource: OBJECT,
      context: { "aws:SecureTransport": true },
      policies: {
        identity: [
          GET_OBJECT,
          policy(denyS({ Condition: { Bool: { "aws:SecureTransport": "false" } } })),
        ],
      },
      expected: "Allowed",
      source: AWS.examples,
    },
    {
      name: "an Allow in one statement and a Deny in another of the same policy",
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [policy(allowS(), denyS({ Action: "s3:Get*" }))] },
      expected: "ExplicitlyDenied",
      source: AWS.denyAllow,
    },
    {
      name: "the root user has full access without identity policies",
      principal: ROOT,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [] },
      expected: "Allowed",
      source: AWS.evaluation,
    },
    {
      name: "a resource-policy Deny still applies to the root user",
      principal: ROOT,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [], resource: [policy(denyS({ Principal: "*" }))] },
      expected: "ExplicitlyDenied",
      source: AWS.evaluation,
    },
    {
      name: "same account: a resource-policy grant to the user is enough without identity allow",
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [], resource: [grantTo({ AWS: ALICE })] },
      expected: "Allowed",
      source: AWS.singleAccount,
    },
  ]);
});

describe("permissions boundaries", () => {
  const B = sim("permissionBoundaries-SameAccount.json", "");
  run([
    {
      name: "identity allow within the boundary",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [GET_OBJECT], boundary: [policy(allowS({ Action: "s3:*" }))] },
      expected: "Allowed",
      source: `${B}Permission boundary and identity allow`,
    },
    {
      name: "identity allow outside the boundary",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [GET_OBJECT], boundary: [ONLY_EC2] },
      expected: "ImplicitlyDenied",
      source: `${B}Permission boundary implicit deny and identity allow`,
    },
    {
      name: "the boundary alone grants nothing",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [], boundary: [ALL] },
      expected: "ImplicitlyDenied",
      source: `${B}Permission boundary allow and identity implicit deny`,
    },
    {
      name: "a Deny in the boundary is an explicit deny",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [GET_OBJECT], boundary: [policy(allowS(), denyS({ Action: "s3:*" }))] },
      expected: "ExplicitlyDenied",
      source: AWS.boundaries,
    },
    {
      name: "an empty boundary list means no boundary",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [GET_OBJECT], boundary: [] },
      expected: "Allowed",
      source: `${B}Should ignore empty permission boundary array`,
    },
    {
      name: "a resource grant to the user ARN is not limited by the boundary",
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [], boundary: [ONLY_EC2], resource: [grantTo({ AWS: ALICE })] },
      expected: "Allowed",
      source: `${B}Permission boundary implicit deny resource policy allows user`,
    },
    {
      name: "a resource grant to the role ARN is limited by the boundary",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [], boundary: [ONLY_EC2], resource: [grantTo({ AWS: ROLE })] },
      expected: "ImplicitlyDenied",
      source: `${B}Permission boundary implicit deny resource policy allows role, from session`,
    },
    {
      name: "a resource grant to the session ARN is not limited by the boundary",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [], boundary: [ONLY_EC2], resource: [grantTo({ AWS: SESSION })] },
      expected: "Allowed",
      source: `${B}Permission boundary implicit deny resource policy allows session, from session`,
    },
    {
      name: "a boundary Deny beats a resource grant to the session ARN",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: {
        identity: [],
        boundary: [policy(denyS({ Action: "s3:*" }))],
        resource: [grantTo({ AWS: SESSION })],
      },
      expected: "ExplicitlyDenied",
      source: `${B}Permission boundary deny resource policy allows session, from session`,
    },
    {
      name: "a boundary Deny beats a resource grant to the role ARN",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: {
        identity: [],
        boundary: [policy(denyS({ Action: "s3:*" }))],
        resource: [grantTo({ AWS: ROLE })],
      },
      expected: "ExplicitlyDenied",
      source: `${B}Permission boundary deny resource policy allows role, from session`,
    },
  ]);
});

describe("session policies", () => {
  const S = sim("sessionPolicies.json", "");
  run([
    {
      name: "identity allow and session allow",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [GET_OBJECT], session: [ALL] },
      expected: "Allowed",
      source: `${S}Allow all in session policy allows if allowed by identity policy`,
    },
    {
      name: "the session policy alone grants nothing",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [], session: [ALL] },
      expected: "ImplicitlyDenied",
      source: `${S}Allow all in session does not allow if not allowed by identity policy`,
    },
    {
      name: "a session policy that does not allow limits the identity allow",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [GET_OBJECT], session: [ONLY_EC2] },
      expected: "ImplicitlyDenied",
      source: `${S}Implicit deny in session policy denies even if allowed by identity policy`,
    },
    {
      name: "a Deny in the session policy is an explicit deny",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [GET_OBJECT], session: [policy(denyS({ Action: "s3:GetObject" }))] },
      expected: "ExplicitlyDenied",
      source: `${S}Explicit deny in session policy denies even if allowed by identity policy`,
    },
    {
      name: "a resource grant to the role ARN is limited by the session policy",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [], session: [ONLY_EC2], resource: [grantTo({ AWS: ROLE })] },
      expected: "ImplicitlyDenied",
      source: `${S}Implicit deny in session policy denies even if allowed by resource policy`,
    },
    {
      name: "a session-policy Deny beats a resource grant to the role ARN",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: {
        identity: [],
        session: [policy(denyS({ Action: "s3:GetObject" }))],
        resource: [grantTo({ AWS: ROLE })],
      },
      expected: "ExplicitlyDenied",
      source: `${S}Explicit deny in session policy denies even if allowed by resource policy`,
    },
    // iam-simulate answers ImplicitlyDenied here; AWS says grants to the session ARN are not limited
    // by the session policy (DIFFERENCES.md "A resource grant to the session ARN").
    {
      name: "a resource grant to the session ARN is not limited by the session policy",
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [], session: [ONLY_EC2], resource: [grantTo({ AWS: SESSION })] },
      expected: "Allowed",
      source: AWS.sessionPolicies,
    },
    {
      name: "a federated-user session without a session policy has no permissions",
      principal: `arn:aws:sts::${A}:federated-user/bob`,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [GET_OBJECT] },
      expected: "ImplicitlyDenied",
      source: "AWS STS API reference: GetFederationToken",
    },
    {
      name: "a federated-user session gets the intersection with its session policy",
      principal: `arn:aws:sts::${A}:federated-user/bob`,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [GET_OBJECT], session: [policy(allowS({ Action: "s3:Get*" }))] },
      expected: "Allowed",
      source: "AWS STS API reference: GetFederationToken",
    },
    // docs/evaluation-rules.md §7.2 step 7: a principal that is not a session (IAM user, root) is not bound;
    // iam-simulate rejects such a request (DIFFERENCES.md 25).
    {
      name: "a session policy does not limit an IAM user",
      principal: ALICE,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [GET_OBJECT], session: [ONLY_EC2] },
      expected: "Allowed",
      source: AWS.sessionPolicies,
    },
    {
      name: "a session-policy Deny does not apply to an IAM user",
      principal: ALICE,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [GET_OBJECT], session: [policy(denyS())] },
      expected: "Allowed",
      source: AWS.sessionPolicies,
    },
    // iam-simulate answers Allowed too (DIFFERENCES.md 23; left out until iamspec was fixed).
    {
      name: "sts:GetCallerIdentity is allowed under a session-policy Deny",
      principal: `arn:aws:sts::${A}:assumed-role/test-role/session-name`,
      action: "sts:GetCallerIdentity",
      resource: "*",
      policies: { identity: [], session: [policy(denyS())] },
      expected: "Allowed",
      source: "AWS STS API reference: GetCallerIdentity (no permissions are required)",
    },
  ]);
});

describe("SCPs and RCPs", () => {
  const SCP = sim("scps.json", "");
  const RCP = sim("rcps.json", "");
  const denyOutsideRegions = policy({
    Effect: "Deny",
    NotAction: ["iam:*", "sts:*"],
    Resource: "*",
    Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] } },
  });
  run([
    {
      name: "SCPs at every level allow and the identity allows",
      action: "s3:ListAllMyBuckets",
      policies: { identity: [ALL], scp: [[ALL], [ALL], [ALL]] },
      expected: "Allowed",
      source: `${SCP}Allowed when allowed by all SCPs and Identity Policy`,
    },
    {
      name: "one SCP level without an Allow",
      action: "s3:ListAllMyBuckets",
      policies: { identity: [ALL], scp: [[ALL], [ONLY_EC2], [ALL]] },
      expected: "ImplicitlyDenied",
      source: `${SCP}Implicitly denied by SCP when allowed by Identity but not by all org level SCPs`,
    },
    {
      name: "one SCP level with no policies at all",
      action: "s3:ListAllMyBuckets",
      policies: { identity: [ALL], scp: [[ALL], [], [ALL]] },
      expected: "ImplicitlyDenied",
      source: `${SCP}Implicitly denied by SCP when allowed by Identity but no SCPs exist`,
    },
    {
      name: "SCPs grant nothing by themselves",
      action: "s3:ListAllMyBuckets",
      policies: { identity: [], scp: [[ALL], [ALL]] },
      expected: "ImplicitlyDenied",
      source: `${SCP}Implictly Denied when allowed by all SCPs But not Identity Policy`,
    },
    {
      name: "a Deny in a middle SCP level",
      action: "s3:ListAllMyBuckets",
      policies: {
        identity: [ALL],
        scp: [[ALL], [policy(allowS(), denyS({ Action: "s3:ListAllMyBuckets" }))], [ALL]],
      },
      expected: "ExplicitlyDenied",
      source: `${SCP}Denied when denied by an SCPs and Allowed By Identity Policy`,
    },
    // docs/evaluation-rules.md §7.1: SCPs do not bind service-linked roles (their role ARN has the reserved path);
    // iam-simulate applies them (DIFFERENCES.md 24).
    {
      name: "an SCP Deny does not bind a service-linked role",
      principal: `arn:aws:iam::${A}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
      action: "s3:ListAllMyBuckets",
      policies: { identity: [ALL], scp: [[ALL], [policy(denyS())]] },
      expected: "Allowed",
      source: AWS.scp,
    },
    {
      name: "an SCP level without an Allow does not bind a service-linked role",
      principal: `arn:aws:iam::${A}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
      action: "s3:ListAllMyBuckets",
      policies: { identity: [ALL], scp: [[ALL], [ONLY_EC2]] },
      expected: "Allowed",
      source: AWS.scp,
    },
    {
      name: "one Allow among several SCPs of a level is enough",
      action: "s3:ListAllMyBuckets",
      policies: { identity: [ALL], scp: [[ALL], [ONLY_EC2, policy(allowS({ Action: "s3:*" }))]] },
      expected: "Allowed",
      source: AWS.scp,
    },
    {
      name: "an SCP region guard denies other regions",
      action: "s3:GetObject",
      resource: OBJECT,
      context: { "aws:RequestedRegion": "us-west-2" },
      policies: { identity: [ALL], scp: [ALL, denyOutsideRegions] },
      expected: "ExplicitlyDenied",
      source: AWS.scp,
    },
    {
      name: "an SCP region guard allows listed regions",
      action: "s3:GetObject",
      resource: OBJECT,
      context: { "aws:RequestedRegion": "eu-west-1" },
      policies: { identity: [ALL], scp: [ALL, denyOutsideRegions] },
      expected: "Allowed",
      source: AWS.scp,
    },
    {
      name: "an SCP region guard exempts the NotAction services",
      action: "iam:ListUsers",
      context: { "aws:RequestedRegion": "us-east-1" },
      policies: { identity: [ALL], scp: [ALL, denyOutsideRegions] },
      expected: "Allowed",
      source: AWS.scp,
    },
    {
      name: "SCPs apply to the member account's root user",
      principal: ROOT,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [], scp: [ALL, policy(denyS({ Action: "s3:*" }))] },
      expected: "ExplicitlyDenied",
      source: AWS.scp,
    },
    {
      name: "SCPs limit resource-policy grants to the member account's principals",
      action: "s3:GetObject",
      resource: OBJECT,
      policies: { identity: [], resource: [grantTo({ AWS: ALICE })], scp: [ONLY_EC2] },
      expected: "ImplicitlyDenied",
      source: AWS.denyAllow,
    },
    {
      name: "SCPs do not bind an AWS service principal (it is not a principal of a member account)",
      principal: "cloudtrail.amazonaws.com",
      action: "s3:PutObject",
      resource: "arn:aws:s3:::trail-bucket/AWSLogs/x",
      context: { "aws:ResourceAccount": A },
      policies: {
        resource: [
          policy(
            allowS({ Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject" }),
          ),
        ],
        scp: [ALL, policy(denyS({ Action: "s3:*" }))],
      },
      expected: "Allowed",
      source: `${AWS.scp} (SCPs affect IAM users and roles of member accounts)`,
    },
    {
      name: "RCPFullAWSAccess alone lets an identity allow through",
      action: "s3:ListAllMyBuckets",
      policies: { identity: [ALL], rcp: [RCP_FULL_ACCESS] },
      expected: "Allowed",
      source: `${RCP}RCPs allow by default if identity policy allows`,
    },
    {
      name: "an RCP Deny for the action",
      action: "s3:ListAllMyBuckets",
      policies: {
        identity: [ALL],
        rcp: [RCP_FULL_ACCESS, policy(denyS({ Principal: "*", Action: "s3:ListAllMyBuckets" }))],
      },
      expected: "ExplicitlyDenied",
      source: `${RCP}RCPs denied if denied by an RCP`,
    },
    {
      name: "an RCP Deny in any level",
      action: "s3:ListAllMyBuckets",
      policies: {
        identity: [ALL],
        rcp: [
          [RCP_FULL_ACCESS, policy(denyS({ Principal: "*", Action: "s3:ListAllMyBuckets" }))],
          [RCP_FULL_ACCESS],
        ],
      },
      expected: "ExplicitlyDenied",
      source: `${RCP}RCPs denied if denied by any level of the RCPs`,
    },
    {
      name: "an RCP Deny for another action does not apply",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::mybucket/object1.csv",
      policies: {
        identity: [ALL],
        rcp: [RCP_FULL_ACCESS, policy(denyS({ Principal: "*", Action: "s3:ListAllMyBuckets" }))],
      },
      expected: "Allowed",
      source: `${RCP}RCPs allowed if action does not match`,
    },
    {
      name: "an RCP Deny for another resource does not apply",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::mybucket/object1.csv",
      policies: {
        identity: [ALL],
        rcp: [
          RCP_FULL_ACCESS,
          policy(
            denyS({
              Principal: "*",
              Action: "s3:GetObject",
              Resource: "arn:aws:s3:::otherbucket/*",
            }),
          ),
        ],
      },
      expected: "Allowed",
      source: `${RCP}RCPs allowed if resource does not match`,
    },
    {
      name: "an SCP Deny wins although the RCPs allow",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::mybucket/object1.csv",
      policies: {
        identity: [ALL],
        rcp: [RCP_FULL_ACCESS],
        scp: [ALL, policy(denyS({ Action: "s3:GetObject" }))],
      },
      expected: "ExplicitlyDenied",
      source: `${RCP}RCPs denied if RCP Allows but SCP Denies`,
    },
    {
      name: "an RCP level without an Allow",
      action: "s3:GetObject",
      resource: OBJECT,
      policies: {
        identity: [ALL],
        rcp: [[RCP_FULL_ACCESS], [policy(allowS({ Principal: "*", Action: "sqs:*" }))]],
      },
      expected: "ImplicitlyDenied",
      source: AWS.rcp,
    },
    {
      name: "an RCP Deny applies to a service principal's request too",
      principal: "cloudtrail.amazonaws.com",
      action: "s3:PutObject",
      resource: "arn:aws:s3:::trail-bucket/AWSLogs/x",
      context: { "aws:ResourceAccount": A },
      policies: {
        resource: [
          policy(
            allowS({ Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject" }),
          ),
        ],
        rcp: [
          RCP_FULL_ACCESS,
          policy(
            denyS({
              Principal: "*",
              Action: "s3:*",
              Condition: { BoolIfExists: { "aws:SecureTransport": "false" } },
            }),
          ),
        ],
      },
      expected: "ExplicitlyDenied",
      source: AWS.rcp,
    },
    {
      name: "an RCP requiring TLS lets TLS requests through",
      action: "s3:GetObject",
      resource: OBJECT,
      context: { "aws:SecureTransport": true },
      policies: {
        identity: [ALL],
        rcp: [
          RCP_FULL_ACCESS,
          policy(
            denyS({
              Principal: "*",
              Action: "s3:*",
              Condition: { BoolIfExists: { "aws:SecureTransport": "false" } },
            }),
          ),
        ],
      },
      expected: "Allowed",
      source: AWS.rcp,
    },
  ]);
});

describe("policies other engines evaluate but AWS rejects (DIFFERENCES.md 16)", () => {
  const A_ROLE = `arn:aws:iam::${A}:role/test-role`;
  const cases: { name: string; policies: PolicySet; message: string; source: string }[] = [
    {
      name: "a Principal element in an identity policy",
      policies: { identity: [policy(allowS({ Principal: { AWS: A_ROLE } }))] },
      message: '"Principal" is not allowed in an identity policy',
      source: sim("sessions.json", "Deny session when resource policy denies for role"),
    },
    {
      name: "a bare ARN string as Principal",
      policies: { identity: [], resource: [policy(allowS({ Principal: A_ROLE }))] },
      message: '"Principal" must be "*" or an object',
      source: sim(
        "permissionBoundaries-SameAccount.json",
        "Permission boundary deny resource policy allows role, from role",
      ),
    },
    {
      name: "a Principal element in an SCP",
      policies: { identity: [ALL], scp: [policy(allowS({ Principal: "*" }))] },
      message: '"Principal" is not allowed in an SCP',
      source: AWS.scp,
    },
  ];
  it.each(cases.map((c) => [c.name, c]))("%s is an error, not a decision", (_name, c) => {
    const outcome = evaluate({
      principal: SESSION,
      action: "s3:GetObject",
      resource: OBJECT,
      policies: c.policies,
    });
    expect("error" in outcome, c.source).toBe(true);
    if ("error" in outcome) expect(outcome.error.message).toContain(c.message);
  });
});
