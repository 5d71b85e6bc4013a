import { describe, expect, it } from "vitest";
import { toEditorMarks } from "./diagnostics.js";

const text = `{
  "Statement": [
    {
      "Effect": "Alow",
      "Action": "s3:GetObject"
    }
  ]
}`;

describe("core diagnostics as editor marks", () => {
  it("mark the token at the diagnostic's line and column, with the editor's severity", () => {
    const [mark] = toEditorMarks(text, [
      {
        code: "INVALID_EFFECT",
        severity: "ERROR",
        message: '"Alow" is not an effect.',
        path: "$.Statement[0].Effect",
        line: 4,
        column: 17,
      },
    ]);
    expect(text.slice(mark!.from, mark!.to)).toBe('"Alow"');
    expect(mark).toMatchObject({
      severity: "error",
      source: "INVALID_EFFECT at $.Statement[0].Effect",
    });
  });

  it("mark only the first line of a value that spans lines (a whole statement)", () => {
    const [mark] = toEditorMarks(text, [
      {
        code: "MISSING_RESOURCE",
        severity: "ERROR",
        message: "no Resource",
        path: "$.Statement[0]",
        line: 3,
        column: 5,
      },
    ]);
    expect(text.slice(mark!.from, mark!.to)).toBe("{");
  });

  it.each([
    ["SECURITY_WARNING", "warning"],
    ["WARNING", "warning"],
    ["SUGGESTION", "info"],
  ] as const)("map %s to %s and add the hint to the message", (severity, expected) => {
    const [mark] = toEditorMarks(text, [
      { code: "X", severity, message: "m", hint: "h", path: "$" },
    ]);
    expect(mark).toMatchObject({ severity: expected, message: "m\nh", from: 0 });
  });
});
