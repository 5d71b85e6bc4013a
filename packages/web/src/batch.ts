// The batch table reads the `iamspec test` format: an array of requests each with `expected`
// (and an optional `name`), or `{ "policies": {…}, "cases": [ … ] }` where cases inherit the
// top-level policies. In the playground a case without any policies uses the page's policies.
import type {
  ContextValue,
  Decision,
  EvaluationOutcome,
  EvaluationRequest,
  PolicySet,
} from "@iamspec/core";

export const EXPECTATIONS = ["Allowed", "ImplicitlyDenied", "ExplicitlyDenied", "Denied"] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

export interface BatchCase {
  /** 0-based position in the file. */
  index: number;
  name?: string;
  request: Omit<EvaluationRequest, "policies"> & { policies?: PolicySet };
  expected: Expectation;
}

export interface BatchCaseError {
  index: number;
  name?: string;
  error: string;
}

export interface BatchFile {
  policies?: PolicySet;
  cases: (BatchCase | BatchCaseError)[];
}

/** Parses a batch file; throws an Error with a one-line message when the file itself is unusable. */
export function parseBatchFile(text: string): BatchFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`The batch file is not valid JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(raw)) return { cases: raw.map(readCase) };
  if (isRecord(raw) && Array.isArray(raw.cases)) {
    if (raw.policies !== undefined && !isRecord(raw.policies)) {
      throw new Error("$.policies must be an object of policy slots (identity, resource, …)");
    }
    const file: BatchFile = { cases: raw.cases.map(readCase) };
    if (raw.policies !== undefined) file.policies = raw.policies as PolicySet;
    return file;
  }
  throw new Error('A batch file is an array of requests, or an object { "policies", "cases" }');
}

function readCase(raw: unknown, index: number): BatchCase | BatchCaseError {
  const where = `case ${index + 1}`;
  if (!isRecord(raw)) return { index, error: `${where}: must be an object` };
  const name = typeof raw.name === "string" ? raw.name : undefined;
  const fail = (error: string): BatchCaseError => ({ index, ...(name ? { name } : {}), error });
  if (typeof raw.action !== "string" || raw.action === "") {
    return fail(`${where}: "action" is required (e.g. "s3:GetObject")`);
  }
  if (!EXPECTATIONS.includes(raw.expected as Expectation)) {
    return fail(`${where}: "expected" must be one of ${EXPECTATIONS.join(", ")}`);
  }
  for (const field of ["principal", "resource"] as const) {
    if (raw[field] !== undefined && typeof raw[field] !== "string") {
      return fail(`${where}: "${field}" must be a string`);
    }
  }
  if (raw.context !== undefined && !isRecord(raw.context)) {
    return fail(`${where}: "context" must be an object of key -> value`);
  }
  if (raw.policies !== undefined && !isRecord(raw.policies)) {
    return fail(`${where}: "policies" must be an object of policy slots`);
  }
  const request: BatchCase["request"] = { action: raw.action };
  if (typeof raw.id === "string" || typeof raw.id === "number") request.id = raw.id;
  if (typeof raw.principal === "string") request.principal = raw.principal;
  if (typeof raw.resource === "string") request.resource = raw.resource;
  if (raw.context) request.context = raw.context as Record<string, ContextValue>;
  if (raw.policies) request.policies = raw.policies as PolicySet;
  return { index, ...(name ? { name } : {}), request, expected: raw.expected as Expectation };
}

/** `Denied` accepts either kind of denial (as `iamspec test` does). */
export function meetsExpectation(expected: Expectation, decision: Decision): boolean {
  if (expected === "Denied") return decision !== "Allowed";
  return expected === decision;
}

export interface BatchRow {
  index: number;
  name?: string;
  action?: string;
  resource?: string;
  expected?: Expectation;
  decision?: Decision;
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
    ...(decidedBy ? { decidedBy } : {}),
    passed: meetsExpectation(item.expected, outcome.decision),
  };
}

function nameOf(item: { name?: string }): { name?: string } {
  return item.name ? { name: item.name } : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
