// What every check gets: the policy type, the optional IAM service data, and `report` to add a diagnostic
// with the catalogue's severity and the source position of the JSON node it is about.
import type { Diagnostic, IamServiceData, PolicyType, SourceLocation } from "../types.js";
import { CHECKS, type CheckCode } from "./checks.js";

/** Hints for reports that have no situation-specific one. */
export const DEFAULT_HINTS: Partial<Record<CheckCode, string>> = {
  DATA_TYPE_MISMATCH:
    'Action, NotAction, Resource and NotResource take a string or a list of strings; Principal takes "*" or an object; Condition takes an object of operators, each an object of keys whose values are strings, numbers or booleans.',
  MISSING_ACTION: 'Add "Action" with the actions the statement is about, e.g. "s3:GetObject".',
  EMPTY_ARRAY_CONDITION_FORALLVALUES:
    "Add the allowed values, or remove the key if it should not limit the statement.",
  EMPTY_ARRAY_CONDITION_FORANYVALUE:
    "Add the values to look for; with none the statement never applies.",
  EMPTY_ARRAY_CONDITION_IFEXISTS:
    "Add the values, or use Null if you only mean to test that the key is missing.",
  EMPTY_ARRAY_PRINCIPAL: "Name the principals, or remove the statement.",
  EMPTY_OBJECT_PRINCIPAL: 'Name the principals, e.g. { "AWS": "arn:aws:iam::111122223333:root" }.',
  FEDERATED_PRINCIPAL_NOT_SUPPORTED:
    "Federated identities get access by assuming a role: trust the provider in the role's trust policy and grant the role here.",
  INVALID_PRINCIPAL_FORMAT:
    'Write "Principal": "*" or an object such as { "AWS": "arn:aws:iam::111122223333:root" }.',
  TYPE_MISMATCH_BOOLEAN: 'Write "true" or "false".',
  TYPE_MISMATCH_STRING: "BinaryEquals compares base-64 encoded bytes, e.g. QmluYXJ5VmFsdWU=.",
  INVALID_SERVICE: "Check the service prefix in the Service Authorization Reference.",
  INVALID_SERVICE_CONDITION_KEY:
    "See the service's condition keys in the Service Authorization Reference.",
  INVALID_CONDITION_OPERATOR:
    "Operators: String…, Numeric…, Date…, Bool, BinaryEquals, IpAddress/NotIpAddress, Arn…, Null, optionally with ForAllValues:/ForAnyValue: and …IfExists.",
  UNSUPPORTED_ACTION_FOR_CONDITION_KEY:
    "Move the condition to a statement with actions that support the key.",
  JSON_SYNTAX_ERROR: "Check for a missing comma, quote or bracket near this position.",
  // Grammar errors come from the parser, which gives some of them no hint.
  MISSING_STATEMENT: 'Add "Statement": [ { "Effect": …, "Action": …, "Resource": … } ].',
  MISSING_RESOURCE: 'Add "Resource" with the ARNs the statement is about (or "*").',
  UNSUPPORTED_ELEMENT_COMBINATION: "Keep one of them.",
  UNSUPPORTED_PRINCIPAL:
    "Remove it: an identity-based policy, permissions boundary or session policy applies to whoever it is attached to.",
  SCP_SYNTAX_ERROR_PRINCIPAL:
    'Remove it; to exempt principals use a condition on "aws:PrincipalArn".',
  MISSING_PRINCIPAL:
    'Add "Principal": { "AWS": "…" } (or "Service", "Federated"); RCP statements use "Principal": "*".',
  DUPLICATE_KEYS_WITH_DIFFERENT_CASE: "Merge their values under one spelling.",
  NULL_WITH_IF_EXISTS: 'Use "Null" alone; it already tests whether the key exists.',
  MISSING_BRACE_IN_VARIABLE: "Write variables as ${aws:username}.",
  EMPTY_VARIABLE: "Write e.g. ${aws:username}.",
  UNSUPPORTED_SPACE_IN_VARIABLE:
    "Spaces are only allowed in the default value: ${aws:PrincipalTag/team, 'default'}.",
  MISSING_QUOTE_IN_VARIABLE:
    "Write the default in single quotes: ${aws:PrincipalTag/team, 'default'}.",
};

export interface ValidationContext {
  policyType: PolicyType;
  serviceData?: IamServiceData;
  /** Whether positions are real (the policy came as JSON text) rather than synthesised from a value. */
  hasPositions: boolean;
  diagnostics: Diagnostic[];
  /** `at` is a place of the located policy: its JSON path, and line/column when the policy came as text. */
  report(code: CheckCode, at: SourceLocation, message: string, hint?: string): void;
}

export function createContext(
  policyType: PolicyType,
  serviceData: IamServiceData | undefined,
  hasPositions: boolean,
): ValidationContext {
  const diagnostics: Diagnostic[] = [];
  return {
    policyType,
    serviceData,
    hasPositions,
    diagnostics,
    report(code, at, message, hint) {
      const diagnostic: Diagnostic = {
        code,
        severity: CHECKS[code].severity,
        message,
        path: at.path,
      };
      if (hasPositions && at.line !== undefined) {
        diagnostic.line = at.line;
        diagnostic.column = at.column;
      }
      diagnostic.hint = hint ?? DEFAULT_HINTS[code] ?? CHECKS[code].title;
      diagnostics.push(diagnostic);
    },
  };
}
