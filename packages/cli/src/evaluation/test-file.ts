// Runs a policy test file (the format is core's `readTestFile`): reads it from disk or stdin,
// resolves named policies and files, evaluates each case and places every error in the file.
import { dirname } from "node:path";
import {
  compile,
  evaluate,
  inheritPolicies,
  isInvalidTestCase,
  isTestFileError,
  expectationFailure,
  readTestFile,
} from "@iamspec/core";
import type {
  Decision,
  DecidingStatement,
  EvaluationErrorInfo,
  EvaluationRequest,
  ExpectedDecision,
  PolicySet,
  TestFile,
} from "@iamspec/core";
import { inputError } from "../errors.js";
import { parseJsonDocument } from "../input/json-text.js";
import { parseYamlDocument } from "../input/yaml-document.js";
import type { ParsedDocument } from "../input/json-text.js";
import { readText } from "../input/read-text.js";
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
  /** Present when the decision depends on a reading AWS does not document (see core's `uncertain`). */
  uncertain?: true;
  otherDecision?: Decision;
  /** Why the case failed, in words. */
  failure?: string;
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

export interface TestRunOptions {
  /** An uncertain result passes on its fail-safe decision alone (--allow-uncertain). */
  allowUncertain?: boolean;
}

export async function runTestFile(
  path: string,
  stdin: NodeJS.ReadableStream,
  options: TestRunOptions = {},
): Promise<TestFileResult> {
  const started = performance.now();
  const { text, name: file } = await readText(path, stdin);
  const document =
    /\.ya?ml$/i.test(path) || !/^\s*[[{]/.test(text)
      ? await parseYamlDocument(text, file)
      : parseJsonDocument(text, file, { exactNumbers: true });
  const place = (jsonPath: string) => ({ file, path: jsonPath, ...document.locate(jsonPath) });
  const resolver = createPolicyResolver(stdin, path === "-" ? process.cwd() : dirname(path));

  let testFile: TestFile;
  try {
    testFile = readTestFile(document.value);
  } catch (error) {
    if (isTestFileError(error)) throw inputError(error.message, place(error.path));
    throw error;
  }
  const shared =
    testFile.policies === undefined
      ? undefined
      : await resolveOrThrow(testFile.policies, "$.policies");

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
  for (const item of testFile.cases) {
    // A bad case makes the whole file unusable here: a CI gate must not skip a case silently.
    if (isInvalidTestCase(item)) throw inputError(item.problem.message, place(item.problem.path));
    const request = item.request as Omit<EvaluationRequest, "policies">;
    const result: CaseResult = {
      name: item.name,
      expected: item.expected,
      outcome: "error",
      ...document.locate(item.path),
    };
    let outcome;
    if (item.policies === undefined) {
      if (!sharedEngine)
        throw inputError(
          'no policies: give top-level "policies" or a "policies" field in the case',
          place(item.path),
        );
      outcome = sharedEngine.evaluate(request);
    } else {
      const own = await resolveOrThrow(item.policies, `${item.path}.policies`);
      outcome = evaluate({ ...request, policies: inheritPolicies(shared, own)! });
    }
    if ("error" in outcome) {
      result.error = locateError(outcome.error, document, item.path);
    } else {
      result.decision = outcome.decision;
      result.decidedBy = outcome.decidedBy;
      if (outcome.uncertain !== undefined) {
        result.uncertain = outcome.uncertain;
        result.otherDecision = outcome.otherDecision!;
      }
      const failure = expectationFailure(outcome, item.expected, options.allowUncertain === true);
      result.outcome = failure === undefined ? "pass" : "fail";
      if (failure !== undefined) result.failure = failure;
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
