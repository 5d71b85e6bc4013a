import { describe, expect, it } from "vitest";
import { listAccess } from "./list-access.js";
import { policyOf, tinyServiceData } from "./fixtures.test.js";

const data = tinyServiceData();

describe("listAccess", () => {
  it("lists each action with its resources and conditions", () => {
    const access = listAccess(
      policyOf({
        sid: "Run",
        action: ["ec2:RunInstances"],
        resource: ["arn:aws:ec2:*:*:instance/*"],
        conditions: [["StringEquals", "aws:RequestTag/CreatedBy", ["EC2 Image Builder"]]],
      }),
    );
    expect(access.actions).toEqual([
      {
        action: "ec2:RunInstances",
        effect: "Allow",
        status: "unexpanded",
        scopes: [
          {
            statementIndex: 0,
            sid: "Run",
            resources: ["arn:aws:ec2:*:*:instance/*"],
            conditions: [
              {
                operator: "StringEquals",
                key: "aws:RequestTag/CreatedBy",
                values: ["EC2 Image Builder"],
              },
            ],
          },
        ],
      },
    ]);
  });

  // docs/evaluation-rules.md §2: `*` and `?` match anywhere; prefix and name are case-insensitive.
  it.each([
    ["ec2:Describe*", ["ec2:DescribeImages", "ec2:DescribeInstances"]],
    ["EC2:describe*", ["ec2:DescribeImages", "ec2:DescribeInstances"]],
    ["ec2:*Image*", ["ec2:AttachImageWatermark", "ec2:DescribeImages"]],
    ["s?:GetObject", ["s3:GetObject"]],
    ["ec2:runinstances", ["ec2:RunInstances"]],
  ])("expands %s with the IAM data", (pattern, expected) => {
    const access = listAccess(policyOf({ action: [pattern], resource: ["*"] }), {
      serviceData: data,
    });
    expect(access.actions.map((a) => a.action)).toEqual(expected);
    expect(access.actions.every((a) => a.status === "known")).toBe(true);
  });

  it("records the pattern an expanded action came from", () => {
    const access = listAccess(policyOf({ action: ["s3:Get*"], resource: ["*"] }), {
      serviceData: data,
    });
    expect(access.actions[0]).toMatchObject({
      action: "s3:GetObject",
      accessLevel: "Read",
      scopes: [{ via: "s3:Get*" }],
    });
  });

  it("expands * to every action of every service", () => {
    const access = listAccess(policyOf({ action: ["*"], resource: ["*"] }), { serviceData: data });
    expect(access.actions).toHaveLength(7);
  });

  it("reports patterns that match no action as unknown", () => {
    const access = listAccess(
      policyOf({ action: ["ec2:RunInstance", "nosuch:Thing"], resource: ["*"] }),
      {
        serviceData: data,
      },
    );
    expect(access.actions.map((a) => [a.action, a.status])).toEqual([
      ["ec2:RunInstance", "unknown"],
      ["nosuch:Thing", "unknown"],
    ]);
    expect(access.unmatchedPatterns).toEqual(["ec2:RunInstance", "nosuch:Thing"]);
  });

  // docs/evaluation-rules.md §2 NotAction with Allow grants every action not listed (within Resource).
  it("expands NotAction to every other action and keeps the exclusions", () => {
    const access = listAccess(policyOf({ notAction: ["ec2:*", "s3:Put*"], resource: ["*"] }), {
      serviceData: data,
    });
    expect(access.actions.map((a) => a.action)).toEqual(["s3:GetObject", "s3:ListAllMyBuckets"]);
    expect(access.actions[0]!.scopes[0]).toMatchObject({
      via: "NotAction",
      notActions: ["ec2:*", "s3:Put*"],
    });
  });

  it("keeps NotAction as a * entry with its exclusions when there is no IAM data", () => {
    const access = listAccess(policyOf({ notAction: ["iam:*"], resource: ["*"] }));
    expect(access.actions).toEqual([
      expect.objectContaining({
        action: "*",
        status: "unexpanded",
        scopes: [expect.objectContaining({ notActions: ["iam:*"] })],
      }),
    ]);
  });

  it("lists Deny statements separately, after the Allow of the same action", () => {
    const access = listAccess(
      policyOf(
        { effect: "Deny", action: ["s3:GetObject"], resource: ["arn:aws:s3:::secret/*"] },
        { action: ["s3:GetObject"], resource: ["*"] },
      ),
    );
    expect(access.actions.map((a) => [a.action, a.effect])).toEqual([
      ["s3:GetObject", "Allow"],
      ["s3:GetObject", "Deny"],
    ]);
  });

  it("merges the statements that grant the same action", () => {
    const access = listAccess(
      policyOf(
        { action: ["ec2:RunInstances"], resource: ["a"] },
        { action: ["ec2:runinstances"], resource: ["b"] },
      ),
    );
    expect(access.actions).toHaveLength(1);
    expect(access.actions[0]!.scopes.map((s) => s.resources)).toEqual([["a"], ["b"]]);
  });

  it("shows principals, NotResource and NotPrincipal of resource policies", () => {
    const access = listAccess(
      policyOf({
        action: ["s3:GetObject"],
        notResource: ["arn:aws:s3:::private/*"],
        principal: ["arn:aws:iam::111122223333:root"],
      }),
    );
    expect(access.actions[0]!.scopes[0]).toMatchObject({
      notResources: ["arn:aws:s3:::private/*"],
      principals: ["AWS:arn:aws:iam::111122223333:root"],
    });
  });
});
