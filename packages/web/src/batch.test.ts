import type { EvaluationOutcome } from "@iamspec/core";
import { describe, expect, it } from "vitest";
import { parseBatchFile, rowFor, type BatchCase } from "./batch.js";

describe("reading a batch file (the iamspec test format)", () => {
  it("reads an array of requests, each with its expected decision and optional name", () => {
    const file = parseBatchFile(
      JSON.stringify([
        {
          name: "AMI",
          action: "ec2:RunInstances",
          resource: "arn:aws:ec2:us-east-1::image/ami-1",
          expected: "Allowed",
        },
        {
          action: "s3:GetObject",
          context: { "aws:SecureTransport": "false" },
          expected: "Denied",
          id: 7,
        },
      ]),
    );
    expect(file.policies).toBeUndefined();
    expect(file.cases).toEqual([
      {
        index: 0,
        path: "$[0]",
        name: "AMI",
        request: { action: "ec2:RunInstances", resource: "arn:aws:ec2:us-east-1::image/ami-1" },
        expected: "Allowed",
      },
      {
        index: 1,
        path: "$[1]",
        request: { id: 7, action: "s3:GetObject", context: { "aws:SecureTransport": "false" } },
        expected: "Denied",
      },
    ]);
  });

  it("reads { policies, cases } where cases inherit the top-level policies", () => {
    const file = parseBatchFile(
      JSON.stringify({
        policies: { identity: ["EC2ImageBuilderExecutionPolicy"] },
        cases: [{ action: "ec2:RunInstances", expected: "ImplicitlyDenied" }],
      }),
    );
    expect(file.policies).toEqual({ identity: ["EC2ImageBuilderExecutionPolicy"] });
    expect(file.cases).toHaveLength(1);
  });

  it.each([
    [{ expected: "Allowed" }, 'case 1: "action" is required'],
    [
      { action: "s3:GetObject", expected: "allowed" },
      'case 1: "expected" must be one of Allowed, ImplicitlyDenied, ExplicitlyDenied, Denied',
    ],
    [
      { action: "s3:GetObject", expected: "Denied", resource: 5 },
      'case 1: "resource" must be a string',
    ],
    [
      { action: "s3:GetObject", expected: "Denied", context: [] },
      'case 1: "context" must be an object',
    ],
    ["s3:GetObject", "case 1: a test case must be an object"],
  ])("reports a bad case %j as that row's error, not the whole file's", (raw, message) => {
    const [item] = parseBatchFile(JSON.stringify([raw])).cases;
    expect(item).toHaveProperty("error");
    expect((item as { error: string }).error).toContain(message);
  });

  it("rejects a file that is neither an array nor { cases }, with a one-line message", () => {
    expect(() => parseBatchFile("{")).toThrow(/not valid JSON/);
    expect(() => parseBatchFile('{"requests": []}')).toThrow(
      /\(\$\): a test file is an array of cases or/,
    );
    expect(() => parseBatchFile('{"cases": []}')).toThrow(/\(\$\.cases\): has no test cases/);
  });
});

describe("batch rows", () => {
  it("turn an evaluation error into a failing row that says why and where", () => {
    const item: BatchCase = {
      index: 2,
      path: "$[2]",
      request: { action: "s3:GetObject" },
      expected: "Denied",
    };
    const outcome: EvaluationOutcome = { error: { message: "Invalid JSON", line: 3 } };
    expect(rowFor(item, outcome)).toMatchObject({
      index: 2,
      error: "Invalid JSON (line 3)",
      passed: false,
    });
  });

  it("name the deciding statements of a row", () => {
    const item: BatchCase = {
      index: 0,
      path: "$[0]",
      request: { action: "ec2:RunInstances" },
      expected: "Allowed",
    };
    const outcome: EvaluationOutcome = {
      decision: "Allowed",
      decidedBy: [
        {
          policyType: "identity",
          policyIndex: 0,
          policyName: "P",
          statementIndex: 0,
          sid: "S",
          effect: "Allow",
        },
      ],
    };
    expect(rowFor(item, outcome)).toMatchObject({
      decision: "Allowed",
      decidedBy: "S (P)",
      passed: true,
      resource: "*",
    });
  });
});
