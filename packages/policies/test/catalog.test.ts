// The catalog finds bundled policies by name (any case) or ARN without loading documents, and
// loads one on demand.
import { describe, expect, it } from "vitest";
import {
  awsManagedPolicyLoader,
  corpusDate,
  findPolicy,
  loadPolicy,
  policyCatalog,
  policyIdentifier,
} from "../src/catalog.js";

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
      description:
        "Grants permissions that allow EC2 Image Builder to call AWS services on your behalf",
    });
    expect(findPolicy("ec2imagebuilderexecutionpolicy")).toBe(entry);
    expect(findPolicy("arn:aws:iam::aws:policy/EC2ImageBuilderExecutionPolicy")).toBe(entry);
    expect(findPolicy("NoSuchPolicy")).toBeUndefined();
  });

  it("finds a policy under a path by its ARN", () => {
    expect(
      findPolicy("arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess")
        ?.name,
    ).toBe("AWSAppRunnerServicePolicyForECRAccess");
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

describe("the AWS managed policies of an account (loadAccount's loader)", () => {
  it("loads an attached policy by ARN, in any partition, and says which", async () => {
    const loaded: string[] = [];
    const loader = awsManagedPolicyLoader((name) => loaded.push(name));
    const document = (await loader.load("arn:aws:iam::aws:policy/ReadOnlyAccess")) as {
      Statement: unknown[];
    };
    expect(document.Statement.length).toBeGreaterThan(0);
    expect(await loader.load("arn:aws-cn:iam::aws:policy/ReadOnlyAccess")).toBe(document);
    expect(loaded).toEqual(["ReadOnlyAccess", "ReadOnlyAccess"]);
  });

  it("knows policies under a path, says nothing of one it does not have, and names its date", async () => {
    const loader = awsManagedPolicyLoader();
    expect(
      await loader.load("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
    ).toBeDefined();
    expect(await loader.load("arn:aws:iam::aws:policy/NoSuchPolicy")).toBeUndefined();
    expect(loader.corpusDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(loader.corpusDate).toBe(corpusDate());
  });

  it("dates the corpus by its most recently updated policy", () => {
    const entry = { arn: "", defaultVersion: "v1", versions: ["v1"] };
    expect(
      corpusDate([
        { ...entry, name: "A", updatedAt: "2026-01-02T00:00:00Z" },
        { ...entry, name: "B" },
        { ...entry, name: "C", updatedAt: "2026-03-04T10:00:00Z" },
      ]),
    ).toBe("2026-03-04");
    expect(corpusDate([])).toBe("");
  });
});
