import { describe, expect, it } from "vitest";
import { parseContextFlags } from "./context-flags.js";

describe("parseContextFlags", () => {
  it.each([
    [
      ["aws:RequestTag/CreatedBy=EC2 Image Builder"],
      { "aws:RequestTag/CreatedBy": "EC2 Image Builder" },
    ],
    [["k=a=b"], { k: "a=b" }],
    [["k="], { k: "" }],
    [["aws:MultiFactorAuthPresent:=true"], { "aws:MultiFactorAuthPresent": true }],
    [["s3:max-keys:=10"], { "s3:max-keys": 10 }],
    [['aws:TagKeys:=["a","b"]'], { "aws:TagKeys": ["a", "b"] }],
    [["aws:TagKeys=a", "aws:TagKeys=b"], { "aws:TagKeys": ["a", "b"] }],
    // docs/evaluation-rules.md §5.2: keys are case-insensitive, so these are one key.
    [["aws:TagKeys=a", "AWS:tagkeys=b"], { "aws:TagKeys": ["a", "b"] }],
    [["k:=[]"], { k: [] }],
  ])("parses %j", (flags, expected) => {
    expect(parseContextFlags(flags)).toEqual(expected);
  });

  it.each([
    [["novalue"], "must be key=value"],
    [["=v"], "must be key=value"],
    [["k:={"], "needs a JSON value"],
    [['k:={"a":1}'], "values are strings, numbers, booleans"],
    [["k:=null"], "values are strings, numbers, booleans"],
  ])("rejects %j", (flags, message) => {
    expect(() => parseContextFlags(flags)).toThrow(message);
  });
});
