// Principal and NotPrincipal (docs/evaluation-rules.md §4.1, §4.2, "AWS JSON policy elements: Principal" and
// "NotPrincipal"): which entries name which caller, and how strongly (docs/evaluation-rules.md §7.2 step 4 decides by it).
import { describe, expect, it } from "vitest";
import type { PrincipalBlock, PrincipalKind } from "../../src/types.js";
import {
  isListedInNotPrincipal,
  matchPrincipalBlock,
  parseRequestPrincipal,
} from "../../src/matching/index.js";
import type { RequestPrincipal } from "../../src/matching/index.js";
import { evaluate } from "../../src/evaluation/index.js";
import { allow, decisionOf, deny, policy } from "../helpers.js";

const A = "111122223333";
const B = "444455556666";
const ALICE = `arn:aws:iam::${A}:user/division/alice`;
const SESSION = `arn:aws:sts::${A}:assumed-role/Builder/s1`;
const ROLE = `arn:aws:iam::${A}:role/Builder`;
const FEDERATED = `arn:aws:sts::${A}:federated-user/bob`;
const ROOT = `arn:aws:iam::${A}:root`;
const SERVICE = "cloudtrail.amazonaws.com";

function principal(value: string): RequestPrincipal {
  const parsed = parseRequestPrincipal(value);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed;
}

const loc = { path: "$" };
function block(entries: [PrincipalKind, string][], wildcard = false): PrincipalBlock {
  return { wildcard, entries: entries.map(([kind, value]) => ({ kind, value, loc })), loc };
}
const aws = (...values: string[]) => block(values.map((v) => ["AWS", v]));

describe('{"AWS": …} entries name callers as the Principal page says (docs/evaluation-rules.md §4.1)', () => {
  it.each([
    // "*" and {"AWS": "*"} are the same: everyone, anonymous and services included.
    ["*", ALICE, "wildcard"],
    ["*", "anonymous", "wildcard"],
    ["*", SERVICE, "wildcard"],
    // An account (12 digits or its :root ARN) delegates to every principal of that account.
    [A, ALICE, "account"],
    [A, SESSION, "account"],
    [A, FEDERATED, "account"],
    [ROOT, ALICE, "account"],
    [ROOT, SESSION, "account"],
    [A, ROOT, "root"],
    [ROOT, ROOT, "root"],
    [ROOT, A, "root"],
    [B, ALICE, undefined],
    [`arn:aws:iam::${B}:root`, ALICE, undefined],
    [A, "anonymous", undefined],
    [A, SERVICE, undefined],
    // Users, sessions and federated users by their exact, case-sensitive ARN.
    [ALICE, ALICE, "user"],
    [`arn:aws:iam::${A}:user/division/Alice`, ALICE, undefined],
    [`arn:aws:iam::${A}:user/alice`, ALICE, undefined],
    [SESSION, SESSION, "role-session"],
    [`arn:aws:sts::${A}:assumed-role/Builder/s2`, SESSION, undefined],
    [FEDERATED, FEDERATED, "federated-user"],
    [`arn:aws:sts::${A}:federated-user/Bob`, FEDERATED, undefined],
    [ALICE, SESSION, undefined],
    // A role ARN names every session of that role, whatever the role's path.
    [ROLE, SESSION, "role"],
    [`arn:aws:iam::${A}:role/team/Builder`, SESSION, "role"],
    [ROLE, ROLE, "role"],
    // Role names are unique in an account whatever the path: the same name is the same role.
    [`arn:aws:iam::${A}:role/team/Builder`, ROLE, "role"],
    [`arn:aws:iam::${A}:role/team/Other`, ROLE, undefined],
    [ROLE, `arn:aws:sts::${A}:assumed-role/Builder/other-session`, "role"],
    [`arn:aws:iam::${A}:role/builder`, SESSION, undefined],
    [`arn:aws:iam::${A}:role/XBuilder`, SESSION, undefined],
    [`arn:aws:iam::${A}:role/Builder/x`, SESSION, undefined],
    [`arn:aws:iam::${B}:role/Builder`, SESSION, undefined],
    [`arn:aws-cn:iam::${A}:role/Builder`, SESSION, undefined],
    [`arn:aws:sts::${A}:role/Builder`, SESSION, undefined],
    [`arn:aws:iam::${A}:user/Builder`, SESSION, undefined],
    [`arn:aws:iam::${A}:roles/Builder`, SESSION, undefined],
    // Role names cannot contain ":": an entry with more fields names no role.
    [`arn:aws:iam::${A}:role/Builder:x`, SESSION, undefined],
    [`arn:aws:iam::${A}:role/x:/Builder`, SESSION, undefined],
    [ROLE, ALICE, undefined],
    [ROLE, FEDERATED, undefined],
  ])("%s names %s as %s", (value, caller, kind) => {
    expect(matchPrincipalBlock(aws(value), principal(caller))).toBe(kind);
  });
});

describe("values that only look like an account name nobody (fail-safe, docs/evaluation-rules.md §4.1)", () => {
  it.each([
    `xrn:aws:iam::${A}:root`,
    `arn:aws:sts::${A}:root`,
    `arn:aws:iam::${A}:rooted`,
    `arn:aws:iam::${A}:root:x`,
    `arn:aws:iam:us-east-1:${A}`,
    "11112222333",
    "1111222233334",
    "11112222333x",
    `arn:aws:iam::${A.slice(1)}:root`,
  ])("%s does not name alice", (value) => {
    expect(matchPrincipalBlock(aws(value), principal(ALICE))).toBeUndefined();
  });
});

describe("request principals that name nobody are rejected (docs/evaluation-rules.md §10: ARNs of users, roles, sessions, root)", () => {
  it.each([
    "11112222333x", // an account id is exactly 12 digits
    "11112222333",
    `arn:aws:iam::${A}:user/`,
    `arn:aws:iam::${A}:user`,
    `arn:aws:iam::${A}:role/`,
    `arn:aws:iam::${A}:group/admins`,
    `arn:aws:iam::${A}:rolex/Builder`,
    `arn::iam::${A}:user/alice`,
    `arn:aws:iam::11112222333x:user/alice`,
    `arn:aws:sts::${A}:assumed-role//s1`,
    `arn:aws:sts::${A}:assumed-role/Builder/`,
    `arn:aws:sts::${A}:assumed-role/Builder`,
    `arn:aws:sts::${A}:assumed-role/Builder/s1/x`,
    `arn:aws:sts::${A}:role/Builder/s1`,
    `arn:aws:sts::${A}:federated-user/`,
    `arn:aws:sts::${A}:federated-user/bob/x`,
    `arn:aws:sts::${A}:user/alice`,
    `arn:aws:ec2::${A}:assumed-role/Builder/s1`,
    `arn:aws:ec2::${A}:federated-user/bob`,
    `arn:aws:s3::${A}:root`,
    "Cloudtrail.amazonaws.com",
  ])("%s is not a request principal", (value) => {
    expect(parseRequestPrincipal(value)).toHaveProperty("error");
  });

  it.each([
    [A, { kind: "root", arn: ROOT, partition: "aws", account: A }],
    [`arn:aws-cn:iam::${A}:root`, { kind: "root", partition: "aws-cn", account: A }],
    [
      `arn:aws-cn:sts::${A}:assumed-role/Builder/s1`,
      {
        kind: "assumed-role",
        roleName: "Builder",
        sessionName: "s1",
        roleArn: `arn:aws-cn:iam::${A}:role/Builder`,
      },
    ],
    [`arn:aws:iam::${A}:role/a/b/Builder`, { kind: "role", roleName: "Builder", path: "/a/b/" }],
    [`arn:aws:iam::${A}:role/Builder`, { kind: "role", roleName: "Builder", path: "/" }],
    [`arn:aws:iam::${A}:user/a/alice`, { kind: "user", name: "alice", account: A }],
    [FEDERATED, { kind: "federated-user", name: "bob", account: A }],
  ])("%s is parsed as %j", (value, expected) => {
    expect(parseRequestPrincipal(value)).toMatchObject(expected);
  });

  it("a role session in another partition is named by that partition's role ARN only", () => {
    const session = principal(`arn:aws-cn:sts::${A}:assumed-role/Builder/s1`);
    expect(matchPrincipalBlock(aws(`arn:aws-cn:iam::${A}:role/Builder`), session)).toBe("role");
    expect(matchPrincipalBlock(aws(ROLE), session)).toBeUndefined();
  });
});

describe("Service, Federated and CanonicalUser entries (docs/evaluation-rules.md §4.1, §7.4)", () => {
  it.each([
    [[["Service", SERVICE]], SERVICE, "service"],
    [[["Service", SERVICE]], "ec2.amazonaws.com", undefined],
    [[["Service", SERVICE]], ALICE, undefined],
    [[["Service", "*"]], SERVICE, undefined],
    // A Service entry names only service principals, even when the text equals a user's name.
    [[["Service", "alice"]], `arn:aws:iam::${A}:user/alice`, undefined],
    [[["AWS", SERVICE]], SERVICE, undefined],
    [[["Federated", "accounts.google.com"]], SESSION, undefined],
    [[["CanonicalUser", "79a59df900b949e55d96a1e698fbaced"]], ALICE, undefined],
  ] as [[PrincipalKind, string][], string, string | undefined][])(
    "%j names %s as %s",
    (entries, caller, kind) => {
      expect(matchPrincipalBlock(block(entries), principal(caller))).toBe(kind);
    },
  );
});

describe("the strongest way a block names the caller wins, in any order (docs/evaluation-rules.md §7.2 step 4)", () => {
  it.each([
    [[A, ALICE], ALICE, "user"],
    [[ALICE, A], ALICE, "user"],
    [["*", A], ALICE, "account"],
    [[A, "*"], ALICE, "account"],
    [[A, ROLE], SESSION, "role"],
    [[ROLE, A], SESSION, "role"],
    [[ROLE, SESSION], SESSION, "role-session"],
    [[SESSION, ROLE, "*"], SESSION, "role-session"],
    [["*", ROLE], SESSION, "role"],
    [[A, FEDERATED], FEDERATED, "federated-user"],
    [[FEDERATED, "*"], FEDERATED, "federated-user"],
    [["*", ROOT], ROOT, "root"],
    [[B, "*"], ALICE, "wildcard"],
    [[B, `arn:aws:iam::${B}:user/alice`], ALICE, undefined],
  ])("%j names %s as %s", (values, caller, kind) => {
    expect(matchPrincipalBlock(aws(...values), principal(caller))).toBe(kind);
  });

  it('"Principal": "*" names every caller, even with no entries', () => {
    for (const caller of [ALICE, SESSION, "anonymous", SERVICE])
      expect(matchPrincipalBlock(block([], true), principal(caller))).toBe("wildcard");
  });

  it("an empty block names nobody (docs/evaluation-rules.md §1.8)", () => {
    expect(matchPrincipalBlock(block([]), principal(ALICE))).toBeUndefined();
  });
});

describe("NotPrincipal lists a caller by its own ARN, a session also by its role (docs/evaluation-rules.md §4.2, DERIVED)", () => {
  it.each([
    [[ALICE], ALICE, true],
    [[A], ALICE, false], // the account entry lists only the root user (account evaluated first)
    [[A], ROOT, true],
    [[ROOT], ROOT, true],
    [[ROLE], SESSION, true],
    [[SESSION], SESSION, true],
    [[A, ROLE], SESSION, true],
    [[A], SESSION, false],
    [[FEDERATED], FEDERATED, true],
    [[`arn:aws:iam::${A}:user/bob`], ALICE, false],
    [["*"], ALICE, true],
    [[B], ROOT, false],
  ])("NotPrincipal %j lists %s: %s", (values, caller, listed) => {
    expect(isListedInNotPrincipal(aws(...values), principal(caller))).toBe(listed);
  });

  it('NotPrincipal "*" lists everyone', () => {
    expect(isListedInNotPrincipal(block([], true), principal(ALICE))).toBe(true);
  });
});

describe("Principal and NotPrincipal in resource-policy denies, through evaluate()", () => {
  const BUCKET = "arn:aws:s3:::bucket";
  const run = (
    caller: string | undefined,
    resourceStatement: Record<string, unknown>,
    extra = {},
  ) =>
    decisionOf({
      ...(caller !== undefined ? { principal: caller } : {}),
      action: "s3:GetObject",
      resource: `${BUCKET}/key`,
      policies: {
        identity: [policy(allow())],
        resource: [policy(allow({ Principal: "*" }), deny(resourceStatement as never))],
        ...extra,
      },
    });

  it.each([
    [ALICE, { Principal: { AWS: ALICE } }, "ExplicitlyDenied"],
    [ALICE, { Principal: { AWS: `arn:aws:iam::${A}:user/bob` } }, "Allowed"],
    [SESSION, { Principal: { AWS: ROLE } }, "ExplicitlyDenied"],
    [SESSION, { Principal: { AWS: A } }, "ExplicitlyDenied"],
    [SESSION, { Principal: { AWS: B } }, "Allowed"],
    [ALICE, { NotPrincipal: { AWS: ALICE } }, "Allowed"],
    [ALICE, { NotPrincipal: { AWS: A } }, "ExplicitlyDenied"],
    [SESSION, { NotPrincipal: { AWS: ROLE } }, "Allowed"],
    [SESSION, { NotPrincipal: { AWS: `arn:aws:iam::${A}:role/Other` } }, "ExplicitlyDenied"],
  ])("%s with a Deny %j is %s", (caller, statement, decision) => {
    expect(run(caller, statement)).toBe(decision);
  });

  it("a Deny with NotPrincipal always denies an IAM principal with a permissions boundary (docs/evaluation-rules.md §4.2)", () => {
    const boundary = { boundary: [policy(allow())] };
    expect(run(ALICE, { NotPrincipal: { AWS: ALICE } }, boundary)).toBe("ExplicitlyDenied");
    expect(run(ALICE, { NotPrincipal: { AWS: ALICE } })).toBe("Allowed");
  });

  it("without a principal in the request, a named Deny may apply (fail-safe) and a named Allow does not", () => {
    expect(run(undefined, { Principal: { AWS: ALICE } })).toBe("ExplicitlyDenied");
    expect(run(undefined, { NotPrincipal: { AWS: ALICE } })).toBe("ExplicitlyDenied");
    expect(run(undefined, { Principal: { AWS: "*" } })).toBe("ExplicitlyDenied");
    expect(run(undefined, { Principal: "*" })).toBe("ExplicitlyDenied");
  });
});

describe("requests without a principal and non-IAM callers under NotPrincipal (docs/evaluation-rules.md §4.1, §4.2)", () => {
  const BUCKET_OBJECT = "arn:aws:s3:::bucket/key";
  const grantOnly = (principalBlock: unknown, caller?: string) =>
    evaluate({
      ...(caller !== undefined ? { principal: caller } : {}),
      action: "s3:GetObject",
      resource: BUCKET_OBJECT,
      policies: {
        resource: [policy(allow({ Principal: principalBlock as never, Action: "s3:GetObject" }))],
      },
    });

  it('{"AWS": "*"} grants a request without a principal, like "*"', () => {
    for (const block of ["*", { AWS: "*" }, { AWS: [ALICE, "*"] }]) {
      const outcome = grantOnly(block);
      expect("decision" in outcome && outcome.decision).toBe("Allowed");
    }
  });

  it("an Allow naming someone does not grant a request without a principal, and needs no note", () => {
    const outcome = grantOnly({ AWS: ALICE });
    expect(outcome).toMatchObject({ decision: "ImplicitlyDenied" });
    expect(outcome).not.toHaveProperty("notes");
  });

  it("the boundary rule of Deny + NotPrincipal binds IAM principals only: a listed service is exempt", () => {
    const outcome = evaluate({
      principal: SERVICE,
      action: "s3:PutObject",
      resource: BUCKET_OBJECT,
      policies: {
        boundary: [policy(allow())],
        resource: [
          policy(
            allow({ Principal: { Service: SERVICE }, Action: "s3:PutObject" }),
            deny({ NotPrincipal: { Service: SERVICE }, Action: "s3:*" }),
          ),
        ],
      },
    });
    expect(outcome).toMatchObject({ decision: "Allowed" });
  });
});
