import { describe, expect, it } from "vitest";
import { decodeState, encodeState } from "./share.js";
import { emptyPolicies, type AppState } from "./state.js";

function sampleState(): AppState {
  return {
    policies: {
      ...emptyPolicies(),
      identity: [
        {
          name: "EC2ImageBuilderExecutionPolicy",
          bundled: "EC2ImageBuilderExecutionPolicy",
          text: "{…}",
        },
        { name: "Mine", text: '{"Version":"2012-10-17","Statement":[]}' },
      ],
      scp: [
        { name: "FullAWSAccess", bundled: "FullAWSAccess", text: "{}" },
        { text: '{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}', level: 2 },
      ],
      boundary: [
        { name: "AmazonS3ReadOnlyAccess@v1", bundled: "AmazonS3ReadOnlyAccess@v1", text: "{}" },
      ],
    },
    resourcePoliciesKnown: true,
    request: {
      principal: "arn:aws:iam::111122223333:role/Builder",
      action: "ec2:RunInstances",
      resource: "arn:aws:ec2:us-east-1::image/ami-0abc",
      context: [
        { key: "aws:RequestTag/CreatedBy", value: "EC2 Image Builder" },
        { key: "aws:TagKeys", value: '["a","b"]' },
      ],
    },
    batch: '[{"action":"s3:GetObject","expected":"Denied"}]',
  };
}

describe("share links", () => {
  it("round-trip the whole state, bundled policies by reference and edited ones by text", () => {
    const state = sampleState();
    const decoded = decodeState(`#${encodeState(state)}`);
    expect(decoded).toEqual({
      policies: {
        ...emptyPolicies(),
        identity: [
          { bundled: "EC2ImageBuilderExecutionPolicy" },
          { name: "Mine", text: state.policies.identity[1]!.text },
        ],
        scp: [{ bundled: "FullAWSAccess" }, { text: state.policies.scp[1]!.text, level: 2 }],
        boundary: [{ bundled: "AmazonS3ReadOnlyAccess@v1" }],
      },
      resourcePoliciesKnown: true,
      request: state.request,
      batch: state.batch,
    });
  });

  it("do not carry the text of unedited bundled policies", () => {
    const state = sampleState();
    state.policies.identity[0]!.text = "x".repeat(5000);
    expect(encodeState(state).length).toBeLessThan(1000);
  });

  it("survive a '+' turned into a space by a mail client or URLSearchParams", () => {
    const fragment = encodeState(sampleState());
    expect(decodeState(`#${fragment.replaceAll("+", " ")}`)?.request.action).toBe(
      "ec2:RunInstances",
    );
  });

  it("are absent from a URL without a state fragment", () => {
    expect(decodeState("")).toBeUndefined();
    expect(decodeState("#other=1")).toBeUndefined();
  });

  it("report a damaged link with a readable message instead of throwing something obscure", () => {
    expect(() => decodeState("#s=not-lz-data")).toThrow(/damaged/);
  });
});
