// The batch table reads the `iamspec test` format: an array of requests each with `expected`
// (and an optional `name`), or `{ "policies": {…}, "cases": [ … ] }` where cases inherit the
// top-level policies layer by layer. The format is core's (`readTestFile`); this adds the table
// rows. In the playground a case without any policies uses the page's policies.
import {
  isInvalidTestCase,
  isTestFileError,
  expectationFailure,
  readTestFile,
} from "@iamspec/core";
import type {
  ContextValue,
  Decision,
  EvaluationOutcome,
  EvaluationRequest,
  ExpectedDecision,
  InvalidTestCase,
  TestCase,
  TestFile,
} from "@iamspec/core";

export interface BatchCase {
  /** 0-based position in the file. */
  index: number;
  /** JSON path of the case in the file, e.g. `$.cases[2]`. */
  path: string;
  name?: string;
  request: Omit<EvaluationRequest, "policies">;
  /** The case's own policies, unresolved (they may name bundled policies). */
  policies?: unknown;
  expected: ExpectedDecision;
}

export interface BatchCaseError {
  index: number;
  name?: string;
  error: string;
}

export interface BatchFile {
  /** The top-level policies, unresolved. */
  policies?: unknown;
  cases: (BatchCase | BatchCaseError)[];
}

/**
 * Parses a batch file with core's test-file reader; throws an Error with a one-line message when
 * the file itself is unusable. A bad case becomes that row's error, so the others still run.
 */
export function parseBatchFile(text: string): BatchFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`The batch file is not valid JSON: ${(error as Error).message}`);
  }
  let file: TestFile;
  try {
    file = readTestFile(raw);
  } catch (error) {
    if (isTestFileError(error)) throw new Error(`The batch file (${error.path}): ${error.message}`);
    throw error;
  }
  return {
    ...(file.policies !== undefined && { policies: file.policies }),
    cases: file.cases.map(readCase),
  };
}

function readCase(item: TestCase | InvalidTestCase): BatchCase | BatchCaseError {
  const where = `case ${item.index + 1}`;
  if (isInvalidTestCase(item)) {
    return { index: item.index, ...nameOf(item), error: `${where}: ${item.problem.message}` };
  }
  const raw = item.request;
  const name = item.named ? item.name : undefined;
  const fail = (error: string): BatchCaseError => ({
    index: item.index,
    ...nameOf({ name }),
    error,
  });
  // The request fields are checked here, before evaluating, so a row says which case and field.
  if (typeof raw.action !== "string" || raw.action === "") {
    return fail(`${where}: "action" is required (e.g. "s3:GetObject")`);
  }
  for (const field of ["principal", "resource"] as const) {
    if (raw[field] !== undefined && typeof raw[field] !== "string") {
      return fail(`${where}: "${field}" must be a string`);
    }
  }
  if (raw.context !== undefined && !isRecord(raw.context)) {
    return fail(`${where}: "context" must be an object of key -> value`);
  }
  const request: BatchCase["request"] = { action: raw.action };
  if (typeof raw.id === "string" || typeof raw.id === "number") request.id = raw.id;
  if (typeof raw.principal === "string") request.principal = raw.principal;
  if (typeof raw.resource === "string") request.resource = raw.resource;
  if (raw.context) request.context = raw.context as Record<string, ContextValue>;
  return {
    index: item.index,
    path: item.path,
    ...nameOf({ name }),
    request,
    ...(item.policies !== undefined && { policies: item.policies }),
    expected: item.expected,
  };
}

export interface BatchRow {
  index: number;
  name?: string;
  action?: string;
  resource?: string;
  expected?: ExpectedDecision;
  decision?: Decision;
  /** For an uncertain result: the decision under the other reading. */
  otherDecision?: Decision;
  /** The deciding statements, `Sid (policy)`. */
  decidedBy?: string;
  error?: string;
  passed: boolean;
}

export function rowFor(
  item: BatchCase | BatchCaseError,
  outcome?: EvaluationOutcome | Error,
): BatchRow {
  if ("error" in item)
    return { index: item.index, ...nameOf(item), error: item.error, passed: false };
  const base = {
    index: item.index,
    ...nameOf(item),
    action: item.request.action,
    resource: item.request.resource ?? "*",
    expected: item.expected,
  };
  if (outcome === undefined) return { ...base, error: "not run", passed: false };
  if (outcome instanceof Error) return { ...base, error: outcome.message, passed: false };
  if ("error" in outcome) {
    const at = outcome.error.line ? ` (line ${outcome.error.line})` : "";
    return { ...base, error: `${outcome.error.message}${at}`, passed: false };
  }
  const decidedBy = outcome.decidedBy
    .map((d) => `${d.sid ?? `statement ${d.statementIndex + 1}`} (${d.policyName ?? d.policyType})`)
    .join(", ");
  return {
    ...base,
    decision: outcome.decision,
    ...(outcome.uncertain === true && { otherDecision: outcome.otherDecision! }),
    ...(decidedBy ? { decidedBy } : {}),
    // An uncertain result passes only when the other reading's decision meets the expectation too.
    passed: expectationFailure(outcome, item.expected) === undefined,
  };
}

function nameOf(item: { name?: string }): { name?: string } {
  return item.name ? { name: item.name } : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
