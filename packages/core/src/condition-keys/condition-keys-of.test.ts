import { describe, expect, it } from "vitest";
import { parsePolicy } from "../policy/index.js";
import type { Policy } from "../types.js";
import { conditionKeysOf, conditionOperatorType } from "./condition-keys-of.js";

function policy(document: unknown): Policy {
  const parsed = parsePolicy(JSON.stringify(document));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.policy;
}

describe("condition keys suggested from the policies", () => {
  it.each([
    ["StringEquals", false, "String"],
    ["StringLike", true, "ArrayOfString"],
    ["NumericLessThan", false, "Numeric"],
    ["DateGreaterThan", false, "Date"],
    ["Bool", false, "Bool"],
    ["IpAddress", false, "IPAddress"],
    ["NotIpAddress", false, "IPAddress"],
    ["ArnLike", true, "ArrayOfARN"],
    ["Null", true, "Null"],
  ] as const)("%s (set-qualified: %s) implies %s", (operator, qualified, type) => {
    expect(conditionOperatorType(operator, qualified)).toBe(type);
  });

  it("collect each key once (case-insensitively) with its operators and a few values", () => {
    const keys = conditionKeysOf([
      policy({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "ec2:CreateTags",
            Resource: "*",
            Condition: {
              StringEquals: {
                "aws:RequestTag/CreatedBy": ["EC2 Image Builder", "EC2 Fast Launch"],
              },
              "ForAllValues:StringEquals": { "aws:TagKeys": ["CreatedBy"] },
            },
          },
          {
            Effect: "Allow",
            Action: "ec2:StartInstances",
            Resource: "*",
            Condition: { StringLike: { "aws:requesttag/createdby": "EC2*" } },
          },
        ],
      }),
    ]);
    expect(keys).toEqual([
      {
        key: "aws:RequestTag/CreatedBy",
        type: "String",
        operators: ["StringEquals", "StringLike"],
        sampleValues: ["EC2 Image Builder", "EC2 Fast Launch", "EC2*"],
      },
      {
        key: "aws:TagKeys",
        type: "ArrayOfString",
        operators: ["ForAllValues:StringEquals"],
        sampleValues: ["CreatedBy"],
      },
    ]);
  });

  it("prefer the type of the IAM service data when it knows the key", () => {
    const keys = conditionKeysOf(
      [
        policy({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: "*",
              Resource: "*",
              Condition: { StringEquals: { "ec2:InstanceType": "t3.micro" } },
            },
          ],
        }),
      ],
      (key) => (key === "ec2:InstanceType" ? "String (service data)" : undefined),
    );
    expect(keys[0]?.type).toBe("String (service data)");
  });
});
