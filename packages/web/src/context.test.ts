import { describe, expect, it } from "vitest";
import { parseContextValue } from "./context-value.js";

describe("context values typed in the form", () => {
  it("read a JSON list as a multi-valued key and anything else as one text value", () => {
    expect(parseContextValue('["a", "b"]')).toEqual(["a", "b"]);
    expect(parseContextValue("EC2 Image Builder")).toBe("EC2 Image Builder");
    // IAM compares condition values as text, so booleans and numbers stay text (docs/evaluation-rules.md).
    expect(parseContextValue("true")).toBe("true");
    expect(parseContextValue("[not json")).toBe("[not json");
    expect(parseContextValue('[{"a":1}]')).toBe('[{"a":1}]');
  });
});
