// Hostile sizes: 100,000-deep nesting, 10 MB strings, documents past the documented length limit
// and 100,000 statements. Each gives a clear error or the correct answer, never a stack overflow
// or a hang. The limits are documented in src/json/types.ts (MAX_JSON_DEPTH, MAX_JSON_LENGTH).
import { describe, expect, it } from "vitest";
import {
  compile,
  evaluate,
  MAX_JSON_DEPTH,
  MAX_JSON_LENGTH,
  parseJson,
  parsePolicy,
  validatePolicy,
} from "../../src/index.js";
import {
  ALLOW_ALL,
  decisionOf,
  expectWellFormedDiagnostics,
  isErrorOutcome,
  MUTATION_RUN,
  nestedArrays,
  policyText,
} from "./support.js";

const DEEP = 100_000;
const TEN_MB = 10 * 1024 * 1024;

describe("JSON nested 100,000 deep", () => {
  const deepArrays = "[".repeat(DEEP) + "]".repeat(DEEP);
  const deepObjects = '{"a":'.repeat(DEEP) + "1" + "}".repeat(DEEP);
  const deepInPolicy =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":' +
    deepArrays +
    "}}}]}";

  it.each([
    ["arrays", deepArrays],
    ["objects", deepObjects],
  ])("parseJson reports the depth limit for nested %s at the first bracket past it", (_, text) => {
    const result = parseJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(`limit of ${MAX_JSON_DEPTH} levels`);
    expect(result.error.line).toBe(1);
    expect(result.error.offset).toBeLessThanOrEqual(MAX_JSON_DEPTH * 5);
  });

  it("accepts nesting exactly at the documented limit and rejects one level more", () => {
    const at = "[".repeat(MAX_JSON_DEPTH) + "0" + "]".repeat(MAX_JSON_DEPTH);
    const over = "[".repeat(MAX_JSON_DEPTH + 1) + "0" + "]".repeat(MAX_JSON_DEPTH + 1);
    expect(parseJson(at).ok).toBe(true);
    expect(parseJson(over).ok).toBe(false);
  });

  // Was bug H3 (/tmp/iamspec-bugs.md): an empty innermost container was not counted.
  it("counts an empty innermost container as a level, as jsonNodeFromValue does", () => {
    const over = "[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1);
    expect(parseJson(over).ok).toBe(false);
    expect(
      parsePolicy({ Version: "2012-10-17", Statement: nestedArrays(MAX_JSON_DEPTH, []) }).ok,
    ).toBe(false);
  });

  it("parsePolicy gives JSON_SYNTAX_ERROR with line and column for deep text", () => {
    const result = parsePolicy(deepInPolicy);
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({
      code: "JSON_SYNTAX_ERROR",
      severity: "ERROR",
      line: 1,
    });
    expect(result.diagnostics[0]!.column).toBeGreaterThan(100);
  });

  it("parsePolicy reports a deep value given as an object with its JSON path", () => {
    const document = {
      Version: "2012-10-17",
      Statement: [{ ...ALLOW_ALL, Condition: { StringEquals: { k: nestedArrays(DEEP) } } }],
    };
    const result = parsePolicy(document);
    expect(result.ok).toBe(false);
    expectWellFormedDiagnostics(result.diagnostics);
    expect(result.diagnostics[0]!.message).toContain(`${MAX_JSON_DEPTH}`);
    expect(result.diagnostics[0]!.path).toMatch(
      /^\$\.Statement\[0\]\.Condition\.StringEquals\.k\[0\]/,
    );
  });

  it("validatePolicy reports deep text as a JSON syntax error", () => {
    const diagnostics = validatePolicy(deepInPolicy);
    expectWellFormedDiagnostics(diagnostics);
    expect(diagnostics.map((d) => d.code)).toContain("JSON_SYNTAX_ERROR");
  });

  it("validatePolicy reports a deep object value instead of overflowing the stack", () => {
    const diagnostics = validatePolicy({ Version: "2012-10-17", Statement: nestedArrays(DEEP) });
    expectWellFormedDiagnostics(diagnostics);
    expect(diagnostics.some((d) => d.severity === "ERROR")).toBe(true);
  });

  it("evaluate answers a deep Deny policy with an error, never a decision", () => {
    const outcome = evaluate({
      action: "s3:GetObject",
      policies: { identity: [policyText(ALLOW_ALL), deepInPolicy] },
    });
    expect(isErrorOutcome(outcome)).toBe(true);
  });

  it("evaluate rejects a context value nested 100,000 deep", () => {
    const outcome = evaluate({
      action: "s3:GetObject",
      context: { "aws:TagKeys": nestedArrays(DEEP) as never },
      policies: { identity: [policyText(ALLOW_ALL)] },
    });
    expect(isErrorOutcome(outcome)).toBe(true);
    if (isErrorOutcome(outcome)) expect(outcome.error.message).toContain("aws:TagKeys");
  });
});

// Each of these compiles a 10 MB pattern (bug H2 made that take seconds); the timeout is only a guard.
// Inputs are built in the callbacks: a skipped suite's body still runs when tests are collected.
describe.skipIf(MUTATION_RUN)("10 MB strings", { timeout: 60_000 }, () => {
  const huge = MUTATION_RUN ? "" : "a".repeat(TEN_MB);
  const hugeAction = `s3:${huge}`;
  const hugeResource = `arn:aws:s3:::bucket/${huge}`;

  it("parsePolicy keeps a 10 MB action exactly", () => {
    const result = parsePolicy(policyText({ Effect: "Allow", Action: hugeAction, Resource: "*" }));
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.policy.statements[0]!.action!.patterns[0]!.length).toBe(hugeAction.length);
  });

  it("evaluate matches a 10 MB action and resource exactly and by wildcard", () => {
    const policy = policyText({
      Effect: "Allow",
      Action: hugeAction,
      Resource: "arn:aws:s3:::bucket/*a",
    });
    const allowed = evaluate({
      action: hugeAction,
      resource: hugeResource,
      policies: { identity: [policy] },
    });
    expect(decisionOf(allowed)).toBe("Allowed");
    const other = evaluate({
      action: `${hugeAction}b`,
      resource: hugeResource,
      policies: { identity: [policy] },
    });
    expect(decisionOf(other)).toBe("ImplicitlyDenied");
    const shortened = evaluate({
      action: hugeAction.slice(0, -1),
      resource: hugeResource,
      policies: { identity: [policy] },
    });
    expect(decisionOf(shortened)).toBe("ImplicitlyDenied");
  });

  it("a 10 MB StringLike condition value is compared, not truncated", () => {
    const policy = policyText({
      ...ALLOW_ALL,
      Condition: { StringLike: { "aws:RequestTag/Big": `${huge}*` } },
    });
    const yes = evaluate({
      action: "s3:PutObject",
      context: { "aws:RequestTag/Big": `${huge}z` },
      policies: { identity: [policy] },
    });
    const no = evaluate({
      action: "s3:PutObject",
      context: { "aws:RequestTag/Big": `b${huge}` },
      policies: { identity: [policy] },
    });
    expect(decisionOf(yes)).toBe("Allowed");
    expect(decisionOf(no)).toBe("ImplicitlyDenied");
  });

  it("validatePolicy finishes on a 10 MB Sid, action and resource with well-formed diagnostics", () => {
    const diagnostics = validatePolicy(
      policyText({ Sid: huge, Effect: "Allow", Action: hugeAction, Resource: hugeResource }),
    );
    expectWellFormedDiagnostics(diagnostics);
  });

  it("an unterminated 10 MB string is a syntax error at the opening quote", () => {
    const result = parseJson(`{"Version": "${huge}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ line: 1, column: 13 });
  });
});

describe.skipIf(MUTATION_RUN)("the documented length limit (MAX_JSON_LENGTH)", () => {
  // One character over the limit: whitespace around a valid policy, so only the size is wrong.
  const core = policyText(ALLOW_ALL);
  const tooLong = MUTATION_RUN ? "" : core + " ".repeat(MAX_JSON_LENGTH + 1 - core.length);

  it("parsePolicy refuses text longer than the limit with a message naming it", () => {
    expect(tooLong.length).toBe(MAX_JSON_LENGTH + 1);
    const result = parsePolicy(tooLong);
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: "JSON_SYNTAX_ERROR", path: "$" });
    expect(result.diagnostics[0]!.message).toContain(String(MAX_JSON_LENGTH));
  });

  it("evaluate answers an over-long policy with an error", () => {
    const outcome = evaluate({ action: "s3:GetObject", policies: { identity: [tooLong] } });
    expect(isErrorOutcome(outcome)).toBe(true);
  });
});

describe.skipIf(MUTATION_RUN)("100,000 statements", { timeout: 60_000 }, () => {
  const COUNT = 100_000;
  /** COUNT - 1 allows of distinct actions of one service (or of `serviceOf(i)`), then one Deny of s3:*. */
  function manyStatements(serviceOf: (i: number) => string): string {
    const statements: object[] = [];
    for (let i = 0; i < COUNT - 1; i++) {
      statements.push({
        Sid: `S${i}`,
        Effect: "Allow",
        Action: `${serviceOf(i)}:Get${i}`,
        Resource: "*",
      });
    }
    statements.push({ Sid: "Last", Effect: "Deny", Action: "s3:*", Resource: "*" });
    return policyText(...statements);
  }
  const text = MUTATION_RUN ? "" : manyStatements(() => "svc");

  it("parsePolicy keeps all of them in order", () => {
    const result = parsePolicy(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.policy.statements).toHaveLength(COUNT);
    expect(result.policy.statements[COUNT - 1]).toMatchObject({
      index: COUNT - 1,
      sid: "Last",
      effect: "Deny",
    });
  });

  it("evaluate finds the deny at the end and an allow in the middle; compile agrees", () => {
    const denied = evaluate({ action: "s3:GetObject", policies: { identity: [text] } });
    expect(decisionOf(denied)).toBe("ExplicitlyDenied");
    if (!isErrorOutcome(denied))
      expect(denied.decidedBy[0]).toMatchObject({ statementIndex: COUNT - 1, sid: "Last" });
    const allowed = evaluate({ action: "SVC:get54321", policies: { identity: [text] } });
    expect(decisionOf(allowed)).toBe("Allowed");
    if (!isErrorOutcome(allowed))
      expect(allowed.decidedBy[0]).toMatchObject({ statementIndex: 54321 });
    expect(decisionOf(evaluate({ action: "svc:Get100000", policies: { identity: [text] } }))).toBe(
      "ImplicitlyDenied",
    );
    const engine = compile({ identity: [text] });
    expect(decisionOf(engine.evaluate({ action: "s3:GetObject" }))).toBe("ExplicitlyDenied");
    expect(decisionOf(engine.evaluate({ action: "svc:Get7" }))).toBe("Allowed");
  });

  // Was bug H1 (/tmp/iamspec-bugs.md): statements were indexed in O(services x statements).
  it("evaluate answers 100,000 statements with distinct services", () => {
    const distinct = manyStatements((i) => `svc${i}`);
    expect(
      decisionOf(evaluate({ action: "s3:GetObject", policies: { identity: [distinct] } })),
    ).toBe("ExplicitlyDenied");
    expect(
      decisionOf(evaluate({ action: "svc99:Get99", policies: { identity: [distinct] } })),
    ).toBe("Allowed");
  });

  // validatePolicy runs every lint per statement: ~120 µs each on an idle core, minutes on a loaded
  // one at 100,000, so it gets a quarter of them (still 2,000 times a real policy's statement count).
  it("validatePolicy finishes on 25,000 statements and reports each repetition once", () => {
    const repeated = policyText(
      ...Array.from({ length: COUNT / 4 }, () => ({
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "*",
      })),
    );
    const diagnostics = validatePolicy(repeated);
    expectWellFormedDiagnostics(diagnostics);
    expect(diagnostics.filter((d) => d.code === "REDUNDANT_STATEMENT")).toHaveLength(COUNT / 4 - 1);
  });
});
