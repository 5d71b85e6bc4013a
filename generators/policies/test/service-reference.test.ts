// Action patterns against the IAM reference data. IAM matches actions case-insensitively with `*`
// and `?` wildcards (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../src/generate.js";
import { resolveActionPattern, wildcardMatcher } from "../src/service-reference/expand-actions.js";
import { accessLevelOf, loadIamData, type IamData } from "../src/service-reference/iam-data.js";
import { fixtureRoot } from "./helpers.js";

let data: IamData;
beforeAll(() => {
  data = loadIamData();
}, 60_000);

describe("wildcard matching", () => {
  it.each([
    ["Describe*", "DescribeImages", true],
    ["describe*", "DescribeImages", true],
    ["Describe*", "RunInstances", false],
    ["*Images", "DescribeImages", true],
    ["Get?", "GetX", true],
    ["Get?", "GetXY", false],
    ["*", "", true],
    ["a*b*c", "aXbYc", true],
    ["a*b*c", "aXbY", false],
  ] as const)("%s matches %s: %s", (pattern, value, expected) => {
    expect(wildcardMatcher(pattern)(value)).toBe(expected);
  });
});

describe("resolving action patterns", () => {
  it("expands a wildcard to the concrete actions it covers, in canonical case", () => {
    const resolved = resolveActionPattern("ec2:describe*", data);
    expect(resolved.actions).toContain("ec2:DescribeImages");
    expect(resolved.actions).not.toContain("ec2:RunInstances");
    expect(resolved.warning).toBeUndefined();
  });

  it("resolves an exact action in any case", () => {
    expect(resolveActionPattern("EC2:runinstances", data).actions).toEqual(["ec2:RunInstances"]);
  });

  it("warns about unknown services and actions instead of failing (the data lags AWS)", () => {
    expect(resolveActionPattern("nosuchservice:Do", data).warning).toMatch(/^unknown service "nosuchservice"/);
    expect(resolveActionPattern("ec2:RunInstance", data).warning).toMatch(/^unknown action "ec2:RunInstance"/);
    expect(resolveActionPattern("ec2:Zzz*", data).warning).toMatch(/matches no ec2 action/);
    expect(resolveActionPattern("RunInstances", data).warning).toMatch(/not of the form service:action/);
  });

  it("treats * as every action of every service", () => {
    const all = resolveActionPattern("*", data);
    expect(all.all).toBe(true);
    expect(all.warning).toBeUndefined();
  });

  it("keeps the most privileged of merged access levels", () => {
    expect(accessLevelOf("Permissions management, Write")).toBe("Permissions management");
    expect(accessLevelOf("Tagging, Write")).toBe("Write");
    expect(accessLevelOf("Read")).toBe("Read");
  });
});

describe("warnings from generation", () => {
  it("name the file, line, column and JSON path of each unknown action", async () => {
    const doc = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": ["ec2:RunInstances", "ec2:RunInstancez", "madeup:Thing"], "Resource": "*" }
  ]
}
`;
    const root = fixtureRoot({ "policies/Custom.json": doc });
    const result = await generate({ repoRoot: root, policiesDir: join(root, "policies"), iamData: data });
    expect(result.warnings.map((w) => `${w.file}:${w.line}:${w.column} ${w.path}`)).toEqual([
      "policies/Custom.json:4:57 $.Statement[0].Action[1]",
      "policies/Custom.json:4:77 $.Statement[0].Action[2]",
    ]);
    expect(result.services).toBe(1);
    expect(result.files.get("policies/Custom.ts")).toContain('export type CustomGrantedAction = "ec2:RunInstances";');
  }, 60_000);
});
