// An evaluation error from core as one line: the policy file and its line when the error is
// inside a policy, else the request file and the line of the JSON path.
import type { EvaluationErrorInfo } from "@iamspec/core";
import { withPlace } from "../errors.js";
import type { ParsedDocument } from "../input/json-text.js";

export function describeOutcomeError(
  error: EvaluationErrorInfo,
  file?: string,
  document?: ParsedDocument,
): string {
  if (error.source !== undefined || error.policyName !== undefined) {
    const policy = error.source ?? error.policyName;
    return withPlace(error.message, {
      ...(policy !== undefined && { file: policy }),
      ...(error.line !== undefined && { line: error.line }),
      ...(error.column !== undefined && { column: error.column }),
      ...(error.path !== undefined && { path: error.path }),
    });
  }
  const located =
    error.path !== undefined && error.line === undefined ? document?.locate(error.path) : undefined;
  return withPlace(error.message, {
    ...(file !== undefined && { file }),
    ...(error.line !== undefined && { line: error.line }),
    ...(error.column !== undefined && { column: error.column }),
    ...located,
    ...(error.path !== undefined && { path: error.path }),
  });
}
