// "Never silently skip" (issue 3; docs/evaluation-rules.md §9): whatever cannot be evaluated is an error or a
// note and can never turn a Deny into an Allow. Every case here pairs an Allow of everything with a
// Deny that cannot be evaluated; the only wrong answer is Allowed. Malformed inputs of every shape
// (policy entries, requests, contexts, forged ASTs) give a result or an error result, never a throw.
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../../src/index.js";
import type { EvaluationRequest, Policy, PolicyEntry } from "../../src/index.js";
import { ALLOW_ALL, decisionOf, isErrorOutcome, policyText } from "./support.js";

const allow = policyText(ALLOW_ALL);

/** Evaluates with and without explanation and through compile(); all three must agree. */
function decideAllWays(request: EvaluationRequest): string {
  const plain = decisionOf(evaluate(request));
  const explained = decisionOf(evaluate(request, { explain: true }));
  const { policies, ...rest } = request;
  const compiled = decisionOf(compile(policies).evaluate(rest));
  expect(explained, "explain: true").toBe(plain);
  expect(compiled, "compile()").toBe(plain);
  return plain;
}

function denyWith(condition: object): string {
  return policyText({ Effect: "Deny", Action: "*", Resource: "*", Condition: condition });
}

describe("a Deny whose policy value does not parse for its operator still denies (fail-safe)", () => {
  // Context values are valid for the key's type, so only the policy value is at fault.
  const context = {
    "aws:MultiFactorAuthAge": "30",
    "aws:CurrentTime": "2026-01-01T00:00:00Z",
    "aws:SourceIp": "203.0.113.7",
    "aws:SecureTransport": "true",
    "s3:x-amz-content-sha256": "aGVsbG8=",
  };
  it.each([
    ["NumericLessThan", "aws:MultiFactorAuthAge", "thirty"],
    ["NumericNotEquals", "aws:MultiFactorAuthAge", "1e3"],
    ["NumericGreaterThanEquals", "aws:MultiFactorAuthAge", "0x10"],
    ["DateGreaterThan", "aws:CurrentTime", "yesterday"],
    ["DateNotEquals", "aws:CurrentTime", "2026-02-30"],
    ["DateLessThan", "aws:CurrentTime", "2026-01-01T10:00:00"],
    ["IpAddress", "aws:SourceIp", "203.0.113.999/24"],
    ["NotIpAddress", "aws:SourceIp", "10.0.0.0/33"],
    ["Bool", "aws:SecureTransport", "maybe"],
    ["BinaryEquals", "s3:x-amz-content-sha256", "!!not base64!!"],
    ["ForAnyValue:NumericEquals", "aws:MultiFactorAuthAge", "NaN"],
    ["ForAllValues:IpAddress", "aws:SourceIp", "::ffff:zz"],
    ["NumericLessThanIfExists", "aws:MultiFactorAuthAge", "Infinity"],
  ])("%s %s %j", (operator, key, value) => {
    const deny = denyWith({ [operator]: { [key]: value } });
    const decision = decideAllWays({
      action: "s3:GetObject",
      context,
      policies: { identity: [allow, deny] },
    });
    expect(decision).not.toBe("Allowed");
  });
});

describe("a Deny whose request value does not parse for its operator still denies (fail-safe)", () => {
  it.each([
    ["IpAddress", "aws:SourceIp", "10.0.0.0/8", "not-an-ip"],
    ["NotIpAddress", "aws:SourceIp", "10.0.0.0/8", "300.1.1.1"],
    ["IpAddress", "aws:SourceIp", "10.0.0.0/8", "10.0.0.1\u0000"],
    ["DateGreaterThan", "aws:CurrentTime", "2020-01-01T00:00:00Z", "tomorrow"],
    ["DateLessThan", "aws:CurrentTime", "2030-01-01T00:00:00Z", "2026-13-01T00:00:00Z"],
    ["NumericGreaterThan", "aws:MultiFactorAuthAge", "3600", "an hour"],
    ["NumericLessThan", "aws:MultiFactorAuthAge", "3600", "1e2"],
    ["Bool", "aws:SecureTransport", "false", "nope"],
    ["BinaryEquals", "s3:x", "aGVsbG8=", "%%%"],
    ["ForAnyValue:IpAddress", "aws:SourceIp", "10.0.0.0/8", ["192.0.2.1", "garbage"]],
    ["ForAllValues:NumericLessThan", "aws:MultiFactorAuthAge", "10", ["1", "x"]],
    ["NumericGreaterThanIfExists", "aws:MultiFactorAuthAge", "3600", "\u202E0063"],
  ])("%s %s %j with request value %j", (operator, key, policyValue, requestValue) => {
    const deny = denyWith({ [operator]: { [key]: policyValue } });
    const decision = decideAllWays({
      action: "s3:GetObject",
      context: { [key]: requestValue as string },
      policies: { identity: [allow, deny] },
    });
    expect(decision).not.toBe("Allowed");
  });

  it("says in a note which statement could not be evaluated", () => {
    const deny = denyWith({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } });
    const outcome = evaluate({
      action: "s3:GetObject",
      context: { "aws:SourceIp": "not-an-ip" },
      policies: { identity: [allow, deny] },
    });
    if (isErrorOutcome(outcome)) return; // an error is also a fail-safe answer
    expect(outcome.decision).toBe("ExplicitlyDenied");
    expect(outcome.notes?.map((n) => n.code)).toContain("STATEMENT_NOT_EVALUABLE");
  });

  it("an Allow that cannot be evaluated does not allow", () => {
    const allowIf = policyText({
      ...ALLOW_ALL,
      Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
    });
    expect(
      decideAllWays({
        action: "s3:GetObject",
        context: { "aws:SourceIp": "10.0.0.x" },
        policies: { identity: [allowIf] },
      }),
    ).not.toBe("Allowed");
  });
});

describe("grammar errors in any layer make the request an error, never Allowed", () => {
  const broken: [string, string][] = [
    ["an unknown operator", denyWith({ StringEqualsMaybe: { "aws:username": "x" } })],
    ["a misspelt qualifier", denyWith({ "ForAnyValues:StringEquals": { "aws:TagKeys": "x" } })],
    ["an operator in the wrong case", denyWith({ stringequals: { "aws:username": "x" } })],
    ["Effect in lower case", policyText({ Effect: "deny", Action: "*", Resource: "*" })],
    ["a trailing space in Effect", policyText({ Effect: "Deny ", Action: "*", Resource: "*" })],
    ["an Action of the wrong type", policyText({ Effect: "Deny", Action: 42, Resource: "*" })],
    [
      "a Condition that is a list",
      policyText({ Effect: "Deny", Action: "*", Resource: "*", Condition: [] }),
    ],
    [
      "a condition value that is an object",
      denyWith({ StringEquals: { "aws:username": { x: 1 } } }),
    ],
    [
      "a broken variable",
      policyText({ Effect: "Deny", Action: "*", Resource: "arn:aws:s3:::b/${aws:username" }),
    ],
    ["truncated JSON", allow.slice(0, -3)],
  ];
  it.each(broken)("a Deny with %s in an identity policy", (_, deny) => {
    expect(decideAllWays({ action: "s3:GetObject", policies: { identity: [allow, deny] } })).toBe(
      "error",
    );
  });
  it.each(broken)("a Deny with %s as the only SCP", (_, deny) => {
    expect(
      decideAllWays({
        action: "s3:GetObject",
        policies: { identity: [allow], scp: [allow, deny] },
      }),
    ).toBe("error");
  });
  it.each(broken)("a Deny with %s as a permissions boundary", (_, deny) => {
    expect(
      decideAllWays({
        action: "s3:GetObject",
        policies: { identity: [allow], boundary: [allow, deny] },
      }),
    ).toBe("error");
  });
});

describe("malformed requests and policy sets are error results, not exceptions", () => {
  const cases: [string, unknown][] = [
    ["a null request", null],
    ["a string request", "s3:GetObject"],
    ["no action", { policies: { identity: [allow] } }],
    ["an action that is a number", { action: 7, policies: { identity: [allow] } }],
    ["an action that is an array", { action: ["s3:GetObject"], policies: { identity: [allow] } }],
    [
      "a resource that is an object",
      { action: "s3:GetObject", resource: { arn: "x" }, policies: { identity: [allow] } },
    ],
    [
      "a principal that is a number",
      { action: "s3:GetObject", principal: 111122223333, policies: { identity: [allow] } },
    ],
    [
      "a context that is an array",
      { action: "s3:GetObject", context: ["a"], policies: { identity: [allow] } },
    ],
    [
      "a context that is a string",
      { action: "s3:GetObject", context: "aws:username=x", policies: { identity: [allow] } },
    ],
    [
      "a context value that is null",
      { action: "s3:GetObject", context: { k: null }, policies: { identity: [allow] } },
    ],
    [
      "a context value that is an object",
      { action: "s3:GetObject", context: { k: { v: 1 } }, policies: { identity: [allow] } },
    ],
    [
      "a context value that is NaN",
      { action: "s3:GetObject", context: { k: Number.NaN }, policies: { identity: [allow] } },
    ],
    [
      "a context value that is Infinity",
      {
        action: "s3:GetObject",
        context: { k: Number.POSITIVE_INFINITY },
        policies: { identity: [allow] },
      },
    ],
    [
      "a context value that is a bigint",
      { action: "s3:GetObject", context: { k: 10n }, policies: { identity: [allow] } },
    ],
    [
      "a context value that is a symbol",
      { action: "s3:GetObject", context: { k: Symbol("x") }, policies: { identity: [allow] } },
    ],
    [
      "a context list with a nested list",
      { action: "s3:GetObject", context: { k: [["a"]] }, policies: { identity: [allow] } },
    ],
    [
      "a context list with undefined",
      { action: "s3:GetObject", context: { k: [undefined] }, policies: { identity: [allow] } },
    ],
    [
      "context keys that differ only by case",
      {
        action: "s3:GetObject",
        context: { "aws:UserName": "a", "aws:username": "b" },
        policies: { identity: [allow] },
      },
    ],
    ["no policies", { action: "s3:GetObject" }],
    ["policies that are a string", { action: "s3:GetObject", policies: allow }],
    ["identity that is a string", { action: "s3:GetObject", policies: { identity: allow } }],
    [
      "identity that is an object",
      { action: "s3:GetObject", policies: { identity: { 0: allow } } },
    ],
    [
      "a policy entry that is null",
      { action: "s3:GetObject", policies: { identity: [allow, null] } },
    ],
    [
      "a policy entry that is a number",
      { action: "s3:GetObject", policies: { identity: [allow, 1] } },
    ],
    [
      "a policy entry that is a list",
      { action: "s3:GetObject", policies: { identity: [allow, [allow]] } },
    ],
    [
      "a policy entry with a cycle",
      {
        action: "s3:GetObject",
        policies: {
          identity: [
            allow,
            (() => {
              const d: Record<string, unknown> = { Version: "2012-10-17" };
              d.Statement = d;
              return d;
            })(),
          ],
        },
      },
    ],
    [
      "a named policy without document",
      { action: "s3:GetObject", policies: { identity: [allow, { name: "x" }] } },
    ],
    [
      "a named policy with a number document",
      { action: "s3:GetObject", policies: { identity: [allow, { name: "x", document: 5 }] } },
    ],
    [
      "SCP levels with a non-list level",
      { action: "s3:GetObject", policies: { identity: [allow], scp: [[allow], allow, 3] } },
    ],
    [
      "an SCP that is a string",
      { action: "s3:GetObject", policies: { identity: [allow], scp: allow } },
    ],
    [
      "an empty SCP level",
      { action: "s3:GetObject", policies: { identity: [allow], scp: [[allow], []] } },
    ],
    ["an RCP that is null", { action: "s3:GetObject", policies: { identity: [allow], rcp: null } }],
    [
      "resource policies that are a number",
      { action: "s3:GetObject", policies: { identity: [allow], resource: 0 } },
    ],
  ];

  it.each(cases)("%s", (_, request) => {
    for (const options of [undefined, { explain: true }]) {
      const outcome = evaluate(request as EvaluationRequest, options);
      expect(outcome).toBeTypeOf("object");
      if (isErrorOutcome(outcome)) {
        expect(typeof outcome.error.message).toBe("string");
        expect(outcome.error.message.length).toBeGreaterThan(0);
      } else {
        expect(["Allowed", "ExplicitlyDenied", "ImplicitlyDenied"]).toContain(outcome.decision);
      }
    }
  });
});

describe("a parsed Policy given directly is checked, not trusted", () => {
  const loc = { path: "$" };
  const list = (patterns: unknown) => ({ patterns, locs: [], loc }) as never;
  const statement = (extra: Record<string, unknown>) => ({
    index: 0,
    effect: "Deny",
    action: list(["*"]),
    resource: list(["*"]),
    conditions: [],
    loc,
    ...extra,
  });
  const policyOf = (...statements: object[]): Policy =>
    ({ version: "2012-10-17", versionGiven: true, statements }) as unknown as Policy;
  const condition = (extra: Record<string, unknown>) => ({
    operator: "StringEquals",
    baseOperator: "StringEquals",
    ifExists: false,
    key: "aws:username",
    values: [{ text: "x", jsonType: "string", loc }],
    loc,
    ...extra,
  });

  const forged: [string, Policy][] = [
    [
      "a Deny with an unknown base operator",
      policyOf(
        statement({ conditions: [condition({ operator: "Bogus", baseOperator: "Bogus" })] }),
      ),
    ],
    [
      "a Deny whose base operator names an Object.prototype member",
      policyOf(
        statement({
          conditions: [condition({ operator: "constructor", baseOperator: "constructor" })],
        }),
      ),
    ],
    ["a Deny with Effect in upper case", policyOf(statement({ effect: "DENY" }))],
    ["a statement without Effect", policyOf(statement({ effect: undefined }))],
    ["a Deny whose patterns are a string", policyOf(statement({ action: list("*") }))],
    ["a Deny whose conditions are not a list", policyOf(statement({ conditions: "none" }))],
    [
      "a Deny whose condition values are not a list",
      policyOf(statement({ conditions: [condition({ values: "x" })] })),
    ],
    ["a null statement", policyOf(null as never)],
  ];

  // Was bug H6 (/tmp/iamspec-bugs.md): any object shaped like a Policy was trusted; these threw
  // TypeErrors or answered Allowed.
  it.each(forged)("%s never gives Allowed and never throws", (_, policy) => {
    const identity: PolicyEntry[] = [allow, policy];
    for (const options of [undefined, { explain: true }]) {
      const outcome = evaluate(
        { action: "s3:GetObject", context: { "aws:username": "x" }, policies: { identity } },
        options,
      );
      expect(decisionOf(outcome)).not.toBe("Allowed");
    }
  });

  // Was bug H6: with `loc` fields added this answered Allowed; without them it threw.
  it("a statement without Effect in an AST-shaped JSON document does not allow", () => {
    // What a typo'd JSON file looks like after JSON.parse: lower-case keys, no Effect.
    for (const text of [
      '{"version":"2012-10-17","statements":[{"action":{"patterns":["*"]},"resource":{"patterns":["*"]},"conditions":[]}]}',
      '{"version":"2012-10-17","statements":[{"index":0,"action":{"patterns":["*"],"locs":[],"loc":{"path":"$"}},"resource":{"patterns":["*"],"locs":[],"loc":{"path":"$"}},"conditions":[],"loc":{"path":"$"}}]}',
    ]) {
      const document = JSON.parse(text);
      expect(
        decisionOf(evaluate({ action: "s3:GetObject", policies: { identity: [document] } })),
      ).not.toBe("Allowed");
    }
  });
});
