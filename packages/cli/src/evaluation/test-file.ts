// Policy test files: an array of requests, each with `expected` and an optional `name`; or
// `{ "policies": {...}, "cases": [...] }` where each case inherits the top-level policies
// (a case's own `policies` replace them layer by layer: its `boundary` adds to the top `identity`).
import { dirname } from "node:path";
import { compile, evaluate } from "@iamspec/core";
import type {
  Decision,
  DecidingStatement,
  EvaluationErrorInfo,
  EvaluationRequest,
  PolicySet,
} from "@iamspec/core";
import { inputError } from "../errors.js";
import { parseJsonDocument } from "../input/json-text.js";
import { parseYamlDocument } from "../input/yaml-document.js";
import type { ParsedDocument } from "../input/json-text.js";
import { readText } from "../input/read-text.js";
import { EXPECTED_DECISIONS, isExpectedDecision, matchesExpectation } from "./expect.js";
import type { ExpectedDecision } from "./expect.js";
import { createPolicyResolver, resolvePolicySet } from "./policy-set.js";

export interface CaseResult {
  name: string;
  expected: ExpectedDecision;
  /** Where the case is in its file. */
  line?: number;
  column?: number;
  outcome: "pass" | "fail" | "error";
  decision?: Decision;
  decidedBy?: DecidingStatement[];
  error?: EvaluationErrorInfo;
}

export interface TestFileResult {
  file: string;
  cases: CaseResult[];
  passed: number;
  failed: number;
  errors: number;
  durationMs: number;
}

export async function runTestFile(
  path: string,
  stdin: NodeJS.ReadableStream,
): Promise<TestFileResult> {
  const started = performance.now();
  const { text, name: file } = await readText(path, stdin);
  const document =
    /\.ya?ml$/i.test(path) || !/^\s*[[{]/.test(text)
      ? await parseYamlDocument(text, file)
      : parseJsonDocument(text, file, { exactNumbers: true });
  const place = (jsonPath: string) => ({ file, path: jsonPath, ...document.locate(jsonPath) });
  const resolver = createPolicyResolver(stdin, path === "-" ? process.cwd() : dirname(path));

  const root = document.value;
  let rawCases: unknown[];
  let casesPath: string;
  let shared: PolicySet | undefined;
  if (Array.isArray(root)) {
    rawCases = root;
    casesPath = "$";
  } else if (
    typeof root === "object" &&
    root !== null &&
    Array.isArray((root as { cases?: unknown }).cases)
  ) {
    const record = root as { cases: unknown[]; policies?: unknown };
    rawCases = record.cases;
    casesPath = "$.cases";
    if (record.policies !== undefined) shared = await resolveOrThrow(record.policies, "$.policies");
  } else {
    throw inputError(
      'a test file is an array of cases or { "policies": {...}, "cases": [...] }',
      place("$"),
    );
  }
  if (rawCases.length === 0) throw inputError("has no test cases", place(casesPath));

  async function resolveOrThrow(raw: unknown, jsonPath: string): Promise<PolicySet> {
    try {
      return await resolvePolicySet(raw, resolver, jsonPath);
    } catch (error) {
      const errorPath = (error as { jsonPath?: string }).jsonPath ?? jsonPath;
      const message = (error as { bareMessage?: string }).bareMessage ?? (error as Error).message;
      throw inputError(message, place(errorPath));
    }
  }

  const sharedEngine = shared ? compile(shared) : undefined;
  const cases: CaseResult[] = [];
  for (const [index, raw] of rawCases.entries()) {
    const casePath = `${casesPath}[${index}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw inputError(
        'a test case must be an object (a request with "expected")',
        place(casePath),
      );
    }
    const { expected, name, policies, ...request } = raw as Record<string, unknown>;
    if (!isExpectedDecision(expected)) {
      const got = expected === undefined ? "missing" : JSON.stringify(expected);
      throw inputError(
        `"expected" must be one of ${EXPECTED_DECISIONS.join(", ")} (got ${got})`,
        place(`${casePath}.expected`),
      );
    }
    if (name !== undefined && typeof name !== "string")
      throw inputError('"name" must be a string', place(`${casePath}.name`));
    const position = document.locate(casePath);
    const caseName =
      name ?? `#${index + 1} ${String(request.action)} on ${String(request.resource ?? "*")}`;
    const result: CaseResult = { name: caseName, expected, outcome: "error", ...position };
    let outcome;
    if (policies === undefined) {
      if (!sharedEngine)
        throw inputError(
          'no policies: give top-level "policies" or a "policies" field in the case',
          place(casePath),
        );
      outcome = sharedEngine.evaluate(request as Omit<EvaluationRequest, "policies">);
    } else {
      const own = await resolveOrThrow(policies, `${casePath}.policies`);
      outcome = evaluate({
        ...(request as Omit<EvaluationRequest, "policies">),
        policies: { ...shared, ...own },
      });
    }
    if ("error" in outcome) {
      result.error = locateError(outcome.error, document, casePath);
    } else {
      result.decision = outcome.decision;
      result.decidedBy = outcome.decidedBy;
      result.outcome = matchesExpectation(outcome.decision, expected) ? "pass" : "fail";
    }
    cases.push(result);
  }
  return {
    file,
    cases,
    passed: cases.filter((c) => c.outcome === "pass").length,
    failed: cases.filter((c) => c.outcome === "fail").length,
    errors: cases.filter((c) => c.outcome === "error").length,
    durationMs: performance.now() - started,
  };
}

/** A request error's path is relative to the request: prefix the case's path and find its line. */
function locateError(
  error: EvaluationErrorInfo,
  document: ParsedDocument,
  casePath: string,
): EvaluationErrorInfo {
  if (error.source !== undefined || error.policyName !== undefined || error.path === undefined)
    return error;
  const path = casePath + error.path.replace(/^\$/, "");
  return { ...error, path, ...document.locate(path) };
}
