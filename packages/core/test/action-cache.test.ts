// compile() caches, per policy, the statements whose action block matches each request action (by
// action text, and in a direct-mapped cache by the shared action key). Whatever the order and number
// of actions, and however many policies share them, decisions must equal those of a fresh evaluate().
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../src/evaluation/index.js";
import { ALICE, allow, decided, deny, policy } from "./helpers.js";

const SERVICES = ["s3", "ec2", "iam", "kms", "sqs"];
const ACTIONS = Array.from({ length: 300 }, (_, i) => `${SERVICES[i % 5]}:Action${i % 97}`);

const POLICY_A = policy(
  allow({ Action: ["s3:Action1*", "ec2:*"] }),
  deny({ Action: "ec2:Action5*" }),
  allow({ NotAction: ["iam:*", "s3:*"] }),
);
const POLICY_B = policy(allow({ Action: ["kms:Action2?", "sqs:Action3*", "S3:ACTION4*"] }));

describe("the per-policy action cache", () => {
  it("gives every decision of a fresh evaluate(), over 300 actions in three rounds", () => {
    const a = compile({ identity: [POLICY_A] });
    const b = compile({ identity: [POLICY_B] });
    const both = compile({ identity: [POLICY_A, POLICY_B] });
    for (let round = 0; round < 3; round++) {
      const order = round === 1 ? [...ACTIONS].reverse() : ACTIONS;
      for (const action of order) {
        const request = { action, resource: "*", principal: ALICE };
        expect(a.evaluate(request)).toEqual(
          evaluate({ ...request, policies: { identity: [POLICY_A] } }),
        );
        expect(b.evaluate(request)).toEqual(
          evaluate({ ...request, policies: { identity: [POLICY_B] } }),
        );
        expect(both.evaluate(request)).toEqual(
          evaluate({ ...request, policies: { identity: [POLICY_A, POLICY_B] } }),
        );
      }
    }
  });

  it("tells actions apart that differ only by case in the request (same statements)", () => {
    const engine = compile({ identity: [POLICY_B] });
    for (const action of ["s3:action4x", "S3:Action4x", "s3:ACTION4X", "s3:Action5"]) {
      expect(
        decided(engine.evaluate({ action, resource: "*", principal: ALICE })).decision,
        action,
      ).toBe(action.toLowerCase().startsWith("s3:action4") ? "Allowed" : "ImplicitlyDenied");
    }
  });
});
