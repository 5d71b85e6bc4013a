// `can` over the hand-built account (fixtures/account-cli.json) with a small IAM service data:
// every answer checked, for groups, boundaries, inline denies, AWS managed attachments and trust
// policies; uncertain answers; the resource filter; the errors.
import { describe, expect, it } from "vitest";
import { CanQueryError, can, createServiceData, parseAccessLevel } from "../../src/index.js";
import type { CanResult } from "../../src/index.js";
import { A, arn, fixtureAccount } from "./fixture-account.js";
import { smallServiceData } from "./small-service-data.js";

const serviceData = createServiceData(smallServiceData);

/** `service:Action` -> decision (with `?otherDecision` when uncertain). */
function answers(result: CanResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const service of result.services)
    for (const level of service.accessLevels)
      for (const a of level.actions)
        out[a.action] = a.uncertain ? `${a.decision}?${a.otherDecision}` : a.decision;
  return out;
}

const ask = async (who: string, query: Partial<Parameters<typeof can>[2]> = {}) =>
  can(await fixtureAccount(), who, { serviceData, ...query });

describe("can, on the hand-built account", () => {
  it("alice: every ec2 action from her group's OnlyEc2, and GetCallerIdentity, which needs no permission", async () => {
    const result = await ask(arn.alice);
    expect(answers(result)).toEqual({
      "ec2:DescribeInstances": "Allowed",
      "ec2:RunInstances": "Allowed",
      "ec2:TerminateInstances": "Allowed",
      "ec2:CreateTags": "Allowed",
      "sts:GetCallerIdentity": "Allowed",
    });
    expect(result).toMatchObject({ kind: "user", resource: "*", asked: 14, allowed: 5 });
    expect(result.serviceDataDate).toBe("2026-09-26");
    // Grouped by service (prefix order), then access level.
    expect(
      result.services.map((s) => [s.service, s.asked, s.accessLevels.map((l) => l.accessLevel)]),
    ).toEqual([
      ["ec2", 4, ["List", "Write", "Tagging"]],
      ["sts", 2, ["Read"]],
    ]);
    const run = result.services[0]!.accessLevels[1]!.actions[0]!;
    expect(run.decidedBy.map((d) => d.policyName)).toEqual(["OnlyEc2"]);
  });

  it("alice on an object of data/: the group's inline grant; under data/secret/ her inline Deny", async () => {
    const report = await ask(arn.alice, { resource: "arn:aws:s3:::data/report.csv" });
    expect(answers(report)).toEqual({ "s3:GetObject": "Allowed" });
    expect(report.asked).toBe(2); // GetObject, PutObject: the object's actions
    expect(report.services[0]!.accessLevels[0]!.actions[0]!.decidedBy[0]!.policyName).toBe(
      "group/devs/DataRead",
    );
    const secret = await ask(arn.alice, { resource: "arn:aws:s3:::data/secret/key" });
    expect(answers(secret)).toEqual({});
    expect(secret.asked).toBe(2);
  });

  it("bob: the same group, but his boundary (OnlyEc2) keeps only ec2", async () => {
    expect(answers(await ask(arn.bob))).toEqual({
      "ec2:DescribeInstances": "Allowed",
      "ec2:RunInstances": "Allowed",
      "ec2:TerminateInstances": "Allowed",
      "ec2:CreateTags": "Allowed",
      "sts:GetCallerIdentity": "Allowed",
    });
    expect(answers(await ask(arn.bob, { resource: "arn:aws:s3:::data/report.csv" }))).toEqual({});
  });

  it("carol: sts:AssumeRole from her customer managed policy; on a role, as its trust policy says", async () => {
    expect(answers(await ask(arn.carol))).toEqual({
      "sts:AssumeRole": "Allowed",
      "sts:GetCallerIdentity": "Allowed",
    });
    // The auditor's trust policy names the account: her identity policy then suffices.
    const auditor = await ask(arn.carol, { resource: arn.auditor });
    expect(answers(auditor)).toEqual({ "sts:AssumeRole": "Allowed" });
    expect(
      auditor.services[0]!.accessLevels[0]!.actions[0]!.decidedBy.map((d) => d.policyType),
    ).toEqual(["identity", "resource"]);
    // The deployer's names only alice; the worker's only a service.
    expect(answers(await ask(arn.carol, { resource: arn.deployer }))).toEqual({});
    expect(answers(await ask(arn.carol, { resource: arn.worker }))).toEqual({});
  });

  it("alice may assume the deployer without any identity policy: its trust policy names her", async () => {
    const result = await ask(arn.alice, { resource: arn.deployer });
    expect(answers(result)).toEqual({ "sts:AssumeRole": "Allowed" });
    expect(result.asked).toBe(1);
    expect(result.services[0]!.accessLevels[0]!.actions[0]!.decidedBy).toEqual([
      expect.objectContaining({ policyType: "resource", policyName: "role/deployer/trust" }),
    ]);
  });

  it("deployer: its inline cloudformation:*", async () => {
    expect(answers(await ask(arn.deployer))).toEqual({
      "cloudformation:DescribeStacks": "Allowed",
      "cloudformation:CreateStack": "Allowed",
      "sts:GetCallerIdentity": "Allowed",
    });
  });

  it("auditor: the attached AWS managed ReadOnlyAccess (s3 Get* and List*)", async () => {
    const result = await ask(arn.auditor);
    expect(answers(result)).toEqual({
      "s3:GetObject": "Allowed",
      "s3:ListAllMyBuckets": "Allowed",
      "s3:ListBucket": "Allowed",
      "sts:GetCallerIdentity": "Allowed",
    });
    expect(result.services[0]!.accessLevels.map((l) => l.actions.map((a) => a.action))).toEqual([
      ["s3:ListAllMyBuckets", "s3:ListBucket"],
      ["s3:GetObject"],
    ]);
    expect(
      answers(await ask(arn.auditor, { resource: "arn:aws:s3:::data", accessLevel: "List" })),
    ).toEqual({ "s3:ListBucket": "Allowed" });
  });

  it("worker: no identity policy, so only GetCallerIdentity", async () => {
    const result = await ask(arn.worker);
    expect(answers(result)).toEqual({ "sts:GetCallerIdentity": "Allowed" });
    expect(result.kind).toBe("role");
  });

  it("the root user: every action without any policy, but it cannot assume a role", async () => {
    const result = await ask(`arn:aws:iam::${A}:root`);
    expect(result.kind).toBe("root");
    expect(result.asked).toBe(14);
    expect(Object.keys(answers(result))).toHaveLength(13);
    expect(answers(result)["sts:AssumeRole"]).toBeUndefined();
    const run = result.services.find((s) => s.service === "ec2")!.accessLevels[1]!.actions[0]!;
    expect(run.decidedBy).toEqual([]);
    expect(run.notes?.map((n) => n.code)).toEqual(["ROOT_USER"]);
    expect(answers(await ask(`arn:aws:iam::${A}:root`, { resource: arn.deployer }))).toEqual({});
  });

  it("dora: uncertain answers are listed as such, on either side", async () => {
    const result = await ask(arn.dora);
    expect(answers(result)).toEqual({
      "ec2:DescribeInstances": "Allowed",
      "ec2:RunInstances": "Allowed",
      "ec2:TerminateInstances": "ExplicitlyDenied?Allowed",
      "ec2:CreateTags": "Allowed",
      "sns:Publish": "ImplicitlyDenied?Allowed",
      "sts:GetCallerIdentity": "Allowed",
    });
    expect(result.allowed).toBe(4);
    expect(result.uncertain).toBe(2);
    const publish = result.services.find((s) => s.service === "sns")!.accessLevels[0]!.actions[0]!;
    expect(publish.readings?.map((r) => r.code)).toEqual(["FOR_ANY_VALUE_IF_EXISTS_ABSENT"]);
    // A context that gives the key settles both: the Deny applies, the Allow too.
    const settled = answers(await ask(arn.dora, { context: { "aws:TagKeys": ["team"] } }));
    expect(settled["ec2:TerminateInstances"]).toBeUndefined();
    expect(settled["sns:Publish"]).toBe("Allowed");
  });

  it("filters by service and access level (any case)", async () => {
    expect(
      answers(await ask(arn.alice, { service: ["EC2", "sns"], accessLevel: ["Write", "Tagging"] })),
    ).toEqual({
      "ec2:RunInstances": "Allowed",
      "ec2:TerminateInstances": "Allowed",
      "ec2:CreateTags": "Allowed",
    });
    expect(parseAccessLevel("permissions-management")).toBe("Permissions management");
    expect(parseAccessLevel("WRITE")).toBe("Write");
    expect(parseAccessLevel("writes")).toBeUndefined();
  });

  it("asks nothing about a resource that is of no action's resource type", async () => {
    const result = await ask(arn.alice, { resource: "arn:aws:dynamodb:us-east-1:1:table/t" });
    expect(result.asked).toBe(0);
    expect(result.services).toEqual([]);
  });

  it("names what is wrong: principal, service, access level", async () => {
    const account = await fixtureAccount();
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(CanQueryError);
        return (e as Error).message;
      }
      throw new Error("no error");
    };
    expect(error(() => can(account, `arn:aws:iam::${A}:role/alice`, { serviceData }))).toBe(
      `arn:aws:iam::${A}:role/alice is not a user or role of the account; did you mean ${arn.alice}?`,
    );
    expect(error(() => can(account, `arn:aws:iam::${A}:user/alicee`, { serviceData }))).toBe(
      `arn:aws:iam::${A}:user/alicee is not a user or role of the account; did you mean ${arn.alice}?`,
    );
    expect(error(() => can(account, arn.alice, { serviceData, service: "s4" }))).toBe(
      'unknown service prefix "s4" (IAM data of 2026-09-26); did you mean s3?',
    );
    expect(
      error(() =>
        can(account, arn.alice, { serviceData, accessLevel: "Writes" as unknown as "Write" }),
      ),
    ).toMatch(/^unknown access level "Writes" \(one of List, Read, Write/);
  });
});
