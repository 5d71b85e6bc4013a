// What a decision says besides its verdict (docs/architecture.md §5.2 (the result); issue 3 "Explain"): which
// statements decided, in which layer and level, the notes and the one-sentence summary. Written
// against the mutation-testing survivors in src/evaluation/decide.ts: a Deny in any layer is found
// (not only in the identity layer), SCP/RCP levels are named, and notes are not dropped.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/index.js";
import type { EvaluationRequest, EvaluationResult } from "../../src/index.js";
import { ALLOW_ALL, isErrorOutcome, policyText } from "./support.js";

const allow = policyText(ALLOW_ALL);
const denyAll = policyText({ Sid: "NoS3", Effect: "Deny", Action: "s3:*", Resource: "*" });
const resourceAllow = policyText({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" });
const resourceDeny = policyText({
  Sid: "RD",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: "*",
});
const user = "arn:aws:iam::111122223333:user/alice";
/** Session policies bind only sessions (docs/evaluation-rules.md §7.1, §7.2 step 7): their rows use a role session. */
const roleSession = "arn:aws:sts::111122223333:assumed-role/Dev/s1";

function decided(request: EvaluationRequest, explain = true): EvaluationResult {
  const outcome = evaluate(request, { explain });
  if (isErrorOutcome(outcome)) throw new Error(outcome.error.message);
  return outcome;
}

describe("an explicit Deny is found in every layer and named in decidedBy", () => {
  it.each([
    ["identity", { identity: [allow, denyAll] }, { policyType: "identity", policyIndex: 1 }],
    [
      "resource",
      { identity: [allow], resource: [resourceAllow, resourceDeny] },
      { policyType: "resource", policyIndex: 1, sid: "RD" },
    ],
    [
      "boundary",
      { identity: [allow], boundary: [allow, denyAll] },
      { policyType: "boundary", policyIndex: 1 },
    ],
    [
      "session",
      { identity: [allow], session: [denyAll] },
      { policyType: "session", policyIndex: 0 },
    ],
    [
      "scp (flat)",
      { identity: [allow], scp: [allow, denyAll] },
      { policyType: "scp", policyIndex: 1, level: 0 },
    ],
    [
      "scp (second level)",
      { identity: [allow], scp: [[allow], [allow, denyAll]] },
      { policyType: "scp", policyIndex: 1, level: 1 },
    ],
    [
      "rcp (second level)",
      { identity: [allow], rcp: [[resourceAllow], [resourceAllow, resourceDeny]] },
      { policyType: "rcp", policyIndex: 1, level: 1 },
    ],
  ] as const)("%s", (_, policies, expected) => {
    const result = decided({
      principal: expected.policyType === "session" ? roleSession : user,
      action: "s3:GetObject",
      resource: "arn:aws:s3:::b/k",
      policies,
    });
    expect(result.decision).toBe("ExplicitlyDenied");
    expect(result.decidedBy).toHaveLength(1);
    expect(result.decidedBy[0]).toMatchObject({
      ...expected,
      effect: "Deny",
      statementIndex: 0,
      line: 1,
    });
    expect(result.explain!.summary).toMatch(/^Explicitly denied by /);
    expect(result.explain!.summary).toContain(
      expected.policyType === "scp" ? "SCP" : expected.policyType === "rcp" ? "RCP" : "",
    );
  });

  it("every applying Deny is listed, in layer order", () => {
    const result = decided({
      principal: roleSession,
      action: "s3:GetObject",
      resource: "arn:aws:s3:::b/k",
      policies: { identity: [allow, denyAll], resource: [resourceDeny], session: [denyAll] },
    });
    expect(result.decidedBy.map((d) => d.policyType)).toEqual(["identity", "resource", "session"]);
  });
});

describe("SCP and RCP levels each have to allow", () => {
  it("names the SCP level without an Allow", () => {
    const result = decided({
      principal: user,
      action: "s3:GetObject",
      policies: {
        identity: [allow],
        scp: [[allow], [denyAll.replace("Deny", "Allow").replace("s3:*", "ec2:*")]],
      },
    });
    expect(result.decision).toBe("ImplicitlyDenied");
    expect(result.decidedBy).toEqual([]);
    expect(result.explain!.summary).toBe(
      "Implicitly denied: no SCP at level 1 allows s3:GetObject on *",
    );
  });

  it("does not name a level when there is only one", () => {
    const result = decided({
      principal: user,
      action: "s3:GetObject",
      policies: {
        identity: [allow],
        scp: [policyText({ Effect: "Allow", Action: "ec2:*", Resource: "*" })],
      },
    });
    expect(result.explain!.summary).toBe("Implicitly denied: no SCP allows s3:GetObject on *");
  });

  it("names the RCP level without an Allow", () => {
    const ec2Only = policyText({ Effect: "Allow", Principal: "*", Action: "ec2:*", Resource: "*" });
    const result = decided({
      principal: user,
      action: "s3:GetObject",
      resource: "arn:aws:s3:::b/k",
      policies: { identity: [allow], rcp: [[resourceAllow], [ec2Only]] },
    });
    expect(result.decision).toBe("ImplicitlyDenied");
    expect(result.explain!.summary).toBe(
      "Implicitly denied: no RCP at level 1 allows s3:GetObject on arn:aws:s3:::b/k",
    );
  });

  it("SCPs do not bind a service principal, RCPs do", () => {
    const request = {
      principal: "cloudtrail.amazonaws.com",
      action: "s3:PutObject",
      resource: "arn:aws:s3:::b/k",
    };
    const scpDeny = decided({
      ...request,
      policies: { resource: [resourceAllow], scp: [allow, denyAll] },
    });
    expect(scpDeny.decision).toBe("Allowed");
    const rcpDeny = decided({
      ...request,
      policies: { resource: [resourceAllow], rcp: [resourceAllow, resourceDeny] },
    });
    expect(rcpDeny.decision).toBe("ExplicitlyDenied");
  });
});

describe("notes say what the decision could not see", () => {
  it("identity policies of a service principal are noted as not applicable", () => {
    const result = decided(
      {
        principal: "ec2.amazonaws.com",
        action: "s3:GetObject",
        policies: { identity: [allow], resource: [] },
      },
      false,
    );
    expect(result.decision).toBe("ImplicitlyDenied");
    expect(result.notes?.map((n) => n.code)).toContain("IDENTITY_POLICIES_NOT_APPLICABLE");
    expect(
      result.notes?.find((n) => n.code === "IDENTITY_POLICIES_NOT_APPLICABLE")?.message,
    ).toContain("service principal");
  });

  it("anonymous callers get the same note in their own words", () => {
    const result = decided(
      {
        principal: "anonymous",
        action: "s3:GetObject",
        policies: { identity: [allow], resource: [] },
      },
      false,
    );
    expect(
      result.notes?.find((n) => n.code === "IDENTITY_POLICIES_NOT_APPLICABLE")?.message,
    ).toContain("anonymous");
  });

  it("an Allow in identity-only mode notes that the resource's policies are unknown when they could matter", () => {
    const result = decided(
      {
        principal: user,
        action: "kms:Decrypt",
        resource: "arn:aws:kms:us-east-1:111122223333:key/k",
        policies: { identity: [allow] },
      },
      false,
    );
    expect(result.decision).toBe("Allowed");
    expect(result.notes?.length ?? 0).toBeGreaterThan(0);
  });

  it("a note about an unevaluable Deny names the statement and says it counts", () => {
    const deny = policyText({
      Sid: "Odd",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { NumericLessThan: { k: "ten" } },
    });
    const result = decided(
      {
        principal: user,
        action: "s3:GetObject",
        context: { k: "5" },
        policies: { identity: [allow, deny] },
      },
      false,
    );
    const note = result.notes?.find((n) => n.code === "STATEMENT_NOT_EVALUABLE");
    expect(note?.message).toContain("Odd");
    expect(note?.message).toMatch(/Deny counts as applying/);
  });

  it("a note about an unevaluable Allow says it does not count", () => {
    const odd = policyText({
      Sid: "Odd",
      Effect: "Allow",
      Action: "*",
      Resource: "*",
      Condition: { NumericLessThan: { k: "ten" } },
    });
    const result = decided(
      {
        principal: user,
        action: "s3:GetObject",
        context: { k: "5" },
        policies: { identity: [odd] },
      },
      false,
    );
    expect(result.decision).toBe("ImplicitlyDenied");
    expect(result.notes?.find((n) => n.code === "STATEMENT_NOT_EVALUABLE")?.message).toMatch(
      /Allow does not count/,
    );
  });
});

describe("the summary names what allowed", () => {
  it("an identity Allow", () => {
    const result = decided({
      principal: user,
      action: "s3:GetObject",
      policies: {
        identity: [policyText({ Sid: "Read", Effect: "Allow", Action: "s3:Get*", Resource: "*" })],
      },
    });
    expect(result.decision).toBe("Allowed");
    expect(result.explain!.summary).toMatch(/^Allowed by .*Read/);
    expect(result.decidedBy[0]).toMatchObject({
      policyType: "identity",
      sid: "Read",
      effect: "Allow",
      line: 1,
    });
  });

  it("the id is echoed on every kind of result", () => {
    for (const policies of [{ identity: [allow] }, { identity: [denyAll] }, { identity: [] }]) {
      expect(
        evaluate({ id: "r-1", principal: user, action: "s3:GetObject", policies }),
      ).toMatchObject({ id: "r-1" });
      expect(
        evaluate({ id: 7, principal: user, action: "s3:GetObject", policies }, { explain: true }),
      ).toMatchObject({ id: 7 });
    }
  });
});
