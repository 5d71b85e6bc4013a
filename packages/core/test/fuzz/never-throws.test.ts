// Random and malformed input never makes parseJson, parsePolicy, validatePolicy or evaluate throw:
// they answer with diagnostics or an error result (docs/architecture.md: "never a decision" for a bad request,
// "nothing crashes"). Invariants checked on the way: parseJson agrees with JSON.parse, diagnostics
// of text input carry line and column, compile() agrees with evaluate(), explain does not change
// the decision, and Object.prototype is never touched.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compile,
  evaluate,
  jsonValueFromNode,
  lineColumnAt,
  parseJson,
  parsePolicy,
  validatePolicy,
} from "../../src/index.js";
import type { EvaluationRequest, PolicyType } from "../../src/index.js";
import {
  decisionOf,
  expectPrototypeUntouched,
  expectWellFormedDiagnostics,
  isErrorOutcome,
  prototypeSnapshot,
} from "../hostile/support.js";
import { asEntry, FUZZ, mixedPolicyArb, policyArb, requestArb, runs } from "./arbitraries.js";

let before: ReturnType<typeof prototypeSnapshot>;
beforeAll(() => {
  before = prototypeSnapshot();
});
afterAll(() => {
  expectPrototypeUntouched(before);
});

/** Random edits of JSON text: the mistakes of hand-edited files and the damage of truncation. */
const textMutation = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("delete" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.constantFrom(
      ",",
      "}",
      "]",
      '"',
      "\\",
      ":",
      "\u0000",
      "\uD800",
      "\n",
      "{",
      "[",
      "tru",
      "-",
      "1e",
      "//",
    ),
  }),
);
type TextMutation = typeof textMutation extends fc.Arbitrary<infer T> ? T : never;

function mutateText(text: string, m: TextMutation): string {
  const at = m.at % (text.length + 1);
  if (m.kind === "truncate") return text.slice(0, at);
  if (m.kind === "delete") return text.slice(0, at) + text.slice(at + m.length);
  return text.slice(0, at) + m.text + text.slice(at);
}

// Properties run hundreds of cases; the timeout guards a loaded shared machine, it is not a target.
describe("parseJson", { timeout: 30_000 }, () => {
  it("agrees with JSON.parse on every valid document and never throws on damaged ones", () => {
    fc.assert(
      fc.property(
        fc.json({ maxDepth: 4 }),
        fc.option(textMutation, { nil: undefined }),
        (json, mutation) => {
          const text = mutation === undefined ? json : mutateText(json, mutation);
          let expected: unknown;
          let valid = true;
          try {
            expected = JSON.parse(text);
          } catch {
            valid = false;
          }
          const result = parseJson(text);
          expect(result.ok).toBe(valid);
          if (result.ok) {
            expect(JSON.stringify(jsonValueFromNode(result.root))).toBe(JSON.stringify(expected));
          } else {
            // The reported position is the offset's line and column, inside (or just past) the text.
            expect(result.error.offset).toBeGreaterThanOrEqual(0);
            expect(result.error.offset).toBeLessThanOrEqual(text.length);
            expect(lineColumnAt(text, result.error.offset)).toEqual({
              line: result.error.line,
              column: result.error.column,
            });
          }
        },
      ),
      { ...FUZZ, numRuns: runs(1000) },
    );
  });
});

// Properties run hundreds of cases; the timeout guards a loaded shared machine, it is not a target.
describe("parsePolicy and validatePolicy", { timeout: 30_000 }, () => {
  const policyTypes: PolicyType[] = [
    "identity",
    "resource",
    "trust",
    "boundary",
    "session",
    "scp",
    "rcp",
  ];

  it("answer random policies with an AST or located diagnostics", () => {
    fc.assert(
      fc.property(
        policyArb({ principals: true }),
        fc.constantFrom(...policyTypes),
        fc.boolean(),
        (policy, policyType, asText) => {
          const input = asEntry(policy, asText);
          const parsed = parsePolicy(input, { policyType });
          expectWellFormedDiagnostics(parsed.diagnostics);
          if (!parsed.ok) {
            expect(parsed.diagnostics.length).toBeGreaterThan(0);
            expect(parsed.diagnostics.every((d) => d.severity === "ERROR")).toBe(true);
            if (asText)
              for (const d of parsed.diagnostics) expect(d.line, d.code).toBeGreaterThanOrEqual(1);
          } else {
            expect(parsed.diagnostics).toEqual([]);
          }
          const diagnostics = validatePolicy(input, { policyType });
          expectWellFormedDiagnostics(diagnostics);
          // Everything the parser rejects, the validator reports as an ERROR too.
          if (!parsed.ok) expect(diagnostics.some((d) => d.severity === "ERROR")).toBe(true);
        },
      ),
      FUZZ,
    );
  });

  it("answer damaged policy text with a JSON_SYNTAX_ERROR or grammar diagnostics, never a throw", () => {
    fc.assert(
      fc.property(policyArb(), textMutation, (policy, mutation) => {
        const text = mutateText(JSON.stringify(policy, null, 2), mutation);
        const parsed = parsePolicy(text);
        expectWellFormedDiagnostics(parsed.diagnostics);
        if (!parsed.ok)
          for (const d of parsed.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
        expectWellFormedDiagnostics(validatePolicy(text));
      }),
      FUZZ,
    );
  });

  it("answer values that are not JSON documents", () => {
    fc.assert(
      fc.property(
        fc.anything({
          maxDepth: 3,
          withBigInt: true,
          withDate: true,
          withMap: true,
          withNullPrototype: true,
          withTypedArray: true,
          withSparseArray: true,
        }),
        (value) => {
          expectWellFormedDiagnostics(parsePolicy(value).diagnostics);
          expectWellFormedDiagnostics(validatePolicy(value));
        },
      ),
      FUZZ,
    );
  });
});

// Properties run hundreds of cases; the timeout guards a loaded shared machine, it is not a target.
describe("evaluate and compile", { timeout: 30_000 }, () => {
  const policySetArb = fc.record(
    {
      identity: fc.array(mixedPolicyArb(), { maxLength: 2 }),
      resource: fc.array(mixedPolicyArb({ principals: true }), { maxLength: 2 }),
      boundary: fc.array(mixedPolicyArb(), { maxLength: 1 }),
      session: fc.array(mixedPolicyArb(), { maxLength: 1 }),
      scp: fc.array(mixedPolicyArb(), { maxLength: 2 }),
      rcp: fc.array(mixedPolicyArb({ principals: true }), { maxLength: 1 }),
    },
    { requiredKeys: ["identity"] },
  );

  it("decide random requests over random policy sets, or answer with an error; never throw", () => {
    fc.assert(
      fc.property(requestArb, policySetArb, fc.boolean(), (request, set, asText) => {
        const policies = Object.fromEntries(
          Object.entries(set).map(([layer, list]) => [layer, list.map((p) => asEntry(p, asText))]),
        );
        const full = { ...request, policies } as EvaluationRequest;
        const outcome = evaluate(full);
        if (isErrorOutcome(outcome)) {
          expect(outcome.error.message.length).toBeGreaterThan(0);
        } else {
          expect(["Allowed", "ExplicitlyDenied", "ImplicitlyDenied"]).toContain(outcome.decision);
          // A decision other than "nothing allows" names its statements, or says why in a note
          // (the account root user needs no identity policy in its own account).
          if (outcome.decision !== "ImplicitlyDenied" && outcome.decidedBy.length === 0) {
            expect(outcome.notes?.length ?? 0).toBeGreaterThan(0);
          }
        }
        const explained = evaluate(full, { explain: true });
        expect(decisionOf(explained)).toBe(decisionOf(outcome));
        const { policies: _, ...rest } = full;
        expect(compile(policies).evaluate(rest)).toEqual(outcome);
      }),
      { ...FUZZ, numRuns: runs(300) },
    );
  });
});
