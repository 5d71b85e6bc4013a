// The request and its context (docs/evaluation-rules.md §5.2, §6, §8, §10): condition keys are case-insensitive,
// values keep their JSON text, lists are multivalued, keys derived from the principal and the resource
// ARN fill in what the request does not give, and bad requests get a one-line error with a JSON path.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/index.js";
import type { ContextValue, EvaluationRequest } from "../../src/types.js";
import { allow, decisionOf, deny, policy } from "../helpers.js";
import type { Doc } from "../helpers.js";

const A = "111122223333";
const ALICE = `arn:aws:iam::${A}:user/alice`;
const SESSION = `arn:aws:sts::${A}:assumed-role/Builder/s1`;
const ROLE = `arn:aws:iam::${A}:role/Builder`;
const FEDERATED = `arn:aws:sts::${A}:federated-user/bob`;
const ROOT = `arn:aws:iam::${A}:root`;
const SERVICE = "cloudtrail.amazonaws.com";
const TOPIC = `arn:aws:sns:us-east-1:${A}:topic`;

/**
 * "Allowed" when the condition holds for the request, "ImplicitlyDenied" otherwise. The condition sits
 * on a resource-policy Deny with `"Principal": "*"`, which is evaluated first for every kind of caller
 * (docs/evaluation-rules.md §7.2 step 1), root and service principals included; the answer is mapped back to what an Allow
 * with the same condition would say.
 */
function whether(
  condition: Doc,
  principal: string | undefined,
  context: Record<string, ContextValue> = {},
  resource = TOPIC,
): string {
  const decision = decisionOf({
    ...(principal !== undefined ? { principal } : {}),
    action: "sns:Publish",
    resource,
    context,
    policies: {
      identity: [policy(allow())],
      resource: [policy(allow({ Principal: "*" }), deny({ Principal: "*", Condition: condition }))],
    },
  });
  if (decision.startsWith("error")) return decision;
  return decision === "ExplicitlyDenied" ? "Allowed" : "ImplicitlyDenied";
}

const equals = (key: string, value: string | string[]): Doc => ({ StringEquals: { [key]: value } });
const absent = (key: string): Doc => ({ Null: { [key]: "true" } });

describe("keys derived from the principal (docs/evaluation-rules.md §8, §6 principal table)", () => {
  it.each([
    [ALICE, "aws:PrincipalAccount", A],
    [ALICE, "aws:PrincipalType", "User"],
    [ALICE, "aws:PrincipalArn", ALICE],
    [ALICE, "aws:username", "alice"],
    [ALICE, "aws:PrincipalIsAWSService", "false"],
    [ROOT, "aws:PrincipalType", "Account"],
    [ROOT, "aws:PrincipalArn", ROOT],
    [ROOT, "aws:userid", A],
    [ROOT, "aws:PrincipalAccount", A],
    [A, "aws:PrincipalArn", ROOT],
    // Role sessions report the role's ARN, not the session's (docs/evaluation-rules.md §8).
    [SESSION, "aws:PrincipalArn", ROLE],
    [SESSION, "aws:PrincipalType", "AssumedRole"],
    [SESSION, "aws:PrincipalAccount", A],
    [SESSION, "aws:PrincipalIsAWSService", "false"],
    [ROLE, "aws:PrincipalArn", ROLE],
    [ROLE, "aws:PrincipalType", "AssumedRole"],
    [FEDERATED, "aws:PrincipalType", "FederatedUser"],
    [FEDERATED, "aws:PrincipalArn", FEDERATED],
    [FEDERATED, "aws:userid", `${A}:bob`],
    ["anonymous", "aws:PrincipalAccount", "anonymous"],
    ["anonymous", "aws:PrincipalType", "Anonymous"],
    ["anonymous", "aws:userid", "anonymous"],
    [SERVICE, "aws:PrincipalIsAWSService", "true"],
    [SERVICE, "aws:PrincipalServiceName", SERVICE],
  ])("%s has %s = %s", (principal, key, value) => {
    expect(whether(equals(key, value), principal)).toBe("Allowed");
    expect(whether(equals(key, `${value}-other`), principal)).toBe("ImplicitlyDenied");
    // Key names are case-insensitive (docs/evaluation-rules.md §5.2).
    expect(whether(equals(key.toUpperCase(), value), principal)).toBe("Allowed");
  });

  it.each([
    [SESSION, "aws:username"], // only IAM users have a user name
    [ROOT, "aws:username"],
    [FEDERATED, "aws:username"],
    ["anonymous", "aws:PrincipalArn"], // absent for anonymous callers
    ["anonymous", "aws:username"],
    [SERVICE, "aws:PrincipalAccount"],
    [SERVICE, "aws:PrincipalArn"],
    [ALICE, "aws:PrincipalServiceName"],
    [ALICE, "aws:userid"], // an IAM user's unique id is not in its ARN
    [SESSION, "aws:userid"], // role-id:session, the role id is not in the ARN
    [ROLE, "aws:userid"],
    [ROLE, "aws:username"],
  ])("%s has no %s", (principal, key) => {
    expect(whether(absent(key), principal)).toBe("Allowed");
  });

  it("a request without a principal has no derived keys", () => {
    expect(whether(absent("aws:PrincipalAccount"), undefined)).toBe("Allowed");
    expect(whether(absent("aws:PrincipalType"), undefined)).toBe("Allowed");
  });

  it("a key the request gives wins over the derived value", () => {
    expect(
      whether(equals("aws:PrincipalAccount", B()), ALICE, { "aws:PrincipalAccount": B() }),
    ).toBe("Allowed");
    expect(whether(equals("aws:PrincipalAccount", A), ALICE, { "aws:principalaccount": B() })).toBe(
      "ImplicitlyDenied",
    );
    expect(whether(equals("aws:username", "carol"), ALICE, { "aws:username": "carol" })).toBe(
      "Allowed",
    );
  });
});

function B(): string {
  return "444455556666";
}

describe("aws:ResourceAccount: given, else the ARN's 12-digit account field (docs/evaluation-rules.md §8, §10)", () => {
  it.each([
    [TOPIC, A, true],
    [`arn:aws:sns:us-east-1:${B()}:topic`, B(), true],
    [`arn:aws:sns:us-east-1:${B()}:topic`, A, false],
    ["arn:aws:s3:::bucket", A, false], // no account field: the key is absent
    [`arn:aws:sns:us-east-1:${A}0:topic`, `${A}0`, false], // not an account id
    [`arn:aws:sns:us-east-1:11112222333x:topic`, "11112222333x", false],
    ["*", A, false],
  ])("%s has aws:ResourceAccount = %s: %s", (resource, account, expected) => {
    expect(whether(equals("aws:ResourceAccount", account), ALICE, {}, resource)).toBe(
      expected ? "Allowed" : "ImplicitlyDenied",
    );
  });

  it.each([["arn:aws:s3:::bucket"], ["*"], [`arn:aws:sns:us-east-1:${A}0:topic`]])(
    "%s has no aws:ResourceAccount",
    (resource) => {
      expect(whether(absent("aws:ResourceAccount"), ALICE, {}, resource)).toBe("Allowed");
    },
  );

  it("a given aws:ResourceAccount wins over the ARN", () => {
    expect(whether(equals("aws:ResourceAccount", B()), ALICE, { "aws:ResourceAccount": B() })).toBe(
      "Allowed",
    );
    expect(whether(equals("aws:ResourceAccount", A), ALICE, { "AWS:RESOURCEACCOUNT": B() })).toBe(
      "ImplicitlyDenied",
    );
  });
});

describe("context values keep their JSON text; lists are multivalued (docs/evaluation-rules.md §5.5, §5.6, §10)", () => {
  it.each([
    [{ k: "v" }, equals("k", "v"), "Allowed"],
    [{ k: true }, { Bool: { k: "true" } }, "Allowed"],
    [{ k: false }, equals("k", "false"), "Allowed"],
    [{ k: false }, equals("k", "true"), "ImplicitlyDenied"],
    [{ k: 10 }, equals("k", "10"), "Allowed"],
    [{ k: 1.5 }, { NumericGreaterThan: { k: "1" } }, "Allowed"],
    [{ k: ["a", 2, true] }, { "ForAllValues:StringEquals": { k: ["a", "2", "true"] } }, "Allowed"],
    [
      { k: ["a", 2, false] },
      { "ForAllValues:StringEquals": { k: ["a", "2", "true"] } },
      "ImplicitlyDenied",
    ],
    [{ k: ["a", "b"] }, { "ForAnyValue:StringEquals": { k: "b" } }, "Allowed"],
    [{ k: [] }, { "ForAnyValue:StringEquals": { k: "b" } }, "ImplicitlyDenied"],
    [{ K: "v" }, equals("k", "v"), "Allowed"],
    [{ k: "v" }, equals("K", "v"), "Allowed"],
    [{ k: "V" }, equals("k", "v"), "ImplicitlyDenied"], // values are case-sensitive
  ])("context %j with %j is %s", (context, condition, decision) => {
    expect(whether(condition, ALICE, context as Record<string, ContextValue>)).toBe(decision);
  });
});

describe("policy variables take single-valued keys only (docs/evaluation-rules.md §6)", () => {
  const resourceFor = (tag: string) => `arn:aws:sns:us-east-1:${A}:${tag}`;
  const request = (context: Record<string, ContextValue>, resource: string): EvaluationRequest => ({
    principal: ALICE,
    action: "sns:Publish",
    resource,
    context,
    policies: {
      identity: [
        policy(allow({ Resource: `arn:aws:sns:us-east-1:${A}:\${aws:PrincipalTag/team}` })),
      ],
    },
  });
  it.each([
    [{ "aws:PrincipalTag/team": "red" }, "red", "Allowed"],
    [{ "aws:principaltag/TEAM": "red" }, "red", "Allowed"],
    [{ "aws:PrincipalTag/team": "red" }, "blue", "ImplicitlyDenied"],
    // A list is multivalued, even with one element: no variable value, the entry matches nothing.
    [{ "aws:PrincipalTag/team": ["red"] }, "red", "ImplicitlyDenied"],
    [{ "aws:PrincipalTag/team": ["red", "blue"] }, "red", "ImplicitlyDenied"],
    [{}, "red", "ImplicitlyDenied"],
  ])("context %j and resource %s: %s", (context, tag, decision) => {
    expect(decisionOf(request(context as Record<string, ContextValue>, resourceFor(tag)))).toBe(
      decision,
    );
  });

  it("derived keys are variables too (aws:username of an IAM user)", () => {
    const req = {
      principal: ALICE,
      action: "sns:Publish",
      resource: resourceFor("alice"),
      policies: {
        identity: [policy(allow({ Resource: `arn:aws:sns:us-east-1:${A}:\${aws:username}` }))],
      },
    };
    expect(decisionOf(req)).toBe("Allowed");
    expect(decisionOf({ ...req, principal: SESSION })).toBe("ImplicitlyDenied");
  });
});

describe("a variable without a value in a condition is effectively null (docs/evaluation-rules.md §6)", () => {
  it.each([
    ["StringEquals", "ImplicitlyDenied"],
    ["StringEqualsIgnoreCase", "ImplicitlyDenied"],
    ["StringLike", "ImplicitlyDenied"],
    ["StringNotEquals", "Allowed"],
  ])("%s with ${aws:PrincipalTag/none} against a value is %s", (operator, decision) => {
    // Whatever the request value, even text a careless substitution could produce.
    for (const value of ["undefined", "", "null"])
      expect(
        whether({ [operator]: { "test:k": "${aws:PrincipalTag/none}" } }, ALICE, {
          "test:k": value,
        }),
      ).toBe(decision);
  });

  it("the default value is used when the key is absent", () => {
    expect(
      whether({ StringEquals: { "test:k": "${aws:PrincipalTag/none, 'x'}" } }, ALICE, {
        "test:k": "x",
      }),
    ).toBe("Allowed");
  });
});

describe("many context keys (past the linear-scan limit) are found and checked the same way", () => {
  const many = (n: number): Record<string, string> => {
    const context: Record<string, string> = {};
    for (let i = 0; i < n; i++) context[`test:Key${i}`] = `v${i}`;
    return context;
  };
  it.each([1, 7, 8, 9, 10, 40])("the first and the last of %i keys are found", (n) => {
    const context = many(n);
    expect(whether(equals("test:key0", "v0"), ALICE, context)).toBe("Allowed");
    expect(whether(equals(`TEST:KEY${n - 1}`, `v${n - 1}`), ALICE, context)).toBe("Allowed");
    expect(whether(absent(`test:key${n}`), ALICE, context)).toBe("Allowed");
    expect(whether(equals(`test:key${n - 1}`, "v-none"), ALICE, context)).toBe("ImplicitlyDenied");
  });

  it.each([2, 8, 9, 10, 40])(
    "two of %i keys that differ only by case are rejected, wherever they are",
    (n) => {
      const first = { ...many(n), "TEST:KEY0": "x" };
      const last = { ...many(n), [`test:KEY${n - 1}`]: "x" };
      for (const context of [first, last]) {
        const outcome = evaluate({
          principal: ALICE,
          action: "sns:Publish",
          context,
          policies: { identity: [policy(allow())] },
        });
        expect(outcome).toMatchObject({ error: { code: "INVALID_REQUEST" } });
        if (!("error" in outcome)) continue;
        expect(outcome.error.message).toMatch(
          /differ only by case; condition keys are case-insensitive/,
        );
        expect(outcome.error.path).toMatch(/^\$\.context\["(TEST:KEY0|test:KEY\d+)"\]$/);
      }
    },
  );
});

describe("bad requests get one error naming the field (docs/evaluation-rules.md §10, team rules)", () => {
  const base = { action: "sns:Publish", policies: { identity: [policy(allow())] } };
  it.each([
    ["no action", { ...base, action: undefined }, "$.action", /request\.action is required/],
    ["an empty action", { ...base, action: "" }, "$.action", /request\.action is required/],
    [
      "an action that is a number",
      { ...base, action: 1 },
      "$.action",
      /request\.action is required/,
    ],
    [
      "an empty resource",
      { ...base, resource: "" },
      "$.resource",
      /request\.resource must be an ARN or "\*"/,
    ],
    ["a resource that is a list", { ...base, resource: ["*"] }, "$.resource", /request\.resource/],
    [
      "a principal that is a number",
      { ...base, principal: 1 },
      "$.principal",
      /request\.principal must be a string/,
    ],
    [
      "a principal that is not recognised",
      { ...base, principal: "bob" },
      "$.principal",
      /Unrecognised principal "bob"/,
    ],
    [
      "a malformed principal ARN",
      { ...base, principal: "arn:aws:iam::1:user/x" },
      "$.principal",
      /Unrecognised principal ARN/,
    ],
    [
      "a context that is a list",
      { ...base, context: ["k"] },
      "$.context",
      /context must be an object/,
    ],
    [
      "a context that is a string",
      { ...base, context: "k" },
      "$.context",
      /context must be an object/,
    ],
    [
      "a context value that is an object",
      { ...base, context: { k: {} } },
      '$.context["k"]',
      /context key "k": value must be a string, number, boolean or a list of them/,
    ],
    [
      "a context value that is null",
      { ...base, context: { k: null } },
      '$.context["k"]',
      /value must be/,
    ],
    [
      "a context value that is NaN",
      { ...base, context: { k: Number.NaN } },
      '$.context["k"]',
      /value must be/,
    ],
    [
      "a context list item that is an object",
      { ...base, context: { k: ["a", {}] } },
      '$.context["k"]',
      /context key "k": list items must be strings, numbers or booleans/,
    ],
    [
      "a context list item that is null",
      { ...base, context: { k: [null] } },
      '$.context["k"]',
      /list items must be/,
    ],
  ])("%s", (_name, request, path, message) => {
    const outcome = evaluate(request as unknown as EvaluationRequest);
    expect(outcome).toMatchObject({ error: { code: "INVALID_REQUEST", path } });
    if ("error" in outcome) expect(outcome.error.message).toMatch(message);
  });

  it("a request that is not an object is an error, not a throw", () => {
    const outcome = evaluate(null as unknown as EvaluationRequest);
    expect(outcome).toMatchObject({ error: { code: "INVALID_REQUEST" } });
  });

  it('an absent resource is "*" and an absent or null context has no keys', () => {
    for (const context of [undefined, null, {}]) {
      const request = {
        principal: ALICE,
        action: "sns:Publish",
        ...(context !== undefined ? { context } : {}),
        policies: { identity: [policy(allow({ Resource: "*", Condition: absent("k") }))] },
      };
      expect(decisionOf(request as EvaluationRequest)).toBe("Allowed");
    }
  });
});
