export {
  EXPECTED_DECISIONS,
  expectationFailure,
  isExpectedDecision,
  matchesExpectation,
} from "./expectations.js";
export type { ExpectationSubject, ExpectedDecision } from "./expectations.js";
export { readTestFile, isInvalidTestCase, isTestFileError } from "./test-file.js";
export type {
  InvalidTestCase,
  TestCase,
  TestFile,
  TestFileError,
  TestFileProblem,
} from "./test-file.js";
export { inheritPolicies } from "./inherit-policies.js";
