// Reading points: places where a decision rests on a reading AWS does not document, or on a statement
// that cannot be evaluated. iamspec takes the fail-safe reading; decide() evaluates the request once
// more under the other reading when one of these points was reached, and marks the result uncertain
// when the two decisions differ. docs/uncertain-readings.md lists them in words.
import type { UncertainReading } from "../types.js";

/** The reading points, each with the reading iamspec takes, the other one and where it is discussed. */
export interface ReadingPoint {
  code: string;
  /** What iamspec reads (fail-safe), for Allow and Deny statements where they differ. */
  taken: string;
  other: string;
  source: string;
}

const DOC = "docs/uncertain-readings.md";
const CONDITIONS_PAGE =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html";
const VARIABLES_PAGE =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html";

export const READING_POINTS = {
  CONDITION_VALUE_UNREADABLE: {
    code: "CONDITION_VALUE_UNREADABLE",
    taken: "the condition cannot be evaluated: an Allow does not count, a Deny applies",
    other:
      "the reading that favours the request: the Allow applies (the value is read as matching), the Deny does not (as not matching)",
    source: `${DOC}#condition-values-that-do-not-parse (DIFFERENCES.md group 4; ${CONDITIONS_PAGE})`,
  },
  FOR_ANY_VALUE_IF_EXISTS_ABSENT: {
    code: "FOR_ANY_VALUE_IF_EXISTS_ABSENT",
    taken:
      "ForAnyValue and IfExists disagree on a missing key: an Allow does not count, a Deny applies",
    other:
      "the reading that favours the request: the Allow applies (IfExists), the Deny does not (ForAnyValue)",
    source: `${DOC}#foranyvalueifexists-on-a-missing-key (DIFFERENCES.md group 18; ${CONDITIONS_PAGE})`,
  },
  NOT_RESOURCE_UNRESOLVED_VARIABLE: {
    code: "NOT_RESOURCE_UNRESOLVED_VARIABLE",
    taken:
      "a NotResource entry with a variable without value makes the statement unevaluable: an Allow does not count, a Deny applies",
    other:
      "the reading that favours the request: the Allow applies (the entry excludes nothing), the Deny does not (the statement is invalid)",
    source: `${DOC}#notresource-with-a-variable-that-has-no-value (DIFFERENCES.md groups 9 and 17; ${VARIABLES_PAGE})`,
  },
  EMPTY_NOT_ELEMENT: {
    code: "EMPTY_NOT_ELEMENT",
    taken:
      "an empty NotAction or NotResource list makes the statement unevaluable: an Allow does not count, a Deny applies",
    other:
      "the reading that favours the request: the Allow applies (the list excludes nothing), the Deny does not (the statement is invalid)",
    source: `${DOC}#empty-notaction-and-notresource (DIFFERENCES.md group 17)`,
  },
  REQUEST_WITHOUT_PRINCIPAL: {
    code: "REQUEST_WITHOUT_PRINCIPAL",
    taken:
      "a Deny that names principals may name the caller, whom the request does not give: it applies",
    other: "the Deny does not name the caller",
    source: `${DOC}#a-request-without-a-principal`,
  },
  STATEMENT_NOT_EVALUABLE: {
    code: "STATEMENT_NOT_EVALUABLE",
    taken: "the statement cannot be evaluated: an Allow does not count, a Deny applies",
    other: "the Allow applies, the Deny does not",
    source: `${DOC}#statements-that-cannot-be-evaluated`,
  },
  WILDCARD_GRANT_UNDER_LIMITS: {
    code: "WILDCARD_GRANT_UNDER_LIMITS",
    taken:
      'a "Principal": "*" grant without aws:PrincipalArn is limited by the permissions boundary and session policy',
    other: "the grant is not limited by them",
    source: `${DOC}#principal--grants-and-boundaries-or-session-policies (DIFFERENCES.md group 20; https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html)`,
  },
  NOT_PRINCIPAL_ACCOUNT_ONLY: {
    code: "NOT_PRINCIPAL_ACCOUNT_ONLY",
    taken:
      "a Deny + NotPrincipal that lists the caller's account but not the caller applies to the caller",
    other: "the account entry exempts every principal of the account: the Deny does not apply",
    source: `${DOC}#deny--notprincipal-listing-only-the-account (DIFFERENCES.md group 14; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html)`,
  },
} as const satisfies Record<string, ReadingPoint>;

export type ReadingCode = keyof typeof READING_POINTS;

/** The reading point of an unevaluable statement, from the reason match-statement gives. */
export function readingOfReason(reason: string | undefined): ReadingCode {
  if (reason === undefined) return "STATEMENT_NOT_EVALUABLE";
  if (reason.includes("whether IfExists (true) or ForAnyValue (false) decides"))
    return "FOR_ANY_VALUE_IF_EXISTS_ABSENT";
  if (reason.startsWith("NotResource entry ")) return "NOT_RESOURCE_UNRESOLVED_VARIABLE";
  if (reason.startsWith("an empty NotAction") || reason.startsWith("an empty NotResource"))
    return "EMPTY_NOT_ELEMENT";
  if (reason.startsWith("the request has no principal")) return "REQUEST_WITHOUT_PRINCIPAL";
  if (reason.startsWith("condition ")) return "CONDITION_VALUE_UNREADABLE";
  return "STATEMENT_NOT_EVALUABLE";
}

/** One reached reading point, for the result. */
export function uncertainReading(code: ReadingCode, where: string, why?: string): UncertainReading {
  const point = READING_POINTS[code];
  return {
    code,
    where: why !== undefined ? `${where}: ${why}` : where,
    reading: point.taken,
    otherReading: point.other,
    source: point.source,
  };
}
