// Compiled policies are reused: a policy object passed again (the same object) or equal text is not
// parsed again, and a policy set passed again runs on the set already loaded. Reuse must never change
// a result: decisions, deciding statements (with their lines for text) and errors stay those of a
// first evaluation. Deciding-statement records are frozen and shared by the results of one loaded
// policy, so the same record (toBe) shows that a policy was reused and a new one that it was not.
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../src/evaluation/index.js";
import { parsePolicy } from "../src/policy/index.js";
import { TEXT_CACHE_LIMIT, loadPolicySet, textCacheSize } from "../src/evaluation/load-policies.js";
import type { EvaluationRequest } from "../src/types.js";
import { ALICE, EC2_IMAGE_BUILDER_TEXT, decided, deny, policy, allow } from "./helpers.js";

const REQUESTS: Omit<EvaluationRequest, "policies">[] = [
  {
    action: "ec2:RunInstances",
    resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
    context: { "aws:RequestTag/CreatedBy": "EC2 Image Builder" },
  },
  { action: "ec2:RunInstances", resource: "arn:aws:ec2:us-east-1::image/ami-1" },
  { action: "ec2:DescribeImages", resource: "*" },
  { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" },
  {
    action: "kms:Decrypt",
    resource: "arn:aws:kms:us-east-1:111122223333:key/k",
    context: {
      "kms:ViaService": "ec2.us-east-1.amazonaws.com",
      "kms:EncryptionContextKeys": ["aws:ebs:id"],
    },
  },
];

const firstDeciding = (r: ReturnType<typeof evaluate>) => decided(r).decidedBy[0];

describe("reuse of policies passed again", () => {
  it("gives, for the same object passed again, the decisions of a first evaluation", () => {
    const doc = JSON.parse(EC2_IMAGE_BUILDER_TEXT);
    for (const request of REQUESTS) {
      const fresh = evaluate({
        ...request,
        policies: { identity: [JSON.parse(EC2_IMAGE_BUILDER_TEXT)] },
      });
      for (let k = 0; k < 3; k++) {
        expect(evaluate({ ...request, policies: { identity: [doc] } })).toEqual(fresh);
        expect(evaluate({ ...request, policies: { identity: [doc] } }, { explain: true })).toEqual(
          evaluate(
            { ...request, policies: { identity: [JSON.parse(EC2_IMAGE_BUILDER_TEXT)] } },
            { explain: true },
          ),
        );
      }
    }
  });

  it("reuses a document object from its second use, in new policy sets (shared records)", () => {
    const doc = JSON.parse(EC2_IMAGE_BUILDER_TEXT);
    const request = REQUESTS[2]!;
    evaluate({ ...request, policies: { identity: [doc] } });
    const a = evaluate({ ...request, policies: { identity: [doc] } });
    const b = evaluate({ ...request, policies: { identity: [doc] } });
    expect(firstDeciding(a)).toBeDefined();
    expect(firstDeciding(b)).toBe(firstDeciding(a));
    // An equal but different object is parsed on its own.
    const c = evaluate({
      ...request,
      policies: { identity: [JSON.parse(EC2_IMAGE_BUILDER_TEXT)] },
    });
    expect(firstDeciding(c)).toEqual(firstDeciding(a));
    expect(firstDeciding(c)).not.toBe(firstDeciding(a));
  });

  it("reuses a parsed Policy passed again", () => {
    const parsed = parsePolicy(EC2_IMAGE_BUILDER_TEXT, { policyType: "identity" });
    if (!parsed.ok) throw new Error("seed does not parse");
    const request = { ...REQUESTS[2]!, policies: { identity: [parsed.policy] } };
    evaluate(request);
    expect(firstDeciding(evaluate(request))).toBe(firstDeciding(evaluate(request)));
  });

  it("gives the same records for equal text, with lines, and the object gives none", () => {
    const request = REQUESTS[0]!;
    const t1 = evaluate({ ...request, policies: { identity: [EC2_IMAGE_BUILDER_TEXT] } });
    const t2 = evaluate({ ...request, policies: { identity: [`${EC2_IMAGE_BUILDER_TEXT}`] } });
    expect(firstDeciding(t2)).toBe(firstDeciding(t1));
    expect(firstDeciding(t1)?.line).toBeGreaterThan(0);
    const o = evaluate({
      ...request,
      policies: { identity: [JSON.parse(EC2_IMAGE_BUILDER_TEXT)] },
    });
    expect(decided(o).decision).toBe(decided(t1).decision);
    expect(firstDeciding(o)?.line).toBeUndefined();
  });

  it("keeps each position its own record when one object fills two places", () => {
    const doc = policy(allow({ Action: "s3:GetObject" }));
    const request = { action: "s3:GetObject", resource: "*", principal: ALICE };
    const r = decided(evaluate({ ...request, policies: { identity: [doc, doc] } }));
    expect(r.decidedBy.map((d) => d.policyIndex)).toEqual([0, 1]);
    const named = decided(
      evaluate({ ...request, policies: { identity: [doc, { name: "Named", document: doc }] } }),
    );
    expect(named.decidedBy.map((d) => [d.policyIndex, d.policyName])).toEqual([
      [0, undefined],
      [1, "Named"],
    ]);
    // The same object as a boundary is checked as a boundary (its own compiled form).
    const bounded = decided(
      evaluate({ ...request, policies: { identity: [doc], boundary: [doc] } }),
    );
    expect(bounded.decision).toBe("Allowed");
  });

  it("reuses a policy set passed again, and compile() a request that repeats its set", () => {
    const set = { identity: [EC2_IMAGE_BUILDER_TEXT] };
    const request = REQUESTS[2]!;
    evaluate({ ...request, policies: set });
    const a = evaluate({ ...request, policies: set });
    expect(firstDeciding(evaluate({ ...request, policies: set }))).toBe(firstDeciding(a));
    const engine = compile(set);
    const viaEngine = engine.evaluate(request);
    expect(engine.evaluate({ ...request, policies: set })).toEqual(viaEngine);
    expect(firstDeciding(engine.evaluate({ ...request, policies: set }))).toBe(
      firstDeciding(viaEngine),
    );
  });
});

describe("a document changed after use", () => {
  const request = { action: "s3:GetObject", resource: "arn:aws:s3:::b/k", principal: ALICE };

  it("is seen when a statement is added to it", () => {
    const doc = policy(allow({ Action: "s3:GetObject" }));
    for (let k = 0; k < 2; k++) {
      expect(decided(evaluate({ ...request, policies: { identity: [doc] } })).decision).toBe(
        "Allowed",
      );
    }
    (doc.Statement as unknown[]).push(deny({ Action: "s3:*" }));
    expect(decided(evaluate({ ...request, policies: { identity: [doc] } })).decision).toBe(
      "ExplicitlyDenied",
    );
  });

  it("is seen when its Statement is replaced", () => {
    const doc = policy(allow({ Action: "s3:GetObject" }));
    const set = { identity: [doc] };
    for (let k = 0; k < 2; k++)
      expect(decided(evaluate({ ...request, policies: set })).decision).toBe("Allowed");
    doc.Statement = [deny({ Action: "s3:*" })];
    expect(decided(evaluate({ ...request, policies: set })).decision).toBe("ExplicitlyDenied");
  });

  it("is seen when a policy set gets another policy, or loses one", () => {
    const set = { identity: [policy(allow({ Action: "s3:GetObject" }))] };
    const engineless = () => decided(evaluate({ ...request, policies: set })).decision;
    expect(engineless()).toBe("Allowed");
    expect(engineless()).toBe("Allowed");
    set.identity.push(policy(deny({ Action: "s3:*" })));
    expect(engineless()).toBe("ExplicitlyDenied");
    expect(engineless()).toBe("ExplicitlyDenied");
    set.identity.pop();
    expect(engineless()).toBe("Allowed");
    expect(engineless()).toBe("Allowed");
    set.identity[0] = policy(deny({ Action: "s3:*" }));
    expect(engineless()).toBe("ExplicitlyDenied");
  });

  it("is seen when a policy set gets another layer, or a named policy another document", () => {
    const named = { name: "Named", document: policy(allow({ Action: "s3:GetObject" })) };
    const set: { identity: unknown[]; boundary?: unknown[] } = { identity: [named] };
    const decision = () =>
      decided(evaluate({ ...request, policies: set as { identity: never[] } })).decision;
    expect(decision()).toBe("Allowed");
    expect(decision()).toBe("Allowed");
    set.boundary = [policy(allow({ Action: "ec2:*" }))];
    expect(decision()).toBe("ImplicitlyDenied");
    delete set.boundary;
    expect(decision()).toBe("Allowed");
    expect(decision()).toBe("Allowed");
    named.document = policy(deny({ Action: "s3:*" }));
    expect(decision()).toBe("ExplicitlyDenied");
  });

  it("reports an error the second time as the first", () => {
    const bad = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*" }] };
    const first = evaluate({ ...request, policies: { identity: [bad] } });
    expect("error" in first).toBe(true);
    expect(evaluate({ ...request, policies: { identity: [bad] } })).toEqual(first);
  });
});

describe("the text cache", () => {
  it("holds at most TEXT_CACHE_LIMIT texts, and keeps the ones in use", () => {
    const kept = JSON.stringify(policy(allow({ Action: "s3:GetObject", Sid: "kept" })));
    const request = { action: "s3:GetObject", resource: "*", principal: ALICE };
    const first = firstDeciding(evaluate({ ...request, policies: { identity: [kept] } }));
    for (let i = 0; i < TEXT_CACHE_LIMIT * 3; i++) {
      const text = JSON.stringify(policy(allow({ Action: `s3:Get${i}` })));
      loadPolicySet({ identity: [text] });
      if (i % 16 === 0) loadPolicySet({ identity: [kept] });
      expect(textCacheSize()).toBeLessThanOrEqual(TEXT_CACHE_LIMIT);
    }
    expect(textCacheSize()).toBe(TEXT_CACHE_LIMIT);
    // Used again and again, the text stayed (least recently used texts go first).
    expect(firstDeciding(evaluate({ ...request, policies: { identity: [kept] } }))).toBe(first);
  });
});
