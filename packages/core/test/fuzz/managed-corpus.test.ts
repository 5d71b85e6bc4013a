// The AWS managed policies corpus (policies/aws-managed/, ~1,600 real documents) as fuzz seeds:
// every real policy evaluates without throwing and obeys "explicit deny wins" and the fail-safe
// rule; randomly damaged copies (values replaced, keys renamed or deleted, text truncated or
// spliced) get located diagnostics or an error result — never an exception.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile, evaluate, parsePolicy, validatePolicy } from "../../src/index.js";
import type { Statement } from "../../src/index.js";
import {
  decisionOf,
  expectPrototypeUntouched,
  expectWellFormedDiagnostics,
  isErrorOutcome,
  MUTATION_RUN,
  prototypeSnapshot,
} from "../hostile/support.js";
import { FUZZ, runs, nastyString, scalar } from "./arbitraries.js";
import { loadManagedPolicies, loadServiceData } from "./corpus.js";

// Not loaded under mutation testing, where every test file is re-run per mutant.
const corpus = MUTATION_RUN ? [] : loadManagedPolicies();

let before: ReturnType<typeof prototypeSnapshot>;
beforeAll(() => {
  before = prototypeSnapshot();
});
afterAll(() => {
  expectPrototypeUntouched(before);
});

/** A concrete value that a pattern matches: wildcards replaced by ordinary characters. */
function concrete(pattern: string): string {
  return pattern.replace(/\*/g, "x").replace(/\?/g, "y");
}

/** A request the statement is about: its first action (or an unlisted one for NotAction) and resource. */
function requestFor(statement: Statement): { action: string; resource: string } {
  const action = statement.action
    ? concrete(statement.action.patterns[0] ?? "s3:GetObject")
    : "zzz:NotListed";
  const resourcePattern = statement.resource?.patterns[0];
  const resource =
    resourcePattern === undefined || resourcePattern.includes("${")
      ? "*"
      : concrete(resourcePattern);
  return { action, resource };
}

const ALLOW_ALL = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});
const DENY_ALL = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }],
});
const DENY_UNEVALUABLE = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "not a number" } },
    },
  ],
});

// Whole-corpus passes take seconds on a loaded 2-core machine; the timeout is a guard, not a goal.
describe.skipIf(MUTATION_RUN)("every AWS managed policy", { timeout: 60_000 }, () => {
  it("has a corpus to test", () => {
    expect(corpus.length).toBeGreaterThan(1000);
  });

  it("parses, and decides a request for each of its statements without throwing", () => {
    let decisions = 0;
    for (const { name, text } of corpus) {
      const parsed = parsePolicy(text, { name });
      expect(parsed.ok, name).toBe(true);
      if (!parsed.ok) continue;
      const engine = compile({ identity: [text] });
      for (const statement of parsed.policy.statements) {
        const request = { principal: "arn:aws:iam::111122223333:role/R", ...requestFor(statement) };
        const outcome = engine.evaluate(request);
        if (isErrorOutcome(outcome)) {
          expect(outcome.error.message, name).not.toBe("");
          continue;
        }
        decisions++;
        // An Allow statement's own request is never an explicit deny unless a Deny of the policy
        // covers it or an AWS-side rule refuses it (e.g. deleting a service-linked role through IAM).
        if (
          outcome.decision === "ExplicitlyDenied" &&
          !(outcome.notes ?? []).some((n) => n.code === "AWS_SIDE_RULE")
        )
          expect(
            outcome.decidedBy.some((d) => d.effect === "Deny"),
            name,
          ).toBe(true);
      }
    }
    expect(decisions).toBeGreaterThan(corpus.length);
  });

  it("obeys explicit deny and the fail-safe rule beside each of its requests", () => {
    const sample = corpus.filter((_, i) => i % 4 === 0);
    for (const { name, text } of sample) {
      const parsed = parsePolicy(text);
      if (!parsed.ok) continue;
      for (const statement of parsed.policy.statements.slice(0, 3)) {
        const request = { principal: "arn:aws:iam::111122223333:role/R", ...requestFor(statement) };
        const denied = evaluate({ ...request, policies: { identity: [text, DENY_ALL] } });
        expect(decisionOf(denied), name).toBe(
          isErrorOutcome(denied) ? "error" : "ExplicitlyDenied",
        );
        const unevaluable = evaluate({
          ...request,
          context: { "aws:MultiFactorAuthAge": "60" },
          policies: { identity: [text, ALLOW_ALL], boundary: [ALLOW_ALL, DENY_UNEVALUABLE] },
        });
        expect(decisionOf(unevaluable), name).not.toBe("Allowed");
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Damaged copies

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every (container, key) in a document, in a stable order. */
function slots(root: Json): { parent: Json[] | { [key: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [key: string]: Json }; key: string | number }[] = [];
  const work: Json[] = [root];
  while (work.length > 0) {
    const node = work.pop()!;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        out.push({ parent: node, key: i });
        work.push(item);
      });
    } else if (node !== null && typeof node === "object") {
      for (const key of Object.keys(node)) {
        out.push({ parent: node, key });
        work.push(node[key]!);
      }
    }
  }
  return out;
}

const replacement: fc.Arbitrary<Json> = fc.oneof(
  scalar as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(null, {}, [], [[]], { Effect: "Deny" }, ["*"], "Deny", "allow", "*"),
  fc.array(scalar as fc.Arbitrary<Json>, { maxLength: 3 }),
);

const valueMutation = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: replacement }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("rename" as const), at: fc.nat(), name: nastyString }),
  fc.record({ kind: fc.constant("wrap" as const), at: fc.nat() }),
);
type ValueMutation = typeof valueMutation extends fc.Arbitrary<infer T> ? T : never;

function mutateValue(document: Json, m: ValueMutation): Json {
  const copy = JSON.parse(JSON.stringify(document)) as Json;
  const all = slots(copy);
  if (all.length === 0) return copy;
  const { parent, key } = all[m.at % all.length]!;
  const current = (parent as Record<string | number, Json>)[key]!;
  if (m.kind === "replace") (parent as Record<string | number, Json>)[key] = m.value;
  else if (m.kind === "wrap") (parent as Record<string | number, Json>)[key] = [current];
  else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else if (m.kind === "delete") delete parent[key as string];
  else {
    // Rename, keeping the key's position; defineProperty so that "__proto__" stays an own key.
    const entries = Object.entries(parent).map(([k, v]): [string, Json] => [
      k === key ? m.name : k,
      v,
    ]);
    for (const k of Object.keys(parent)) delete parent[k];
    for (const [k, v] of entries)
      Object.defineProperty(parent, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return copy;
}

const textDamage = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("splice" as const),
    at: fc.nat(),
    text: fc.constantFrom(
      ",",
      "}",
      "]",
      '"',
      "\\u",
      "\u0000",
      "\uD83D",
      '"Effect": "Deny", ',
      '"Statement": [], ',
      "{",
      "NaN",
      "1e999",
      "//x\n",
    ),
  }),
  fc.record({ kind: fc.constant("none" as const) }),
);
type TextDamage = typeof textDamage extends fc.Arbitrary<infer T> ? T : never;

function damageText(text: string, d: TextDamage): string {
  if (d.kind === "none") return text;
  const at = d.at % (text.length + 1);
  return d.kind === "truncate" ? text.slice(0, at) : text.slice(0, at) + d.text + text.slice(at);
}

describe.skipIf(MUTATION_RUN)("damaged copies of AWS managed policies", { timeout: 60_000 }, () => {
  const serviceData = MUTATION_RUN ? undefined : loadServiceData();
  const damaged = fc
    .tuple(
      fc.nat({ max: corpus.length - 1 }),
      fc.array(valueMutation, { minLength: 1, maxLength: 3 }),
      textDamage,
      fc.boolean(),
      fc.boolean(),
    )
    .map(([index, mutations, text, asText, withServiceData]) => {
      let document = corpus[index]!.document as Json;
      for (const m of mutations) document = mutateValue(document, m);
      return {
        name: corpus[index]!.name,
        document,
        text: damageText(JSON.stringify(document, null, 2), text),
        asText,
        withServiceData,
      };
    });

  it("get located diagnostics from parsePolicy and validatePolicy, never an exception", () => {
    fc.assert(
      fc.property(damaged, ({ document, text, asText, withServiceData }) => {
        const input = asText ? text : document;
        const parsed = parsePolicy(input);
        expectWellFormedDiagnostics(parsed.diagnostics);
        if (asText)
          for (const d of parsed.diagnostics) expect(d.line, d.message).toBeGreaterThanOrEqual(1);
        const diagnostics = validatePolicy(
          input,
          withServiceData && serviceData ? { serviceData } : {},
        );
        expectWellFormedDiagnostics(diagnostics);
        if (!parsed.ok) expect(diagnostics.some((d) => d.severity === "ERROR")).toBe(true);
      }),
      { ...FUZZ, numRuns: runs(120) },
    );
  });

  it("are evaluated or rejected, never thrown on, and a Deny of everything still wins", () => {
    fc.assert(
      fc.property(
        damaged,
        fc.constantFrom("identity", "boundary", "session", "scp"),
        ({ document, text, asText }, layer) => {
          const entry = asText ? text : document;
          // A role session: every layer binds it, session policies included (only sessions, docs/evaluation-rules.md §7.1).
          const request = {
            action: "s3:GetObject",
            resource: "arn:aws:s3:::bucket/key",
            principal: "arn:aws:sts::111122223333:assumed-role/R/s",
          };
          const policies = { identity: [ALLOW_ALL], [layer]: [entry, DENY_ALL] };
          const outcome = evaluate({ ...request, policies } as never);
          expect(["ExplicitlyDenied", "error"]).toContain(decisionOf(outcome));
          const alone = evaluate({ ...request, policies: { identity: [entry as string] } });
          expect(["Allowed", "ExplicitlyDenied", "ImplicitlyDenied", "error"]).toContain(
            decisionOf(alone),
          );
        },
      ),
      { ...FUZZ, numRuns: runs(200) },
    );
  });
});
