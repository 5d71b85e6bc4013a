// The engine reads a policy given as text without line and column (policy/deferred-positions.ts)
// and adds them when a decision or an explanation first needs them. Once added, the policy must be
// the one parsePolicy gives, location for location; and any text parsePolicy rejects, the deferred
// reading rejects with the same diagnostic.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, evaluate, parsePolicy } from "../src/index.js";
import {
  ensurePositions,
  parsePolicyDeferringPositions,
} from "../src/policy/deferred-positions.js";
import { FUZZ, duplicatedElementTextArb, mixedPolicyArb } from "./fuzz/arbitraries.js";
import { loadManagedPolicies } from "./fuzz/corpus.js";

function sameAsParsePolicy(text: string, deferredExpected?: boolean): void {
  const options = { policyType: "identity" as const };
  const eager = parsePolicy(text, options);
  const deferred = parsePolicyDeferringPositions(text, options);
  if (!deferred.ok || !eager.ok) {
    expect(deferred).toEqual(eager);
    return;
  }
  if (deferredExpected === true)
    expect(deferred.policy.statements[0]!.loc.line, "positions deferred").toBeUndefined();
  ensurePositions(deferred.policy);
  expect(JSON.stringify(deferred)).toBe(JSON.stringify(eager));
}

describe("positions added later are the ones parsePolicy gives", () => {
  it("for every managed policy, as indented and as compact text", () => {
    for (const { text, document } of loadManagedPolicies()) {
      sameAsParsePolicy(text);
      sameAsParsePolicy(JSON.stringify(document));
    }
  });

  it("for generated policies written with any indentation", () => {
    fc.assert(
      fc.property(mixedPolicyArb(), fc.constantFrom(0, 2, "\t"), (policy, indent) => {
        sameAsParsePolicy(JSON.stringify(policy, null, indent));
      }),
      { ...FUZZ, numRuns: 300 },
    );
  });

  it("reads a plain policy without positions until something asks", () => {
    sameAsParsePolicy(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
      true,
    );
  });
});

describe("what parsePolicy rejects, the deferred reading rejects alike", () => {
  for (const text of [
    '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Action":["s3:GetObject"],"Resource":"*"}]}',
    '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericEquals":{"k":1,"k":2}}}}',
    '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}',
    '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"b":"x","1":"y"}}}}',
  ]) {
    it(text, () => sameAsParsePolicy(text));
  }

  it("any duplicated element, whatever its value and wherever it is written", () => {
    fc.assert(
      fc.property(duplicatedElementTextArb(), (text) => {
        const deferred = parsePolicyDeferringPositions(text, { policyType: "identity" });
        expect(deferred.ok).toBe(false);
        sameAsParsePolicy(text);
      }),
      { ...FUZZ, numRuns: 200 },
    );
  });
});

describe("decisions on policy text name their statements' lines", () => {
  const text = JSON.stringify(
    {
      Version: "2012-10-17",
      Statement: [
        { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
        {
          Sid: "NoDelete",
          Effect: "Deny",
          Action: "s3:DeleteObject",
          Resource: "*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    },
    null,
    2,
  );

  it("in deciding statements and explanations, as parsePolicy places them", () => {
    const statements = parsePolicy(text);
    if (!statements.ok) throw new Error("expected a policy");
    const [read, noDelete] = statements.policy.statements;
    const engine = compile({ identity: [text] });
    const allowed = engine.evaluate({ action: "s3:GetObject", resource: "arn:aws:s3:::b/k" });
    expect(allowed).toMatchObject({
      decision: "Allowed",
      decidedBy: [{ sid: "Read", line: read!.loc.line, column: read!.loc.column }],
    });
    const denied = evaluate(
      {
        action: "s3:DeleteObject",
        resource: "arn:aws:s3:::b/k",
        context: { "aws:SecureTransport": false },
        policies: { identity: [text] },
      },
      { explain: true },
    );
    expect(denied).toMatchObject({
      decision: "ExplicitlyDenied",
      decidedBy: [{ sid: "NoDelete", line: noDelete!.loc.line }],
    });
    const shown = JSON.stringify(denied);
    expect(shown).toContain(`"line":${noDelete!.conditions[0]!.loc.line}`);
  });
});
