import { describe, expect, it } from "vitest";
import type { CompactServiceData } from "./compact-format.js";
import { createServiceData } from "./create-service-data.js";

const compact: CompactServiceData = {
  format: 1,
  updatedAt: "2026-09-26",
  accessLevels: ["List", "Read", "Write", "Permissions management", "Tagging"],
  services: [
    [
      "ec2",
      "Amazon EC2",
      [
        ["ec2:InstanceType", "String"],
        ["aws:RequestTag/${TagKey}", "String"],
        ["ec2:Region", ""],
      ],
      [["instance", "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}", [0, 1]]],
      [
        ["RunInstances", 2, [[0, 1, [0]]], [2]],
        ["DescribeImages", 0, [], []],
      ],
    ],
  ],
};

describe("createServiceData", () => {
  const data = createServiceData(compact);

  it("finds a service by prefix in any case, and lists every prefix", () => {
    expect(data.service("EC2")?.name).toBe("Amazon EC2");
    expect(data.service("s3")).toBeUndefined();
    expect(data.prefixes()).toEqual(["ec2"]);
    expect(data.updatedAt).toBe("2026-09-26");
  });

  it("reads actions keyed by lower-case name with access level, resource types and condition keys", () => {
    expect(data.service("ec2")?.actions["runinstances"]).toEqual({
      name: "RunInstances",
      accessLevel: "Write",
      resourceTypes: [{ name: "instance", required: true, conditionKeys: ["ec2:InstanceType"] }],
      conditionKeys: ["ec2:Region"],
    });
    expect(data.service("ec2")?.actions["describeimages"]?.accessLevel).toBe("List");
  });

  it("keeps only the keys the service defines (with a type) as its condition keys", () => {
    expect(Object.keys(data.service("ec2")!.conditionKeys)).toEqual([
      "ec2:instancetype",
      "aws:requesttag/${tagkey}",
    ]);
    expect(data.service("ec2")?.resourceTypes["instance"]).toEqual({
      name: "instance",
      arn: "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}",
      conditionKeys: ["ec2:InstanceType", "aws:RequestTag/${TagKey}"],
    });
  });

  it("treats data keys as data (an action named constructor is not Object's)", () => {
    expect(data.service("ec2")?.actions["constructor"]).toBeUndefined();
  });

  it("rejects another format version", () => {
    expect(() =>
      createServiceData({ ...compact, format: 2 } as unknown as CompactServiceData),
    ).toThrow(/unsupported compact service data/);
  });
});
