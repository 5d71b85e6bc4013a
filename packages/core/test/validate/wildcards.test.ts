// Glob coverage used by the redundancy checks (docs/evaluation-rules.md §2, §3.2: `*` any run, `?` one character).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { globCovers } from "../../src/validate/wildcards.js";
import { globsIntersect } from "../../src/validate/service-index.js";

describe("globCovers", () => {
  it.each([
    ["s3:Get*", "s3:GetObject", true],
    ["s3:Get*", "s3:Put*", false],
    ["s3:*", "s3:Get*", true],
    ["s3:Get*", "s3:*", false],
    ["*Object", "s3:GetObject", true],
    ["s3:?etObject", "s3:GetObject", true],
    ["s3:?etObject", "s3:*etObject", false],
    ["s3:*etObject", "s3:?etObject", true],
    ["arn:aws:s3:::b/*/x", "arn:aws:s3:::b/1/2/x", true],
    ["arn:aws:s3:::b/*/x", "arn:aws:s3:::b/x", false],
    ["a*b*c", "aXbYc", true],
    ["a*b*c", "aXcYb", false],
    ["a*b", "a*b", true],
    ["a*", "", false],
    ["*", "", true],
  ])("%s covers %s: %s", (outer, inner, expected) => {
    expect(globCovers(outer, inner)).toBe(expected);
  });

  it("agrees with a regular expression on literal inner strings", () => {
    const text = fc.stringMatching(/^[ab*?]{0,8}$/);
    fc.assert(
      fc.property(text, fc.stringMatching(/^[ab]{0,8}$/), (pattern, value) => {
        const source = pattern.replace(/\*/g, ".*").replace(/\?/g, ".");
        expect(globCovers(pattern, value)).toBe(new RegExp(`^${source}$`, "s").test(value));
      }),
    );
  });

  it("never claims coverage that a concrete expansion of the inner pattern breaks", () => {
    const pattern = fc.stringMatching(/^[ab*?]{0,6}$/);
    fc.assert(
      fc.property(pattern, pattern, fc.stringMatching(/^[ab]{0,3}$/), (outer, inner, fill) => {
        if (!globCovers(outer, inner)) return;
        const concrete = inner.replace(/\*/g, fill).replace(/\?/g, "a");
        expect(globCovers(outer, concrete)).toBe(true);
      }),
    );
  });

  it("is fast on long patterns", () => {
    const outer = "a*".repeat(200) + "b";
    expect(globCovers(outer, "a".repeat(5000))).toBe(false);
  });
});

describe("globsIntersect", () => {
  it.each([
    ["instance/*", "instance/i-1", true],
    ["instance/*", "volume/*", false],
    ["*", "anything", true],
    ["a*", "*b", true],
    ["a?c", "a*d", false],
  ])("%s and %s: %s", (a, b, expected) => {
    expect(globsIntersect(a, b)).toBe(expected);
  });
});
