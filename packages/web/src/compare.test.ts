import { EC2ImageBuilderExecutionPolicy } from "@iamspec/policies";
import { serviceData } from "@iamspec/policies/service-data";
import { describe, expect, it } from "vitest";
import { comparePolicies } from "./compare.js";

const text = (version: "v1" | "v2") =>
  JSON.stringify(EC2ImageBuilderExecutionPolicy.versions[version]!.document, null, 2);

describe("comparePolicies", () => {
  it("highlights the statement of v2 that grants new access", () => {
    const v2 = text("v2");
    const comparison = comparePolicies(text("v1"), v2, serviceData, { old: "v1", new: "v2" });
    if (!comparison.ok) throw new Error(comparison.error);
    expect(comparison.result.result).toBe("FAIL");
    expect(comparison.text).toContain("+ ec2:AttachImageWatermark");
    expect(comparison.newRanges).toHaveLength(1);
    const highlighted = v2.slice(comparison.newRanges[0]!.from, comparison.newRanges[0]!.to);
    expect(highlighted).toContain('"Sid": "AttachImageWatermarkPermissions"');
    expect(highlighted.trim().startsWith("{")).toBe(true);
    expect(highlighted.trim().endsWith("}")).toBe(true);
  });

  it("highlights nothing in the reverse direction", () => {
    const comparison = comparePolicies(text("v2"), text("v1"), serviceData);
    if (!comparison.ok) throw new Error(comparison.error);
    expect(comparison.result.result).toBe("PASS");
    expect(comparison.newRanges).toEqual([]);
  });

  it("highlights the old statement a finding names (a dropped Deny)", () => {
    const old = JSON.stringify(
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "s3:*", Resource: "*" },
          { Sid: "NoDelete", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" },
        ],
      },
      null,
      2,
    );
    const next = JSON.stringify(
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] },
      null,
      2,
    );
    const comparison = comparePolicies(old, next, serviceData);
    if (!comparison.ok) throw new Error(comparison.error);
    expect(comparison.oldRanges).toHaveLength(1);
    expect(old.slice(comparison.oldRanges[0]!.from, comparison.oldRanges[0]!.to)).toContain(
      "NoDelete",
    );
  });

  it("says which side does not parse", () => {
    const comparison = comparePolicies("{", text("v1"), serviceData, { old: "left", new: "right" });
    expect(comparison).toMatchObject({ ok: false, error: expect.stringContaining("left") });
  });
});
