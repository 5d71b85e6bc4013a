// Glob edge cases (docs/evaluation-rules.md §3.2, §5.4 String, §6): `*` is any run of characters, `?` exactly one,
// anchored to the whole value; substituted variable text is literal. matching.test.ts compares the
// matcher with a regular expression on random input; this file pins the boundaries of the two search
// paths (plain `*` parts, `?` parts searched by 32-bit-word shift-and) and of matching a sub-range.
import { describe, expect, it } from "vitest";
import { compileGlob, compileGlobPieces, globMatch, matchGlob } from "../src/matching/index.js";
import { matchGlobRange } from "../src/matching/glob.js";

/** Reference semantics: an anchored, dot-all regular expression (patterns here use only a-z, `*`, `?`, `-`). */
function reference(pattern: string, text: string): boolean {
  const source = pattern.replace(/[*?]/g, (c) => (c === "*" ? ".*" : "."));
  return new RegExp(`^${source}$`, "s").test(text);
}

describe("patterns at the boundaries (docs/evaluation-rules.md §3.2: `*` zero or more characters, `?` exactly one)", () => {
  it.each([
    ["", "", true],
    ["", "a", false],
    ["**", "", true],
    ["**", "a:b/c", true],
    ["a**b", "ab", true],
    ["?", "", false],
    ["?", "a", true],
    ["?", "ab", false],
    ["*?", "", false],
    ["?*", "a", true],
    ["?*?", "a", false],
    ["?*?", "ab", true],
    ["ab?", "ab", false], // `?` at the very end still needs a character
    ["ab?", "abc", true],
    ["*a?", "xa", false],
    ["*a?", "xab", true],
    ["*a", "a", true],
    ["a*", "a", true],
    ["a*a", "a", false], // the first and last parts may not share a character
    ["a*a", "aa", true],
    ["ab*bc", "abc", false],
    ["ab*bc", "abbc", true],
    ["*ab*ab*", "aba", false],
    ["*ab*ab*", "abab", true],
    ["a*?*b", "ab", false],
    ["a*?*b", "axb", true],
    ["*-?-*", "a-b-c", true],
    ["*-?-*", "a--c", false],
  ])("%j against %j is %s", (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
    expect(reference(pattern, text)).toBe(expected);
  });
});

// A `?` part between two `*` is searched with shift-and over ⌈length/32⌉ words; lengths on each side
// of a word boundary check that the match bit is read from the right word.
describe("`?` parts on both sides of the shift-and word size", () => {
  /** A part of `length` characters, `?` at every third position and ending with "b". */
  function wildPart(length: number): string {
    let part = "";
    for (let i = 0; i < length - 1; i++) part += i % 3 === 1 ? "?" : "a";
    return part + "b";
  }
  const instance = (part: string) => part.replace(/\?/g, "z");

  it.each([2, 30, 31, 32, 33, 63, 64, 65, 96, 97])("a %i-character part", (length) => {
    const part = wildPart(length);
    const hit = instance(part);
    // A part at the very end of the search range (it must end where the last part starts).
    const cases: [string, string, boolean][] = [
      [`*${part}*`, `--${hit}--`, true],
      [`*${part}*`, hit, true],
      [`*${part}*x`, `${hit}x`, true],
      [`x*${part}*`, `x${hit}`, true],
      // The last literal character wrong: no occurrence.
      [`*${part}*`, `--${hit.slice(0, -1)}a--`, false],
      // One character short.
      [`*${part}*`, hit.slice(1), false],
      // The only occurrence overlaps the last part.
      [`*${part}*b`, hit, false],
      // Two parts with `?` in a row, the second one starting right after the first.
      [`*${part}*${part}*`, `${hit}${hit}`, true],
      [`*${part}*${part}*`, `${hit}${hit.slice(1)}`, false],
    ];
    for (const [pattern, text, expected] of cases) {
      expect(globMatch(pattern, text), `${pattern} against ${text}`).toBe(expected);
      expect(reference(pattern, text)).toBe(expected);
    }
  });
});

describe("substituted text is literal (docs/evaluation-rules.md §6: `*` and `?` from a variable are not wildcards)", () => {
  it.each([
    // One literal piece, as `${aws:username}` alone resolves to.
    [[{ text: "a*?", literal: true }], "a*?", true],
    [[{ text: "a*?", literal: true }], "abc", false],
    [[{ text: "a*", literal: true }], "ab", false],
    [[{ text: "a?", literal: true }], "ab", false],
    // Raw wildcards around a literal piece that has `*` and `?` in it.
    [
      [
        { text: "*-", literal: false },
        { text: "?*", literal: true },
        { text: "-?", literal: false },
      ],
      "x-?*-y",
      true,
    ],
    [
      [
        { text: "*-", literal: false },
        { text: "?*", literal: true },
        { text: "-?", literal: false },
      ],
      "x-a*-y",
      false,
    ],
    // No pieces: the empty pattern.
    [[], "", true],
    [[], "a", false],
  ])("%j against %j is %s", (pieces, text, expected) => {
    expect(matchGlob(compileGlobPieces(pieces), text)).toBe(expected);
  });
});

describe("matchGlobRange matches only inside [start, end)", () => {
  it.each<[string, string, number, number, boolean]>([
    ["abc", "xxabcxx", 2, 5, true],
    ["abc", "xxabcxx", 2, 6, false],
    ["abc", "xxabcxx", 1, 4, false],
    ["", "abc", 1, 1, true],
    ["", "abc", 1, 2, false],
    ["*", "abc", 3, 3, true],
    ["?", "abc", 1, 1, false],
    ["?", "abc", 1, 2, true],
    ["a?c", "zabcz", 1, 4, true],
    ["a?c", "zabcz", 0, 4, false],
    ["a*c", "Xabc", 1, 4, true],
    ["a*c", "abcX", 0, 4, false],
    // A middle part found only before start or after end does not count.
    ["*b*", "bac", 1, 3, false],
    ["*b*", "acb", 0, 2, false],
    ["*b*", "acb", 0, 3, true],
    ["*b?*", "b1xxb2", 2, 5, false],
    ["*b?*", "b1xxb2", 2, 6, true],
    ["*b?*", "b1xxb2", 1, 4, false],
    ["x*b?*y", "b1xb2y", 2, 6, true],
    ["x*b?*y", "xb2yb1", 0, 3, false],
  ])("%j in %j[%i, %i) is %s", (pattern, text, start, end, expected) => {
    expect(matchGlobRange(compileGlob(pattern), text, start, end)).toBe(expected);
    expect(reference(pattern, text.slice(start, end))).toBe(expected);
  });
});
