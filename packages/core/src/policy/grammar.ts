// The element names of the IAM policy grammar (docs/evaluation-rules.md §1.1), shared by the parser and the
// validator so that both accept and reject exactly the same elements.
import type { PolicyVersion, PrincipalKind } from "../types.js";

export const POLICY_ELEMENTS: readonly string[] = ["Version", "Id", "Statement"];

export const STATEMENT_ELEMENTS: readonly string[] = [
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
];

export const PRINCIPAL_KINDS: readonly PrincipalKind[] = [
  "AWS",
  "Service",
  "Federated",
  "CanonicalUser",
];

/** The only two valid `Version` values (docs/evaluation-rules.md §1.2). */
export const POLICY_VERSIONS: readonly PolicyVersion[] = ["2012-10-17", "2008-10-17"];

/** Shared by the parser and the validator's resource-policy lint, so the code reads the same from both. */
export const MISSING_RESOURCE_MESSAGE = 'Statement has neither "Resource" nor "NotResource"';
