// AWS managed policies an account attaches resolve from the bundled corpus (@iamspec/policies).
import { describe, expect, it } from "vitest";
import { bundledManagedPolicies } from "./bundled-managed-policies.js";

describe("bundledManagedPolicies", () => {
  it("loads an attached AWS managed policy by ARN, in any partition, and records it", async () => {
    const loader = bundledManagedPolicies();
    const document = (await loader.load("arn:aws:iam::aws:policy/ReadOnlyAccess")) as {
      Statement: unknown[];
    };
    expect(document.Statement.length).toBeGreaterThan(0);
    expect(await loader.load("arn:aws-cn:iam::aws:policy/ReadOnlyAccess")).toBe(document);
    expect(loader.used).toEqual(["ReadOnlyAccess"]);
  });

  it("knows policies under a path, and says nothing of one it does not have", async () => {
    const loader = bundledManagedPolicies();
    expect(
      await loader.load("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
    ).toBeDefined();
    expect(await loader.load("arn:aws:iam::aws:policy/NoSuchPolicy")).toBeUndefined();
    expect(loader.corpusDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
