import { describe, expect, it } from "vitest";
import { readRequestFile, requestFileOf } from "./request-file.js";
import { emptyPolicies, type AppState } from "./state.js";

describe("request files (the request format, docs/architecture.md §5.1)", () => {
  it("export the page's request with its policies, lists in context kept as lists", () => {
    const state: AppState = {
      policies: emptyPolicies(),
      resourcePoliciesKnown: false,
      request: {
        principal: "",
        action: "ec2:CreateTags",
        resource: "arn:aws:ec2:us-east-1::image/ami-1",
        context: [
          { key: "aws:TagKeys", value: '["CreatedBy"]' },
          { key: " ", value: "ignored: no key" },
        ],
      },
      batch: "",
    };
    expect(requestFileOf(state, { identity: ["EC2ImageBuilderExecutionPolicy"] })).toEqual({
      action: "ec2:CreateTags",
      resource: "arn:aws:ec2:us-east-1::image/ami-1",
      context: { "aws:TagKeys": ["CreatedBy"] },
      policies: { identity: ["EC2ImageBuilderExecutionPolicy"] },
    });
  });

  it("import names as bundled policies, documents as inline text, and SCP levels as levels", () => {
    const imported = readRequestFile(
      JSON.stringify({
        principal: "arn:aws:iam::111122223333:role/R",
        action: "s3:GetObject",
        context: { "aws:SecureTransport": true, "aws:TagKeys": ["a", "b"] },
        policies: {
          identity: ["ReadOnlyAccess", { Version: "2012-10-17", Statement: [] }],
          resource: [],
          scp: [["FullAWSAccess"], [{ name: "OU", document: '{"Statement":[]}' }]],
        },
      }),
    );
    expect(imported.policies.identity).toEqual([
      { bundled: "ReadOnlyAccess" },
      { text: '{\n  "Version": "2012-10-17",\n  "Statement": []\n}\n' },
    ]);
    expect(imported.policies.scp).toEqual([
      { bundled: "FullAWSAccess" },
      { name: "OU", text: '{"Statement":[]}', level: 1 },
    ]);
    // `resource: []` means the resource has exactly no policies (docs/architecture.md, the request format).
    expect(imported.resourcePoliciesKnown).toBe(true);
    expect(imported.request).toEqual({
      principal: "arn:aws:iam::111122223333:role/R",
      action: "s3:GetObject",
      resource: "",
      context: [
        { key: "aws:SecureTransport", value: "true" },
        { key: "aws:TagKeys", value: '["a","b"]' },
      ],
    });
  });

  it.each([
    ["[]", "$: a request is an object"],
    ["{}", "$.action: required"],
    ['{"action":"s3:GetObject","resource":1}', "$.resource: must be a string"],
    [
      '{"action":"s3:GetObject","policies":{"identities":[]}}',
      '$.policies.identities: unknown policy type "identities"',
    ],
    [
      '{"action":"s3:GetObject","policies":{"identity":"x"}}',
      "$.policies.identity: identity must be a list of policies",
    ],
    [
      '{"action":"s3:GetObject","policies":{"scp":["x",["y"]]}}',
      "$.policies.scp: scp mixes policies and levels",
    ],
    [
      '{"action":"s3:GetObject","policies":{"identity":[1]}}',
      "$.policies.identity[0]: a policy is",
    ],
    ["{", "not valid JSON"],
  ])("reject %s naming the JSON path", (text, message) => {
    expect(() => readRequestFile(text)).toThrow(message);
  });
});
