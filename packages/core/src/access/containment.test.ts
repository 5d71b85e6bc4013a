import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchAction, matchResource } from "../matching/index.js";
import {
  actionPatternContains,
  actionPatternsIntersect,
  resourcePatternContains,
  resourcePatternsIntersect,
} from "./containment.js";

describe("resourcePatternContains", () => {
  it.each([
    ["arn:aws:s3:::bucket/key", "arn:aws:s3:::bucket/*", true],
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key", false],
    ["arn:aws:s3:::bucket/a*", "arn:aws:s3:::bucket/*", true],
    ["arn:aws:ec2:*::image/*", "arn:aws:ec2:*:*:image/*", true],
    ["arn:aws:ec2:*:*:image/*", "arn:aws:ec2:*::image/*", false],
    ["arn:aws:ec2:us-east-1::image/ami-1", "arn:aws:ec2:*::image/*", true],
    ["arn:aws:ec2:*:*:*", "arn:aws:ec2:*", true],
    // A `*` in the region field never matches a colon: `arn:aws:ec2:*:…` is not `arn:aws:*`.
    ["arn:aws:*", "arn:aws:ec2:*:*:*", false],
    ["arn:aws:ec2:?s-east-1:*:instance/*", "arn:aws:ec2:*:*:instance/*", true],
    // Fewer than six fields without a final `*` matches no ARN; as plain text it matches itself.
    ["arn:aws:ec2", "arn:aws:ec2*", true],
    ["arn:aws:ec2", "arn:aws:s3*", false],
    ["*", "arn:*", false],
    ["a*b*c", "a*c", true],
    ["a*c", "a*b*c", false],
  ])("%s ⊆ %s is %s", (inner, outer, expected) => {
    expect(resourcePatternContains(inner, outer)).toBe(expected);
  });
});

describe("resourcePatternsIntersect", () => {
  it.each([
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::*/key", true],
    ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*", false],
    ["arn:aws:ec2:*::image/*", "arn:aws:ec2:us-east-1:123456789012:image/*", false],
    ["arn:aws:ec2:*:*:image/*", "arn:aws:ec2:us-east-1:123456789012:image/*", true],
  ])("%s ∩ %s is %s", (a, b, expected) => {
    expect(resourcePatternsIntersect(a, b)).toBe(expected);
  });
});

describe("actionPatternContains", () => {
  it.each([
    ["ec2:DescribeImages", "ec2:Describe*", true],
    ["EC2:describeimages", "ec2:Describe*", true],
    ["ec2:Describe*", "ec2:*", true],
    ["ec2:*", "ec2:Describe*", false],
    ["s3:Get*", "s?:G*", true],
  ])("%s ⊆ %s is %s", (inner, outer, expected) => {
    expect(actionPatternContains(inner, outer)).toBe(expected);
  });
  it("intersects patterns", () => {
    expect(actionPatternsIntersect("ec2:*Image*", "ec2:Describe*")).toBe(true);
    expect(actionPatternsIntersect("ec2:Describe*", "s3:*")).toBe(false);
  });
});

// Property tests against the evaluator's matcher: containment and intersection must agree with
// sampled texts. A text both patterns could produce is built from the patterns' own characters.
const chars = fc.constantFrom("a", "b", ":", "/", "*", "?");
const pattern = fc
  .array(fc.oneof(chars, fc.constantFrom("arn:aws:s3:::", "arn:aws:ec2:*:*:", "x/")), {
    maxLength: 7,
  })
  .map((parts) => parts.join(""));
const textChars = fc.constantFrom("a", "b", ":", "/", "c");
const text = fc
  .array(fc.oneof(textChars, fc.constantFrom("arn:aws:s3:::", "arn:aws:ec2:r:1:", "x/")), {
    maxLength: 9,
  })
  .map((parts) => parts.join(""));

describe("containment properties", () => {
  it("a resource matched by inner is matched by outer whenever inner ⊆ outer", () => {
    fc.assert(
      fc.property(pattern, pattern, fc.array(text, { maxLength: 30 }), (inner, outer, texts) => {
        const contained = resourcePatternContains(inner, outer);
        expect(contained).not.toBe("unknown");
        for (const t of [...texts, inner.replaceAll("*", "").replaceAll("?", "a")]) {
          if (contained === true && matchResource(inner, t))
            expect(matchResource(outer, t)).toBe(true);
          if (matchResource(inner, t) && matchResource(outer, t))
            expect(resourcePatternsIntersect(inner, outer)).toBe(true);
        }
      }),
      { seed: 17, numRuns: 3000 },
    );
  });

  it("a pattern not contained has a witness the evaluator tells apart (bounded search)", () => {
    // Enumerate short texts over the patterns' alphabet: when no text of length ≤ 6 separates
    // them and both are short, containment must not be refuted by a shorter witness we missed.
    const alphabetTexts = (letters: string[], max: number): string[] => {
      const out = [""];
      let layer = [""];
      for (let n = 0; n < max; n++) {
        layer = layer.flatMap((prefix) => letters.map((c) => prefix + c));
        out.push(...layer);
      }
      return out;
    };
    const texts = alphabetTexts(["a", "b", ":"], 6);
    const small = fc
      .array(fc.constantFrom("a", "b", ":", "*", "?"), { maxLength: 4 })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(small, small, (inner, outer) => {
        const contained = resourcePatternContains(inner, outer);
        const witness = texts.find((t) => matchResource(inner, t) && !matchResource(outer, t));
        // Sound: contained ⇒ no witness. Exact on these sizes: no witness ⇒ contained.
        if (contained === true) expect(witness).toBeUndefined();
        else expect(witness).toBeDefined();
        const both = texts.some((t) => matchResource(inner, t) && matchResource(outer, t));
        expect(resourcePatternsIntersect(inner, outer)).toBe(both);
      }),
      { seed: 7, numRuns: 4000 },
    );
  });

  it("action containment agrees with matchAction", () => {
    const small = fc
      .array(fc.constantFrom("a", "B", ":", "*", "?"), { maxLength: 4 })
      .map((p) => p.join(""));
    const texts = ["", "a", "b", ":", "ab", "a:", ":b", "ba", "a:b", "aab", "b:a", "abab"];
    fc.assert(
      fc.property(small, small, (inner, outer) => {
        if (actionPatternContains(inner, outer) === true)
          for (const t of texts)
            if (matchAction(inner, t)) expect(matchAction(outer, t)).toBe(true);
      }),
      { seed: 3, numRuns: 2000 },
    );
  });
});
