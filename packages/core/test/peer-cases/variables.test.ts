// Policy variables (docs/evaluation-rules.md §6) checked against the AWS "Variables and tags" page, its examples,
// and the facts other engines test: substitution in Resource, NotResource and condition values,
// defaults, the special literals ${*} ${?} ${$}, the 2008-10-17 (and missing) Version, and variables
// without a value.
import { describe, expect, it } from "vitest";
import type { ContextValue, JsonValue } from "../../src/types.js";
import type { Doc } from "./support.js";
import { AWS, decide, sim } from "./support.js";

const A = "111122223333";
const ALICE = `arn:aws:iam::${A}:user/alice`;
const BOB = `arn:aws:iam::${A}:user/bob`;
const SESSION = `arn:aws:sts::${A}:assumed-role/Dev/alice-session`;
const FEDERATED = `arn:aws:sts::${A}:federated-user/carol`;

interface Row {
  name: string;
  statements: Doc[];
  version?: string | null; // null: no Version element
  principal?: string;
  action?: string;
  resource?: string;
  context?: Record<string, ContextValue>;
  expected: "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";
  source: string;
}

function stmt(effect: "Allow" | "Deny", rest: { [key: string]: JsonValue }): Doc {
  return { Effect: effect, Action: "*", ...rest };
}

const HOME = "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*";
const TEAM_BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}";

const rows: Row[] = [
  // Resource
  {
    name: "${aws:username} in Resource is the caller's user name",
    statements: [stmt("Allow", { Resource: HOME })],
    principal: ALICE,
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/notes.txt",
    expected: "Allowed",
    source: AWS.variables,
  },
  {
    name: "${aws:username} in Resource does not reach another user's folder",
    statements: [stmt("Allow", { Resource: HOME })],
    principal: BOB,
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/notes.txt",
    expected: "ImplicitlyDenied",
    source: AWS.variables,
  },
  {
    name: "a role session has no aws:username, so the Resource entry matches nothing",
    statements: [stmt("Allow", { Resource: HOME })],
    principal: SESSION,
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/notes.txt",
    expected: "ImplicitlyDenied",
    source: AWS.variables,
  },
  {
    name: "aws:username of a user with a path is the last part of the ARN",
    statements: [stmt("Allow", { Resource: HOME })],
    principal: `arn:aws:iam::${A}:user/division/alice`,
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/notes.txt",
    expected: "Allowed",
    source: AWS.variables,
  },
  {
    name: "IAM users may manage only their own access keys",
    statements: [
      stmt("Allow", {
        Action: ["iam:CreateAccessKey", "iam:ListAccessKeys"],
        Resource: "arn:aws:iam::*:user/${aws:username}",
      }),
    ],
    principal: ALICE,
    action: "iam:CreateAccessKey",
    resource: `arn:aws:iam::${A}:user/alice`,
    expected: "Allowed",
    source: AWS.examples,
  },
  {
    name: "IAM users may not manage another user's access keys",
    statements: [
      stmt("Allow", {
        Action: ["iam:CreateAccessKey", "iam:ListAccessKeys"],
        Resource: "arn:aws:iam::*:user/${aws:username}",
      }),
    ],
    principal: ALICE,
    action: "iam:CreateAccessKey",
    resource: `arn:aws:iam::${A}:user/bob`,
    expected: "ImplicitlyDenied",
    source: AWS.examples,
  },
  {
    name: "variable names are case-insensitive",
    statements: [stmt("Allow", { Resource: "arn:aws:s3:::amzn-s3-demo-bucket/${AWS:UserName}" })],
    principal: ALICE,
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/alice",
    expected: "Allowed",
    source: AWS.variables,
  },
  {
    name: "a principal tag fills the variable",
    statements: [stmt("Allow", { Resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*" })],
    principal: SESSION,
    resource: "arn:aws:s3:::bucket/red/file",
    context: { "aws:PrincipalTag/team": "red" },
    expected: "Allowed",
    source: AWS.variables,
  },
  // Defaults
  {
    name: "the default is used when the tag is missing",
    statements: [stmt("Allow", { Resource: TEAM_BUCKET })],
    principal: SESSION,
    resource: "arn:aws:s3:::amzn-s3-demo-bucket-company-wide",
    expected: "Allowed",
    source: AWS.variables,
  },
  {
    name: "the tag's value wins over the default when present",
    statements: [stmt("Allow", { Resource: TEAM_BUCKET })],
    principal: SESSION,
    resource: "arn:aws:s3:::amzn-s3-demo-bucket-red",
    context: { "aws:PrincipalTag/team": "red" },
    expected: "Allowed",
    source: AWS.variables,
  },
  {
    name: "the default is not used when the tag is present",
    statements: [stmt("Allow", { Resource: TEAM_BUCKET })],
    principal: SESSION,
    resource: "arn:aws:s3:::amzn-s3-demo-bucket-company-wide",
    context: { "aws:PrincipalTag/team": "red" },
    expected: "ImplicitlyDenied",
    source: AWS.variables,
  },
  {
    name: "a default in a condition value",
    statements: [
      stmt("Allow", {
        Resource: "*",
        Condition: { StringEquals: { "s3:prefix": "${aws:username, 'guest'}/" } },
      }),
    ],
    principal: SESSION,
    context: { "s3:prefix": "guest/" },
    expected: "Allowed",
    source: AWS.variables,
  },
  // Special literals
  {
    name: "${*} is a literal asterisk, not a wildcard (literal match)",
    statements: [stmt("Allow", { Resource: "arn:aws:s3:::bucket/${*}" })],
    resource: "arn:aws:s3:::bucket/*",
    expected: "Allowed",
    source: AWS.variables,
  },
  {
    name: "${*} is a literal asterisk, not a wildcard (no wildcard match)",
    statements: [stmt("Allow", { Resource: "arn:aws:s3:::bucket/${*}" })],
    resource: "arn:aws:s3:::bucket/anything",
    expected: "ImplicitlyDenied",
    source: AWS.variables,
  },
  {
    name: "${?} is a literal question mark",
    statements: [stmt("Allow", { Resource: "arn:aws:s3:::bucket/file${?}" })],
    resource: "arn:aws:s3:::bucket/fileA",
    expected: "ImplicitlyDenied",
    source: AWS.variables,
  },
  {
    name: "${?} matches a question mark",
    statements: [stmt("Allow", { Resource: "arn:aws:s3:::bucket/file${?}" })],
    resource: "arn:aws:s3:::bucket/file?",
    expected: "Allowed",
    source: AWS.variables,
  },
  {
    name: "${$} writes a dollar sign, so ${$}{aws:username} is the literal text ${aws:username}",
    statements: [stmt("Allow", { Resource: "arn:aws:s3:::bucket/${$}{aws:username}" })],
    principal: ALICE,
    resource: "arn:aws:s3:::bucket/${aws:username}",
    expected: "Allowed",
    source: AWS.variables,
  },
  {
    name: "${*} in a StringLike value matches only an asterisk",
    statements: [
      stmt("Allow", { Resource: "*", Condition: { StringLike: { "s3:prefix": "docs/${*}" } } }),
    ],
    context: { "s3:prefix": "docs/readme" },
    expected: "ImplicitlyDenied",
    source: AWS.variables,
  },
  {
    name: "${*} in a StringEquals value equals a literal asterisk",
    statements: [
      stmt("Allow", {
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalTag/x": "${*}" } },
      }),
    ],
    context: { "aws:PrincipalTag/x": "*" },
    expected: "Allowed",
    source: AWS.variables,
  },
  {
    name: "${?} in a StringNotEquals value: a literal a? is not 'not equal'",
    statements: [
      stmt("Allow", {
        Resource: "*",
        Condition: { StringNotEquals: { "aws:PrincipalTag/x": "a${?}" } },
      }),
    ],
    context: { "aws:PrincipalTag/x": "a?" },
    expected: "ImplicitlyDenied",
    source: AWS.variables,
  },
  // Version
  {
    name: "2008-10-17 policies treat ${aws:username} as literal text (no substitution)",
    statements: [stmt("Allow", { Resource: "arn:aws:s3:::bucket/${aws:username}" })],
    version: "2008-10-17",
    principal: ALICE,
    resource: "arn:aws:s3:::bucket/alice",
    expected: "ImplicitlyDenied",
    source: AWS.version,
  },
  {
    name: "2008-10-17 policies match the literal text",
    statements: [stmt("Allow", { Resource: "arn:aws:s3:::bucket/${aws:username}" })],
    version: "2008-10-17",
    principal: ALICE,
    resource: "arn:aws:s3:::bucket/${aws:username}",
    expected: "Allowed",
    source: AWS.version,
  },
  {
    name: "a policy without Version is 2008-10-17: no substitution",
    statements: [stmt("Allow", { Resource: "arn:aws:s3:::bucket/${aws:username}" })],
    version: null,
    principal: ALICE,
    resource: "arn:aws:s3:::bucket/alice",
    expected: "ImplicitlyDenied",
    source: "AWS UG: Troubleshoot IAM policies (default policy version is 2008-10-17)",
  },
  {
    name: "2008-10-17 condition values are literal too",
    statements: [
      stmt("Allow", {
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalTag/owner": "${aws:username}" } },
      }),
    ],
    version: "2008-10-17",
    principal: ALICE,
    context: { "aws:PrincipalTag/owner": "alice" },
    expected: "ImplicitlyDenied",
    source: AWS.version,
  },
  // Condition values
  {
    name: "StringLike with a variable and a wildcard (home folder listing)",
    statements: [
      stmt("Allow", {
        Resource: "*",
        Condition: { StringLike: { "s3:prefix": ["", "home/", "home/${aws:username}/*"] } },
      }),
    ],
    principal: ALICE,
    context: { "s3:prefix": "home/alice/docs/" },
    expected: "Allowed",
    source: AWS.examples,
  },
  {
    name: "StringLike with a variable rejects another user's prefix",
    statements: [
      stmt("Allow", {
        Resource: "*",
        Condition: { StringLike: { "s3:prefix": ["", "home/", "home/${aws:username}/*"] } },
      }),
    ],
    principal: ALICE,
    context: { "s3:prefix": "home/bob/" },
    expected: "ImplicitlyDenied",
    source: AWS.examples,
  },
  {
    name: "Deny + StringNotEquals against a missing principal tag denies (the value is effectively null)",
    statements: [
      stmt("Allow", { Resource: "*" }),
      stmt("Deny", {
        Resource: "*",
        Condition: {
          StringNotEquals: { "s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}" },
        },
      }),
    ],
    principal: SESSION,
    context: { "s3:ExistingObjectTag/Team": "red" },
    expected: "ExplicitlyDenied",
    source: AWS.variables,
  },
  {
    name: "Deny + StringNotEquals does not apply when the tags match",
    statements: [
      stmt("Allow", { Resource: "*" }),
      stmt("Deny", {
        Resource: "*",
        Condition: {
          StringNotEquals: { "s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}" },
        },
      }),
    ],
    principal: SESSION,
    context: { "s3:ExistingObjectTag/Team": "red", "aws:PrincipalTag/Team": "red" },
    expected: "Allowed",
    source: AWS.variables,
  },
  {
    name: "Allow + StringEquals against a missing variable does not match",
    statements: [
      stmt("Allow", {
        Resource: "*",
        Condition: { StringEquals: { "aws:ResourceTag/owner": "${aws:username}" } },
      }),
    ],
    principal: SESSION,
    context: { "aws:ResourceTag/owner": "alice" },
    expected: "ImplicitlyDenied",
    source: sim("ArnLike.test.ts", "should return an error if a variable is not defined"),
  },
  {
    name: "ArnLike with a variable resolved from the request",
    statements: [
      stmt("Allow", {
        Resource: "*",
        Condition: {
          ArnLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:user/${aws:username}" },
        },
      }),
    ],
    principal: "arn:aws:iam::123456789012:user/Bob",
    expected: "Allowed",
    source: sim("ArnLike.test.ts", "should replace variables and return true if a match"),
  },
  {
    name: "a derived key as a variable: aws:ResourceAccount equals ${aws:PrincipalAccount}",
    statements: [
      stmt("Allow", {
        Resource: "*",
        Condition: { StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } },
      }),
    ],
    principal: SESSION,
    action: "sns:Publish",
    resource: `arn:aws:sns:us-east-1:${A}:topic`,
    expected: "Allowed",
    source: AWS.globalKeys,
  },
  {
    name: "a derived key as a variable: another account's topic does not match",
    statements: [
      stmt("Allow", {
        Resource: "*",
        Condition: { StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } },
      }),
    ],
    principal: SESSION,
    action: "sns:Publish",
    resource: "arn:aws:sns:us-east-1:444455556666:topic",
    expected: "ImplicitlyDenied",
    source: AWS.globalKeys,
  },
  {
    name: "aws:userid of a federated user is account:name",
    statements: [stmt("Allow", { Resource: "arn:aws:s3:::bucket/${aws:userid}/*" })],
    principal: FEDERATED,
    resource: `arn:aws:s3:::bucket/${A}:carol/file`,
    expected: "ImplicitlyDenied", // a federated-user session without a session policy has no permissions
    source: AWS.sessionPolicies,
  },
  {
    name: "a multivalued key cannot be a variable: ${aws:TagKeys} never resolves",
    statements: [
      stmt("Allow", {
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalTag/k": "${aws:TagKeys}" } },
      }),
    ],
    context: { "aws:TagKeys": ["a", "b"], "aws:PrincipalTag/k": "a" },
    expected: "ImplicitlyDenied",
    source: AWS.variables,
  },
  // NotResource
  {
    name: "a variable in NotResource: Deny everything outside the caller's folder",
    statements: [
      stmt("Allow", { Resource: "*" }),
      stmt("Deny", { Action: "s3:*", NotResource: HOME }),
    ],
    principal: ALICE,
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/bob/x",
    expected: "ExplicitlyDenied",
    source: AWS.notResource,
  },
  {
    name: "a variable in NotResource: the caller's own folder is not denied",
    statements: [
      stmt("Allow", { Resource: "*" }),
      stmt("Deny", { Action: "s3:*", NotResource: HOME }),
    ],
    principal: ALICE,
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/x",
    expected: "Allowed",
    source: AWS.notResource,
  },
  {
    name: "a missing variable in NotResource excludes nothing, so the Deny applies",
    statements: [
      stmt("Allow", { Resource: "*" }),
      stmt("Deny", { Action: "s3:*", NotResource: HOME }),
    ],
    principal: SESSION,
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/x",
    expected: "ExplicitlyDenied",
    source: AWS.variables,
  },
  {
    // UNCONFIRMED in AWS's pages; iamspec treats substituted text literally (fail-safe, docs/evaluation-rules.md §6).
    name: "a substituted value containing * is literal text, not a wildcard",
    statements: [stmt("Allow", { Resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/project}/x" })],
    principal: SESSION,
    resource: "arn:aws:s3:::bucket/secret/x",
    context: { "aws:PrincipalTag/project": "*" },
    expected: "ImplicitlyDenied",
    source: "AWS UG: Access Analyzer policy check reference (Variable usage too permissive)",
  },
];

describe("policy variables", () => {
  it.each(rows.map((r) => [r.name, r]))("%s", (_name, r) => {
    const document: Doc =
      r.version === null
        ? { Statement: r.statements }
        : { Version: r.version ?? "2012-10-17", Statement: r.statements };
    const decision = decide({
      ...(r.principal !== undefined ? { principal: r.principal } : {}),
      action: r.action ?? "s3:GetObject",
      resource: r.resource ?? "*",
      context: r.context ?? {},
      policies: { identity: [document] },
    });
    expect(decision, r.source).toBe(r.expected);
  });
});
