// Matchers (docs/evaluation-rules.md §2, §3.2, §4): the linear-time glob against a reference, ARN segments,
// principals.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileGlobPieces,
  globMatch,
  matchAction,
  matchGlob,
  matchResource,
} from "../src/matching/index.js";
import { parseRequestPrincipal } from "../src/matching/principal.js";

/** Reference semantics, for tests only: an anchored, dot-all regular expression. */
function reference(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) =>
    c === "*" ? ".*" : c === "?" ? "." : `\\${c}`,
  );
  return new RegExp(`^${source}$`, "s").test(text);
}

describe("globMatch", () => {
  it.each([
    ["", "", true],
    ["", "a", false],
    ["*", "", true],
    ["a*b*c", "abc", true],
    ["a*b*c", "aXbYc", true],
    ["a*b*c", "acb", false],
    ["*a*a*", "aa", true],
    ["*a*a*", "a", false],
    ["a?c", "a\nc", true],
    ["*.txt", "x.txt.bak", false],
    ["ab*ab", "abab", true],
    ["ab*ab", "aba", false],
  ])("%j vs %j -> %s", (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it("agrees with a regular-expression reference on random patterns and texts", () => {
    const alphabet = fc.constantFrom("a", "b", "*", "?", "/", ":");
    fc.assert(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom("a", "b", "/", ":"), maxLength: 10 }),
        (pattern, text) => {
          expect(globMatch(pattern, text)).toBe(reference(pattern, text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("treats literal pieces (substituted variables) as plain characters", () => {
    const glob = compileGlobPieces([
      { text: "a*", literal: false },
      { text: "*?", literal: true },
    ]);
    expect(matchGlob(glob, "axyz*?")).toBe(true);
    expect(matchGlob(glob, "axyz-x")).toBe(false);
  });

  it("decides adversarial patterns quickly and correctly (a 2,000-character text, 500 parts)", () => {
    const text = "a".repeat(2000);
    expect(globMatch("a*".repeat(499) + "b", text)).toBe(false);
    expect(globMatch("a*".repeat(499) + "a", text)).toBe(true);
    expect(globMatch("a?*".repeat(499) + "a", text)).toBe(true);
    expect(globMatch("a*".repeat(250) + "b*" + "a*".repeat(248) + "a", text)).toBe(false);
  });
});

describe("matchAction and matchResource", () => {
  it("matches actions case-insensitively (docs/evaluation-rules.md §2)", () => {
    expect(matchAction("IAM:List*", "iam:listaccesskeys")).toBe(true);
    expect(matchAction("s3:Get*", "s3:PutObject")).toBe(false);
  });
  it("matches resources per ARN segment, case-sensitively (docs/evaluation-rules.md §3.2)", () => {
    expect(matchResource("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a:b/c")).toBe(true);
    expect(matchResource("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/a")).toBe(false);
    expect(
      matchResource(
        "arn:aws:ec2:*:111122223333:instance/*",
        "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
      ),
    ).toBe(true);
    expect(
      matchResource(
        "arn:aws:ec2:*:111122223333:instance/*",
        "arn:aws:ec2:us-east-1:444455556666:instance/i-1",
      ),
    ).toBe(false);
    expect(
      matchResource("arn:aws:*:*:111122223333:*", "arn:aws:sqs:us-east-1:111122223333:q"),
    ).toBe(true);
    // A wildcard in a middle segment does not cross colons (docs/evaluation-rules.md §3.2 recommended algorithm).
    expect(
      matchResource(
        "arn:aws:ec2:*:111122223333:instance/*",
        "arn:aws:ec2:us:east:111122223333:instance/i",
      ),
    ).toBe(false);
  });
});

describe("parseRequestPrincipal (docs/evaluation-rules.md §4, §10)", () => {
  it.each([
    ["arn:aws:iam::111122223333:user/division/alice", "user"],
    ["arn:aws:iam::111122223333:root", "root"],
    ["111122223333", "root"],
    ["arn:aws:sts::111122223333:assumed-role/R/s", "assumed-role"],
    ["arn:aws:iam::111122223333:role/path/R", "role"],
    ["arn:aws:sts::111122223333:federated-user/bob", "federated-user"],
    ["cloudtrail.amazonaws.com", "service"],
    ["anonymous", "anonymous"],
  ])("%s is a %s principal", (value, kind) => {
    expect(parseRequestPrincipal(value)).toMatchObject({ kind });
  });
  it.each([
    "bob",
    "arn:aws:iam::1:user/x",
    "arn:aws:s3:::bucket",
    "arn:aws:sts::111122223333:assumed-role/R",
  ])("rejects %s", (value) => {
    expect(parseRequestPrincipal(value)).toHaveProperty("error");
  });
});

// `?` inside a middle part is searched with shift-and (bug H8: the old search was quadratic).
describe("globMatch with `?` between stars", () => {
  it.each([
    ["*a?c*", "xxabcxx", true],
    ["*a?c*", "xxacxx", false],
    ["x*??*y", "xaby", true],
    ["x*??*y", "xay", false],
    ["*a?a?b*", "aaaaaaab", true],
    ["*a?a?b*", "aaaaaaa", false],
    // A part longer than one 32-bit word of shift-and state.
    [`*${"ab?".repeat(20)}z*`, `--${"abX".repeat(20)}z--`, true],
    [`*${"ab?".repeat(20)}z*`, `--${"abX".repeat(19)}aXXz--`, false],
  ])("%s against %s is %s", (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it("agrees with an anchored regular expression on random patterns of a, b, ? and *", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "b", "?", "*"), { maxLength: 80 }),
        fc.array(fc.constantFrom("a", "b"), { maxLength: 120 }),
        (pattern, text) => {
          const source = pattern.map((c) => (c === "*" ? ".*" : c === "?" ? "." : c)).join("");
          const reference = new RegExp(`^${source}$`, "s").test(text.join(""));
          expect(globMatch(pattern.join(""), text.join(""))).toBe(reference);
        },
      ),
      { seed: 8, numRuns: 2000 },
    );
  });
});
