import { describe, expect, it } from "vitest";
import { lineOf, offsetOf, valueRangeAt } from "./text-positions.js";

const text = `{
  "Statement": [
    {
      "Sid": "A{b}\\"c",
      "Effect": "Allow"
    }
  ]
}`;

describe("positions in a policy's text", () => {
  it("convert 1-based line and column to an offset and back", () => {
    const offset = offsetOf(text, 3, 5);
    expect(text[offset]).toBe("{");
    expect(lineOf(text, offset)).toBe(3);
  });

  it("clamp a column past the end of its line, and a line past the end of the text", () => {
    expect(offsetOf(text, 1, 99)).toBe(1);
    expect(offsetOf(text, 99, 1)).toBe(text.length);
  });

  it("find a whole statement object, ignoring brackets and escaped quotes inside strings", () => {
    const { from, to } = valueRangeAt(text, offsetOf(text, 3, 1));
    expect(text.slice(from, to)).toBe(`{
      "Sid": "A{b}\\"c",
      "Effect": "Allow"
    }`);
  });

  it("find a string with its quotes and a bare token", () => {
    const sid = text.indexOf('"A{');
    expect(text.slice(...Object.values(valueRangeAt(text, sid)))).toBe('"A{b}\\"c"');
    expect(valueRangeAt("[true, 1]", 1)).toEqual({ from: 1, to: 5 });
  });
});
