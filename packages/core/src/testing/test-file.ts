// The `iamspec test` file format: an array of requests, each with `expected` and an optional
// `name`; or `{ "policies": {...}, "cases": [...] }` where each case inherits the top-level
// policies. Reading works on the parsed JSON value and reports JSON paths, so a caller that
// parsed with `parseJson` can turn every problem into a file, line and column.
import { jsonPathAppend } from "../json/path.js";
import { EXPECTED_DECISIONS, isExpectedDecision } from "./expectations.js";
import type { ExpectedDecision } from "./expectations.js";

/** A problem with a test file, at a JSON path such as `$.cases[2].expected`. */
export interface TestFileProblem {
  message: string;
  path: string;
}

export interface TestCase {
  /** 0-based position in the file. */
  index: number;
  /** JSON path of the case, e.g. `$.cases[3]`. */
  path: string;
  /** The case's `name`, or one made from its position, action and resource. */
  name: string;
  /** True when `name` was given in the file. */
  named: boolean;
  expected: ExpectedDecision;
  /** The request fields of the case (everything but `expected`, `name` and `policies`). */
  request: { readonly [field: string]: unknown };
  /** The case's own `policies`, unresolved, at `${path}.policies`; absent when it has none. */
  policies?: unknown;
}

/** A case that cannot be run: the file is usable, this one entry is not. */
export interface InvalidTestCase {
  index: number;
  path: string;
  name?: string;
  problem: TestFileProblem;
}

export interface TestFile {
  /** The top-level `policies`, unresolved, at `$.policies`; absent when the file has none. */
  policies?: unknown;
  /** `$` for an array file, `$.cases` for `{ policies, cases }`. */
  casesPath: string;
  /** In file order; a bad case does not hide the others. */
  cases: (TestCase | InvalidTestCase)[];
}

export type TestFileError = Error & { path: string };

export function isTestFileError(error: unknown): error is TestFileError {
  return error instanceof Error && typeof (error as { path?: unknown }).path === "string";
}

function testFileError(message: string, path: string): TestFileError {
  return Object.assign(new Error(message), { path });
}

export function isInvalidTestCase(item: TestCase | InvalidTestCase): item is InvalidTestCase {
  return "problem" in item;
}

/**
 * Reads a parsed test file. Throws a `TestFileError` (message and JSON path) when the file as a
 * whole is unusable (wrong shape, no cases); a bad case becomes an `InvalidTestCase` in place.
 */
export function readTestFile(root: unknown): TestFile {
  let rawCases: readonly unknown[];
  let casesPath: string;
  let policies: unknown;
  if (Array.isArray(root)) {
    rawCases = root;
    casesPath = "$";
  } else if (isRecord(root) && Array.isArray(root.cases)) {
    rawCases = root.cases;
    casesPath = "$.cases";
    policies = root.policies;
  } else {
    throw testFileError(
      'a test file is an array of cases or { "policies": {...}, "cases": [...] }',
      "$",
    );
  }
  if (rawCases.length === 0) throw testFileError("has no test cases", casesPath);
  return {
    ...(policies !== undefined && { policies }),
    casesPath,
    cases: rawCases.map((raw, index) => readTestCase(raw, index, jsonPathAppend(casesPath, index))),
  };
}

function readTestCase(raw: unknown, index: number, path: string): TestCase | InvalidTestCase {
  const invalid = (message: string, at: string, name?: string): InvalidTestCase => ({
    index,
    path,
    ...(name !== undefined && { name }),
    problem: { message, path: at },
  });
  if (!isRecord(raw)) {
    return invalid('a test case must be an object (a request with "expected")', path);
  }
  const { expected, name, policies, ...request } = raw;
  const givenName = typeof name === "string" ? name : undefined;
  if (!isExpectedDecision(expected)) {
    const got = expected === undefined ? "missing" : JSON.stringify(expected);
    return invalid(
      `"expected" must be one of ${EXPECTED_DECISIONS.join(", ")} (got ${got})`,
      `${path}.expected`,
      givenName,
    );
  }
  if (name !== undefined && typeof name !== "string") {
    return invalid('"name" must be a string', `${path}.name`);
  }
  return {
    index,
    path,
    name:
      givenName ?? `#${index + 1} ${String(request.action)} on ${String(request.resource ?? "*")}`,
    named: givenName !== undefined,
    expected,
    request,
    ...(policies !== undefined && { policies }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
