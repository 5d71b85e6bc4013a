// compile().evaluate reuses its per-request scratch (the prepared request, the run state, the list
// the context entries are gathered in) and shares a context entry between requests that give a key
// the same value. Decisions must not depend on the requests before, nor on a request evaluated from
// inside another one (a getter of a caller's context object).
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../src/evaluation/index.js";
import { ALICE, allow, deny, policy } from "./helpers.js";

const POLICY = policy(
  allow({
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:::bucket/*",
    Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
  }),
  deny({
    Action: "s3:GetObject",
    Resource: "*",
    Condition: { StringEquals: { "aws:ResourceTag/Team": ["red", "blue"] } },
  }),
  allow({
    Action: "s3:PutObject",
    Resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/Team}/*",
  }),
);
const policies = { identity: [POLICY] };

const CONTEXTS: Record<string, unknown>[] = [
  { "aws:RequestedRegion": "us-east-1" },
  { "aws:RequestedRegion": "us-west-2" },
  { "aws:RequestedRegion": "us-east-1", "aws:ResourceTag/Team": "red" },
  { "aws:RequestedRegion": "us-east-1", "aws:ResourceTag/Team": ["green"] },
  { "AWS:RequestedRegion": "us-east-1", "aws:PrincipalTag/Team": "red" },
  { "aws:PrincipalTag/Team": "blue", "aws:RequestedRegion": ["us-east-1"] },
  {},
  { "aws:RequestedRegion": "us-east-1", "aws:requestedregion": "us-east-1" },
  { "aws:RequestedRegion": 1 },
  Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, `v${i}`])),
];
const REQUESTS = CONTEXTS.flatMap((context) =>
  ["arn:aws:s3:::bucket/red/key", "arn:aws:s3:::other/key"].flatMap((resource) =>
    ["s3:GetObject", "s3:PutObject"].map((action) => ({
      action,
      resource,
      principal: ALICE,
      context: context as Record<string, string>,
    })),
  ),
);

describe("requests evaluated one after another", () => {
  it("are decided as by a fresh evaluate(), in any order", () => {
    const engine = compile(policies);
    for (const order of [REQUESTS, [...REQUESTS].reverse()]) {
      for (const request of order) {
        expect(engine.evaluate(request)).toEqual(evaluate({ ...request, policies }));
        expect(engine.evaluate(request, { explain: true })).toEqual(
          evaluate({ ...request, policies }, { explain: true }),
        );
      }
    }
  });

  it("give results that later requests leave unchanged", () => {
    const engine = compile(policies);
    const kept = REQUESTS.map((request) => [
      engine.evaluate(request),
      engine.evaluate(request, { explain: true }),
    ]);
    REQUESTS.forEach((request, i) => {
      expect(kept[i]![0]).toEqual(evaluate({ ...request, policies }));
      expect(kept[i]![1]).toEqual(evaluate({ ...request, policies }, { explain: true }));
    });
  });

  it("are decided alike when one is evaluated from a getter of another's context", () => {
    const engine = compile(policies);
    for (const outer of REQUESTS) {
      for (const inner of [REQUESTS[0]!, REQUESTS[5]!, REQUESTS[13]!]) {
        const innerResults: unknown[] = [];
        const context: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(outer.context)) {
          Object.defineProperty(context, key, {
            enumerable: true,
            get() {
              innerResults.push(engine.evaluate(inner));
              return value;
            },
          });
        }
        const result = engine.evaluate({ ...outer, context: context as Record<string, string> });
        expect(result).toEqual(evaluate({ ...outer, policies }));
        for (const r of innerResults) expect(r).toEqual(evaluate({ ...inner, policies }));
      }
    }
  });
});

describe("a reused run state starts as a new one", () => {
  it("every field is reset, whatever the run before left in it", async () => {
    const { newRunState, releaseRunState, takeRunState } =
      await import("../src/evaluation/run-state.js");
    const { loadPolicySet } = await import("../src/evaluation/load-policies.js");
    const { prepareRequest } = await import("../src/evaluation/prepare-request.js");
    const set = loadPolicySet(policies);
    const prep = prepareRequest({ principal: ALICE, action: "s3:GetObject", resource: "*" });
    if ("error" in set || "error" in prep) throw new Error("expected a set and a request");
    const used = takeRunState(set, prep, true, 7, true);
    // A run leaves anything in any field: a field the reset forgets would show below.
    for (const key of Object.keys(used) as (keyof typeof used)[])
      (used as unknown as Record<string, unknown>)[key] = Symbol(key);
    releaseRunState(used);
    for (const [explain, id, other] of [
      [false, undefined, false],
      [true, "id", true],
    ] as const) {
      const reused = takeRunState(set, prep, explain, id, other);
      expect(reused).toBe(used);
      const fresh = newRunState(set, prep, explain, id, other);
      expect({ ...reused }).toEqual(fresh);
      releaseRunState(reused);
    }
  });
});
