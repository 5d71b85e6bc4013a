// Hand-built policies and IAM data for the access tests (independent of the parser).
import { describe, expect, it } from "vitest";
import type {
  Condition,
  IamServiceData,
  Policy,
  ServiceAction,
  ServiceInfo,
  Statement,
} from "../types.js";

const loc = { path: "$" };

export interface StatementSpec {
  sid?: string;
  effect?: "Allow" | "Deny";
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: "*" | string[];
  conditions?: [operator: string, key: string, values: string[]][];
}

export function policyOf(...specs: StatementSpec[]): Policy {
  const statements: Statement[] = specs.map((spec, index) => ({
    index,
    ...(spec.sid !== undefined && { sid: spec.sid }),
    effect: spec.effect ?? "Allow",
    ...(spec.action && { action: patterns(spec.action) }),
    ...(spec.notAction && { notAction: patterns(spec.notAction) }),
    ...(spec.resource && { resource: patterns(spec.resource) }),
    ...(spec.notResource && { notResource: patterns(spec.notResource) }),
    ...(spec.principal && {
      principal:
        spec.principal === "*"
          ? { wildcard: true, entries: [], loc }
          : {
              wildcard: false,
              entries: spec.principal.map((value) => ({ kind: "AWS" as const, value, loc })),
              loc,
            },
    }),
    conditions: (spec.conditions ?? []).map(([operator, key, values]): Condition => {
      const [qualifier, base] = operator.includes(":")
        ? operator.split(":")
        : [undefined, operator];
      return {
        operator,
        baseOperator: base!.replace(/IfExists$/, ""),
        ...(qualifier !== undefined && { qualifier: qualifier as "ForAllValues" | "ForAnyValue" }),
        ifExists: base!.endsWith("IfExists"),
        key,
        values: values.map((text) => ({ text, jsonType: "string" as const, loc })),
        loc,
      };
    }),
    loc,
  }));
  return { version: "2012-10-17", versionGiven: true, statements };
}

function patterns(list: string[]) {
  return { patterns: list, locs: list.map(() => loc), loc };
}

/** A small slice of the IAM reference data: two services, a few actions each. */
export function tinyServiceData(): IamServiceData {
  const action = (name: string, accessLevel: ServiceAction["accessLevel"]): ServiceAction => ({
    name,
    accessLevel,
    resourceTypes: [],
    conditionKeys: [],
  });
  const service = (prefix: string, name: string, actions: ServiceAction[]): ServiceInfo => ({
    prefix,
    name,
    actions: Object.fromEntries(actions.map((a) => [a.name.toLowerCase(), a])),
    resourceTypes: {},
    conditionKeys: {},
  });
  const services: Record<string, ServiceInfo> = {
    ec2: service("ec2", "Amazon EC2", [
      action("RunInstances", "Write"),
      action("DescribeImages", "List"),
      action("DescribeInstances", "List"),
      action("AttachImageWatermark", "Write"),
    ]),
    s3: service("s3", "Amazon S3", [
      action("GetObject", "Read"),
      action("PutObject", "Write"),
      action("ListAllMyBuckets", "List"),
    ]),
  };
  return {
    updatedAt: "2026-09-26",
    service: (prefix) => services[prefix.toLowerCase()],
    prefixes: () => Object.keys(services),
  };
}

// The fixtures live in a *.test.ts file so that they are never built into dist.

describe("the access test fixtures", () => {
  it("look services up case-insensitively, as IamServiceData requires", () => {
    expect(tinyServiceData().service("EC2")?.actions["runinstances"]?.name).toBe("RunInstances");
  });

  it("build statements with their index and effect", () => {
    expect(
      policyOf({ action: ["a:b"] }, { effect: "Deny", action: ["c:d"] }).statements.map((s) => [
        s.index,
        s.effect,
      ]),
    ).toEqual([
      [0, "Allow"],
      [1, "Deny"],
    ]);
  });
});
