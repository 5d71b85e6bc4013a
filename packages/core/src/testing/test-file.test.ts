import { describe, expect, it } from "vitest";
import { isInvalidTestCase, isTestFileError, readTestFile } from "./test-file.js";
import { inheritPolicies } from "./inherit-policies.js";

const identity = [{ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }];

function problemOf(read: () => unknown): { message: string; path: string } {
  try {
    read();
  } catch (error) {
    if (isTestFileError(error)) return { message: error.message, path: error.path };
    throw error;
  }
  throw new Error("expected a test file error");
}

describe("reading a test file", () => {
  it("reads an array of requests, each with its expected decision and an optional name", () => {
    const file = readTestFile([
      { name: "reads", action: "s3:GetObject", expected: "Allowed", policies: { identity } },
      { action: "s3:PutObject", resource: "arn:aws:s3:::b/k", expected: "Denied" },
    ]);
    expect(file.casesPath).toBe("$");
    expect(file.policies).toBeUndefined();
    expect(file.cases).toEqual([
      {
        index: 0,
        path: "$[0]",
        name: "reads",
        named: true,
        expected: "Allowed",
        request: { action: "s3:GetObject" },
        policies: { identity },
      },
      {
        index: 1,
        path: "$[1]",
        name: "#2 s3:PutObject on arn:aws:s3:::b/k",
        named: false,
        expected: "Denied",
        request: { action: "s3:PutObject", resource: "arn:aws:s3:::b/k" },
      },
    ]);
  });

  it("reads { policies, cases } and keeps the shared policies unresolved", () => {
    const file = readTestFile({
      policies: { identity },
      cases: [{ action: "s3:GetObject", expected: "Allowed" }],
    });
    expect(file.casesPath).toBe("$.cases");
    expect(file.policies).toEqual({ identity });
    expect(file.cases[0]).toMatchObject({ path: "$.cases[0]", name: "#1 s3:GetObject on *" });
  });

  it.each([
    [{ requests: [] }, "$", "a test file is an array of cases"],
    ["text", "$", "a test file is an array of cases"],
    [[], "$", "has no test cases"],
    [{ cases: [] }, "$.cases", "has no test cases"],
  ])("refuses the whole file %j with a message and the JSON path %s", (root, path, message) => {
    const problem = problemOf(() => readTestFile(root));
    expect(problem.path).toBe(path);
    expect(problem.message).toContain(message);
  });

  it.each([
    ["s3:GetObject", "$.cases[1]", 'a test case must be an object (a request with "expected")'],
    [
      { action: "s3:GetObject" },
      "$.cases[1].expected",
      '"expected" must be one of Allowed, ImplicitlyDenied, ExplicitlyDenied, Denied (got missing)',
    ],
    [{ action: "s3:GetObject", expected: "Deny" }, "$.cases[1].expected", '(got "Deny")'],
    [
      { action: "s3:GetObject", expected: "Allowed", name: 7 },
      "$.cases[1].name",
      '"name" must be a string',
    ],
  ])("reports the bad case %j at %s without hiding the good ones", (bad, path, message) => {
    const file = readTestFile({ cases: [{ action: "s3:GetObject", expected: "Allowed" }, bad] });
    const [good, invalid] = file.cases;
    expect(isInvalidTestCase(good!)).toBe(false);
    expect(isInvalidTestCase(invalid!)).toBe(true);
    if (!invalid || !isInvalidTestCase(invalid)) return;
    expect(invalid.problem.path).toBe(path);
    expect(invalid.problem.message).toContain(message);
  });

  it("keeps the name of a case whose expectation is wrong, so a report can show it", () => {
    const [item] = readTestFile([{ name: "mine", action: "s3:GetObject", expected: "yes" }]).cases;
    expect(item).toMatchObject({ name: "mine" });
  });
});

describe("a case's policies", () => {
  const shared = { identity: ["A"], scp: ["S"] };

  it("are the shared ones when the case has none", () => {
    expect(inheritPolicies(shared, undefined)).toBe(shared);
    expect(inheritPolicies(undefined, undefined)).toBeUndefined();
  });

  it("replace the shared ones layer by layer: a boundary adds to the shared identity", () => {
    expect(inheritPolicies(shared, { boundary: ["B"] })).toEqual({
      identity: ["A"],
      scp: ["S"],
      boundary: ["B"],
    });
    expect(inheritPolicies(shared, { identity: ["C"] })).toEqual({ identity: ["C"], scp: ["S"] });
  });

  it("are the case's own when there are no shared ones", () => {
    expect(inheritPolicies(undefined, { identity: ["C"] })).toEqual({ identity: ["C"] });
  });
});
