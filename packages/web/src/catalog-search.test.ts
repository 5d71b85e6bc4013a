import { describe, expect, it } from "vitest";
import { searchCatalog } from "./catalog-search.js";

const catalog = [
  { name: "AmazonEC2FullAccess", description: "Provides full access to Amazon EC2" },
  { name: "AmazonS3ReadOnlyAccess", description: "Provides read only access to all buckets" },
  {
    name: "EC2ImageBuilderExecutionPolicy",
    description: "Grants permissions that allow EC2 Image Builder to call AWS services",
  },
  { name: "EC2InstanceConnect", description: "Allows customers to connect to instances" },
  {
    name: "ReadOnlyAccess",
    description: "Provides read-only access to AWS services and resources",
  },
];

const names = (query: string) => searchCatalog(catalog, query).map((e) => e.name);

describe("searching the policy catalog", () => {
  it("ranks an exact name, then name prefixes, then names containing the query", () => {
    expect(names("readonlyaccess")).toEqual(["ReadOnlyAccess", "AmazonS3ReadOnlyAccess"]);
    expect(names("ec2")).toEqual([
      "EC2ImageBuilderExecutionPolicy",
      "EC2InstanceConnect",
      "AmazonEC2FullAccess",
    ]);
  });

  it("is case-insensitive and ignores surrounding spaces", () => {
    expect(names("  ec2imagebuilderexec ")).toEqual(["EC2ImageBuilderExecutionPolicy"]);
  });

  it("matches every word of a query in the name or the description", () => {
    expect(names("image builder")).toEqual(["EC2ImageBuilderExecutionPolicy"]);
    expect(names("read buckets")).toEqual(["AmazonS3ReadOnlyAccess"]);
    expect(names("read nothing-like-this")).toEqual([]);
  });

  it("lists the first entries for an empty query, up to the limit", () => {
    expect(searchCatalog(catalog, "", 2).map((e) => e.name)).toEqual([
      "AmazonEC2FullAccess",
      "AmazonS3ReadOnlyAccess",
    ]);
  });
});
