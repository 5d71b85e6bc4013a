import { describe, expect, it } from "vitest";
import { diffAccess } from "./diff-access.js";
import { policyOf, tinyServiceData } from "./fixtures.test.js";

const run = { sid: "Run", action: ["ec2:RunInstances"], resource: ["arn:aws:ec2:*::image/*"] };

describe("diffAccess", () => {
  it("finds an action the new version adds", () => {
    const diff = diffAccess(
      policyOf(run),
      policyOf(run, {
        sid: "Watermark",
        action: ["ec2:AttachImageWatermark"],
        resource: ["arn:aws:ec2:*::image/*"],
      }),
    );
    expect(diff.removed).toEqual([]);
    expect(diff.added).toEqual([
      expect.objectContaining({
        action: "ec2:AttachImageWatermark",
        effect: "Allow",
        wholeAction: true,
        resource: "arn:aws:ec2:*::image/*",
        sid: "Watermark",
      }),
    ]);
    expect(diff.changedActions).toEqual([
      { action: "ec2:AttachImageWatermark", effect: "Allow", change: "added" },
    ]);
  });

  it("finds nothing between identical versions, even when statements move", () => {
    const other = { action: ["s3:GetObject"], resource: ["*"] };
    expect(diffAccess(policyOf(run, other), policyOf(other, run))).toEqual({
      added: [],
      removed: [],
      changedActions: [],
    });
  });

  it("reports a resource added to an existing action as a changed action", () => {
    const diff = diffAccess(
      policyOf(run),
      policyOf({ ...run, resource: ["arn:aws:ec2:*::image/*", "arn:aws:ec2:*::snapshot/*"] }),
    );
    expect(diff.added).toEqual([
      expect.objectContaining({ resource: "arn:aws:ec2:*::snapshot/*", wholeAction: false }),
    ]);
    expect(diff.changedActions).toEqual([
      { action: "ec2:RunInstances", effect: "Allow", change: "changed" },
    ]);
  });

  it("reports a new condition as the old grant removed and the narrower one added", () => {
    const withCondition = {
      ...run,
      conditions: [["StringEquals", "aws:RequestTag/CreatedBy", ["EC2 Image Builder"]]] as [
        string,
        string,
        string[],
      ][],
    };
    const diff = diffAccess(policyOf(run), policyOf(withCondition));
    expect(diff.removed).toEqual([expect.objectContaining({ conditions: [] })]);
    expect(diff.added).toEqual([
      expect.objectContaining({
        conditions: [expect.objectContaining({ key: "aws:RequestTag/CreatedBy" })],
      }),
    ]);
  });

  // docs/evaluation-rules.md §5.2: condition keys and operator names are case-insensitive; value order is irrelevant.
  it("treats condition key case and value order as no change", () => {
    const a = {
      ...run,
      conditions: [["StringEquals", "aws:RequestTag/CreatedBy", ["a", "b"]]] as [
        string,
        string,
        string[],
      ][],
    };
    const b = {
      ...run,
      conditions: [["StringEquals", "AWS:requesttag/CreatedBy", ["b", "a"]]] as [
        string,
        string,
        string[],
      ][],
    };
    expect(diffAccess(policyOf(a), policyOf(b)).added).toEqual([]);
  });

  it("treats a change of condition value case as a change", () => {
    const a = {
      ...run,
      conditions: [["StringEquals", "aws:RequestTag/CreatedBy", ["Builder"]]] as [
        string,
        string,
        string[],
      ][],
    };
    const b = {
      ...run,
      conditions: [["StringEquals", "aws:RequestTag/CreatedBy", ["builder"]]] as [
        string,
        string,
        string[],
      ][],
    };
    expect(diffAccess(policyOf(a), policyOf(b)).added).toHaveLength(1);
  });

  it("reports a new Deny as added with effect Deny", () => {
    const deny = { effect: "Deny" as const, action: ["ec2:RunInstances"], resource: ["*"] };
    const diff = diffAccess(policyOf(run), policyOf(run, deny));
    expect(diff.added).toEqual([expect.objectContaining({ effect: "Deny", wholeAction: true })]);
  });

  it("compares expanded actions when given the IAM data", () => {
    const diff = diffAccess(
      policyOf({ action: ["ec2:Describe*"], resource: ["*"] }),
      policyOf({ action: ["ec2:DescribeImages"], resource: ["*"] }),
      { serviceData: tinyServiceData() },
    );
    expect(diff.added).toEqual([]);
    expect(diff.removed.map((c) => c.action)).toEqual(["ec2:DescribeInstances"]);
  });
});
