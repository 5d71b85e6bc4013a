// Wildcard matching complexity (issue 8; issue 3 "all linear-time; no backtracking regular
// expressions"): time per input character for adversarial patterns of growing size. A linear
// matcher keeps ns/char flat, so the ratio of the largest to the smallest size stays near 1;
// a quadratic one grows with the size (x4 per step here). Run: `npm run bench:wildcards -w @iamspec/core`.
// Timing is printed, never asserted; a generous guard stops a case that exceeds 2 s per match.
import { compileGlob, evaluate, matchGlob } from "../src/index.js";

interface Case {
  name: string;
  /** Pattern and text for a size parameter n (roughly the input length in characters). */
  build(n: number): { pattern: string; text: string; expected: boolean };
  /** How the match is made: the glob matcher directly, or a full evaluate() through a policy. */
  via: "glob" | "resource" | "action" | "StringLike";
}

const CASES: Case[] = [
  {
    name: "a*a*a*…*a*b vs aaaa…ab (every star part searched, match)",
    via: "glob",
    build: (n) => ({
      pattern: `${"a*".repeat(n / 4)}b`,
      text: `${"a".repeat(n / 2)}b`,
      expected: true,
    }),
  },
  {
    name: "a*a*…*a*c*b vs aaaa…ab (fails at the last star part)",
    via: "glob",
    build: (n) => ({
      pattern: `${"a*".repeat(n / 4)}c*b`,
      text: `${"a".repeat(n / 2)}b`,
      expected: false,
    }),
  },
  {
    name: "a*a*a*…*b vs aaaa…a (no b: fails on the anchored end)",
    via: "glob",
    build: (n) => ({ pattern: `${"a*".repeat(n / 2)}b`, text: "a".repeat(n), expected: false }),
  },
  {
    name: "*aaaa…ab* vs aaaa…a (one long star part)",
    via: "glob",
    build: (n) => ({ pattern: `*${"a".repeat(n / 2)}b*`, text: "a".repeat(n), expected: false }),
  },
  {
    name: "*a?a?…a?b* vs aaaa…a (long part with ?)",
    via: "glob",
    build: (n) => ({ pattern: `*${"a?".repeat(n / 4)}b*`, text: "a".repeat(n), expected: false }),
  },
  {
    name: "?????…? vs text of same length (all ?)",
    via: "glob",
    build: (n) => ({ pattern: "?".repeat(n), text: "a".repeat(n), expected: true }),
  },
  {
    name: "Resource arn:aws:s3:::b/a*a*…*c*b vs arn:aws:s3:::b/aaa…ab",
    via: "resource",
    build: (n) => ({
      pattern: `arn:aws:s3:::b/${"a*".repeat(n / 4)}c*b`,
      text: `arn:aws:s3:::b/${"a".repeat(n / 2)}b`,
      expected: false,
    }),
  },
  {
    name: "Action s3:a*a*…*c*b vs s3:aaa…ab",
    via: "action",
    build: (n) => ({
      pattern: `s3:${"a*".repeat(n / 4)}c*b`,
      text: `s3:${"a".repeat(n / 2)}b`,
      expected: false,
    }),
  },
  {
    name: "StringLike a*a*…*c*b vs aaa…ab",
    via: "StringLike",
    build: (n) => ({
      pattern: `${"a*".repeat(n / 4)}c*b`,
      text: `${"a".repeat(n / 2)}b`,
      expected: false,
    }),
  },
  {
    name: "StringLike *a?a?…a?b* vs aaa…a (long part with ?)",
    via: "StringLike",
    build: (n) => ({ pattern: `*${"a?".repeat(n / 4)}b*`, text: "a".repeat(n), expected: false }),
  },
];

const SIZES = [1_000, 4_000, 16_000, 64_000, 256_000];
const GUARD_MS = 2_000;

function policyFor(c: Case, pattern: string): string {
  const statement =
    c.via === "resource"
      ? { Effect: "Allow", Action: "s3:GetObject", Resource: pattern }
      : c.via === "action"
        ? { Effect: "Allow", Action: pattern, Resource: "*" }
        : {
            Effect: "Allow",
            Action: "*",
            Resource: "*",
            Condition: { StringLike: { "aws:RequestTag/t": pattern } },
          };
  return JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
}

/** One match (compiled once; only matching is timed for globs, whole decisions for evaluate). */
function matcher(c: Case, pattern: string, text: string): () => boolean {
  if (c.via === "glob") {
    const glob = compileGlob(pattern);
    return () => matchGlob(glob, text);
  }
  const policy = policyFor(c, pattern);
  const request =
    c.via === "resource"
      ? { action: "s3:GetObject", resource: text }
      : c.via === "action"
        ? { action: text }
        : { action: "s3:PutObject", context: { "aws:RequestTag/t": text } };
  evaluate({ ...request, policies: { identity: [policy] } }); // compile and cache the policy
  return () => {
    const outcome = evaluate({ ...request, policies: { identity: [policy] } });
    return "decision" in outcome && outcome.decision === "Allowed";
  };
}

function timeOne(run: () => boolean): { ms: number; result: boolean } {
  // Repeat until ~50 ms have passed (at least 3 runs) and take the fastest, to damp noise on a shared machine.
  let best = Infinity;
  let result = false;
  let total = 0;
  for (let i = 0; (i < 3 || total < 50) && total < GUARD_MS; i++) {
    const start = performance.now();
    result = run();
    const ms = performance.now() - start;
    best = Math.min(best, ms);
    total += ms;
  }
  return { ms: best, result };
}

const rows: string[] = [];
console.log(`wildcard matching: time per input character (pattern + text) for growing sizes\n`);
for (const c of CASES) {
  const perChar: number[] = [];
  const line: string[] = [];
  for (const n of SIZES) {
    const { pattern, text, expected } = c.build(n);
    const { ms, result } = timeOne(matcher(c, pattern, text));
    if (result !== expected)
      throw new Error(`${c.name}: n=${n} matched=${result}, expected ${expected}`);
    const ns = (ms * 1e6) / (pattern.length + text.length);
    perChar.push(ns);
    line.push(`n=${n}: ${ms.toFixed(3)} ms (${ns.toFixed(2)} ns/char)`);
    if (ms > GUARD_MS / 4) {
      line.push("(stopped: next size would exceed the guard)");
      break;
    }
  }
  const ratio = perChar[perChar.length - 1]! / perChar[0]!;
  const verdict = ratio < 4 ? "linear" : "SUPERLINEAR";
  console.log(
    `${c.name}\n  ${line.join("\n  ")}\n  ns/char ratio largest/smallest: ${ratio.toFixed(2)} -> ${verdict}\n`,
  );
  rows.push(
    `| ${c.name} | ${perChar[0]!.toFixed(2)} | ${perChar[perChar.length - 1]!.toFixed(2)} | ${ratio.toFixed(2)} | ${verdict} |`,
  );
}

// Issue 3: a 2,000-character resource against a pattern of 500 `*`-separated parts, under 1 ms each.
{
  const pattern = `arn:aws:s3:::bucket/${Array.from({ length: 500 }, (_, i) => `p${i % 10}`).join("*")}`;
  const resource = `arn:aws:s3:::bucket/${"p0p1p2p3p4p5p6p7p8".repeat(110)}`.slice(0, 2000);
  const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: pattern }],
  });
  const request = { action: "s3:GetObject", resource, policies: { identity: [policy] } };
  evaluate(request);
  const runs = 2_000;
  const start = performance.now();
  for (let i = 0; i < runs; i++) evaluate(request);
  const each = (performance.now() - start) / runs;
  console.log(
    `2,000-char resource vs 500-part pattern: ${(each * 1000).toFixed(1)} µs per decision (issue 3 bound: 1,000 µs)`,
  );
}

console.log(
  `\n| case | ns/char at n=1,000 | ns/char at largest n | ratio | verdict |\n|---|---|---|---|---|\n${rows.join("\n")}`,
);
