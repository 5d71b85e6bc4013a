// The catalog finds bundled policies by name (any case) or ARN without loading documents, and
// loads one on demand.
import { describe, expect, it } from "vitest";
import { findPolicy, loadPolicy, policyCatalog, policyIdentifier } from "../src/catalog.js";

describe("the policy catalog", () => {
  it("lists every bundled policy once, in byte order, without documents", () => {
    const names = policyCatalog.map((e) => e.name);
    expect(names.length).toBeGreaterThan(1500);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
    expect(policyCatalog.every((e) => !("document" in e))).toBe(true);
  });

  it("finds the seed policy by name, any case, and ARN, with both versions", () => {
    const entry = findPolicy("EC2ImageBuilderExecutionPolicy");
    expect(entry).toMatchObject({
      arn: "arn:aws:iam::aws:policy/EC2ImageBuilderExecutionPolicy",
      defaultVersion: "v2",
      versions: ["v1", "v2"],
      description: "Grants permissions that allow EC2 Image Builder to call AWS services on your behalf",
    });
    expect(findPolicy("ec2imagebuilderexecutionpolicy")).toBe(entry);
    expect(findPolicy("arn:aws:iam::aws:policy/EC2ImageBuilderExecutionPolicy")).toBe(entry);
    expect(findPolicy("NoSuchPolicy")).toBeUndefined();
  });

  it("finds a policy under a path by its ARN", () => {
    expect(findPolicy("arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess")?.name).toBe(
      "AWSAppRunnerServicePolicyForECRAccess",
    );
  });

  it("loads a policy module on demand, including one whose name is not an identifier", async () => {
    const seed = await loadPolicy("EC2ImageBuilderExecutionPolicy");
    expect(seed?.versions["v1"]?.document.Version).toBe("2012-10-17");
    expect(seed?.actions).toContain("ec2:AttachImageWatermark");
    const amplify = await loadPolicy("administratoraccess-amplify");
    expect(amplify?.name).toBe("AdministratorAccess-Amplify");
    expect(policyIdentifier("AdministratorAccess-Amplify")).toBe("AdministratorAccess_Amplify");
    expect(await loadPolicy("NoSuchPolicy")).toBeUndefined();
  }, 30_000);
});
